"""End to end, one test per path: a person types and clicks Next; the figures shown equal the core's
(``rothwizard compute``) for the same plan."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rothwizard.core import compute, plan_from_data
from rothwizard.core.flow import Step
from rothwizard.gui.widgets import usd

REPO = Path(__file__).resolve().parents[2]


def start(person, year: str, status: str, magi: str) -> None:
    assert person.wizard.currentId() == Step.WELCOME
    person.pick("tax_year", year)
    assert person.next() == Step.PEOPLE
    assert not person.next_enabled()
    person.pick("filing_status", status)
    person.type("magi", magi)


def about(person, role: str, age: str, pay: str, employer_plan: bool) -> None:
    person.type(f"{role}.age", age)
    person.type(f"{role}.compensation", pay)
    person.tick(f"{role}.employer_plan", employer_plan)


def test_backdoor_only_with_the_articles_pro_rata_example(person, dialogs, tmp_path):
    """The article: $50,000 pre-tax in an IRA, a $5,000 backdoor: $4,545 of the conversion is taxable."""
    start(person, "2024", "Single", "$250,000")
    about(person, "you", "40", "250,000", employer_plan=False)
    assert person.next() == Step.DIRECT
    assert "No:" in person.wizard.currentPage().findChild(object, "figure.you.roth_direct_status").text()
    assert person.next() == Step.IRAS
    assert not person.next_enabled()
    person.type("you.ira.balance_dec31", "50000")
    assert person.next_enabled()
    shown_before = person.figure("you.form_8606.line_18")  # pro rata shows with the computed $7,000
    assert shown_before != "$0"
    warnings = person.wizard.currentPage().lists["you"].texts()
    assert any("pro rata" in w for w in warnings)
    assert person.next() == Step.BACKDOOR
    person.type("you.ira.nondeductible_contribution", "5,000")
    person.type("you.ira.conversion", "5000")
    assert person.figure("you.form_8606.line_18_backdoor") == "$4,545"
    person.tick("you.checklist.backdoor.open_ira.done")
    assert person.next() == Step.SUMMARY  # no employer plan: no mega pages

    expected = {
        "tax_year": 2024, "filing_status": "single", "magi": 250000,
        "you": {"age": 40, "compensation": 250000,
                "ira": {"nondeductible_contribution": 5000, "conversion": 5000, "balance_dec31": 50000}},
    }
    report = compute(plan_from_data(expected))
    assert report.you.form_8606.line_18 == 4545
    assert report.you.backdoor_contribution == 7000
    text = person.wizard.currentPage().view.toPlainText()
    assert "$4,545" in text and "Backdoor Roth IRA" in text
    assert "Mega Backdoor Roth" not in text.split("Form 8606")[0].split("Backdoor Roth IRA")[0]
    saved = person.wizard.state.complete_plan()
    assert saved.you.checklist["backdoor.open_ira"].done is True
    assert compute(saved) == report


def test_mega_only_with_the_articles_example(person):
    """The article: $69,000 - $23,000 - $10,000 = $36,000 (2024). MAGI under the Roth range: skip the
    backdoor pages, as offered."""
    start(person, "2024", "Single", "120000")
    about(person, "you", "45", "140000", employer_plan=True)
    assert person.next() == Step.DIRECT
    assert "A backdoor is not needed" in person.wizard.currentPage().verdicts["you"].text()
    skip = person.field("skip_backdoor")
    assert skip.isVisible() and skip.isChecked()
    assert person.next() == Step.EMPLOYER
    assert not person.next_enabled()
    person.pick("you.employer_plan.type", "401(k)")
    person.type("you.employer_plan.elective_deferrals", "23000")
    person.type("you.employer_plan.employer_contributions", "10000")
    assert person.figure("you.mega_backdoor.room") == "$36,000"
    page = person.wizard.currentPage()
    person.pick("you.employer_plan.features.after_tax_contributions", "Yes")
    person.pick("you.employer_plan.features.in_service_distributions", "No")
    person.pick("you.employer_plan.features.in_plan_roth_conversion", "No")
    assert any("neither withdraw it" in t for t in page.lists["you"].texts())  # blocker, with the alternative
    person.pick("you.employer_plan.features.in_service_distributions", "Yes")
    assert any("open to you" in t for t in page.lists["you"].texts())
    assert person.next() == Step.MEGA
    assert person.figure("you.mega_room") == "$36,000"
    person.type("you.employer_plan.after_tax_contributions", "30,000")
    assert person.figure("you.mega_after_tax_planned") == "$30,000"
    warnings = person.wizard.currentPage().lists["you"].texts()
    expected = {
        "tax_year": 2024, "filing_status": "single", "magi": 120000,
        "you": {"age": 45, "compensation": 140000,
                "ira": {"nondeductible_contribution": 0, "conversion": 0, "balance_dec31": 0},
                "employer_plan": {"type": "401k", "elective_deferrals": 23000, "employer_contributions": 10000,
                                  "after_tax_contributions": 30000,
                                  "features": {"after_tax_contributions": True, "in_service_distributions": True,
                                               "in_plan_roth_conversion": False}}},
    }
    report = compute(plan_from_data(expected))
    mega_codes = ("acp_testing", "roth_catch_up_required", "excess_after_tax", "excess_deferral",
                  "excess_catch_up")
    assert warnings == [w.message for w in report.you.warnings if w.code in mega_codes]
    assert person.next() == Step.SUMMARY
    assert report.recommendation == ["direct_roth", "mega_backdoor_roth"]
    assert compute(person.wizard.state.complete_plan()) == report


def test_direct_roth_fully_open(person):
    start(person, "2026", "Single", "90000")
    about(person, "you", "30", "90000", employer_plan=False)
    assert person.next() == Step.DIRECT
    report = compute(plan_from_data({
        "tax_year": 2026, "filing_status": "single", "magi": 90000,
        "you": {"age": 30, "compensation": 90000,
                "ira": {"nondeductible_contribution": 0, "conversion": 0, "balance_dec31": 0}}}))
    assert person.figure("you.roth_direct_limit") == usd(report.you.roth_direct_limit) == "$7,500"
    page = person.wizard.currentPage()
    assert "A backdoor is not needed" in page.verdicts["you"].text()
    assert page.lists["you"].texts() == [w.message for w in report.you.warnings
                                         if w.code == "roth_direct_available"]
    person.type("you.ira.roth_contribution", "7500")
    assert person.next() == Step.SUMMARY
    text = page.wizard().currentPage().view.toPlainText()
    assert "direct Roth IRA contribution ($7,500)" in text


def test_both_strategies_married_two_people_match_rothwizard_compute(person, dialogs, tmp_path):
    example = REPO / "examples" / "married-both-strategies.rothplan.json"
    raw = json.loads(example.read_text())
    cli = subprocess.run([sys.executable, "-m", "rothwizard", "compute", str(example)],
                         capture_output=True, text=True, check=True)
    expected = json.loads(cli.stdout)

    start(person, "2026", "Married filing jointly", "520,000")
    assert not person.next_enabled()  # the spouse's column is now required
    for role in ("you", "spouse"):
        p = raw[role]
        about(person, role, str(p["age"]), str(p["compensation"]), employer_plan=True)
    assert person.next() == Step.DIRECT
    for role in ("you", "spouse"):
        assert person.figure(f"{role}.ira_limit") == usd(expected[role]["ira_limit"])
        assert person.figure(f"{role}.roth_direct_limit") == usd(expected[role]["roth_direct_limit"])
    assert person.next() == Step.IRAS
    for role in ("you", "spouse"):
        person.type(f"{role}.ira.balance_dec31", str(raw[role]["ira"]["balance_dec31"]))
        person.pick(f"{role}.employer_plan.features.accepts_roll_ins", "Yes")
    assert person.next() == Step.BACKDOOR
    person.type("spouse.ira.nondeductible_contribution", "5000")
    person.type("spouse.ira.conversion", "5000")
    for role in ("you", "spouse"):
        assert person.figure(f"{role}.backdoor_contribution") == usd(expected[role]["backdoor_contribution"])
        assert person.figure(f"{role}.form_8606.line_18_backdoor") == usd(expected[role]["form_8606"]["line_18"])
    assert person.figure("spouse.form_8606.line_18_backdoor") == "$4,545"
    assert person.next() == Step.EMPLOYER
    for role in ("you", "spouse"):
        ep = raw[role]["employer_plan"]
        person.pick(f"{role}.employer_plan.type", "401(k)" if ep["type"] == "401k" else "403(b)")
        for field in ("elective_deferrals", "catch_up", "employer_contributions", "prior_year_fica_wages"):
            person.type(f"{role}.employer_plan.{field}", f"{ep[field]:,}")
        for key, value in ep["features"].items():
            if key != "accepts_roll_ins":
                person.pick(f"{role}.employer_plan.features.{key}",
                            {True: "Yes", False: "No", None: "Not sure"}[value])
        assert person.figure(f"{role}.mega_backdoor.room") == usd(expected[role]["mega_backdoor"]["room"])
    assert person.next() == Step.MEGA
    for role in ("you", "spouse"):
        assert person.figure(f"{role}.mega_room") == usd(expected[role]["mega_backdoor"]["room"])
    assert person.next() == Step.SUMMARY

    raw["name"] = None
    assert json.loads(compute(person.wizard.state.complete_plan()).model_dump_json()) == expected
    text = person.wizard.currentPage().view.toPlainText()
    assert expected["recommendation"] == ["backdoor_roth", "mega_backdoor_roth"]
    # The spouse's typed $5,000 is what the steps move; the recommendation ($7,500) is said beside it.
    assert "$8,600 for you, $5,000 for your spouse" in text
    assert "You plan to contribute $5,000 of the $7,500 RothWizard recommends" in text
    for role in ("you", "spouse"):
        for warning in expected[role]["warnings"]:
            assert warning["message"] in text and warning["source"] in text

    target = tmp_path / "married.rothplan.json"
    dialogs["files"].append(target)
    assert person.wizard.save()
    cli = subprocess.run([sys.executable, "-m", "rothwizard", "compute", str(target)],
                         capture_output=True, text=True, check=True)
    assert json.loads(cli.stdout) == expected


def test_roll_in_and_direct_steps_can_be_ticked_and_reach_the_plan(qtbot, dialogs):
    """The roll-in is the person's choice (plan-file.md, second wave, ``roll_in_planned``): ticked on the IRA
    page, it becomes a step on the backdoor page and Form 8606 is figured as if it is done (tax-rules.md
    E8: $50,000 pre-tax, $5,000 converted: line 18 falls from $4,545 to $0). The direct-contribution step
    appears only when the direct route is open. Both ticks are saved under the steps' tick keys."""
    from PySide6.QtWidgets import QCheckBox

    from rothwizard.core.actionplan import build_action_plan
    from rothwizard.gui import create_wizard

    data = {"tax_year": 2026, "filing_status": "single", "magi": 400000,
            "you": {"age": 45, "compensation": 400000,
                    "ira": {"nondeductible_contribution": 5000, "conversion": 5000, "balance_dec31": 50000},
                    "employer_plan": {"type": "401k", "elective_deferrals": 24500,
                                      "features": {"accepts_roll_ins": True}}}}
    wizard = create_wizard(data)
    qtbot.addWidget(wizard)
    wizard.go_to(Step.IRAS)
    assert wizard.currentPage().findChild(object, "figure.you.form_8606.line_18").text() == "$4,545"
    assert not wizard.state.get("you.ira.roll_in_planned")
    planned = wizard.currentPage().findChild(QCheckBox, "you.ira.roll_in_planned")
    assert planned.isVisibleTo(wizard)
    planned.click()
    wizard.go_to(Step.BACKDOOR)
    roll_in = wizard.currentPage().findChild(QCheckBox, "you.checklist.backdoor.roll_in.done")
    assert roll_in.isVisibleTo(wizard) and "$50,000" in roll_in.accessibleName()
    assert wizard.currentPage().findChild(object, "figure.you.form_8606.line_18_backdoor").text() == "$0"
    roll_in.click()
    plan = wizard.state.complete_plan()
    assert plan.you.ira.roll_in_planned is True
    assert plan.you.checklist["backdoor.roll_in"].done is True
    ticked = {s.tick for _p, _c, s in build_action_plan(plan, compute(plan)).steps() if s.done}
    assert "backdoor.roll_in" in ticked

    data["you"]["employer_plan"]["features"]["accepts_roll_ins"] = False
    data["you"]["ira"]["roll_in_planned"] = True
    wizard.state.load(data)
    wizard.pages[Step.BACKDOOR].refresh()
    assert not roll_in.isVisibleTo(wizard)

    low = {**data, "magi": 100000}
    direct = create_wizard(low)
    qtbot.addWidget(direct)
    direct.go_to(Step.DIRECT)
    box = direct.currentPage().findChild(QCheckBox, "you.checklist.direct.contribute.done")
    assert box.isVisibleTo(direct) and "$2,500" in box.accessibleName()  # $7,500 less the $5,000 traditional
    box.click()
    assert direct.state.get("you.checklist.direct.contribute.done") is True
