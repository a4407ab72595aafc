"""The yearly limits data under resources/limits: complete, cited, and checked against tax-rules.md 1.2."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from rothwizard.core import plan_from_data
from rothwizard.core.calculator import compute, compute_with_limits
from rothwizard.core.errors import LimitsDataError, UnsupportedTaxYear
from rothwizard.core.limits import (
    PARAMETERS,
    TaxYearLimits,
    limits_dir,
    load_limits,
    parse_limits_file,
    provisional_limits,
    supported_years,
)
from rothwizard.core.years import is_plannable, plannable_years
from tests.conftest import person, plan


def test_ships_2024_to_2026_and_not_2027():
    """tax-rules.md 1.4: 2027 figures are not published, so no 2027 file ships; a year before the
    earliest one shipped is refused, naming the years known."""
    assert supported_years() == (2024, 2025, 2026)
    assert not (limits_dir() / "2027.toml").exists()
    with pytest.raises(UnsupportedTaxYear) as exc:
        load_limits(2023)
    assert str(exc.value) == (
        "tax_year: RothWizard has no IRS limits for 2023; the years it knows are 2024, 2025, 2026"
    )


def test_a_year_not_published_is_planned_on_the_latest_figures():
    """Spec, "A year not published yet": 2027 uses the 2026 figures (IR-2025-111, Notice 2025-67), marked
    provisional; dated items move to the year: April 15, 2028 (IRC 219(f)(3)) and October 15, 2028
    (IRC 6081(a)); the 2027 HCE look-back figure is 2026's own $160,000 (IRC 414(q)(1)(B))."""
    lim = load_limits(2027)
    assert lim.tax_year == 2027 and lim.provisional and lim.provisional_from == 2026
    assert (lim.ira_limit.value, lim.ira_catch_up.value, lim.elective_deferral_limit.value) == (7500, 1100, 24500)
    assert (lim.annual_additions_limit.value, lim.roth_phaseout_single.lower) == (72000, 153000)
    assert lim.contribution_deadline.value == dt.date(2028, 4, 15)
    assert lim.extended_due_date.value == dt.date(2028, 10, 15)
    assert lim.hce_lookback_threshold.value == 160000
    assert lim.sources.endswith("Notice 2025-67 (the 2026 figures: 2027 is not published yet)")
    assert not load_limits(2026).provisional
    assert plannable_years() == (2024, 2025, 2026, 2027)
    assert [is_plannable(y) for y in (2023, 2024, 2027, 2031, 2101, "2027", True)] == [
        False, True, True, True, False, False, False]


def test_provisional_report_and_warning_for_each_person():
    """The report carries "provisional": true and each person a provisional_year warning naming 2026."""
    data = plan(tax_year=2027, filing_status="married_filing_jointly", magi=500000, spouse=person())
    r = compute(plan_from_data(data))
    assert r.provisional is True and r.figures_year == 2026
    assert r.model_dump(mode="json")["provisional"] is True
    for who in (r.you, r.spouse):
        prov = [w for w in who.warnings if w.code == "provisional_year"]
        assert len(prov) == 1 and "2026 figures" in prov[0].message and "2027" in prov[0].message
    assert r.you.ira_limit == Decimal(7500) and r.contribution_deadline == dt.date(2028, 4, 15)
    published = compute(plan_from_data(plan()))
    assert published.provisional is False and published.figures_year is None
    assert "provisional_year" not in {w.code for w in published.you.warnings}


def test_shipping_the_year_is_one_file(tmp_path):
    """When the IRS publishes 2027, a 2027.toml makes it a published year: nothing else changes."""
    folder = tmp_path / "limits"
    folder.mkdir()
    src = (limits_dir() / "2026.toml").read_text()
    (folder / "2026.toml").write_text(src)
    assert load_limits(2027, folder).provisional
    (folder / "2027.toml").write_text(src.replace("tax_year = 2026", "tax_year = 2027"))
    load_limits.cache_clear()
    supported_years.cache_clear()
    try:
        assert not load_limits(2027, folder).provisional
        assert load_limits(2028, folder).provisional_from == 2027
    finally:
        load_limits.cache_clear()
        supported_years.cache_clear()


