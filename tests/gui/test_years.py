"""The wizard with a plan file of several years: the ledger on the summary page, the next year started
from the last one, the file saved with every year, and the basis carried into the year edited.

Figures: tax-rules.md E10 (2025 line 14 = 7,000 carried to 2026 line 2; 2026 line 8 14,500)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rothwizard.core.flow import Step

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _open(qtbot, tmp_path, name="years-split-contribution"):
    from rothwizard.gui import create_wizard

    path = tmp_path / f"{name}.rothplan.json"
    shutil.copy(EXAMPLES / f"{name}.rothplan.json", path)
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    assert wizard.open_path(path)
    return wizard, path


def test_split_year_file_opens_on_its_last_year_with_the_basis_carried(qtbot, dialogs, tmp_path):
    wizard, _path = _open(qtbot, tmp_path)
    assert wizard.state.data["tax_year"] == 2026 and len(wizard.state.earlier_years) == 1
    assert "prior_basis" not in wizard.state.data["you"]["ira"]  # left out: carried
    assert wizard.state.report.you.form_8606.line_2 == 7000
    assert wizard.state.report.you.form_8606.line_18 == 0
    wizard.go_to(Step.SUMMARY)
    table = wizard.findChild(type(wizard.currentPage().years.table), "years.ledger")
    rows = [[table.item(r, c).text() for c in (0, 2, 3, 4, 5, 7)] for r in range(table.rowCount())]
    assert rows == [["2025", "$7,000", "$7,000", "$0", "$0", "$7,000"],
                    ["2026", "$7,500", "$0", "$7,000", "$14,500", "$0"]]
    assert "$14,500" in wizard.currentPage().view.toPlainText()


def test_add_the_next_year_and_save_every_year(qtbot, dialogs, tmp_path):
    wizard, path = _open(qtbot, tmp_path)
    wizard.go_to(Step.SUMMARY)
    button = wizard.currentPage().years.add_button
    assert button.objectName() == "years.add_next" and "2027" in button.text()
    button.click()
    assert wizard.state.data["tax_year"] == 2027 and wizard.state.data["you"]["age"] == 46
    assert [y["tax_year"] for y in wizard.state.earlier_years] == [2025, 2026]
    assert wizard.save_to(path)
    saved = json.loads(path.read_text())
    assert [y["tax_year"] for y in saved["years"]] == [2025, 2026, 2027]
    assert "prior_basis" not in saved["years"][1]["you"]["ira"]
    assert "prior_basis" not in saved["years"][2]["you"]["ira"]
    from rothwizard.core.ledger import compute_any, load_any

    out = compute_any(load_any(path))
    assert [r.basis_carried for r in out.ledger] == [7000, 0, 0]
    assert not [w for r in out.years for w in r.you.warnings if w.code == "basis_mismatch"]


def test_export_pdf_from_the_wizard_covers_every_year(qtbot, dialogs, tmp_path, monkeypatch):
    import subprocess

    from PySide6.QtWidgets import QFileDialog

    wizard, _path = _open(qtbot, tmp_path)
    out = tmp_path / "plan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), a[3] if len(a) > 3 else ""))
    monkeypatch.setattr(wizard, "offer_to_open", lambda p: None)
    assert wizard.export_pdf()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "Basis ledger" in text and "2025" in text and "$14,500" in text


import pytest  # noqa: E402


@pytest.mark.parametrize("name, shown, kept", [
    ("years-rebuilt-basis", ["Forms 8606 to file now: 2023, 2024, 2025", "20,496", "$50"], "basis_history"),
    ("excess-roth-contribution", ["fixing the excess Roth contribution", "$7,650", "October 15, 2027"],
     "excess_fix"),
    ("wrong-1099r-code", ["the forms that arrived", "Code 1 says an early distribution", "line 4b"],
     "forms_1099r"),
])
def test_records_plans_through_the_wizard(qtbot, dialogs, tmp_path, monkeypatch, name, shown, kept):
    """Each case opens in the wizard, the summary page shows what RothWizard works out from the records,
    Save keeps the records, and Export PDF prints them."""
    import subprocess

    from PySide6.QtWidgets import QFileDialog

    wizard, path = _open(qtbot, tmp_path, name)
    wizard.go_to(Step.SUMMARY)
    assert wizard.currentId() == Step.SUMMARY
    text = wizard.currentPage().view.toPlainText()
    for piece in shown:
        assert piece in text, piece
    assert wizard.save_to(path)
    saved = json.loads(path.read_text())
    year = saved["years"][-1] if "years" in saved else saved
    assert year["you"][kept]
    out = tmp_path / "plan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), a[3] if len(a) > 3 else ""))
    monkeypatch.setattr(wizard, "offer_to_open", lambda p: None)
    assert wizard.export_pdf()
    pdf = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60).stdout
    assert shown[1] in pdf


def test_rebuilt_basis_reaches_line_2_in_the_wizard(qtbot, dialogs, tmp_path):
    """years-rebuilt-basis: 2025 line 14 rebuilt = 4 (see tests/core/test_records.py) is 2026 line 2 on
    every page, with no basis_mismatch (the prior basis was left out)."""
    wizard, _path = _open(qtbot, tmp_path, "years-rebuilt-basis")
    assert wizard.state.report.you.form_8606.line_2 == 4
    wizard.go_to(Step.SUMMARY)
    assert "basis_mismatch" not in [w.code for w in wizard.currentPage().action_plan.warnings]


def test_an_autosave_keeps_the_earlier_years(qtbot, dialogs, data_dir, tmp_path):
    """A crash while editing the last year of a file with years: the restored work still has the earlier
    years, and saving writes every year (nothing lost)."""
    from PySide6.QtWidgets import QMessageBox

    from rothwizard.gui import create_wizard, storage

    wizard, path = _open(qtbot, tmp_path)
    wizard.state.set("magi", 410000)
    snap = json.loads(json.dumps(wizard.snapshot()))
    (data_dir / storage.AUTOSAVES).mkdir(parents=True, exist_ok=True)
    (data_dir / storage.AUTOSAVES / "1-gone.json").write_text(json.dumps(snap))
    wizard.state.set_dirty(False)
    again = create_wizard()
    qtbot.addWidget(again)
    dialogs["answers"].append(QMessageBox.StandardButton.Yes)
    assert again.offer_restore()
    assert [y["tax_year"] for y in again.state.earlier_years] == [2025]
    assert again.state.report.you.form_8606.line_2 == 7000
    out = tmp_path / "restored.rothplan.json"
    assert again.save_to(out)
    assert [y["tax_year"] for y in json.loads(out.read_text())["years"]] == [2025, 2026]


def test_a_1099r_typed_in_the_wizard_is_checked(qtbot, dialogs, tmp_path):
    """The person types the Form 1099-R that arrived (box 1 7,500, code 1, IRA box): the summary says
    code 1 is wrong for a conversion at 45 (code 2 expected; Form 1099-R instructions) and lists Form 1040
    line 4a 7,500 and 4b 0; Save keeps the form."""
    from rothwizard.gui import create_wizard

    path = tmp_path / "p.rothplan.json"
    shutil.copy(EXAMPLES / "single-backdoor-only.rothplan.json", path)
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    assert wizard.open_path(path)
    wizard.go_to(Step.SUMMARY)
    page = wizard.currentPage()
    panel = page.forms
    panel.box_1.setText("7,500")
    panel.box_2a.setText("7500")
    panel.box_2b.setChecked(True)
    panel.box_7.setCurrentText("1")
    qtbot.mouseClick(panel.add_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    assert wizard.state.get("you.forms_1099r")[0]["box_7"] == ["1"]
    text = page.view.toPlainText()
    assert "Code 1 says an early distribution" in text and "expected code is 2" in text
    assert "line 4a" in text
    assert wizard.save_to(path)
    assert json.loads(path.read_text())["you"]["forms_1099r"][0]["box_1"] == 7500
    panel.box_7.setCurrentText("2")
    panel.clear_button.click()
    assert not wizard.state.get("you.forms_1099r")


def test_lost_basis_typed_in_the_wizard_reaches_line_2(qtbot, dialogs, tmp_path):
    """The person types three earlier years (Form 5498 box 1 6,500 / 7,000 / 7,000; Dec 31 values 6,600 /
    13,900 / 0; 21,000 converted in 2025; no Form 8606 filed). By hand (Form 8606 instructions, lines 1-14;
    the same years as tests/core/test_records.py): 2023 line 14 = 6,500; 2024 line 14 = 13,500; 2025 line 3
    = 20,500, line 10 = 20,500 / 21,000 = 0.976, line 11 = 21,000 x 0.976 = 20,496, line 14 = 4. So 2026
    line 2 is 4 and Forms 8606 for 2023, 2024 and 2025 are to be filed now ("Who Must File"). Save and
    reopen keep the years; removing one tells the person the years must follow one another."""
    from PySide6.QtCore import Qt

    from rothwizard.gui import create_wizard

    path = tmp_path / "p.rothplan.json"
    shutil.copy(EXAMPLES / "single-backdoor-only.rothplan.json", path)
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    assert wizard.open_path(path)
    wizard.state.set("tax_year", 2026)
    wizard.state.set("you.ira.prior_basis", None)
    wizard.go_to(Step.SUMMARY)
    page = wizard.currentPage()
    panel = page.basis
    assert panel.findChild(type(panel.tax_year), "basis_history.contributions") is panel.amounts["contributions"]
    assert panel.tax_year.text() == "2025"  # the year before the plan's, to start with
    for year, box_1, converted, value, in (("2025", "7,000", "21000", "0"), ("2024", "7000", "", "13,900"),
                                           ("2023", "$6,500", "", "6600")):
        assert panel.tax_year.text() == year  # each time, the year before the earliest entered
        qtbot.keyClicks(panel.amounts["contributions"], box_1)
        qtbot.keyClicks(panel.amounts["conversions"], converted)
        qtbot.keyClicks(panel.amounts["value_dec31"], value)
        panel.filed.setCurrentIndex(2)  # "No"
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert [y["tax_year"] for y in wizard.state.get("you.basis_history")] == [2023, 2024, 2025]
    assert wizard.state.report.you.form_8606.line_2 == 4
    assert "Basis rebuilt (Form 8606 line 2): $4." in panel.message.text()
    assert "2023, 2024, 2025" in panel.message.text()
    assert "the basis rebuilt from your records" in page.view.toPlainText()
    assert wizard.save_to(path)
    saved = json.loads(path.read_text())["you"]["basis_history"]
    assert saved[2] == {"tax_year": 2025, "contributions": 7000, "conversions": 21000, "form_8606_filed": False}
    assert "prior_basis" not in json.loads(path.read_text())["you"]["ira"]  # left out: the rebuilt basis
    again = create_wizard()
    qtbot.addWidget(again)
    dialogs["answers"].append(__import__("PySide6.QtWidgets", fromlist=["QMessageBox"]).QMessageBox.StandardButton.Open)
    assert again.open_path(path)
    assert again.state.report.you.form_8606.line_2 == 4
    panel.tax_year.setText("2024")
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [y["tax_year"] for y in wizard.state.get("you.basis_history")] == [2023, 2025]
    assert "Not rebuilt yet" in panel.message.text() and "must be 2024" in panel.message.text()
    assert wizard.state.report.you.form_8606.line_2 == 0  # nothing carried from unusable records
    panel.tax_year.setText("1986")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.message.text().startswith("Not added: tax year")
    assert [y["tax_year"] for y in wizard.state.get("you.basis_history")] == [2023, 2025]


def test_excess_fix_values_typed_in_the_wizard(qtbot, dialogs, tmp_path):
    """A $7,500 direct Roth contribution at MAGI $400,000 (single 2026: limit $0, all excess). The person
    types the Roth IRA's values: $4,800 before, $12,700 now (hand, Treas. Reg. 1.408-11(a), as in its
    Example 1: AOB = 4,800 + 7,500 = 12,300, ACB = 12,700, NIA = 7,500 x 400 / 12,300 = 243.90), so
    $7,743.90 moves by October 15, 2027; choosing removal says the net income is taxable. Save keeps
    the values."""
    from PySide6.QtCore import Qt

    from rothwizard.gui import create_wizard

    path = tmp_path / "p.rothplan.json"
    data = json.loads((EXAMPLES / "excess-roth-contribution.rothplan.json").read_text())
    del data["you"]["excess_fix"]
    path.write_text(json.dumps(data))
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    assert wizard.open_path(path)
    wizard.go_to(Step.SUMMARY)
    panel = wizard.currentPage().excess
    assert panel.isVisibleTo(wizard.currentPage())
    assert "plus its net income" in panel.message.text()
    for field, text in (("value_before", "4,800"), ("value_now", "$12,700")):
        edit = panel.edits[field]
        edit.setFocus()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert wizard.state.get("you.excess_fix") == {"value_before": 4800, "value_now": 12700}
    assert "net income of $243.90, $7,743.90 in all" in panel.message.text()
    assert "October 15, 2027" in panel.message.text() and "recharacterize" in panel.message.text()
    panel.method.setCurrentIndex(2)
    panel.method.activated.emit(2)
    assert wizard.state.get("you.excess_fix.method") == "remove"
    assert "Withdraw $7,500 with its net income of $243.90" in panel.message.text()
    assert wizard.save_to(path)
    assert json.loads(path.read_text())["you"]["excess_fix"]["value_now"] == 12700


def test_a_one_year_file_with_years_is_saved_with_years(qtbot, dialogs, tmp_path):
    """years-rebuilt-basis has a single year in ``years``: after an edit, Save writes ``years`` again
    (docs/plan-file.md: a household file), with the prior basis still left out (rebuilt: line 2 = 4)."""
    wizard, path = _open(qtbot, tmp_path, "years-rebuilt-basis")
    wizard.state.set("magi", 410000)
    assert wizard.save_to(path)
    saved = json.loads(path.read_text())
    assert [y["tax_year"] for y in saved["years"]] == [2026] and "you" not in saved
    assert saved["years"][0]["magi"] == 410000 and "prior_basis" not in saved["years"][0]["you"]["ira"]
    assert len(saved["years"][0]["you"]["basis_history"]) == 3
    from PySide6.QtWidgets import QMessageBox

    from rothwizard.gui import create_wizard

    again = create_wizard()
    qtbot.addWidget(again)
    dialogs["answers"].append(QMessageBox.StandardButton.Open)  # the first window still has it open
    assert again.open_path(path)
    assert again.state.report.you.form_8606.line_2 == 4 and again.state.get("magi") == 410000


def test_a_5498_typed_in_the_wizard_is_checked(qtbot, dialogs, tmp_path):
    """The plan contributes $7,500 (Form 8606 line 1) and leaves $0 on December 31. A traditional IRA's
    Form 5498 arrives with box 1 $7,000 and box 5 $12: both differ from the plan (Form 5498
    instructions, boxes 1 and 5: box 1 is the contributions for the year, box 5 the December 31 value,
    Form 8606 line 6). Save keeps the form; Remove clears it."""
    from PySide6.QtCore import Qt

    from rothwizard.gui import create_wizard

    path = tmp_path / "p.rothplan.json"
    shutil.copy(EXAMPLES / "single-backdoor-only.rothplan.json", path)
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    assert wizard.open_path(path)
    wizard.go_to(Step.SUMMARY)
    page = wizard.currentPage()
    panel = page.forms_5498
    qtbot.keyClicks(panel.boxes["box_1"], "7,000")
    qtbot.keyClicks(panel.boxes["box_5"], "12")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert wizard.state.get("you.forms_5498") == [{"account": "traditional_ira", "box_1": 7000, "box_5": 12}]
    text = page.view.toPlainText()
    assert "Box 1 shows $7,000 of traditional IRA contributions for 2026; the plan has $7,500." in text
    assert "Box 5 shows $12 on December 31, 2026; the plan has $0." in text
    assert "1 Form 5498 entered" in panel.message.text()
    qtbot.keyClicks(panel.boxes["box_3"], "abc")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.message.text().startswith("Not added:") and len(wizard.state.get("you.forms_5498")) == 1
    assert wizard.save_to(path)
    assert json.loads(path.read_text())["you"]["forms_5498"][0]["box_1"] == 7000
    panel.clear_button.click()
    assert not wizard.state.get("you.forms_5498")
