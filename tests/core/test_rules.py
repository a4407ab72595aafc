"""Rules not covered by a whole worked example: tables of (inputs, expected, source)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rothwizard.core import compute, plan_from_data, rules
from rothwizard.core.limits import load_limits
from tests.conftest import person, plan


def codes(report, who="you"):
    return {w.code for w in getattr(report, who).warnings}


@pytest.mark.parametrize(
    "year,age,expected",
    [
        (2026, 49, 7500),  # tax-rules.md 1.2: $7,500 under 50
        (2026, 50, 8600),  # 50 on Dec. 31 gets the $1,100 catch-up (IRC 219(b)(5)(B)), not only above 50
        (2026, 51, 8600),
        (2024, 50, 8000),
        (2025, 80, 8000),
    ],
)
def test_ira_limit_with_catch_up_at_50_or_older(year, age, expected):
    r = compute(plan_from_data(plan(tax_year=year, you=person(age=age))))
    assert r.you.ira_limit == Decimal(expected)


def test_ira_limit_capped_by_compensation():
    """IRC 219(b)(1): the lesser of the dollar limit and taxable compensation (Pub. 590-A)."""
    r = compute(plan_from_data(plan(you=person(compensation=4200))))
    assert r.you.ira_limit == Decimal(4200)


def test_spousal_ira_on_a_joint_return():
    """IRC 219(c), Pub. 590-A: a spouse with $0 pay may contribute the full $7,500 using the other's pay;
    with $9,000 of joint pay and $7,500 contributed by the earner, the spouse is held to $1,500."""
    rich = compute(plan_from_data(plan(filing_status="married_filing_jointly", magi=500000,
                                       you=person(compensation=500000), spouse=person(compensation=0))))
    assert rich.spouse.ira_limit == Decimal(7500)
    tight = compute(plan_from_data(plan(
        filing_status="married_filing_jointly", magi=9000,
        you=person(compensation=9000, ira={"nondeductible_contribution": 7500}),
        spouse=person(compensation=0))))
    assert tight.spouse.ira_limit == Decimal(1500)
    separate = compute(plan_from_data(plan(filing_status="married_filing_separately", magi=500000,
                                           you=person(compensation=500000), spouse=person(compensation=0))))
    assert separate.spouse.ira_limit == 0


@pytest.mark.parametrize(
    "status,lived,magi,expected",
    [
        ("married_filing_separately", True, 5000, 3750),  # $0-$10,000 range: 0.5 x 7,500 (Pub. 590-A)
        ("married_filing_separately", True, 10000, 0),  # at the top: nothing, no $200 minimum
        ("married_filing_separately", False, 160000, 4000),  # apart all year: single range (E13a)
        ("head_of_household", False, 160000, 4000),
        ("qualifying_surviving_spouse", False, 247000, 3750),  # joint range (E13b)
        ("single", False, 153000, 7500),  # at the lower end: line 3 = 0, the full amount
        ("single", False, 152999, 7500),
        ("single", False, 168000, 0),
    ],
)
def test_roth_ranges_by_filing_status_2026(status, lived, magi, expected):
    limits = load_limits(2026)
    phaseout = rules.roth_phaseout(limits, rules.FS(status), lived)
    assert rules.roth_direct_limit(Decimal(magi), phaseout, Decimal(7500), Decimal(0)) == expected


def test_traditional_contributions_reduce_the_direct_roth_limit():
    """Worksheet 2-2 lines 9-11: $3,000 to a traditional IRA leaves $4,500 (under the range)."""
    r = compute(plan_from_data(plan(magi=100000, you=person(ira={"nondeductible_contribution": 3000}))))
    assert r.you.roth_direct_limit == Decimal(4500)
    assert r.recommendation == ["direct_roth"]
    assert "roth_direct_available" in codes(r)


def test_excess_contribution():
    """IRC 219(b)(1): $5,000 Roth plus $5,000 traditional is $2,500 over the 2026 limit."""
    r = compute(plan_from_data(plan(magi=100000, you=person(ira={
        "roth_contribution": 5000, "nondeductible_contribution": 5000}))))
    msg = next(w.message for w in r.you.warnings if w.code == "excess_contribution")
    assert "$10,000" in msg and "$2,500" in msg
    over_magi = compute(plan_from_data(plan(magi=400000, you=person(ira={"roth_contribution": 1000}))))
    assert "excess_contribution" in codes(over_magi)


@pytest.mark.parametrize(
    "status,magi,covered,spouse_covered,deductible",
    [
        ("single", 400000, False, None, True),  # nobody covered: deductible at any income (IRC 219(g))
        ("single", 400000, True, None, False),
        ("single", 85000, True, None, True),  # inside $81,000-$91,000 (2026)
        ("married_filing_jointly", 250000, False, True, True),  # spouse-covered range $242,000-$252,000
        ("married_filing_jointly", 252000, False, True, False),
        ("married_filing_jointly", 400000, False, False, True),
        ("married_filing_jointly", 140000, True, True, True),  # $129,000-$149,000
    ],
)
def test_deductibility_warning(status, magi, covered, spouse_covered, deductible):
    spouse = None if spouse_covered is None else person(covered_by_workplace_plan=spouse_covered)
    r = compute(plan_from_data(plan(filing_status=status, magi=magi, spouse=spouse,
                                    you=person(covered_by_workplace_plan=covered))))
    assert ("deductible_contribution" in codes(r)) is deductible


@pytest.mark.parametrize(
    "year,age,expected",
    [
        (2026, 49, 0),
        (2026, 50, 8000),
        (2026, 59, 8000),
        (2026, 60, 11250),  # SECURE 2.0 sec. 109: replaces the age-50 amount, not added to it
        (2026, 63, 11250),
        (2026, 64, 8000),  # at 64 the age-50 amount applies again
        (2024, 61, 7500),  # no super catch-up before 2025
        (2025, 62, 11250),
    ],
)
def test_catch_up_by_age(year, age, expected):
    assert rules.catch_up_limit(load_limits(year), age) == Decimal(expected)


@pytest.mark.parametrize(
    "features,blockers",
    [
        ({"after_tax_contributions": True, "in_service_distributions": True}, []),
        ({"after_tax_contributions": True, "in_service_distributions": False,
          "in_plan_roth_conversion": True}, []),  # the in-plan conversion is as good (IRC 402A(c)(4)(E))
        ({"after_tax_contributions": False, "in_service_distributions": True},
         ["no_after_tax_contributions"]),
        ({"after_tax_contributions": True, "in_service_distributions": False,
          "in_plan_roth_conversion": False}, ["no_in_service_or_in_plan_conversion"]),
        ({"after_tax_contributions": None, "in_service_distributions": True}, ["feature_unknown"]),
        ({"after_tax_contributions": True, "in_service_distributions": False}, ["feature_unknown"]),
    ],
)
def test_mega_blockers(features, blockers):
    ep = {"type": "403b", "elective_deferrals": 24500, "features": features}
    r = compute(plan_from_data(plan(you=person(employer_plan=ep))))
    assert r.you.mega_backdoor.blockers == blockers
    assert r.you.mega_backdoor.available is (blockers == [])


def test_no_room_and_no_plan_blockers():
    full = {"type": "401k", "elective_deferrals": 24500, "employer_contributions": 50000,
            "features": {"after_tax_contributions": True, "in_service_distributions": True}}
    r = compute(plan_from_data(plan(you=person(employer_plan=full))))
    assert r.you.mega_backdoor.room == 0 and r.you.mega_backdoor.blockers == ["no_room"]
    none = compute(plan_from_data(plan()))
    assert none.you.mega_backdoor.blockers == ["no_employer_plan"] and none.you.mega_backdoor.room == 0


def test_415c_capped_by_compensation():
    """IRC 415(c)(1)(B): 100% of compensation. $50,000 of pay, $20,000 deferred -> $30,000 of room."""
    ep = {"type": "401k", "elective_deferrals": 20000}
    r = compute(plan_from_data(plan(you=person(compensation=50000, employer_plan=ep))))
    assert r.you.mega_backdoor.room == Decimal(30000)


@pytest.mark.parametrize(
    "year,wages,warned",
    [
        (2026, 150001, True),  # "exceed" $150,000 (IRC 414(v)(7)(A))
        (2026, 150000, False),
        (2025, 400000, False),  # not enforced before 2026 (Notice 2023-62)
    ],
)
def test_roth_catch_up_rule(year, wages, warned):
    ep = {"type": "401k", "elective_deferrals": 20000, "catch_up": 7500, "prior_year_fica_wages": wages}
    r = compute(plan_from_data(plan(tax_year=year, you=person(age=55, employer_plan=ep))))
    assert ("roth_catch_up_required" in codes(r)) is warned


def test_acp_warning_only_for_an_hce_with_after_tax_room():
    """IRC 414(q): 2025 pay above the 2025 threshold of $160,000 makes an HCE for 2026."""
    ep = {"type": "401k", "elective_deferrals": 20000, "prior_year_fica_wages": 160001,
          "features": {"after_tax_contributions": True, "in_service_distributions": True}}
    assert "acp_testing" in codes(compute(plan_from_data(plan(you=person(employer_plan=ep)))))
    ep_low = {**ep, "prior_year_fica_wages": 150000}
    r = compute(plan_from_data(plan(you=person(compensation=150000, employer_plan=ep_low))))
    assert "acp_testing" not in codes(r)
    ep_no = {**ep, "features": {"after_tax_contributions": False}}
    assert "acp_testing" not in codes(compute(plan_from_data(plan(you=person(employer_plan=ep_no)))))


def test_each_spouse_has_their_own_pro_rata():
    """tax-rules.md 2.5: the spouse's IRAs are not aggregated; each files their own Form 8606."""
    r = compute(plan_from_data(plan(
        filing_status="married_filing_jointly", magi=500000,
        you=person(ira={"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0}),
        spouse=person(ira={"nondeductible_contribution": 5000, "conversion": 5000, "balance_dec31": 50000}),
    )))
    assert r.you.form_8606.line_18 == 0 and "pro_rata" not in codes(r)
    assert r.spouse.form_8606.line_18 == 4545 and "pro_rata" in codes(r, "spouse")  # E8 figures


def test_recommendation_order_and_empty():
    both = {"type": "401k", "elective_deferrals": 24500,
            "features": {"after_tax_contributions": True, "in_plan_roth_conversion": True}}
    r = compute(plan_from_data(plan(magi=160000, you=person(employer_plan=both))))
    assert r.recommendation == ["direct_roth", "backdoor_roth", "mega_backdoor_roth"]
    nothing = compute(plan_from_data(plan(you=person(compensation=0))))
    assert nothing.recommendation == []
