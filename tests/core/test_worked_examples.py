"""The worked examples of shared/guides/tax-rules.md section 3, each test naming the one it checks.

Every figure here is the IRS's (or the guide's line-by-line recomputation), not the code's output.
"""

from __future__ import annotations

from decimal import Decimal

from rothwizard.core import compute, plan_from_data
from rothwizard.core.warning_codes import WarningCode as W
from tests.conftest import person, plan


def report_for(data: dict):
    return compute(plan_from_data(data))


def codes(report, who="you") -> set[str]:
    """The whole set of warning codes for one person: every worked example asserts all of them."""
    return {w.code for w in getattr(report, who).warnings}


def lines(form, *numbers):
    return {n: getattr(form, f"line_{n}") for n in numbers}


def test_e1_pub_590a_worksheet_2_2_example_2025():
    """E1: single, under 50, MAGI $151,000 in 2025 -> reduced Roth limit $6,540 (Pub. 590-A Worksheet 2-2)."""
    r = report_for(plan(tax_year=2025, magi=151000, you=person(age=40, compensation=200000)))
    assert r.you.roth_direct_limit == Decimal(6540)
    assert r.you.roth_direct_status == "partial"
    assert codes(r) == {W.ROTH_PARTIAL}


def test_e2_rose_green_pub_590b_worksheet_1_1():
    """E2: Rose Green, Pub. 590-B: basis $300, $2,000 contributed of which $500 nondeductible, $5,000
    converted, $20,000 on Dec. 31 -> line 13 $460, line 14 $340, line 18 $4,540 (IRS-filled Form 8606).

    Worksheet 1-1 is for a deduction limited by the income phase-out: MAGI $89,000, covered, 2026 single
    range $81,000-$91,000, Pub. 590-A Worksheet 1-2: (91,000 - 89,000) x 75% = $1,500 deductible."""
    r = report_for(plan(magi=89000, you=person(ira={
        "prior_basis": 300, "nondeductible_contribution": 500, "deductible_contribution": 1500,
        "conversion": 5000, "balance_dec31": 20000,
    })))
    f = r.you.form_8606
    assert lines(f, 1, 2, 3, 4, 5) == {1: 500, 2: 300, 3: 800, 4: 0, 5: 800}
    assert f.line_10 == 0.092  # Worksheet 1-1 line 7: 2,300 / 25,000
    assert (f.line_13, f.line_14, f.line_15c) == (460, 340, 0)
    assert lines(f, 16, 17, 18) == {16: 5000, 17: 460, 18: 4540}
    assert r.you.deduction_limit == Decimal(1500)
    # MAGI under $153,000: direct Roth open; $20,000 on Dec. 31: pro rata; 5,000 converted > 800 basis
    assert codes(r) == {W.ROTH_DIRECT_AVAILABLE, W.PRO_RATA, W.EARNINGS_TAXABLE}


def test_e4_form_8606_line_4_example_reworked_with_a_distribution():
    """E4: Form 8606 instructions line 4 example (nondeductible part made in the year: line 4 = 0),
    re-worked with a $2,000 distribution and $30,000 on Dec. 31: line 10 0.031, line 12 62,
    line 14 938, line 15c 1,938."""
    r = report_for(plan(you=person(ira={
        "nondeductible_contribution": 1000, "contributed_after_year_end": 0,
        "distributions": 2000, "balance_dec31": 30000,
    })))
    f = r.you.form_8606
    assert lines(f, 1, 4, 5, 9) == {1: 1000, 4: 0, 5: 1000, 9: 32000}
    assert f.line_10 == 0.031
    assert (f.line_12, f.line_14, f.line_15c) == (62, 938, 1938)
    assert (f.line_16, f.line_18) == (0, 0)
    assert codes(r) == set()  # a distribution, no conversion: no pro rata warning


def test_e4_designating_next_year_money_puts_it_on_line_4():
    """E4, second sentence: had the January money been designated nondeductible, line 4 = 1,000 and that
    basis stays out of the year's fraction (line 5 = 0) but carries on line 14."""
    r = report_for(plan(you=person(ira={
        "nondeductible_contribution": 1000, "contributed_after_year_end": 1000,
        "distributions": 2000, "balance_dec31": 30000,
    })))
    f = r.you.form_8606
    assert (f.line_4, f.line_5, f.line_10, f.line_13, f.line_14) == (1000, 0, 0.0, 0, 1000)
    assert f.line_15c == 2000
    assert codes(r) == set()


