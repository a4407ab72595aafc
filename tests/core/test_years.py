"""Several years in one file: the basis ledger, split years, basis_mismatch, and the one-line errors.

Expected figures are worked by hand from the Form 8606 instructions (line 2 is last year's line 14;
line 4 is the part of line 1 made January 1 to April 15 of the next year) and shared/guides/tax-rules.md
example E10 (a 2025 contribution made in February 2026, converted in 2026)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rothwizard.core.errors import InvalidInput
from rothwizard.core.ledger import compute_household, household_from_data, load_any

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def year(tax_year, ira, **you):
    return {"tax_year": tax_year, "filing_status": "single", "magi": 400000,
            "you": {"age": 45, "compensation": 400000, "ira": ira, **you}}


def e10():
    """tax-rules.md E10: $7,000 for 2025 contributed Feb. 10, 2026; $7,500 for 2026; all converted in 2026."""
    return {"schema_version": 1, "years": [
        year(2025, {"nondeductible_contribution": 7000, "contributed_after_year_end": 7000, "conversion": 0,
                    "balance_dec31": 0}),
        year(2026, {"nondeductible_contribution": 7500, "conversion": 14500, "balance_dec31": 0}),
    ]}


def test_split_year_e10_line_14_carries_the_contribution_into_the_next_year():
    """E10: 2025 line 1 7,000, no conversion in 2025 so line 3 goes to line 14 = 7,000; 2026 line 2 7,000
    (not entered: carried), line 3 14,500, line 8 14,500, line 10 1.000, line 14 0, line 18 0."""
    out = compute_household(household_from_data(e10()))
    y25, y26 = (r.you.form_8606 for r in out.years)
    assert (y25.line_1, y25.line_2, y25.line_3, y25.line_8, y25.line_14) == (7000, 0, 7000, None, 7000)
    assert (y26.line_1, y26.line_2, y26.line_3, y26.line_8, y26.line_10) == (7500, 7000, 14500, 14500, 1.0)
    assert (y26.line_14, y26.line_18) == (0, 0)
    assert [(r.tax_year, r.contributions, r.after_year_end, r.basis_in, r.basis_in_origin, r.conversions,
             r.basis_carried) for r in out.ledger] == [
        (2025, 7000, 7000, 0, "none", 0, 7000), (2026, 7500, 0, 7000, "carried", 14500, 0)]
    assert not [w for r in out.years for w in r.you.warnings if w.code == "basis_mismatch"]


def test_split_year_with_a_conversion_in_the_earlier_year_uses_line_4():
    """Form 8606 instructions, line 4: a 2025 conversion of $5,000 (the 2024 basis carried in) while
    $7,000 of the 2025 contribution was made in 2026: line 3 = 7,000 + 5,000 = 12,000, line 4 7,000,
    line 5 5,000, line 9 5,000, line 10 1.000, line 11 5,000, line 14 = 12,000 - 5,000 = 7,000."""
    data = {"years": [year(2025, {"nondeductible_contribution": 7000, "contributed_after_year_end": 7000,
                                  "prior_basis": 5000, "conversion": 5000, "balance_dec31": 0})]}
    form = compute_household(household_from_data(data)).years[0].you.form_8606
    assert (form.line_3, form.line_4, form.line_5, form.line_10, form.line_11, form.line_14, form.line_18) == \
        (12000, 7000, 5000, 1.0, 5000, 7000, 0)


def test_an_entered_prior_basis_that_differs_is_kept_and_warned():
    """Entries stay entries: 2026 line 2 entered as 6,000 while 2025 line 14 is 7,000 -> line 2 6,000 and
    a basis_mismatch warning naming both figures (Form 8606 instructions, line 2)."""
    data = e10()
    data["years"][1]["you"]["ira"]["prior_basis"] = 6000
    report = compute_household(household_from_data(data)).years[1]
    assert report.you.form_8606.line_2 == 6000
    (w,) = [w for w in report.you.warnings if w.code == "basis_mismatch"]
    assert "$6,000" in w.message and "$7,000" in w.message and "line 2" in w.source


def test_an_entered_prior_basis_equal_to_line_14_is_no_mismatch():
    data = e10()
    data["years"][1]["you"]["ira"]["prior_basis"] = 7000
    report = compute_household(household_from_data(data)).years[1]
    assert not [w for w in report.you.warnings if w.code == "basis_mismatch"]


def test_each_spouse_carries_their_own_basis():
    """Form 8606 is per person: the spouse's 2025 line 14 (3,000) is the spouse's 2026 line 2, yours is
    yours (7,000)."""
    data = e10()
    for y in data["years"]:
        y["filing_status"] = "married_filing_jointly"
        y["spouse"] = {"age": 44, "compensation": 100000,
                       "ira": {"nondeductible_contribution": 3000, "conversion": 0, "balance_dec31": 0}}
    out = compute_household(household_from_data(data))
    assert out.years[1].you.form_8606.line_2 == 7000
    assert out.years[1].spouse.form_8606.line_2 == 3000


@pytest.mark.parametrize("change, field", [
    (lambda d: d["years"][1].update(tax_year=2027), "years[1].tax_year"),
    (lambda d: d["years"][1]["you"]["ira"].update(prior_basis=-1), "years[1].you.ira.prior_basis"),
    (lambda d: d["years"][0]["you"]["ira"].update(prior_basis="7000"), "years[0].you.ira.prior_basis"),
    (lambda d: d["years"][1]["you"].update(basis_history=[{"tax_year": 2025}]), "years[1].you.basis_history"),
    (lambda d: d.update(years=[]), "years"),
    (lambda d: d.update(tax_year=2026), "tax_year"),
    (lambda d: d["years"].__setitem__(0, 5), "years[0]"),
])
def test_bad_years_name_the_field(change, field):
    data = e10()
    change(data)
    with pytest.raises(InvalidInput) as info:
        household_from_data(copy.deepcopy(data))
    assert info.value.field == field, str(info.value)


def test_cli_compute_prints_every_year_and_refuses_bad_years_with_one_line(tmp_path):
    """Spec: compute prints { "schema_version": 1, "years": [report, report] }; bad input exits 2 with
    one line naming the field."""
    out = subprocess.run([sys.executable, "-m", "rothwizard", "compute",
                          str(EXAMPLES / "years-split-contribution.rothplan.json")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["schema_version"] == 1 and [r["tax_year"] for r in doc["years"]] == [2025, 2026]
    assert doc["years"][1]["you"]["form_8606"]["line_2"] == 7000
    bad = e10()
    bad["years"][1]["you"]["ira"]["prior_basis"] = -5
    path = tmp_path / "bad.rothplan.json"
    path.write_text(json.dumps(bad))
    out = subprocess.run([sys.executable, "-m", "rothwizard", "compute", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "years[1].you.ira.prior_basis" in out.stderr


def test_examples_load():
    for name in ("years-split-contribution", "years-rebuilt-basis", "excess-roth-contribution",
                 "wrong-1099r-code"):
        load_any(EXAMPLES / f"{name}.rothplan.json")


def test_next_year_starts_from_the_last_one():
    """The next year keeps the household's answers, ages a year, leaves the IRA amounts to the
    recommendation and prior_basis out (it is last year's line 14), and leaves the forms behind."""
    data = e10()
    data["years"][1]["you"]["forms_1099r"] = [{"box_1": 14500, "box_7": ["2"], "ira_sep_simple": True}]
    from rothwizard.core.ledger import with_next_year

    out = with_next_year(data)
    assert [y["tax_year"] for y in out["years"]] == [2025, 2026, 2027]
    new = out["years"][2]
    assert new["you"]["age"] == 46 and new["magi"] == 400000 and new["filing_status"] == "single"
    assert new["you"]["ira"] == {"balance_dec31": 0}
    assert "forms_1099r" not in new["you"]
    single = with_next_year(data["years"][0] | {"schema_version": 1})
    assert [y["tax_year"] for y in single["years"]] == [2025, 2026]
