"""Rules at the edges real households hit. Every expected value is worked out by hand from the IRS text
named in the test (2026 figures from tax-rules.md 1.2 unless another year is named)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from rothwizard.core import compute, flow, plan_from_data, rules
from rothwizard.core.warning_codes import WarningCode as W
from tests.conftest import person, plan

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plan-file.md"
MFJ, MFS = "married_filing_jointly", "married_filing_separately"


def report(**over):
    return compute(plan_from_data(plan(**over)))


def codes(r, who="you") -> set[str]:
    return {w.code for w in getattr(r, who).warnings}


def message(r, code, who="you") -> str:
    return next(w.message for w in getattr(r, who).warnings if w.code == code)


# ---------------------------------------------------------------- deductible contributions


def test_fully_deductible_contribution_is_no_basis_and_its_conversion_is_taxable():
    """IRC 219(g): nobody covered, so $7,500 is deductible at any MAGI. A deductible contribution is not
    on Form 8606 line 1, and Pub. 590-B Worksheet 1-1 is only for a deduction limited by the income
    phase-out, so line 10 = 0 / 7,500 = 0.000 and line 18 = 7,500 - 0 = $7,500."""
    r = report(you=person(covered_by_workplace_plan=False, ira={
        "deductible_contribution": 7500, "conversion": 7500}))
    f = r.you.form_8606
    assert (f.line_1, f.line_3, f.line_5, f.line_9, f.line_10, f.line_11) == (0, 0, 0, 7500, 0.0, 0)
    assert (f.line_14, f.line_16, f.line_17, f.line_18) == (0, 7500, 0, 7500)
    assert r.you.deduction_limit == Decimal(7500)
    assert codes(r) == {W.EARNINGS_TAXABLE}


def test_deductible_above_the_phase_out_is_basis_with_a_warning():
    """Pub. 590-A Table 1-2: single, covered, MAGI $400,000 >= $91,000: no deduction. The $7,500 entered
    as deductible is nondeductible: line 1 7,500, converted with line 10 1.000 and line 18 0."""
    r = report(you=person(ira={"deductible_contribution": 7500, "conversion": 7500}))
    f = r.you.form_8606
    assert (f.line_1, f.line_10, f.line_18) == (7500, 1.0, 0)
    assert r.you.deduction_limit == 0
    assert codes(r) == {W.NOT_DEDUCTIBLE}
    assert "$7,500 of the $7,500 entered as deductible is above the $0 deduction" in message(r, W.NOT_DEDUCTIBLE)


def test_partly_deductible_in_the_spouse_covered_range():
    """IRC 219(g)(7), Pub. 590-A Worksheet 1-2: MFJ, not covered, spouse covered, MAGI $250,000 in
    $242,000-$252,000: (252,000 - 250,000) x 75% = $1,500. Of $3,000 entered as deductible, $1,500 is
    basis (line 1)."""
    r = report(filing_status=MFJ, magi=250000, spouse=person(),
               you=person(covered_by_workplace_plan=False, ira={"deductible_contribution": 3000}))
    assert r.you.deduction_limit == Decimal(1500)
    assert (r.you.form_8606.line_1, r.you.form_8606.line_14) == (1500, 1500)
    assert codes(r) == {W.NOT_DEDUCTIBLE, W.ROTH_PARTIAL}


@pytest.mark.parametrize(
    "magi,covered,spouse_covered,lived,expected",
    [
        # Pub. 590-A Table 1-2, MFS lived together, covered: $0-$10,000; (10,000 - 5,000) x 75% = 3,750
        (5000, True, False, True, 3750),
        (10000, True, False, True, 0),
        # Table 1-3: not covered, spouse covered, lived together: the same $0-$10,000 range
        (5000, False, True, True, 3750),
        (12000, False, True, True, 0),
        # IRC 219(g)(4): lived apart all year, not treated as married: nobody covered -> all deductible
        (12000, False, True, False, 7500),
        # lived apart and covered: the single range, $81,000-$91,000: (91,000 - 85,000) x 75% = 4,500
        (85000, True, False, False, 4500),
    ],
)
def test_married_filing_separately_deduction_ranges(magi, covered, spouse_covered, lived, expected):
    r = report(filing_status=MFS, lived_with_spouse=lived, magi=magi,
               spouse_covered_by_workplace_plan=spouse_covered, you=person(covered_by_workplace_plan=covered))
    assert r.you.deduction_limit == Decimal(expected)


@pytest.mark.parametrize("magi,expected", [(90900, 200), (89000, 1500), (86990, 3010), (91000, 0), (81000, 7500)])
def test_deduction_rounding_and_the_200_minimum(magi, expected):
    """Pub. 590-A Worksheet 1-2 line 4, single covered 2026 ($81,000-$91,000, 75%): (91,000 - 90,900) x 75%
    = 75 -> $80 -> the $200 minimum; (91,000 - 86,990) x 75% = 3,007.50 -> up to $3,010 (IRC 219(g)(2)(C));
    at the top $0; at the bottom the full $7,500."""
    assert report(magi=magi).you.deduction_limit == Decimal(expected)


def test_someone_deferring_into_a_plan_is_covered():
    """IRC 219(g)(5), W-2 box 13: deferring $24,500 into a 401(k) makes an active participant, whatever
    was ticked: at MAGI $400,000 nothing is deductible and no "may be deductible" warning fires."""
    ep = {"type": "401k", "elective_deferrals": 24500, "features": {"after_tax_contributions": False}}
    r = report(you=person(covered_by_workplace_plan=False, employer_plan=ep))
    assert r.you.deduction_limit == 0 and codes(r) == set()
    alone = report(you=person(covered_by_workplace_plan=False))
    assert alone.you.deduction_limit == Decimal(7500) and codes(alone) == {W.DEDUCTIBLE_CONTRIBUTION}


def test_spouse_coverage_not_known_is_said():
    """MFS, not covered, spouse's coverage not answered: the message says so rather than assuming."""
    r = report(filing_status=MFS, lived_with_spouse=True, magi=50000, you=person(covered_by_workplace_plan=False))
    assert "does not know whether your spouse is" in message(r, W.DEDUCTIBLE_CONTRIBUTION)
    assert "the MAGI range is $0 to $10,000" in message(r, W.DEDUCTIBLE_CONTRIBUTION)
    joint = report(filing_status=MFJ, magi=50000, you=person(covered_by_workplace_plan=False))
    assert "the MAGI range is $242,000 to $252,000" in message(joint, W.DEDUCTIBLE_CONTRIBUTION)  # IRC 219(g)(7)


