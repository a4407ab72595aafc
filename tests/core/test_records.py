"""Rebuilding a lost basis, fixing an excess Roth contribution, and checking the forms that arrive.

Figures worked by hand: Form 8606 lines per the Form 8606 instructions (line 10 rounded to 3 places,
line 14 = line 3 - line 13); the net income attributable per Treas. Reg. 1.408-11(a)(1) and its
Example 1 in paragraph (c); Form 5329 Part IV's 6% (IRC 4973(a)); the box 7 codes per the Form 1099-R
instructions' "Guide to Distribution Codes" (2 under 59 1/2, 7 at 59 1/2 or older, G direct rollover,
H Roth plan to Roth IRA)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from rothwizard.core.basis_rebuild import rebuild
from rothwizard.core.corrections import excise_tax_per_year, net_income_attributable
from rothwizard.core.errors import InvalidInput
from rothwizard.core.ledger import compute_any, compute_plan, load_any
from rothwizard.core.planfile import plan_from_data
from rothwizard.core.records import BasisYear

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
D = Decimal


def single(ira, **you):
    return plan_from_data({"tax_year": 2026, "filing_status": "single", "magi": 400000,
                           "you": {"age": 45, "compensation": 400000, "ira": ira, **you}})


# ---------------------------------------------------------------- rebuilding the basis


def three_years():
    """2023: $6,500 nondeductible, kept (Dec. 31 value $6,600); 2024: $7,000 more (value $13,900);
    2025: $7,000 more and all $21,000 converted (value $0). No Form 8606 filed for any of them."""
    return [BasisYear(tax_year=2023, contributions=6500, value_dec31=6600, form_8606_filed=False),
            BasisYear(tax_year=2024, contributions=7000, value_dec31=13900, form_8606_filed=False),
            BasisYear(tax_year=2025, contributions=7000, conversions=21000, value_dec31=0, form_8606_filed=False)]


def test_rebuild_three_years_by_hand():
    """2023: no distribution, so line 14 = line 3 = 6,500. 2024: line 2 6,500, line 3 13,500 = line 14.
    2025: line 3 = 7,000 + 13,500 = 20,500; line 9 = 0 + 0 + 21,000; line 10 = 20,500 / 21,000 = 0.97619
    -> 0.976; line 11 = 21,000 x 0.976 = 20,496; line 14 = 20,500 - 20,496 = 4; line 18 = 21,000 - 20,496
    = 504. Each year had nondeductible contributions, so each Form 8606 was required (Who Must File)."""
    out = rebuild(three_years())
    y23, y24, y25 = (y.form_8606 for y in out.years)
    assert (y23["line_1"], y23["line_2"], y23["line_14"], y23["line_8"]) == (6500, 0, 6500, None)
    assert (y24["line_1"], y24["line_2"], y24["line_14"]) == (7000, 6500, 13500)
    assert (y25["line_2"], y25["line_3"], y25["line_9"], y25["line_10"], y25["line_11"]) == \
        (13500, 20500, 21000, 0.976, 20496)
    assert (y25["line_14"], y25["line_18"]) == (4, 504)
    assert out.basis == 4 and out.late_forms == [2023, 2024, 2025]
    assert "$50" in out.note and "6693(b)" in out.note and "reasonable cause" in out.note


def test_a_deducted_contribution_is_not_basis_and_a_filed_year_is_not_late():
    """Form 8606 line 1 is nondeductible contributions only: $7,000 in box 1 with $7,000 deducted is 0
    of basis; with no basis and no nondeductible contribution no Form 8606 was required."""
    out = rebuild([BasisYear(tax_year=2024, contributions=7000, deducted=7000, value_dec31=7000),
                   BasisYear(tax_year=2025, contributions=7000, value_dec31=14000, form_8606_filed=True)])
    assert [y.required for y in out.years] == [False, True]
    assert out.late_forms == [] and out.basis == 7000


def test_the_rebuilt_basis_is_the_plans_line_2_and_the_late_forms_are_warned():
    """years-rebuilt-basis example: 2026 line 2 = the rebuilt 4; line 3 7,504, line 9 7,500, line 10
    7,504 / 7,500 > 1 -> 1.000, line 11 7,500, line 14 4, line 18 0."""
    report = compute_any(load_any(EXAMPLES / "years-rebuilt-basis.rothplan.json")).years[0]
    form = report.you.form_8606
    assert (form.line_2, form.line_3, form.line_10, form.line_14, form.line_18) == (4, 7504, 1.0, 4, 0)
    (w,) = [w for w in report.you.warnings if w.code == "form_8606_late"]
    assert "2023, 2024, 2025" in w.message


def test_history_must_end_the_year_before_and_follow_on():
    with pytest.raises(InvalidInput) as info:
        compute_plan_checked({"basis_history": [{"tax_year": 2023}, {"tax_year": 2025}]})
    assert info.value.field == "you.basis_history[1].tax_year"
    with pytest.raises(InvalidInput) as info:
        compute_plan_checked({"basis_history": [{"tax_year": 2024}]})
    assert info.value.field == "you.basis_history[0].tax_year" and "2025" in info.value.problem


def compute_plan_checked(extra, tmp=Path("/tmp")):
    path = tmp / "rothwizard-records-test.rothplan.json"
    path.write_text(json.dumps({"tax_year": 2026, "filing_status": "single", "magi": 400000, "you": {
        "age": 45, "compensation": 400000, **extra,
        "ira": {"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0}}}))
    return load_any(path)


# ---------------------------------------------------------------- the excess Roth contribution


def test_nia_treas_reg_1_408_11_example_1():
    """Treas. Reg. 1.408-11(c) Example 1: IRA worth $4,800 when $1,600 is contributed; $400 of it is
    returned when the IRA is worth $7,600. AOB = 4,800 + 1,600 = 6,400; ACB 7,600;
    NIA = 400 x (7,600 - 6,400) / 6,400 = $75."""
    assert net_income_attributable(D(1600), D(400), D(4800), D(7600)) == D("75.00")


def test_nia_loss_is_negative():
    """A loss: $7,500 into an empty Roth IRA now worth $6,900: NIA = 7,500 x (6,900 - 7,500) / 7,500 = -600."""
    assert net_income_attributable(D(7500), D(7500), D(0), D(6900)) == D("-600.00")


def test_excess_roth_example_recharacterize_then_convert():
    """MAGI $400,000 single 2026: the Roth limit is $0, so all $7,500 is excess. Roth IRA $0 before,
    $7,650 now: NIA = 7,500 x 150 / 7,500 = $150; $7,650 moves by October 15, 2027; 6% = $450 a year.
    Recharacterized, it is Form 8606 line 1 (7,500); converting 7,650: line 10 = 7,500 / 7,650 = 0.98039
    -> 0.980, line 11 = 7,650 x 0.980 = 7,497, line 18 = 153."""
    report = compute_any(load_any(EXAMPLES / "excess-roth-contribution.rothplan.json"))
    fix = report.you.records.excess_correction
    assert (fix.excess, fix.method, fix.net_income, fix.amount_to_move) == (7500, "recharacterize", 150.0, 7650)
    assert fix.due == dt.date(2027, 10, 15) and fix.excise_tax_per_year == 450
    assert "1.408-11" in fix.source and "4973" in fix.source
    form = report.you.form_8606
    assert (form.line_1, form.line_10, form.line_11, form.line_18) == (7500, 0.98, 7497, 153)


def test_excess_removed_when_chosen():
    plan = single({"roth_contribution": 7500, "nondeductible_contribution": 0, "conversion": 0,
                   "balance_dec31": 0}, excess_fix={"method": "remove", "value_before": 0, "value_now": 6900})
    fix = compute_plan(plan).you.records.excess_correction
    assert (fix.method, fix.method_origin, fix.net_income, fix.amount_to_move) == ("remove", "entered", -600.0, 6900)


def test_six_percent_excise():
    """IRC 4973(a): 6% of a $7,500 excess = $450."""
    assert excise_tax_per_year(D(7500)) == D(450)


def test_no_excess_no_fix():
    plan = single({"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0})
    assert compute_plan(plan).you.records is None


# ---------------------------------------------------------------- the forms that arrive


def test_wrong_code_1_on_a_conversion():
    """A direct conversion at 45 is coded 2; code 1 is an early distribution with no known exception.
    Form 1040: line 4a 7,500 (box 1), line 4b 0 (Form 8606 line 18), not box 2a's 7,500."""
    report = compute_any(load_any(EXAMPLES / "wrong-1099r-code.rothplan.json"))
    check = report.you.records.forms_check
    assert [f.code for f in check.findings] == ["code_1_on_conversion"]
    assert "code is 2" in check.findings[0].message and "corrected Form 1099-R" in check.findings[0].what_to_do
    lines = {(r.form, r.line): r.amount for r in check.return_lines}
    assert lines[("Form 1040", "4a")] == 7500 and lines[("Form 1040", "4b")] == 0
    assert lines[("Form 8606", "8")] == 7500 and lines[("Form 8606", "18")] == 0
    assert any(w.code == "form_check" for w in report.you.warnings)