def test_e8_seed_article_pro_rata():
    """E8: the article's $50,000 pre-tax IRA plus a $5,000 backdoor: line 10 0.091, line 11 455,
    line 14 4,545, line 18 4,545 taxable; the pro rata warning names $4,545."""
    r = report_for(plan(you=person(ira={
        "nondeductible_contribution": 5000, "conversion": 5000, "balance_dec31": 50000,
    })))
    f = r.you.form_8606
    assert lines(f, 1, 2, 3, 4, 5, 6, 7, 8, 9) == {
        1: 5000, 2: 0, 3: 5000, 4: 0, 5: 5000, 6: 50000, 7: 0, 8: 5000, 9: 55000}
    assert f.line_10 == 0.091
    assert lines(f, 11, 12, 13, 14, 16, 17, 18) == {
        11: 455, 12: 0, 13: 455, 14: 4545, 16: 5000, 17: 455, 18: 4545}
    pro_rata = [w for w in r.you.warnings if w.code == "pro_rata"]
    assert len(pro_rata) == 1 and "$4,545" in pro_rata[0].message and "$50,000" in pro_rata[0].message
    assert codes(r) == {W.PRO_RATA}  # line 8 = line 5 = 5,000: no earnings


def test_e8_roll_in_fix_clears_the_taxable_part():
    """E8 with tax-rules.md 2.6: rolling the $50,000 pre-tax into a plan that accepts roll-ins by Dec. 31
    takes it off line 6, so line 18 becomes $0."""
    ep = {"type": "401k", "elective_deferrals": 24500, "features": {"accepts_roll_ins": True}}
    r = report_for(plan(you=person(employer_plan=ep, ira={
        "nondeductible_contribution": 5000, "conversion": 5000, "balance_dec31": 50000,
    })))
    assert r.you.roll_in_amount == Decimal(50000)
    assert r.you.line_18_after_roll_in == 0
    fix = [w for w in r.you.warnings if w.code == "roll_in_fix"]
    assert len(fix) == 1 and "December 31, 2026" in fix[0].message and "$50,000" in fix[0].message
    # after-tax contributions not ruled out and $400,000 of pay above 2025's $160,000: ACP caveat
    assert codes(r) == {W.PRO_RATA, W.ROLL_IN_FIX, W.ACP_TESTING}


def test_e9a_clean_backdoor_2026():
    """E9a: single physician, MAGI $400,000, $7,500 nondeductible, $7,500 converted, nothing on Dec. 31:
    line 10 1.000, line 14 0, line 18 0."""
    r = report_for(plan(you=person(ira={
        "nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0,
    })))
    f = r.you.form_8606
    assert lines(f, 1, 3, 5, 6, 8, 9, 11, 13, 14, 16, 17, 18) == {
        1: 7500, 3: 7500, 5: 7500, 6: 0, 8: 7500, 9: 7500, 11: 7500, 13: 7500, 14: 0,
        16: 7500, 17: 7500, 18: 0}
    assert f.line_10 == 1.0
    assert r.you.ira_limit == Decimal(7500) and r.you.roth_direct_limit == 0
    assert r.recommendation == ["backdoor_roth"]
    assert codes(r) == set()  # $7,500 is exactly the limit: no excess


def test_e9b_twelve_dollars_of_interest_three_place_policy():
    """E9b: $7,512 converted from $7,500 basis; with line 10 at 3 places (0.998): line 11 7,497,
    line 14 3, line 18 15. RothWizard pins the 3-place policy (README, Rounding)."""
    r = report_for(plan(you=person(ira={
        "nondeductible_contribution": 7500, "conversion": 7512, "balance_dec31": 0,
    })))
    f = r.you.form_8606
    assert (f.line_9, f.line_10, f.line_11, f.line_14, f.line_18) == (7512, 0.998, 7497, 3, 15)
    assert codes(r) == {W.EARNINGS_TAXABLE}
    note = next(w.message for w in r.you.warnings if w.code == W.EARNINGS_TAXABLE)
    # the note explains $15 rather than the $12 difference: 7,500 / 7,512 = 0.998 (3 places)
    assert "the $12 difference" in note and "It is $15, not $12" in note and "0.998" in note


def test_e9b_line_14_never_negative():
    """E9b last paragraph: 6,500 / 6,501 rounds to 1.000; line 14 would go negative and is 0."""
    r = report_for(plan(you=person(ira={
        "nondeductible_contribution": 6500, "prior_basis": 1, "conversion": 6501, "balance_dec31": 0,
    })))
    f = r.you.form_8606
    assert f.line_10 == 1.0 and f.line_14 == 0 and f.line_18 == 0
    assert codes(r) == set()


