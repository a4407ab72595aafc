"""One story everywhere: each case a physician met, reproduced on the core's action plan (the model
the wizard pages, the summary page, the PDF and the JSON export all render). Figures derived by hand
from the IRS sources named in each test."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from rothwizard.core import compute, load_plan, plan_from_data
from rothwizard.core.actionplan import build_action_plan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
NOV28 = dt.date(2026, 11, 28)


def _ap(data, today=NOV28):
    plan = plan_from_data(data) if isinstance(data, dict) else data
    report = compute(plan)
    return plan, report, build_action_plan(plan, report, today)


def _single(magi=400000, age=45, **ira):
    base = {"balance_dec31": 0}
    base.update(ira)
    return {"tax_year": 2026, "filing_status": "single", "magi": magi,
            "you": {"age": age, "compensation": 400000, "ira": base}}


def _step(ap, sid):
    return next(s for _p, _c, s in ap.steps() if s.id == sid)


def _ids(ap):
    return [s.id for _p, _c, s in ap.steps()]


def test_reopened_plan_recomputes_every_amount_when_the_age_changes():
    """Empty amounts are the recommendation, never written: at 50 the 2026 limit is $7,500 + $1,100
    catch-up = $8,600 (IR-2025-111), and the contribution, line 1, the conversion and line 8 all follow."""
    data = _single(age=45)
    _plan, report, ap = _ap(data)
    assert _step(ap, "you_backdoor_contribute").amount == 7500 == report.you.form_8606.line_8
    saved = json.loads(plan_from_data(data).model_dump_json())
    assert saved["you"]["ira"]["nondeductible_contribution"] is None and saved["you"]["ira"]["conversion"] is None
    saved["you"]["age"] = 50
    _plan, report, ap = _ap(saved)
    assert _step(ap, "you_backdoor_contribute").amount == 8600
    assert _step(ap, "you_backdoor_convert").amount == 8600
    assert report.you.form_8606.line_1 == report.you.form_8606.line_8 == 8600
    assert "($8,600)" in ap.recommendation


def test_married_spouse_entry_is_what_every_view_moves_and_the_difference_is_said():
    """married-both-strategies: the spouse entered $5,000 (limit $7,500 at 44). The checklist, Form 8606
    line 1, the Form 5498 box 1 and the 1099-R box 1 all say $5,000; the alert names the $2,500 unused."""
    plan = load_plan(EXAMPLES / "married-both-strategies.rothplan.json")
    _plan, report, ap = _ap(plan)
    spouse = ap.people[1]
    assert _step(ap, "spouse_backdoor_contribute").amount == 5000 == report.spouse.form_8606.line_1
    assert _step(ap, "spouse_backdoor_convert").amount == 5000 == report.spouse.form_8606.line_8
    boxes = {(f.form, f.title, ln.line): ln.value for f in spouse.forms for ln in f.lines}
    assert boxes["Form 5498", "for the traditional IRA", "1"] == "$5,000"
    assert boxes["Form 1099-R", "for the conversion", "1"] == "$5,000"
    differs = next(a for a in spouse.alerts if a.code == "entry_differs")
    assert "$5,000 of the $7,500" in differs.text and "$2,500" in differs.text
    assert "$5,000 for your spouse" in ap.recommendation


def test_conversion_entry_below_the_recommendation_says_what_stays_and_line_18():
    """Convert $5,000 of $7,500 (no other IRA money): $2,500 stays in the IRA on December 31. With line 6
    then $2,500: line 10 = 7,500 / (2,500 + 5,000) = 1.000, line 18 = $0, line 14 = $2,500 (Form 8606)."""
    _plan, report, ap = _ap(_single(conversion=5000, balance_dec31=2500))
    msg = next(a for a in ap.people[0].alerts if a.code == "entry_differs").text
    assert "convert $5,000 of $7,500" in msg and "$2,500 stays in the traditional IRA" in msg
    assert "Line 14 carries $2,500" in msg and report.you.form_8606.line_14 == 2500


def test_phase_out_never_plans_more_than_one_ira_limit():
    """Single, MAGI $160,000 (2026 range $153,000-$168,000): the direct limit is $4,000 (Worksheet 2-2,
    tax-rules.md E13a), yet direct and backdoor share one $7,500 limit: never $4,000 + $7,500."""
    _plan, report, ap = _ap(_single(magi=160000))
    contributed = sum(s.amount for _p, _c, s in ap.steps() if s.action == "contribute")
    assert contributed == 7500
    assert "$11,500" not in ap.recommendation and "$4,000" not in ap.recommendation
    option = next(a for a in ap.people[0].alerts if a.code == "direct_option")
    assert "$4,000" in option.text
    # Split on purpose: $4,000 direct, the backdoor takes the other $3,500.
    _plan, report, ap = _ap(_single(magi=160000, roth_contribution=4000))
    assert _step(ap, "you_direct_contribute").amount == 4000
    assert _step(ap, "you_backdoor_contribute").amount == 3500 == report.you.form_8606.line_1
    assert "$4,000" in ap.recommendation and "$3,500" in ap.recommendation


def test_roll_in_planned_is_a_step_with_its_1099r_and_changes_every_figure_after_it():
    """tax-rules.md E8 (2024 figures, Form 8606): $5,000 converted, $50,000 pre-tax: $4,545 taxable.
    Rolled in by December 31 (IRC 408(d)(3)(A)(ii)): line 6 = 0, line 10 = 1.000, line 18 = $0."""
    data = _single(nondeductible_contribution=5000, conversion=5000, balance_dec31=50000)
    data["tax_year"] = 2024
    data["you"]["employer_plan"] = {"type": "401k", "elective_deferrals": 23000,
                                    "features": {"accepts_roll_ins": True}}
    _plan, report, ap = _ap(data, dt.date(2024, 3, 1))
    assert "backdoor.roll_in" not in {s.tick for _p, _c, s in ap.steps()}
    assert report.you.form_8606.line_18 == 4545
    data["you"]["ira"]["roll_in_planned"] = True
    _plan, report, ap = _ap(data, dt.date(2024, 3, 1))
    roll = _step(ap, "you_backdoor_roll_in")
    assert roll.amount == 50000 and roll.due == dt.date(2024, 12, 31)
    assert _ids(ap).index("you_backdoor_roll_in") < _ids(ap).index("you_backdoor_convert")
    assert report.you.form_8606.line_6 == 0 and report.you.form_8606.line_18 == 0
    texts = " ".join(w for _p, _c, s in ap.steps() for w in s.watch) + ap.recommendation
    texts += " ".join(ln.value for f in ap.people[0].forms for ln in f.lines)
    assert "$4,545" not in texts
    r1099 = next(f for f in ap.people[0].forms if f.title == "for the roll-in to your employer plan")
    assert {ln.line: ln.value for ln in r1099.lines} == {
        "1": "$50,000", "2a": "$0", "7": "G: direct rollover to a qualified plan"}


def test_roll_in_planned_while_unknown_asks_first():
    data = _single(balance_dec31=50000, roll_in_planned=True)
    data["you"]["employer_plan"] = {"type": "401k", "elective_deferrals": 23000}
    _plan, _report, ap = _ap(data)
    ids = _ids(ap)
    assert ids.index("you_backdoor_ask_roll_ins") < ids.index("you_backdoor_contribute")


def _mega(features, after_tax=None):
    data = _single()
    data["you"]["employer_plan"] = {"type": "401k", "elective_deferrals": 24500, "employer_contributions": 12000,
                                    "after_tax_contributions": after_tax, "features": features}
    return _ap(data)


def test_no_mega_money_step_when_the_plan_takes_no_after_tax_money_or_it_is_unknown():
    _plan, report, ap = _mega({"after_tax_contributions": False, "in_service_distributions": True})
    assert not [i for i in _ids(ap) if "_mega_" in i]
    assert "not usable" in next(f.note for f in ap.people[0].figures if f.label == "Mega backdoor room")
    _plan, report, ap = _mega({})
    mega = [s for _p, _c, s in ap.steps() if s.strategy == "mega_backdoor_roth"]
    assert mega and all(s.action == "ask_plan" for s in mega)
    assert "$35,500" not in " ".join(s.title + s.amount_text for s in mega)


def test_route_follows_the_features_in_plan_conversion_not_in_service():
    """In-plan conversion Yes, in-service No: convert inside the plan (IRC 402A(c)(4)(E)); nothing sent
    to a Roth IRA, and the 1099-R preview says nothing of a traditional IRA for the earnings."""
    _plan, report, ap = _mega({"after_tax_contributions": True, "in_service_distributions": False,
                               "in_plan_roth_conversion": True})
    mega = [s for _p, _c, s in ap.steps() if s.strategy == "mega_backdoor_roth"]
    assert [s.action for s in mega] == ["check", "contribute", "convert", "check", "invest"]
    assert "Roth 401(k)" in mega[2].title and all("Roth IRA" not in s.title for s in mega)
    r1099 = next(f for f in ap.people[0].forms if "in-plan" in f.title)
    assert all("traditional IRA" not in ln.value for ln in r1099.lines)
    _plan, report, ap = _mega({"after_tax_contributions": True, "in_service_distributions": True,
                               "in_plan_roth_conversion": False})
    assert [s.action for _p, _c, s in ap.steps() if s.strategy == "mega_backdoor_roth"][2] == "distribute"


def test_contribution_made_after_year_end_is_converted_the_next_year():
    """Form 8606 instructions, line 4: a 2026 contribution made January 1 to April 15, 2027 is basis
    carried on line 14 and converted in 2027, never "by December 31, 2026"."""
    _plan, report, ap = _ap(_single(nondeductible_contribution=7500, contributed_after_year_end=7500),
                            dt.date(2027, 2, 1))
    assert "you_backdoor_convert" not in _ids(ap)  # nothing to convert in 2026
    late = _step(ap, "you_backdoor_convert_next_year")
    assert late.amount == 7500 and late.due == dt.date(2027, 12, 31)
    assert _step(ap, "you_backdoor_contribute").due == dt.date(2027, 4, 15)
    assert report.you.form_8606.line_14 == 7500 and report.you.form_8606.line_8 is None
    assert not [w for w in ap.warnings if w.code == "deadline_passed"]


def test_made_late_in_the_year_says_so_and_flags_what_is_past():
    """Made November 28, 2026: after-tax money can only come from the paychecks left. A 2025 plan made
    then has every deadline behind it (April 15, 2026; December 31, 2025): flagged deadline_passed."""
    _plan, _report, ap = _mega({"after_tax_contributions": True, "in_service_distributions": True})
    contribute = _step(ap, "you_mega_contribute")
    assert "early in the year" not in contribute.by_text and "paychecks left" in contribute.by_text
    data = _single()
    data["tax_year"] = 2025
    _plan, _report, ap = _ap(data)
    passed = [w for w in ap.warnings if w.code == "deadline_passed"]
    assert {s.id for _p, _c, s in ap.steps() if s.overdue} == {
        "you_backdoor_open", "you_backdoor_contribute", "you_backdoor_convert"}
    assert len(passed) == 3 and "December 31, 2025" in " ".join(w.message for w in passed)


def test_pro_rata_is_the_headline_with_its_tax_and_choices():
    """$50,000 pre-tax, $7,500 converted (2026): line 10 = 7,500 / 57,500 = 0.130, line 11 = $975,
    line 18 = $6,525 (Form 8606 lines 6-18)."""
    _plan, report, ap = _ap(_single(balance_dec31=50000))
    assert report.you.form_8606.line_18 == 6525
    assert "$6,525 of the $7,500 conversion is taxable" in ap.recommendation
    alert = ap.people[0].alerts[0]
    assert alert.code == "pro_rata" and len(alert.choices) == 2  # no employer plan: skip or accept
    assert "Skip the backdoor" in alert.choices[0] and "$6,525" in alert.choices[1]


def test_smaller_ones_8606_for_roth_only_and_inputs():
    _plan, _report, ap = _ap(_single(magi=100000))
    assert [s.id for _p, _c, s in ap.steps()] == ["you_direct_contribute"]
    assert "Not needed for this plan" in ap.people[0].form_8606.notes[0]
    rows = {r.label: r.values for r in ap.inputs}
    assert rows["Nondeductible contribution (8606 line 1)"] == ("recommended",)
    assert rows["Age on December 31"] == ("45",)
    assert {r.label: r.values[0] for r in ap.household}["MAGI (household)"] == "$100,000"


def test_export_json_matches_the_pdf_model(tmp_path):
    """``rothwizard export PLAN -o OUT.json`` (plan-file.md, "The action plan as JSON")."""
    out = tmp_path / "plan.json"
    run = subprocess.run([sys.executable, "-m", "rothwizard", "export",
                          str(EXAMPLES / "married-both-strategies.rothplan.json"), "-o", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout == "" and run.stderr == ""
    data = json.loads(out.read_text())
    assert data["schema_version"] == 1 and data["tax_year"] == 2026
    assert data["recommendation"] == ["backdoor_roth", "mega_backdoor_roth"]
    you, spouse = data["people"]
    assert (you["who"], spouse["who"]) == ("you", "spouse")
    step = next(s for s in you["steps"] if s["id"] == "you_backdoor_contribute")
    assert step == {"id": "you_backdoor_contribute", "strategy": "backdoor_roth", "action": "contribute",
                    "account": "traditional_ira", "amount": 8600, "due": "2026-12-31", "done_on": None,
                    "title": "Contribute to the traditional IRA", "tick": "backdoor.contribute"}
    assert you["form_8606"]["line_1"] == 8600 and spouse["form_8606"]["line_18"] == 4545
    assert {w["code"] for w in spouse["warnings"]} >= {"pro_rata", "roll_in_fix"}
    plan = load_plan(EXAMPLES / "married-both-strategies.rothplan.json")
    ap = build_action_plan(plan, compute(plan), dt.date.fromisoformat(data["made_on"]))
    assert [s["id"] for p in data["people"] for s in p["steps"]] == _ids(ap)
    bad = subprocess.run([sys.executable, "-m", "rothwizard", "export",
                          str(EXAMPLES / "married-both-strategies.rothplan.json"), "-o",
                          str(tmp_path / "missing" / "x.json")], capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "x.json" in bad.stderr
    assert Decimal(str(you["ira_limit"])) == 8600


def test_no_acp_caution_where_no_after_tax_money_is_planned():
    """IRC 401(m): the ACP test refunds after-tax contributions; with the plan blocked (no way to move the
    money to Roth) the action plan plans none, so it carries no ACP caution, and the room is 'not usable'."""
    _plan, report, ap = _mega({"after_tax_contributions": True, "in_service_distributions": False,
                               "in_plan_roth_conversion": False})
    assert "acp_testing" in {w.code for w in report.you.warnings}
    assert "acp_testing" not in {w.code for w in ap.warnings}
    assert not [s for _p, _c, s in ap.steps() if s.strategy == "mega_backdoor_roth"]
    _plan, report, ap = _mega({"after_tax_contributions": True, "in_service_distributions": True})
    assert "acp_testing" in {w.code for w in ap.warnings}


def test_an_unknown_roll_in_asks_in_the_backdoor_only_and_the_mega_steps_stay():
    """A plan that takes after-tax money and converts it in-plan, with roll-ins not known: the roll-in
    question is the backdoor's first step; the mega checklist keeps its money steps (IRC 402A(c)(4)(E))."""
    data = _single(balance_dec31=50000, roll_in_planned=True)
    data["you"]["employer_plan"] = {"type": "401k", "elective_deferrals": 24500, "employer_contributions": 10000,
                                    "features": {"after_tax_contributions": True, "in_plan_roth_conversion": True}}
    _plan, report, ap = _ap(data)
    mega = [s.action for _p, _c, s in ap.steps() if s.strategy == "mega_backdoor_roth"]
    assert mega == ["check", "contribute", "convert", "check", "invest"]
    assert "you_backdoor_ask_roll_ins" in _ids(ap)
    assert "Mega Backdoor Roth (up to $37,500)" in ap.recommendation  # 72,000 - 24,500 - 10,000