@pytest.mark.parametrize("age, code, finding", [(45, "2", []), (61, "7", []), (61, "2", ["age_code"]),
                                                 (59, "2", []), (59, "7", [])])
def test_age_codes(age, code, finding):
    plan = single({"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0}, age=age,
                  forms_1099r=[{"box_1": 7500, "box_2b_not_determined": True, "box_7": [code],
                                "ira_sep_simple": True}])
    assert [f.code for f in compute_plan(plan).you.records.forms_check.findings] == finding


def test_box_1_and_5498_differences_are_explained():
    """Box 1 7,512 vs a planned 7,500 conversion; 5498 box 5 $300 vs a $0 December 31 balance."""
    plan = single({"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0},
                  forms_1099r=[{"box_1": 7512, "box_7": ["2"], "ira_sep_simple": True,
                                "box_2b_not_determined": True}],
                  forms_5498=[{"account": "traditional_ira", "box_1": 7500, "box_5": 300}])
    codes = [f.code for f in compute_plan(plan).you.records.forms_check.findings]
    assert codes == ["box_1_differs", "year_end_value"]


def mega_plan(forms):
    return plan_from_data({"tax_year": 2026, "filing_status": "single", "magi": 400000, "you": {
        "age": 45, "compensation": 400000, "forms_1099r": forms,
        "ira": {"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 0},
        "employer_plan": {"type": "401k", "elective_deferrals": 24500, "employer_contributions": 28800,
                          "features": {"after_tax_contributions": True, "in_service_distributions": True}}}})


def test_mega_backdoor_code_g_box_5_and_lines_5a_5b():
    """Room 72,000 - 24,500 - 28,800 = 18,700 (E14). A combined 1099-R for a split (Notice 2014-54):
    box 1 18,850, box 2a 150 (earnings to the Roth IRA, taxable), box 5 18,700, code G -> no finding;
    line 5a 18,850, 5b 150. With box 5 = 0 the form is flagged."""
    ok = mega_plan([{"box_1": 7500, "box_7": ["2"], "ira_sep_simple": True, "box_2b_not_determined": True},
                    {"box_1": 18850, "box_2a": 150, "box_5": 18700, "box_7": ["G"], "ira_sep_simple": False}])
    check = compute_plan(ok).you.records.forms_check
    assert check.findings == []
    lines = {(r.form, r.line): r.amount for r in check.return_lines}
    assert (lines[("Form 1040", "5a")], lines[("Form 1040", "5b")]) == (18850, 150)
    bad = mega_plan([{"box_1": 18850, "box_2a": 18850, "box_5": 0, "box_7": ["G"], "ira_sep_simple": False}])
    codes = [f.code for f in compute_plan(bad).you.records.forms_check.findings]
    assert "box_5_differs" in codes and "missing_1099r" in codes


def test_a_bad_form_names_the_field():
    with pytest.raises(InvalidInput) as info:
        compute_plan_checked({"forms_1099r": [{"box_1": 100, "box_5": 200, "box_7": ["G"],
                                               "ira_sep_simple": False}]})
    assert info.value.field == "you.forms_1099r.0.box_5"