# ---------------------------------------------------------------- IRA limit and compensation


def test_no_compensation_means_no_ira_limit_and_no_recommendation():
    """IRC 219(b)(1)(B): the limit is at most compensation; with none (and no spouse's): $0."""
    r = report(magi=0, you=person(compensation=0))
    assert r.you.ira_limit == 0 and r.recommendation == []
    assert codes(r) == {W.NO_COMPENSATION}
    assert "IRA limit is $0" in message(r, W.NO_COMPENSATION)
    both = report(filing_status=MFJ, magi=0, you=person(compensation=0), spouse=person(compensation=0))
    assert both.recommendation == [] and codes(both, "spouse") == {W.NO_COMPENSATION}
    assert "neither has your spouse" in message(both, W.NO_COMPENSATION)


def test_spousal_ira_uses_the_other_spouses_deductible_contribution():
    """IRC 219(c)(1)(B)(ii): $9,000 of joint pay; the earner deducts $3,000 (nobody covered), so the
    spouse's limit is 0 + 9,000 - 3,000 = $6,000."""
    r = report(filing_status=MFJ, magi=9000,
               you=person(compensation=9000, covered_by_workplace_plan=False, ira={"deductible_contribution": 3000}),
               spouse=person(compensation=0, covered_by_workplace_plan=False))
    assert r.spouse.ira_limit == Decimal(6000)
    assert codes(r, "spouse") == {W.COMPENSATION_LIMIT, W.ROTH_DIRECT_AVAILABLE, W.DEDUCTIBLE_CONTRIBUTION}


def test_wizard_defaults_never_exceed_the_couples_compensation():
    """IRC 219(c): $10,000 of joint pay. The earner's default is $7,500, so the spouse's is
    10,000 - 7,500 = $2,500, whichever person is entered first."""
    for earner, other in (("you", "spouse"), ("spouse", "you")):
        data = {"schema_version": 1, "tax_year": 2026, "filing_status": MFJ, "magi": "400000",
                earner: {"age": 45, "compensation": "10000", "ira": {"balance_dec31": "0"}},
                other: {"age": 45, "compensation": "0", "ira": {"balance_dec31": "0"}}}
        built = flow.plan_data(data)  # nothing computed is written into the plan: the core decides
        assert "nondeductible_contribution" not in built[earner]["ira"]
        _plan, r = flow.report_for(data)
        assert getattr(r, earner).form_8606.line_1 == 7500
        assert getattr(r, other).form_8606.line_1 == 2500
        assert (getattr(r, earner).ira_limit, getattr(r, other).ira_limit) == (7500, 2500)
        assert all(W.EXCESS_CONTRIBUTION not in codes(r, who) for who in ("you", "spouse"))


