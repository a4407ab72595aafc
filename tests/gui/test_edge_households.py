"""Households at the edges, driven through the wizard as a person would: separate returns (living together
and the spouse's coverage asked, never defaulted), a year the IRS has not published, the direct-Roth
figures at the bottom of the range."""

from __future__ import annotations

from rothwizard.core import compute
from rothwizard.core.flow import Step


def start(person, year: str, status: str, magi: str) -> None:
    person.pick("tax_year", year)
    assert person.next() == Step.PEOPLE
    person.pick("filing_status", status)
    person.type("magi", magi)


def test_separate_returns_ask_both_questions(person):
    """Pub. 590-A Tables 1-2, 1-3 and 2-1: MFS ranges depend on living together and on the spouse's
    coverage, so Next stays off until both are answered; the saved plan holds the answers."""
    start(person, "2026", "Married filing separately", "5,000")
    person.type("you.age", "40")
    person.type("you.compensation", "60000")
    person.tick("you.covered_by_workplace_plan", False)
    assert not person.next_enabled()
    assert "lived with your spouse" in person.wizard.currentPage().validation().message
    lived, covered = person.field("lived_with_spouse"), person.field("spouse_covered_by_workplace_plan")
    assert lived.isVisible() and lived.currentIndex() == -1  # nothing chosen for the person
    person.pick("lived_with_spouse", "No, we lived apart all year")
    assert not covered.isVisible() and person.next_enabled()  # apart: IRC 219(g)(4), coverage irrelevant
    person.pick("lived_with_spouse", "Yes, at some time in the year")
    assert covered.isVisible() and covered.currentIndex() == -1 and not person.next_enabled()
    assert "spouse is covered" in person.wizard.currentPage().validation().message
    person.pick("spouse_covered_by_workplace_plan", "Yes, my spouse is covered at work")
    assert person.next() == Step.DIRECT
    # $0-$10,000 Roth range at $5,000: 0.5 x 7,500 = 3,750 (Pub. 590-A Worksheet 2-2), before any backdoor
    assert person.wizard.state.direct_report.you.roth_direct_limit == 3750
    # not covered, spouse covered, lived together: $0-$10,000 deduction range, (10,000 - 5,000) x 75%
    assert person.wizard.state.report.you.deduction_limit == 3750
    # what the plan holds is what the person chose
    data = person.wizard.state.data
    assert (data["lived_with_spouse"], data["spouse_covered_by_workplace_plan"]) == (True, True)
    plan = person.wizard.state.plan
    assert plan.lived_with_spouse is True and plan.spouse_covered_by_workplace_plan is True


def test_single_hides_the_separate_return_questions(person):
    start(person, "2026", "Single", "100000")
    assert not person.field("lived_with_spouse").isVisible()
    assert not person.field("spouse_covered_by_workplace_plan").isVisible()


def test_a_year_not_published_is_offered_and_marked_provisional(person):
    """Spec, "A year not published yet": 2027 is planned on the 2026 figures and says so in the title
    on every page and in the report."""
    assert "PROVISIONAL" not in person.wizard.windowTitle()
    start(person, "2027 (provisional: 2026 IRS figures)", "Single", "400000")
    assert "PROVISIONAL: 2027 on 2026 IRS figures" in person.wizard.windowTitle()
    person.type("you.age", "45")
    person.type("you.compensation", "400000")
    assert person.next() == Step.DIRECT
    assert "PROVISIONAL" in person.wizard.windowTitle()
    report = person.wizard.state.report
    assert report.provisional and report.figures_year == 2026 and report.you.ira_limit == 7500
    assert "provisional_year" in {w.code for w in report.you.warnings}
    assert compute(person.wizard.state.plan).provisional


def test_spousal_ira_defaults_fit_the_couples_pay(person, tmp_path):
    """IRC 219(c): $10,000 of joint pay, all the spouse's. The spouse's default backdoor is $7,500, so
    yours is 0 + 10,000 - 7,500 = $2,500 (not a second $7,500); the PDF prints the same figures."""
    from rothwizard.core.actionplan import build_action_plan
    from rothwizard.report.render import render_pdf

    start(person, "2026", "Married filing jointly", "400000")
    for role, pay in (("you", "0"), ("spouse", "10000")):
        person.type(f"{role}.age", "40")
        person.type(f"{role}.compensation", pay)
    assert person.next() == Step.DIRECT
    assert person.next() == Step.IRAS
    for role in ("you", "spouse"):
        person.type(f"{role}.ira.balance_dec31", "0")
    assert person.next() == Step.BACKDOOR
    assert person.figure("spouse.backdoor_contribution") == "$7,500"
    assert person.figure("you.backdoor_contribution") == "$2,500"
    plan = person.wizard.state.complete_plan()
    report = compute(plan)
    assert (report.you.ira_limit, report.spouse.ira_limit) == (2500, 7500)
    assert all("excess_contribution" not in {w.code for w in r.warnings} for r in (report.you, report.spouse))
    out = tmp_path / "plan.pdf"
    with out.open("wb") as fh:
        render_pdf(build_action_plan(plan, report), fh)
    assert out.stat().st_size > 0
