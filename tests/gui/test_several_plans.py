"""A hospital physician with a 403(b) and a governmental 457(b) walks the wizard: adds the second plan on
the employer page, names it, fills it in, sees each plan's room, and gets one action plan (wizard, JSON,
PDF) whose Mega Backdoor steps name the plan and employer chosen. Then removes the plan again.

Figures (2026, tax-rules.md 2.10 and E7): 403(b) room = 72,000 - 24,500 - 15,000 = 32,500; a governmental
457(b) has its own limit (IRC 457(e)(15)) and takes no after-tax money: room 0.
"""

from __future__ import annotations

import datetime as dt
import json

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPushButton, QWidget

from rothwizard.core.flow import Step

OPEN = {"after_tax_contributions": True, "in_plan_roth_conversion": True, "in_service_distributions": True,
        "accepts_roll_ins": True, "roth_deferrals": True}


def physician() -> dict:
    return {
        "tax_year": 2026, "filing_status": "single", "magi": 450000,
        "you": {"age": 45, "compensation": 450000,
                "ira": {"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0},
                "employer_plan": {"employer": "County Hospital", "type": "403b", "elective_deferrals": 24500,
                                  "employer_contributions": 15000, "plan_compensation": 400000,
                                  "features": OPEN}},
    }


def field(wizard, name: str) -> QWidget:
    widget = wizard.currentPage().findChild(QWidget, name)
    assert widget is not None, name
    return widget


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """As a person types: select all, delete, type, leave the field."""
    assert widget.isVisible() and widget.accessibleName()
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)
    widget.editingFinished.emit()


def test_two_plan_physician_through_the_wizard(qtbot, dialogs, tmp_path):
    from rothwizard.core.actionplan.export import export_json
    from rothwizard.gui import create_wizard
    from rothwizard.report import export_pdf

    wizard = create_wizard(physician())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    while wizard.currentId() != int(Step.EMPLOYER):
        wizard.next()
    # one plan: the page as before, named after its field paths
    assert field(wizard, "you.employer_plan.employer").text() == "County Hospital"
    qtbot.mouseClick(field(wizard, "you.add_plan"), Qt.MouseButton.LeftButton)
    # two plans: both in employer_plans, each input named after its path
    assert field(wizard, "you.employer_plans.0.employer").text() == "County Hospital"
    type_into(qtbot, field(wizard, "you.employer_plans.1.employer"), "County Hospital")
    kind = field(wizard, "you.employer_plans.1.type")
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("457b"))
    type_into(qtbot, field(wizard, "you.employer_plans.1.elective_deferrals"), "24500")
    type_into(qtbot, field(wizard, "you.employer_plans.1.plan_compensation"), "400000")
    data = wizard.state.data["you"]
    assert data.get("employer_plan") is None and len(data["employer_plans"]) == 2
    assert data["employer_plans"][1] == {"employer": "County Hospital", "type": "457b",
                                         "elective_deferrals": "24500", "plan_compensation": "400000"}
    page = wizard.currentPage()
    rooms = [page.findChild(QLabel, f"figure.you.plans.{i}.room").text() for i in (0, 1)]
    assert rooms == ["$32,500", "$0"]
    assert wizard.currentPage().isComplete()
    report = wizard.state.report.you
    assert "excess_deferral" not in [w.code for w in report.warnings]  # separate 457(b) limit
    assert report.mega_backdoor.plan_index == 0
    wizard.currentPage().body.grab().save(str(tmp_path / "employer.png"))

    while wizard.currentId() != int(Step.SUMMARY):
        wizard.next()
    plan = wizard.state.plan
    assert plan is not None and len(plan.you.employer_plans) == 2

    # the JSON action plan and the PDF: the Mega Backdoor steps name the plan and employer chosen
    out = export_json(plan, wizard.state.report, tmp_path / "plan.json", today=dt.date(2026, 1, 5))
    exported = json.loads(out.read_text())
    steps = exported["people"][0]["steps"]
    assert any(s["strategy"] == "mega_backdoor_roth" and s["action"] == "contribute" and s["amount"] == 32500
               for s in steps)
    pdf = tmp_path / "plan.pdf"
    export_pdf(plan, wizard.state.report, pdf)
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Mega Backdoor Roth (County Hospital 403(b))" in " ".join(text.split())
    assert "County Hospital 457(b)" in text

    # back to the employer page: remove the 457(b); one plan is left, as employer_plan again
    while wizard.currentId() != int(Step.EMPLOYER):
        wizard.back()
    remove = field(wizard, "remove.you.employer_plans.1")
    assert isinstance(remove, QPushButton)
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    data = wizard.state.data["you"]
    assert "employer_plans" not in data and data["employer_plan"]["type"] == "403b"
    qtbot.waitUntil(lambda: wizard.currentPage().findChild(QWidget, "you.employer_plan.employer") is not None)
    wizard.state.set_dirty(False)