# ---------------------------------------------------------------- direct Roth and recharacterization


def test_excess_direct_roth_is_recharacterized_into_the_backdoor():
    """Pub. 590-A Table 2-1: MAGI $400,000 >= $168,000, so no Roth contribution is allowed; the $7,500
    made directly is an excess (IRC 4973, 6% a year) unless recharacterized to a traditional IRA by the
    extended due date, October 15, 2027 (Treas. Reg. 1.408A-5). Then it is the backdoor contribution:
    Form 8606 line 1 7,500, converted with line 18 0."""
    r = report(you=person(ira={"roth_contribution": 7500, "conversion": 7500}))
    assert (r.you.roth_direct_limit, r.you.recharacterize_amount, r.you.backdoor_contribution) == (0, 7500, 7500)
    assert (r.you.form_8606.line_1, r.you.form_8606.line_8, r.you.form_8606.line_18) == (7500, 7500, 0)
    assert codes(r) == {W.EXCESS_CONTRIBUTION}
    assert "recharacterize $7,500" in message(r, W.EXCESS_CONTRIBUTION)
    assert "October 15, 2027 (the due date with extensions)" in message(r, W.EXCESS_CONTRIBUTION)
    assert r.recommendation == ["backdoor_roth"]


def test_partial_excess_roth_inside_the_range():
    """E13a: MAGI $160,000 allows $4,000; $7,500 made directly: $3,500 recharacterized, kept Roth
    $4,000, backdoor 7,500 - 4,000 = $3,500 (Form 8606 line 1)."""
    r = report(magi=160000, you=person(ira={"roth_contribution": 7500}))
    assert (r.you.roth_direct_limit, r.you.recharacterize_amount) == (4000, 3500)
    assert (r.you.backdoor_contribution, r.you.form_8606.line_1) == (3500, 3500)
    assert codes(r) == {W.ROTH_PARTIAL, W.EXCESS_CONTRIBUTION}


def test_over_the_ira_limit_is_a_true_excess():
    """IRC 219(b)(1): $7,500 Roth plus $7,500 traditional is $7,500 over the limit; nothing fits to
    recharacterize, so the excess is withdrawn with its earnings (IRC 408(d)(4))."""
    r = report(you=person(ira={"roth_contribution": 7500, "nondeductible_contribution": 7500}))
    assert r.you.recharacterize_amount == 0 and r.you.form_8606.line_1 == 7500
    assert "withdraw the $7,500 excess" in message(r, W.EXCESS_CONTRIBUTION)


def test_no_excess_at_exactly_the_limit():
    """IRC 4973(b): an excess is the amount *above* the limit: $7,500 of $7,500 is none."""
    r = report(magi=100000, you=person(ira={"roth_contribution": 7500}))
    assert codes(r) == {W.ROTH_DIRECT_AVAILABLE}


def test_magi_at_the_bottom_of_the_range_is_the_full_direct_amount():
    """Worksheet 2-2 at MAGI $153,000: line 3 = 0, line 8 = 7,500: full; recommend direct only."""
    r = report(magi=153000)
    assert (r.you.roth_direct_status, r.you.roth_direct_limit) == ("full", 7500)
    assert r.recommendation == ["direct_roth"] and codes(r) == {W.ROTH_DIRECT_AVAILABLE}


def test_deductible_contributions_reduce_the_direct_roth_limit():
    """Worksheet 2-2 line 9 counts every traditional contribution: $3,000 deductible (nobody covered)
    leaves 7,500 - 3,000 = $4,500 (MAGI $100,000, under the range)."""
    r = report(magi=100000, you=person(covered_by_workplace_plan=False, ira={"deductible_contribution": 3000}))
    assert r.you.roth_direct_limit == Decimal(4500)


def test_roth_iras_are_not_on_line_6():
    """Form 8606 line 6: traditional, SEP and SIMPLE IRAs only. MAGI $160,000: $4,000 direct Roth, $3,500
    backdoor converted, nothing else: line 6 0, line 10 1.000, line 18 0."""
    r = report(magi=160000, you=person(ira={"roth_contribution": 4000, "nondeductible_contribution": 3500,
                                            "conversion": 3500}))
    f = r.you.form_8606
    assert (f.line_6, f.line_9, f.line_10, f.line_18) == (0, 3500, 1.0, 0)
    assert codes(r) == {W.ROTH_PARTIAL}


