"""Invariants of the rules, checked with hypothesis over generated plans."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rothwizard.core import rules
from rothwizard.core.limits import load_limits, supported_years
from rothwizard.core.models import IRA, EmployerPlan, FilingStatus, Person

money = st.integers(min_value=0, max_value=2_000_000).map(Decimal)
small = st.integers(min_value=0, max_value=60_000).map(Decimal)
years = st.sampled_from(supported_years())
statuses = st.sampled_from(list(FilingStatus))


@st.composite
def iras(draw):
    nondeductible = draw(small)
    return IRA(
        nondeductible_contribution=nondeductible,
        contributed_after_year_end=draw(st.integers(0, int(nondeductible)).map(Decimal)),
        prior_basis=draw(small),
        conversion=draw(small),
        distributions=draw(small),
        balance_dec31=draw(money),
        deductible_contribution=draw(st.sampled_from([Decimal(0), Decimal(0), Decimal(1500)])),
    )


@settings(max_examples=300, deadline=None)
@given(iras())
def test_form_8606_bounds(ira):
    """0 <= line 10 <= 1; 0 <= line 18 <= line 8; line 14 >= 0 (Form 8606 and its instructions)."""
    f = rules.form_8606(ira)
    assert f.line_14 >= 0
    assert 0 <= f.line_18 <= (f.line_8 or 0)
    if f.line_10 is not None:
        assert 0 <= f.line_10 <= 1
        assert f.line_16 == f.line_8 and f.line_17 == f.line_11
    else:
        assert f.line_4 is f.line_13 is None and f.line_14 == f.line_3


@settings(max_examples=200, deadline=None)
@given(iras())
def test_roll_in_never_raises_the_tax(ira):
    """Taking pre-tax money off line 6 can only lower line 18 (IRC 408(d)(3)(H))."""
    f = rules.form_8606(ira)
    assert rules.form_8606_after_roll_in(ira, f).line_18 <= f.line_18


@settings(max_examples=300, deadline=None)
@given(years, statuses, st.booleans(), money, money, st.integers(18, 90), st.integers(0, 200_000).map(Decimal),
       small)
def test_direct_roth_limit_never_rises_with_magi(year, status, lived, magi_a, magi_b, age, comp, other):
    """Pub. 590-A Worksheet 2-2: more MAGI never allows a larger direct Roth contribution, and the
    result stays within 0 and the IRA limit."""
    limits = load_limits(year)
    phaseout = rules.roth_phaseout(limits, status, lived)
    line_6 = min(rules.ira_dollar_limit(limits, age), comp)
    low, high = sorted((magi_a, magi_b))
    at_low = rules.roth_direct_limit(low, phaseout, line_6, other)
    at_high = rules.roth_direct_limit(high, phaseout, line_6, other)
    assert at_high <= at_low
    assert 0 <= at_low <= line_6


@settings(max_examples=200, deadline=None)
@given(years, st.integers(0, 100), st.integers(0, 100), money)
def test_ira_limit_never_falls_with_age(year, age_a, age_b, comp):
    limits = load_limits(year)
    young, old = sorted((age_a, age_b))
    ira = IRA(nondeductible_contribution=Decimal(0), conversion=Decimal(0), balance_dec31=Decimal(0))
    limit = lambda age: rules.ira_contribution_limit(  # noqa: E731
        limits, Person(age=age, compensation=comp, ira=ira), FilingStatus.SINGLE)
    assert limit(young) <= limit(old)


@settings(max_examples=300, deadline=None)
@given(years, money, money, money, money)
def test_mega_room_never_negative_and_within_415c(year, comp, deferrals, employer, catch_up):
    """IRC 415(c): room = limit - deferrals - employer, never below 0, never above the limit;
    catch-ups do not change it (IRC 414(v)(3)(A))."""
    limits = load_limits(year)
    plan = EmployerPlan(type="401k", elective_deferrals=deferrals, employer_contributions=employer,
                        catch_up=catch_up)
    room = rules.mega_backdoor_room(limits, comp, plan)
    assert 0 <= room <= rules.annual_additions_limit(limits, comp)
    no_catch_up = plan.model_copy(update={"catch_up": Decimal(0)})
    assert rules.mega_backdoor_room(limits, comp, no_catch_up) == room