def test_e10_prior_year_contribution_converted_next_year():
    """E10: 2025's $7,000 made and converted in Feb. 2026 and 2026's $7,500: the 2025 Form 8606 has
    line 14 7,000 and no Part II; the 2026 form has line 2 7,000, line 8 14,500, line 18 0."""
    r25 = report_for(plan(tax_year=2025, you=person(ira={"nondeductible_contribution": 7000})))
    f = r25.you.form_8606
    assert (f.line_1, f.line_3, f.line_14) == (7000, 7000, 7000)
    assert f.line_4 is None and f.line_13 is None and f.line_16 == 0
    assert codes(r25) == set()
    r26 = report_for(plan(tax_year=2026, you=person(ira={
        "nondeductible_contribution": 7500, "prior_basis": 7000, "conversion": 14500})))
    f = r26.you.form_8606
    assert lines(f, 1, 2, 3, 5, 8, 9, 11, 13, 14, 16, 17, 18) == {
        1: 7500, 2: 7000, 3: 14500, 5: 14500, 8: 14500, 9: 14500, 11: 14500, 13: 14500, 14: 0,
        16: 14500, 17: 14500, 18: 0}
    assert codes(r26) == set()


def test_e13_roth_phase_out_2026():
    """E13 a-c: single 45 at $160,000 -> $4,000; MFJ at $247,000 -> $3,750 each; single at $167,900 ->
    $200 (the minimum); Pub. 590-A Worksheet 2-2 with 2026 ranges."""
    a = report_for(plan(magi=160000))
    assert a.you.roth_direct_limit == Decimal(4000)
    b = report_for(plan(filing_status="married_filing_jointly", magi=247000, spouse=person()))
    assert b.you.roth_direct_limit == Decimal(3750) and b.spouse.roth_direct_limit == Decimal(3750)
    c = report_for(plan(magi=167900))
    assert c.you.roth_direct_limit == Decimal(200)
    assert codes(a) == codes(b) == codes(b, "spouse") == codes(c) == {W.ROTH_PARTIAL}


def test_e14_mega_backdoor_room_age_52():
    """E14: 2026, age 52, $400,000 pay, deferrals $24,500, match $10,800 + profit sharing $18,000:
    room $18,700; the $8,000 catch-up sits outside 415(c) and, with 2025 FICA wages of $380,000 above
    $150,000, must be Roth."""
    ep = {
        "type": "401k", "elective_deferrals": 24500, "catch_up": 8000,
        "employer_contributions": 10800 + 18000, "prior_year_fica_wages": 380000,
        "features": {"after_tax_contributions": True, "in_service_distributions": False,
                     "in_plan_roth_conversion": True, "accepts_roll_ins": True},
    }
    r = report_for(plan(you=person(age=52, employer_plan=ep)))
    mega = r.you.mega_backdoor
    assert mega.room == Decimal(18700) and mega.available and mega.blockers == []
    assert mega.catch_up_allowed == Decimal(8000)
    # $380,000 > $150,000: Roth catch-up; 2025 pay above 2025's $160,000 look-back figure: ACP caveat
    assert codes(r) == {W.ROTH_CATCH_UP_REQUIRED, W.ACP_TESTING}
    assert "mega_backdoor_roth" in r.recommendation
    assert (mega.elective_deferrals, mega.catch_up, mega.plan_compensation) == (24500, 8000, 360000)


def test_seed_article_mega_example_2024():
    """Seed article, corrected in NOTES.md item 8: $69,000 - $23,000 - $10,000 = $36,000 for 2024."""
    ep = {"type": "401k", "elective_deferrals": 23000, "employer_contributions": 10000,
          "features": {"after_tax_contributions": True, "in_service_distributions": True}}
    r = report_for(plan(tax_year=2024, you=person(employer_plan=ep)))
    assert r.you.mega_backdoor.room == Decimal(36000)
    assert r.you.mega_backdoor.available
    assert codes(r) == {W.ACP_TESTING}  # $400,000 of 2023 pay above 2023's $150,000 (IRC 414(q))


def test_e6_one_402g_limit():
    """E6 at 2026 figures: $2,500 deferred at a first employer leaves $22,000; deferring $24,000 more
    at the second exceeds 402(g) when entered as one person's total of $26,500."""
    ep = {"type": "401k", "elective_deferrals": 26500, "features": {"after_tax_contributions": False}}
    r = report_for(plan(you=person(employer_plan=ep)))
    assert codes(r) == {W.EXCESS_DEFERRAL}
    msg = next(w.message for w in r.you.warnings if w.code == W.EXCESS_DEFERRAL)
    assert "$2,000 above the 2026 limit of $24,500" in msg
    ok = report_for(plan(you=person(employer_plan={**ep, "elective_deferrals": 2500 + 22000})))
    assert codes(ok) == set()