# ---------------------------------------------------------------- married filing separately


def test_separate_returns_each_spouse_has_their_own_magi():
    """IRC 408A(c)(3): MFS, lived apart (single range): your MAGI $400,000 allows nothing; your spouse's
    own $100,000 allows the full $7,500."""
    r = report(filing_status=MFS, lived_with_spouse=False, magi=400000, you=person(),
               spouse=person(magi=100000))
    assert (r.you.roth_direct_limit, r.spouse.roth_direct_limit) == (0, 7500)
    assert codes(r) == set() and codes(r, "spouse") == {W.ROTH_DIRECT_AVAILABLE}
    assumed = report(filing_status=MFS, lived_with_spouse=False, spouse=person())
    assert W.SEPARATE_MAGI_ASSUMED in codes(assumed, "spouse")


def test_lived_with_spouse_left_out_is_said():
    r = report(filing_status=MFS)
    assert codes(r) == {W.LIVED_WITH_SPOUSE_ASSUMED}
    assert codes(report(filing_status=MFS, lived_with_spouse=False)) == set()


# ---------------------------------------------------------------- RMD


@pytest.mark.parametrize("birth,age", [(1950, 72), (1951, 73), (1959, 73), (1960, 75)])
def test_rmd_age_by_birth_year(birth, age):
    """IRC 401(a)(9)(C)(v) as amended by SECURE 2.0 sec. 107."""
    assert rules.rmd_age(birth) == age


@pytest.mark.parametrize("age,warned", [(72, False), (73, True), (74, True)])
def test_conversion_in_an_rmd_year_warns(age, warned):
    """2026: 73 on Dec. 31 means born 1953, RMD age 73: the first year's RMD comes out first
    (Treas. Reg. 1.408A-4, Q&A-6: an RMD cannot be converted)."""
    r = report(you=person(age=age, ira={"nondeductible_contribution": 8600, "conversion": 8600}))
    assert (W.RMD_BEFORE_CONVERSION in codes(r)) is warned


# ---------------------------------------------------------------- employer plan


def _ep(**over):
    ep = {"type": "401k", "elective_deferrals": 24500, "employer_contributions": 28800,
          "features": {"after_tax_contributions": True, "in_service_distributions": True}}
    ep.update(over)
    return ep


def test_deferrals_above_402g_are_split_into_the_catch_up():
    """Treas. Reg. 1.414(v)-1: E14 with $32,500 entered as deferrals at 52: $8,000 above $24,500 is the
    catch-up; room 72,000 - 24,500 - 28,800 = $18,700; no excess warning."""
    r = report(you=person(age=52, employer_plan=_ep(elective_deferrals=32500, prior_year_fica_wages=100000)))
    m = r.you.mega_backdoor
    assert (m.room, m.elective_deferrals, m.catch_up) == (18700, 24500, 8000)
    assert codes(r) == {W.CATCH_UP_FROM_DEFERRALS}
    young = report(you=person(age=45, employer_plan=_ep(elective_deferrals=32500, prior_year_fica_wages=100000)))
    assert codes(young) == {W.EXCESS_DEFERRAL}
    assert young.you.mega_backdoor.room == Decimal(72000 - 32500 - 28800)


def test_catch_ups_sit_on_top_of_the_415c_dollar_limit():
    """Treas. Reg. 1.414(v)-1(b)(1)(i): 415(c)(1)(A) is an applicable limit. $24,500 + $50,000 employer =
    $74,500, $2,500 above $72,000: at 55 that $2,500 is catch-up, regular deferrals $22,000, room 0."""
    r = report(you=person(age=55, employer_plan=_ep(employer_contributions=50000, prior_year_fica_wages=100000)))
    m = r.you.mega_backdoor
    assert (m.elective_deferrals, m.catch_up, m.room) == (22000, 2500, 0)


def test_415c_uses_plan_compensation_including_deferrals():
    """IRC 415(c)(3)(D): $40,000 taxable pay plus $20,000 pre-tax deferrals = $60,000 plan compensation:
    room 60,000 - 20,000 = $40,000. Without it, the taxable $40,000: room $20,000. The IRA limit uses
    the taxable $40,000 (>= $7,500)."""
    ep = {"type": "401k", "elective_deferrals": 20000, "plan_compensation": 60000, "after_tax_contributions": 45000,
          "features": {"after_tax_contributions": True, "in_service_distributions": True}}
    r = report(you=person(compensation=40000, employer_plan=ep), magi=40000)
    m = r.you.mega_backdoor
    assert (m.section_415c_compensation, m.annual_additions_limit, m.room) == (60000, 60000, 40000)
    assert r.you.ira_limit == Decimal(7500)
    assert "100% of your $60,000 plan compensation" in message(r, W.EXCESS_AFTER_TAX)
    del ep["plan_compensation"]
    assert report(you=person(compensation=40000, employer_plan=ep), magi=40000).you.mega_backdoor.room == 20000


