"""core.flow: page order and per-page completeness over a partial plan dict, without Qt."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from rothwizard.core import compute, flow, plan_from_data
from rothwizard.core.flow import Step

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def single(**extra) -> dict:
    data = flow.new_data()
    data.update(tax_year=2026, filing_status="single", magi="400000")
    flow.set_path(data, "you.age", 45)
    flow.set_path(data, "you.compensation", "400000")
    data.update(extra)
    return data


def test_paths_split_checklist_ids_with_dots():
    data: dict = {}
    flow.set_path(data, "you.checklist.backdoor.open_ira.done", True)
    flow.set_path(data, "you.checklist.backdoor.open_ira.date", "2026-03-01")
    assert data == {"you": {"checklist": {"backdoor.open_ira": {"done": True, "date": "2026-03-01"}}}}
    assert flow.get_path(data, "you.checklist.backdoor.open_ira.date") == "2026-03-01"
    assert flow.step_of("you.checklist.mega.move.done") == Step.MEGA
    assert flow.step_of("spouse.employer_plan.features.accepts_roll_ins") == Step.IRAS


def test_required_fields_keep_a_page_incomplete():
    data = flow.new_data()
    assert flow.validate_step(Step.WELCOME, data).ok
    result = flow.validate_step(Step.PEOPLE, data)
    assert not result.ok and result.field == "filing_status"
    data = single()
    assert flow.validate_step(Step.PEOPLE, data).ok
    result = flow.validate_step(Step.IRAS, data)
    assert (result.ok, result.field) == (False, "you.ira.balance_dec31")


def test_the_core_decides_what_is_wrong():
    data = single(magi="-1")
    result = flow.validate_step(Step.PEOPLE, data)
    assert not result.ok and result.field == "magi" and "0 or more" in result.message
    data = single()
    flow.set_path(data, "you.age", 200)
    assert flow.validate_step(Step.PEOPLE, data).field == "you.age"


def test_a_later_page_fault_does_not_block_an_earlier_page():
    data = single()
    flow.set_path(data, "you.ira.balance_dec31", "-5")
    assert flow.validate_step(Step.PEOPLE, data).ok
    assert not flow.validate_step(Step.IRAS, data).ok


def test_spouse_fields_only_on_a_joint_return():
    data = single(filing_status="married_filing_jointly")
    result = flow.validate_step(Step.PEOPLE, data)
    assert result.field == "spouse.age" and result.message.startswith("Your spouse's")
    data["filing_status"] = "married_filing_separately"
    assert flow.people(data) == ["you"]
    # separate returns: living together and the spouse's coverage are asked, never defaulted
    assert flow.validate_step(Step.PEOPLE, data).field == "lived_with_spouse"
    data["lived_with_spouse"] = False
    assert flow.validate_step(Step.PEOPLE, data).ok  # apart all year: not married for IRC 219(g)(4)
    data["lived_with_spouse"] = True
    assert flow.validate_step(Step.PEOPLE, data).ok  # covered yourself: the $0-$10,000 range either way
    data["you"]["covered_by_workplace_plan"] = False
    assert flow.validate_step(Step.PEOPLE, data).field == "spouse_covered_by_workplace_plan"
    data["spouse_covered_by_workplace_plan"] = True
    assert flow.validate_step(Step.PEOPLE, data).ok


def test_branching_skips_mega_without_an_employer_plan():
    data = single()
    flow.set_path(data, "you.ira.balance_dec31", 0)
    assert flow.path_through(data) == [Step.WELCOME, Step.PEOPLE, Step.DIRECT, Step.IRAS, Step.BACKDOOR,
                                       Step.SUMMARY]
    flow.set_path(data, "you.employer_plan", {})
    assert flow.path_through(data)[-3:] == [Step.EMPLOYER, Step.MEGA, Step.SUMMARY]


def test_mega_page_skipped_when_no_plan_in_the_household_takes_after_tax_money():
    data = single(filing_status="married_filing_jointly")
    flow.set_path(data, "you.employer_plan", {"features": {"after_tax_contributions": False}})
    assert flow.path_through(data)[-2:] == [Step.EMPLOYER, Step.SUMMARY]  # nothing to walk through
    flow.set_path(data, "spouse.employer_plan", {"features": {"after_tax_contributions": None}})
    assert flow.path_through(data)[-3:] == [Step.EMPLOYER, Step.MEGA, Step.SUMMARY]  # not known yet: ask
    flow.set_path(data, "spouse.employer_plan.features.after_tax_contributions", False)
    assert flow.path_through(data)[-2:] == [Step.EMPLOYER, Step.SUMMARY]
    data["filing_status"] = "single"
    flow.set_path(data, "you.employer_plan.features.after_tax_contributions", True)
    assert Step.MEGA in flow.path_through(data)


def test_backdoor_skipped_only_when_the_core_says_the_direct_route_is_open():
    data = single()
    assert flow.next_step(Step.DIRECT, data, skip_backdoor=True) == Step.IRAS  # MAGI too high
    data["magi"] = "60000"
    assert flow.direct_route_open(data)
    assert flow.next_step(Step.DIRECT, data, skip_backdoor=True) == Step.SUMMARY
    assert flow.next_step(Step.DIRECT, data, skip_backdoor=False) == Step.IRAS


def test_backdoor_amounts_stay_empty_and_the_report_uses_the_recommendation():
    """The wizard never writes a computed amount: the plan keeps null (plan-file.md, second wave) and
    the report's Form 8606 uses the recommendation: $7,500 in, $7,500 converted (2026 limit, IR-2025-111)."""
    data = single()
    flow.set_path(data, "you.ira.balance_dec31", "50000")
    plan, report = flow.report_for(data)
    assert plan.you.ira.nondeductible_contribution is None and plan.you.ira.conversion is None
    saved = flow.complete_plan(data).model_dump(mode="json")
    assert saved["you"]["ira"]["nondeductible_contribution"] is None
    assert saved["you"]["ira"]["conversion"] is None
    expected = compute(plan_from_data({**plan.model_dump(mode="json")}))
    assert report.you.form_8606.line_1 == report.you.form_8606.line_8 == expected.you.backdoor_contribution == 7500
    assert report.you.form_8606.line_18 == expected.you.form_8606.line_18 > 0


def test_complete_plan_round_trips_an_example():
    raw = json.loads((EXAMPLES / "married-both-strategies.rothplan.json").read_text())
    data = flow.data_from_plan(plan_from_data(raw))
    plan = flow.complete_plan(data)
    assert compute(plan) == compute(plan_from_data(raw))
    del data["spouse"]["age"]
    with pytest.raises(Exception, match="spouse"):
        flow.complete_plan(data)


def test_flow_imports_no_qt():
    assert "rothwizard.core.flow" in sys.modules
    import subprocess

    code = "import sys, rothwizard.core.flow; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