def test_several_plans_are_saved_and_reopened_as_entered(qtbot, dialogs, tmp_path):
    """The file holds employer_plans as entered (no employer_plan beside it); a plan added and not filled
    in yet is saved as a draft and reopened where it was."""
    from rothwizard.gui import create_wizard

    data = physician()
    first = data["you"].pop("employer_plan")
    data["you"]["employer_plans"] = [first, {"employer": "County Hospital", "type": "457b",
                                             "elective_deferrals": 1000}]
    wizard = create_wizard(data)
    qtbot.addWidget(wizard)
    path = tmp_path / "two.rothplan.json"
    assert wizard.save_to(path)
    saved = json.loads(path.read_text())["you"]
    assert saved.get("employer_plan") is None
    assert [p["type"] for p in saved["employer_plans"]] == ["403b", "457b"]
    again = create_wizard(path)
    qtbot.addWidget(again)
    assert [p.room for p in again.state.report.you.plans] == [32500, 0]

    wizard.state.add_plan("you")  # a third plan, nothing typed yet: a draft
    draft = tmp_path / "draft.rothplan.json"
    assert wizard.save_to(draft)
    assert json.loads(draft.read_text())["you"]["employer_plans"][2] == {}
    reopened = create_wizard()
    qtbot.addWidget(reopened)
    dialogs["answers"].append(QMessageBox.StandardButton.Open)  # it is open in the first window too
    assert reopened.open_path(draft)
    assert reopened.state.draft and reopened.currentId() == int(Step.EMPLOYER)
    for w in (wizard, again, reopened):
        w.state.set_dirty(False)


def test_solo_401k_of_an_s_corporation_and_the_plans_age_60_to_63_catch_up(qtbot, dialogs):
    """The two questions shown only where they apply. A solo 401(k)'s employer limit on $100,000 of plan
    compensation: a sole proprietor 20% = $20,000 (Pub. 560 rate table, IRC 404(a)(8)(D)), so $25,000
    is too much; an S corporation owner 25% of W-2 pay = $25,000 (IRC 404(a)(3)(A)(i)), so it fits."""
    from rothwizard.gui import create_wizard

    data = physician()
    data["you"]["employer_plan"] = {"employer": "Night Shifts PC", "type": "solo_401k", "elective_deferrals": 24500,
                                    "employer_contributions": 25000, "plan_compensation": 100000,
                                    "features": OPEN}
    wizard = create_wizard(data)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_to(Step.EMPLOYER)
    assert wizard.currentId() == Step.EMPLOYER

    def codes() -> set[str]:
        return {w.code for w in wizard.state.person_report("you").warnings}

    s_corp = field(wizard, "you.employer_plan.s_corporation")
    super_catch_up = field(wizard, "you.employer_plan.features.super_catch_up")
    assert s_corp.isVisible() and s_corp.accessibleName() and not super_catch_up.isVisible()  # age 45
    assert "excess_employer_contribution" in codes()
    s_corp.click()
    assert wizard.state.get("you.employer_plan.s_corporation") is True
    assert "excess_employer_contribution" not in codes()

    box = field(wizard, "you.employer_plan.type")
    box.setCurrentIndex(box.findData("401k"))
    assert not s_corp.isVisible()
    wizard.state.set("you.age", 61)
    wizard.currentPage().refresh()
    assert super_catch_up.isVisible()
    wizard.state.set_dirty(False)