def test_planned_after_tax_is_capped_at_the_room():
    """E14: room $18,700; $30,000 planned -> $18,700 planned, with an excess warning."""
    r = report(you=person(age=52, employer_plan=_ep(catch_up=8000, after_tax_contributions=30000)))
    assert r.you.mega_backdoor.after_tax_planned == Decimal(18700)
    assert W.EXCESS_AFTER_TAX in codes(r)


@pytest.mark.parametrize("year,wages,hce", [(2025, 157000, True), (2025, 155000, False), (2024, 152000, True),
                                            (2024, 150000, False), (2026, 160001, True)])
def test_hce_uses_the_look_back_years_threshold(year, wages, hce):
    """IRC 414(q)(1)(B): 2024's $155,000 decides 2025 (not 2025's $160,000); 2023's $150,000 decides
    2024; "in excess of" the figure."""
    r = report(tax_year=year, you=person(employer_plan=_ep(prior_year_fica_wages=wages, employer_contributions=0)))
    assert (W.ACP_TESTING in codes(r)) is hce


def test_403b_15_year_catch_up_is_no_excess():
    """IRC 402(g)(7): a 403(b) with a $3,000 15-year catch-up takes 24,500 + 3,000 = $27,500 at 45; the
    same $27,500 in a 401(k) is $3,000 over. At 55, $35,500 = 27,500 + the $8,000 age-50 catch-up
    (the 15-year amount first, Treas. Reg. 1.403(b)-4(c)(3)(iv))."""
    ok = report(you=person(employer_plan=_ep(type="403b", elective_deferrals=27500, catch_up_15_year=3000,
                                             employer_contributions=0, prior_year_fica_wages=0)))
    assert codes(ok) == set() and ok.you.mega_backdoor.room == Decimal(72000 - 27500)
    k = report(you=person(employer_plan=_ep(elective_deferrals=27500, catch_up_15_year=3000,
                                            employer_contributions=0, prior_year_fica_wages=0)))
    assert codes(k) == {W.EXCESS_DEFERRAL}
    old = report(you=person(age=55, employer_plan=_ep(type="403b", elective_deferrals=35500, catch_up_15_year=3000,
                                                      employer_contributions=0, prior_year_fica_wages=0)))
    assert (old.you.mega_backdoor.elective_deferrals, old.you.mega_backdoor.catch_up) == (27500, 8000)
    assert codes(old) == {W.CATCH_UP_FROM_DEFERRALS}


def test_governmental_457b_has_its_own_limit():
    """IRC 457(e)(15): $24,500 to a governmental 457(b) is within its own limit; no after-tax room."""
    r = report(you=person(employer_plan={"type": "457b", "elective_deferrals": 24500}))
    assert codes(r) == set()
    assert (r.you.mega_backdoor.room, r.you.mega_backdoor.blockers) == (0, ["no_after_tax_contributions"])


# ---------------------------------------------------------------- wording


def test_pro_rata_with_nothing_taxable_says_so_and_offers_no_roll_in():
    """Line 6 $2,500 that is all basis: 10,000 / 10,000 = 1.000, line 18 0: no "taxable", no $0 roll-in."""
    r = report(you=person(employer_plan=_ep(features={"accepts_roll_ins": True, "after_tax_contributions": False}),
                          ira={"prior_basis": 2500, "nondeductible_contribution": 7500, "conversion": 7500,
                               "balance_dec31": 2500}))
    assert r.you.form_8606.line_18 == 0 and r.you.roll_in_amount is None
    assert codes(r) == {W.PRO_RATA}
    assert "none of it is taxable" in message(r, W.PRO_RATA)


def test_docs_example_triggers_no_warning_by_accident():
    """docs/plan-file.md's person and employer plan put together: the only warning is the ACP caveat
    that a $400,000 earner with after-tax room should read (2025 pay above $160,000)."""
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", DOCS.read_text(), re.S)]
    top, you, ep = blocks[0], blocks[1], blocks[2]
    data = {**top, "you": {**you, "employer_plan": ep}}
    r = compute(plan_from_data(data))
    assert codes(r) == {W.ACP_TESTING}
    assert r.you.mega_backdoor.room == Decimal(72000 - 24500 - 28800)