def test_a_file_may_not_claim_to_be_provisional(tmp_path):
    path = _copy_year(tmp_path)
    path.write_text(path.read_text().replace("tax_year = 2026", "tax_year = 2026\nprovisional_from = 2025"))
    with pytest.raises(LimitsDataError, match="provisional_from"):
        parse_limits_file(path)


@pytest.mark.parametrize("year", supported_years())
def test_every_year_has_every_parameter_each_with_a_source(year):
    raw = (limits_dir() / f"{year}.toml").read_text()
    limits = load_limits(year)
    for name in PARAMETERS:
        assert f"[{name}]" in raw, f"{year}.toml lacks {name}"
        entry = getattr(limits, name)
        assert len(entry.source) >= 10, f"{year} {name} has no real source"
    assert limits.notice.startswith("Notice ")
    assert limits.news_release.startswith("IRS News Release IR-")


def test_citations_of_the_roth_catch_up_threshold():
    """tax-rules.md 1.2 and 2.10 item 5: 2024's $145,000 is statutory (IRC 414(v)(7)(A)); 2026's
    $150,000 is Notice 2025-67's, with the final regulations T.D. 10033."""
    assert "414(v)(7)" in load_limits(2024).roth_catch_up_wage_threshold.source
    assert "statutory" in load_limits(2024).roth_catch_up_wage_threshold.source
    src_2026 = load_limits(2026).roth_catch_up_wage_threshold.source
    assert "Notice 2025-67" in src_2026 and "T.D. 10033" in src_2026


# ---------------------------------------------------------------- every parameter changes a figure
# Each case: a plan, a figure read from its report, the figure with the shipped 2026 value (derived by
# hand from tax-rules.md 1.2 and the rule named), the changed value, and the figure with it. A
# parameter no case covers fails ``test_every_parameter_has_a_behaviour_case``.


def _codes(r):
    return {w.code for w in r.you.warnings}


def _mega(**over):
    ep = {"type": "401k", "elective_deferrals": 24500,
          "features": {"after_tax_contributions": True, "in_service_distributions": True}}
    ep.update(over)
    return ep


def _amount(name, value):
    return lambda lim: {name: getattr(lim, name).model_copy(update={"value": value})}


def _range(name, lower, upper):
    return lambda lim: {name: getattr(lim, name).model_copy(update={"lower": lower, "upper": upper})}


