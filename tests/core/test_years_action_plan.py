"""One action plan across the years, end to end through `rothwizard export` (JSON and PDF).

Hand-derived expectations: E10 (tax-rules.md) for the split year; Treas. Reg. 1.408-11 for the net
income that moves with the recharacterization; the Form 1099-R code guide for the wrong code."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rothwizard.core.actionplan.years import build_years_action_plan
from rothwizard.core.ledger import load_any

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2026, 1, 2)


def export(name, out):
    return subprocess.run([sys.executable, "-m", "rothwizard", "export", str(EXAMPLES / f"{name}.rothplan.json"),
                           "-o", str(out)], capture_output=True, text=True, timeout=120)


def test_split_year_steps_run_contribute_then_next_years_conversion():
    """E10: the $7,000 for 2025 is contributed by April 15, 2026, then converted in 2026 with the
    2026 money: one conversion of $14,500 (2026 Form 8606 line 8), never a second one of $7,000."""
    yap = build_years_action_plan(load_any(EXAMPLES / "years-split-contribution.rothplan.json"), TODAY)
    money = [(s.tax_year, s.step.action, s.step.amount, s.step.due) for s in yap.steps()
             if s.step.moves_money]
    assert money == [(2025, "contribute", 7000, dt.date(2026, 4, 15)),
                     (2026, "contribute", 7500, dt.date(2026, 12, 31)),
                     (2026, "convert", 14500, dt.date(2026, 12, 31))]
    convert = next(s.step for s in yap.steps() if s.step.action == "convert")
    assert "$7,000 contributed for 2025" in convert.watch[0]
    assert [s.step.action for s in yap.steps()].count("open_account") == 1


def test_years_json_export_covers_every_year(tmp_path):
    out = export("years-split-contribution", tmp_path / "plan.json")
    assert out.returncode == 0, out.stderr
    doc = json.loads((tmp_path / "plan.json").read_text())
    assert doc["tax_years"] == [2025, 2026] and [y["tax_year"] for y in doc["years"]] == [2025, 2026]
    you = doc["people"][0]
    assert [s["tax_year"] for s in you["steps"] if s["action"] in ("contribute", "convert")] == [2025, 2026, 2026]
    assert you["form_8606"]["2025"]["line_14"] == 7000 and you["form_8606"]["2026"]["line_2"] == 7000
    assert [r["basis_carried"] for r in doc["ledger"]] == [7000, 0]


def test_excess_fix_step_in_the_json(tmp_path):
    """The fix step: strategy fix, action recharacterize, $7,500 due October 15, 2027; with its $150 net
    income $7,650 moves (7,500 x (7,650 - 7,500) / 7,500 = 150)."""
    out = export("excess-roth-contribution", tmp_path / "plan.json")
    assert out.returncode == 0, out.stderr
    doc = json.loads((tmp_path / "plan.json").read_text())
    (fix,) = [s for s in doc["people"][0]["steps"] if s["strategy"] == "fix"]
    assert (fix["action"], fix["amount"], fix["due"]) == ("recharacterize", 7500, "2027-10-15")
    rec = doc["people"][0]["records"]["excess_correction"]
    assert (rec["net_income"], rec["amount_to_move"]) == (150.0, 7650)
    yap = build_years_action_plan(load_any(EXAMPLES / "excess-roth-contribution.rothplan.json"), TODAY)
    step = next(s.step for s in yap.steps() if s.step.strategy == "fix")
    assert "$7,650" in step.amount_text and "1.408-11" in step.watch[0]


def test_removing_the_excess_is_a_remove_excess_step():
    plan = load_any(EXAMPLES / "excess-roth-contribution.rothplan.json")
    plan.you.excess_fix.method = "remove"
    yap = build_years_action_plan(plan, TODAY)
    fixes = [(s.step.action, s.step.amount) for s in yap.steps() if s.step.strategy == "fix"]
    assert fixes == [("remove_excess", 7500)]
    assert yap.reports[0].you.form_8606.line_1 == 0


@pytest.mark.parametrize("name, expected", [
    ("years-split-contribution", ["Basis ledger", "2025", "Line 14", "$14,500"]),
    ("years-rebuilt-basis", ["the basis rebuilt from your records", "2023 (file now)", "$20,496", "$50"]),
    ("excess-roth-contribution", ["fixing the excess Roth contribution", "$7,650", "October 15, 2027"]),
    ("wrong-1099r-code", ["the forms that arrived for 2026", "Code 1", "4b", "corrected Form 1099-R"]),
])
def test_pdf_export_prints_the_years_and_records(tmp_path, name, expected):
    out = export(name, tmp_path / "plan.pdf")
    assert out.returncode == 0, out.stderr
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "plan.pdf"), "-"], capture_output=True,
                          text=True, timeout=60).stdout
    for piece in expected:
        assert piece in text, piece