def test_after_tax_entry_below_the_room_says_what_goes_unused():
    """Room 72,000 - 24,500 - 12,000 = $35,500 (IRC 415(c), 2026); $30,000 planned leaves $5,500 unused."""
    _plan, report, ap = _mega({"after_tax_contributions": True, "in_service_distributions": True}, 30000)
    assert report.you.mega_backdoor.room == 35500
    assert _step(ap, "you_mega_contribute").amount == 30000
    alert = next(a for a in ap.people[0].alerts if a.field == "you.employer_plan.after_tax_contributions")
    assert "$5,500 of room goes unused" in alert.text


def test_over_the_limit_entries_never_become_steps_beyond_the_limit():
    """IRC 219(b)(1), 4973: one $7,500 limit (2026). $8,000 entered: contribute $7,500, and withdraw the
    $500 excess with its earnings by October 15, 2027 if it was made (IRC 408(d)(4))."""
    _plan, report, ap = _ap(_single(nondeductible_contribution=8000))
    assert _step(ap, "you_backdoor_contribute").amount == 7500
    fix = _step(ap, "you_fix_remove_excess")
    assert (fix.action, fix.amount, fix.due) == ("remove_excess", 500, dt.date(2027, 10, 15))
    # $7,500 Roth at MAGI $400,000 (no direct Roth allowed) plus $7,500 traditional: nothing fits to
    # recharacterize, so the Roth money is an excess to withdraw; the backdoor keeps the limit.
    _plan, report, ap = _ap(_single(roth_contribution=7500, nondeductible_contribution=7500))
    assert "you_direct_contribute" not in _ids(ap)
    assert _step(ap, "you_fix_remove_roth_excess").amount == 7500
    assert _step(ap, "you_backdoor_contribute").amount == 7500
    # $7,500 Roth at MAGI $400,000 with the backdoor left to the recommendation: recharacterized.
    _plan, report, ap = _ap(_single(roth_contribution=7500))
    assert _step(ap, "you_fix_recharacterize").amount == 7500 == report.you.recharacterize_amount
    assert _step(ap, "you_backdoor_convert").amount == 7500
    assert "Not made yet?" in _step(ap, "you_direct_contribute").watch[0]