BEHAVIOUR = {
    # IRC 219(b)(5)(A): $7,500 -> the IRA limit
    "ira_limit": (plan(), lambda r: r.you.ira_limit, 7500, _amount("ira_limit", 7000), 7000),
    # IRC 219(b)(5)(B): 7,500 + 1,100 at 55
    "ira_catch_up": (plan(you=person(age=55)), lambda r: r.you.ira_limit, 8600, _amount("ira_catch_up", 1000), 8500),
    # E13a: $160,000 in $153,000-$168,000 -> 4,000; in $155,000-$170,000: 5/15 = 0.333 x 7,500 = 2,497.50,
    # 7,500 - 2,497.50 = 5,002.50 -> 5,010
    "roth_phaseout_single": (plan(magi=160000), lambda r: r.you.roth_direct_limit, 4000,
                             _range("roth_phaseout_single", 155000, 170000), 5010),
    # E13b: $247,000 -> 3,750; in $240,000-$250,000: 0.7 x 7,500 = 5,250 -> 2,250
    "roth_phaseout_joint": (plan(filing_status="married_filing_jointly", magi=247000, spouse=person()),
                            lambda r: r.you.roth_direct_limit, 3750, _range("roth_phaseout_joint", 240000, 250000),
                            2250),
    # MFS lived together, $5,000 in $0-$10,000 -> 0.5 x 7,500 -> 3,750; in $0-$20,000: 0.25 -> 5,625 -> 5,630
    "roth_phaseout_separate_lived_with_spouse": (
        plan(filing_status="married_filing_separately", lived_with_spouse=True, magi=5000,
             spouse_covered_by_workplace_plan=True),
        lambda r: r.you.roth_direct_limit, 3750, _range("roth_phaseout_separate_lived_with_spouse", 0, 20000), 5630),
    # Pub. 590-A Worksheet 1-2: (91,000 - 85,000) x 75% = 4,500; (95,000 - 85,000) x 7,500/10,000 = 7,500
    "deduction_phaseout_single_covered": (plan(magi=85000), lambda r: r.you.deduction_limit, 4500,
                                          _range("deduction_phaseout_single_covered", 85000, 95000), 7500),
    # (149,000 - 140,000) x 37.5% = 3,375 -> 3,380; in $130,000-$150,000: 10,000 x 37.5% = 3,750
    "deduction_phaseout_joint_covered": (
        plan(filing_status="married_filing_jointly", magi=140000, spouse=person()),
        lambda r: r.you.deduction_limit, 3380, _range("deduction_phaseout_joint_covered", 130000, 150000), 3750),
    # IRC 219(g)(7): (252,000 - 250,000) x 75% = 1,500; in $245,000-$255,000: 5,000 x 75% = 3,750
    "deduction_phaseout_joint_spouse_covered": (
        plan(filing_status="married_filing_jointly", magi=250000, you=person(covered_by_workplace_plan=False),
             spouse=person()),
        lambda r: r.you.deduction_limit, 1500, _range("deduction_phaseout_joint_spouse_covered", 245000, 255000),
        3750),
    # IRC 219(g)(3)(B)(iii): MFS lived together, covered, $5,000: 5,000 x 75% = 3,750; $0-$20,000: 15,000 x 37.5%
    # = 5,625 -> 5,630
    "deduction_phaseout_separate": (
        plan(filing_status="married_filing_separately", lived_with_spouse=True, magi=5000,
             spouse_covered_by_workplace_plan=False),
        lambda r: r.you.deduction_limit, 3750, _range("deduction_phaseout_separate", 0, 20000), 5630),
    # IRC 402(g)(1): $24,500 deferred at 45 is within $24,500; over a $24,000 limit it is an excess
    "elective_deferral_limit": (plan(you=person(employer_plan=_mega())), lambda r: "excess_deferral" in _codes(r),
                                False, _amount("elective_deferral_limit", 24000), True),
    # IRC 457(e)(15): the 457(b)'s own $24,500
    "governmental_457b_limit": (plan(you=person(employer_plan=_mega(type="457b"))),
                                lambda r: "excess_deferral" in _codes(r), False,
                                _amount("governmental_457b_limit", 24000), True),
    # IRC 402(g)(7): $27,500 in a 403(b) with a $3,000 15-year catch-up is within 24,500 + 3,000
    "special_403b_catch_up": (plan(you=person(employer_plan=_mega(type="403b", elective_deferrals=27500,
                                                                   catch_up_15_year=3000))),
                              lambda r: "excess_deferral" in _codes(r), False,
                              _amount("special_403b_catch_up", 2000), True),
    # IRC 414(v)(2)(B)(i): $8,000 at 55
    "catch_up_50": (plan(you=person(age=55, employer_plan=_mega())), lambda r: r.you.mega_backdoor.catch_up_allowed,
                    8000, _amount("catch_up_50", 7500), 7500),
    # IRC 414(v)(2)(E): $11,250 at 61
    "catch_up_60_63": (plan(you=person(age=61, employer_plan=_mega())),
                       lambda r: r.you.mega_backdoor.catch_up_allowed, 11250, _amount("catch_up_60_63", 12000), 12000),
    # IRC 415(c)(1)(A): 72,000 - 24,500 = 47,500; 70,000 - 24,500 = 45,500
    "annual_additions_limit": (plan(you=person(employer_plan=_mega())), lambda r: r.you.mega_backdoor.room, 47500,
                               _amount("annual_additions_limit", 70000), 45500),
    # IRC 401(a)(17): min(400,000, 360,000)
    "compensation_limit": (plan(you=person(employer_plan=_mega())),
                           lambda r: r.you.mega_backdoor.plan_compensation, 360000,
                           _amount("compensation_limit", 350000), 350000),
    # IRC 414(q)(1)(B): 2025 pay of $159,000 is not above 2025's $160,000; above $155,000 it would be
    "hce_lookback_threshold": (plan(you=person(employer_plan=_mega(prior_year_fica_wages=159000))),
                               lambda r: "acp_testing" in _codes(r), False,
                               _amount("hce_lookback_threshold", 155000), True),
    # IRC 414(v)(7)(A): $160,000 of 2025 FICA wages exceed $150,000, not $170,000
    "roth_catch_up_wage_threshold": (plan(you=person(age=55, employer_plan=_mega(prior_year_fica_wages=160000))),
                                     lambda r: "roth_catch_up_required" in _codes(r), True,
                                     _amount("roth_catch_up_wage_threshold", 170000), False),
    # IRC 219(f)(3)
    "contribution_deadline": (plan(), lambda r: r.contribution_deadline, dt.date(2027, 4, 15),
                              _amount("contribution_deadline", dt.date(2027, 4, 16)), dt.date(2027, 4, 16)),
    # IRC 6081(a): the recharacterization deadline in the excess warning
    "extended_due_date": (plan(you=person(ira={"roth_contribution": 7500})),
                          lambda r: "October 15, 2027" in next(w.message for w in r.you.warnings
                                                               if w.code == "excess_contribution"),
                          True, _amount("extended_due_date", dt.date(2027, 10, 16)), False),
}


def test_every_parameter_has_a_behaviour_case():
    assert sorted([*BEHAVIOUR, "hce_threshold"]) == sorted(PARAMETERS)  # hce_threshold: the test below


@pytest.mark.parametrize("name", sorted(BEHAVIOUR))
def test_each_parameter_changes_the_figure_it_feeds(name):
    """A parameter no rule reads would leave the figure unchanged (architecture.md, point 9)."""
    data, figure, shipped, change, changed = BEHAVIOUR[name]
    base = load_limits(2026)
    p = plan_from_data(data)
    assert figure(compute_with_limits(p, base)) == shipped
    modified = base.model_copy(update=change(base))
    assert isinstance(modified, TaxYearLimits)
    assert figure(compute_with_limits(p, modified)) == changed


def test_hce_threshold_is_the_next_years_look_back_figure():
    """IRC 414(q)(1)(B): the 2026 threshold ($160,000) is the look-back figure for 2027, used when 2027 is
    planned provisionally; with it at $165,000, 2026 pay of $162,000 no longer makes an HCE."""
    data = plan(tax_year=2027, you=person(employer_plan=_mega(prior_year_fica_wages=162000)))
    p = plan_from_data(data)
    base = load_limits(2026)
    assert "acp_testing" in _codes(compute_with_limits(p, provisional_limits(base, 2027)))
    raised = base.model_copy(update=_amount("hce_threshold", 165000)(base))
    assert "acp_testing" not in _codes(compute_with_limits(p, provisional_limits(raised, 2027)))


# tax-rules.md section 1.2, the main table (S1, S2, S3).
TABLE_1_2 = {
    2024: dict(ira_limit=7000, ira_catch_up=1000, roth_single=(146000, 161000), roth_joint=(230000, 240000),
               elective=23000, cu50=7500, cu60=None, c415=69000, comp=345000, hce=155000,
               wage=(145000, False), ded_single=(77000, 87000), ded_joint=(123000, 143000),
               ded_spouse=(230000, 240000), deadline="2025-04-15", hce_lookback=150000, extended="2025-10-15"),
    2025: dict(ira_limit=7000, ira_catch_up=1000, roth_single=(150000, 165000), roth_joint=(236000, 246000),
               elective=23500, cu50=7500, cu60=11250, c415=70000, comp=350000, hce=160000,
               wage=(145000, False), ded_single=(79000, 89000), ded_joint=(126000, 146000),
               ded_spouse=(236000, 246000), deadline="2026-04-15", hce_lookback=155000, extended="2026-10-15"),
    2026: dict(ira_limit=7500, ira_catch_up=1100, roth_single=(153000, 168000), roth_joint=(242000, 252000),
               elective=24500, cu50=8000, cu60=11250, c415=72000, comp=360000, hce=160000,
               wage=(150000, True), ded_single=(81000, 91000), ded_joint=(129000, 149000),
               ded_spouse=(242000, 252000), deadline="2027-04-15", hce_lookback=160000, extended="2027-10-15"),
}


@pytest.mark.parametrize("year", sorted(TABLE_1_2))
def test_values_match_tax_rules_table_1_2(year):
    t, lim = TABLE_1_2[year], load_limits(year)
    rng = lambda p: (p.lower, p.upper)  # noqa: E731
    assert (lim.ira_limit.value, lim.ira_catch_up.value) == (t["ira_limit"], t["ira_catch_up"])
    assert rng(lim.roth_phaseout_single) == t["roth_single"]
    assert rng(lim.roth_phaseout_joint) == t["roth_joint"]
    assert rng(lim.roth_phaseout_separate_lived_with_spouse) == (0, 10000)
    assert lim.elective_deferral_limit.value == t["elective"]
    assert (lim.catch_up_50.value, lim.catch_up_60_63.value) == (t["cu50"], t["cu60"])
    assert lim.annual_additions_limit.value == t["c415"]
    assert lim.compensation_limit.value == t["comp"]
    assert lim.hce_threshold.value == t["hce"]
    assert lim.hce_lookback_threshold.value == t["hce_lookback"]
    assert lim.governmental_457b_limit.value == t["elective"]  # IRC 457(e)(15): the same amount, separate
    assert lim.special_403b_catch_up.value == 3000  # IRC 402(g)(7)(A)(ii)(I), not indexed
    assert lim.extended_due_date.value.isoformat() == t["extended"]
    w = lim.roth_catch_up_wage_threshold
    assert (w.value, w.enforced) == t["wage"]
    assert rng(lim.deduction_phaseout_single_covered) == t["ded_single"]
    assert rng(lim.deduction_phaseout_joint_covered) == t["ded_joint"]
    assert rng(lim.deduction_phaseout_joint_spouse_covered) == t["ded_spouse"]
    assert rng(lim.deduction_phaseout_separate) == (0, 10000)
    assert lim.contribution_deadline.value.isoformat() == t["deadline"]


def _copy_year(tmp_path: Path, year: int = 2026) -> Path:
    folder = tmp_path / "limits"
    folder.mkdir()
    shutil.copy(limits_dir() / f"{year}.toml", folder / f"{year}.toml")
    return folder / f"{year}.toml"


def test_extra_key_is_refused_naming_file_and_field(tmp_path):
    path = _copy_year(tmp_path)
    path.write_text(path.read_text().replace("[ira_limit]\n", "[ira_limit]\nvalu = 1\n"))
    with pytest.raises(LimitsDataError, match=r"2026.toml is invalid at ira_limit.valu"):
        parse_limits_file(path)


def test_missing_source_is_refused(tmp_path):
    path = _copy_year(tmp_path)
    text = path.read_text()
    start = text.index("[ira_catch_up]")
    end = text.index("\n\n", start)
    block = text[start:end]
    path.write_text(text.replace(block, "\n".join(x for x in block.splitlines() if "source" not in x)))
    with pytest.raises(LimitsDataError, match=r"ira_catch_up.source"):
        parse_limits_file(path)


def test_adding_a_year_is_adding_a_file(tmp_path):
    """A new file is picked up with no code change (here a copy of 2026 relabelled as 2030)."""
    src = limits_dir() / "2026.toml"
    folder = tmp_path / "limits"
    folder.mkdir()
    (folder / "2030.toml").write_text(src.read_text().replace("tax_year = 2026", "tax_year = 2030"))
    assert supported_years(folder) == (2030,)
    assert load_limits(2030, folder).ira_limit.value == 7500


def test_file_name_and_year_must_agree(tmp_path):
    folder = tmp_path / "limits"
    folder.mkdir()
    (folder / "2031.toml").write_text((limits_dir() / "2026.toml").read_text())
    with pytest.raises(LimitsDataError, match="says tax_year = 2026"):
        load_limits(2031, folder)
