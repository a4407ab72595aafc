"""Crashes found by fuzzing plan files and their fixes: every bad file gives one line naming its field,
every write leaves a whole file (or none), a valid plan never crashes the core."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from rothwizard.core import InvalidInput, PlanFileError, compute, flow, load_plan, plan_from_data
from rothwizard.core.atomic import NotAFileError, atomic_write, backup_paths
from rothwizard.core.planfile import save_plan
from tests.conftest import person, plan

ROLL_IN_PLAN = {"type": "401k", "elective_deferrals": 24500,
                "features": {"accepts_roll_ins": True}}


def write(tmp_path: Path, data, name="plan.rothplan.json") -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rothwizard", *args], capture_output=True, text=True,
                          timeout=60)


# ----------------------------------------------------------------- the roll-in with cents


def test_roll_in_with_cents_in_the_balance_computes():
    """Balance $100.50 (line 6 = $101, whole dollars half-up), a $7,500 backdoor, a plan that takes
    roll-ins. Pre-tax money = 101 + 0 + 7,500 - 7,500 = $101 (IRC 408(d)(3)(H)); rolling it in leaves
    line 6 = 0, so line 10 = 7,500 / 7,500 = 1.000 and line 18 = 0 (Form 8606 lines 6-18). It used to
    subtract $101 from $100.50 and raise pydantic's ValidationError (line 6 = -1)."""
    p = plan_from_data(plan(you=person(ira={"nondeductible_contribution": 7500, "conversion": 7500,
                                            "balance_dec31": 100.5}, employer_plan=ROLL_IN_PLAN)))
    you = compute(p).you
    assert you.form_8606.line_6 == 101
    assert you.roll_in_amount == 101 and you.line_18_after_roll_in == 0
    # line 18 before the roll-in: line 10 = 7,500 / 7,601 = 0.987; line 11 = round(7,500 x 0.987) = 7,403
    assert you.form_8606.line_18 == 7500 - 7403


def test_a_fault_in_a_rule_never_escapes_the_flow(monkeypatch):
    """Whatever the calculator raises for an accepted plan, the wizard's flow gives no report instead."""
    from pydantic import BaseModel, ValidationError

    class Probe(BaseModel):
        x: int

    def broken(_plan):
        try:
            Probe(x="no")
        except ValidationError as exc:
            raise exc

    monkeypatch.setattr(flow, "compute", broken)
    data = flow.data_from_plan(plan_from_data(plan()))
    assert flow.report_for(data)[1] is None


# ----------------------------------------------------------------- unreadable files


@pytest.mark.parametrize("text, words", [
    ("1" * 5000, "not valid JSON"),
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ('{"a":' * 200 + "1" + "}" * 200, "nested too deeply"),
    ('{"magi": NaN}', "not valid JSON"),
    ('{"magi": Infinity}', "not valid JSON"),
])
def test_huge_numbers_and_deep_nesting_are_refused_in_one_line(tmp_path, text, words):
    path = write(tmp_path, text)
    with pytest.raises(PlanFileError, match=words):
        load_plan(path)


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + json.dumps(plan()).encode())
    assert load_plan(path).magi == 400000


@pytest.mark.parametrize("where, value, field, words", [
    ("you.age", True, "you.age", "must be a whole number"),
    ("magi", "400000", "magi", "must be a number, not text"),
    ("tax_year", "2026", "tax_year", "must be a whole number, not text"),
    ("you.ira.balance_dec31", "0", "you.ira.balance_dec31", "must be a number"),
    ("you.covered_by_workplace_plan", 1, "you.covered_by_workplace_plan", "true or false"),
    ("lived_with_spouse", "yes", "lived_with_spouse", "true or false"),
    ("filing_status", 1, "filing_status", "must be text"),
    ("you.ira", [], "you.ira", "must be an object"),
])
def test_plan_files_are_read_with_strict_types(tmp_path, where, value, field, words):
    data = plan()
    flow.set_path(data, where, value)
    with pytest.raises(InvalidInput) as caught:
        load_plan(write(tmp_path, data))
    assert caught.value.field == field and words in caught.value.problem


@pytest.mark.parametrize("key", ["none", "int", "str", "decimal", "bool", "function-after", "constrained-x",
                                 "EmployerPlan"])
def test_unknown_keys_are_named_whatever_they_are_called(key):
    with pytest.raises(InvalidInput) as top:
        plan_from_data({**plan(), key: 1})
    assert top.value.field == key and "not a field" in top.value.problem
    with pytest.raises(InvalidInput) as inner:
        plan_from_data(plan(you=person(ira={key: 1})))
    assert inner.value.field == f"you.ira.{key}"


def test_keys_with_newlines_give_one_line(tmp_path):
    path = write(tmp_path, {**plan(), "bad\nkey": 1})
    out = run("compute", str(path))
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.splitlines()) == 1 and '"bad\\nkey"' in out.stderr


def test_a_draft_is_refused_naming_the_first_missing_field(tmp_path):
    data = plan()
    del data["you"]["age"]
    out = run("compute", str(write(tmp_path, data)))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("rothwizard: you.age: is required") and len(out.stderr.splitlines()) == 1


def test_an_unknown_option_exits_2_without_starting_the_wizard():
    out = run("--no-such-option")
    assert out.returncode == 2 and "--no-such-option" in out.stderr and len(out.stderr.splitlines()) == 1


def test_a_file_name_over_the_limit_exits_1_in_one_line(tmp_path):
    example = Path(__file__).resolve().parents[2] / "examples" / "spec-example.rothplan.json"
    out = run("export", str(example), "-o", str(tmp_path / ("x" * 300 + ".pdf")))
    assert out.returncode == 1, out.stderr
    assert len(out.stderr.splitlines()) == 1 and "too long" in out.stderr and "Traceback" not in out.stderr
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------- round trips the spec allows


@pytest.mark.parametrize("raw", [
    plan(filing_status="married_filing_separately", lived_with_spouse=True, spouse=person(age=52)),
    plan(filing_status="married_filing_separately", lived_with_spouse=True),
    plan(lived_with_spouse=True),
    plan(filing_status="married_filing_jointly", spouse=None),
    plan(filing_status="married_filing_jointly", spouse=person(employer_plan=ROLL_IN_PLAN)),
])
def test_open_and_save_give_back_the_same_plan(raw):
    original = plan_from_data(raw, strict=True)
    data, draft = flow.open_data(raw)
    assert not draft
    assert flow.complete_plan(data) == original


# ----------------------------------------------------------------- drafts


def test_a_draft_opens_as_it_was_and_saves_only_what_was_entered(tmp_path):
    raw = {"schema_version": 1, "tax_year": 2026, "filing_status": "single", "you": {"age": 45}}
    data, draft = flow.open_data(raw)
    assert draft and data == raw
    flow.set_path(data, "magi", "310000")
    flow.set_path(data, "you.compensation", "not a number")  # refused text is not written
    assert flow.draft_data(data) == {**raw, "magi": 310000}
    with pytest.raises(InvalidInput, match="not a field"):
        flow.open_data({**raw, "surprise": 1})
    with pytest.raises(InvalidInput, match="must be a number"):
        flow.open_data({**raw, "magi": "310000"})


# ----------------------------------------------------------------- writing files


def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real.rothplan.json"
    real.write_text("old")
    link = tmp_path / "link.rothplan.json"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_hard_link_keeps_sharing_the_new_content(tmp_path):
    one = tmp_path / "one.json"
    one.write_text("old")
    two = tmp_path / "two.json"
    os.link(one, two)
    atomic_write(one, b"new")
    assert two.read_bytes() == b"new" and one.stat().st_ino == two.stat().st_ino


def test_pipes_and_folders_are_refused_with_a_clear_reason(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotAFileError, match="a pipe"):
        atomic_write(fifo, b"x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(NotAFileError, match="a folder"):
        atomic_write(tmp_path, b"x")


def test_stale_temporary_files_are_cleaned_on_the_next_write(tmp_path):
    target = tmp_path / "p.rothplan.json"
    stale = tmp_path / ".p.rothplan.json.abcd1234.tmp"
    fresh = tmp_path / ".p.rothplan.json.efgh5678.tmp"  # another write may be under way
    other = tmp_path / ".q.rothplan.json.abcd1234.tmp"
    for f in (stale, fresh, other):
        f.write_text("x")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic_write(target, b"{}")
    assert not stale.exists() and fresh.exists() and other.exists()


def test_saving_keeps_rotating_backups(tmp_path):
    target = tmp_path / "p.rothplan.json"
    for magi in (100, 200, 300, 400, 500):
        save_plan(plan_from_data(plan(magi=magi)), target)
    assert load_plan(target).magi == 500
    backups = backup_paths(target, 3)
    assert [load_plan(b).magi for b in backups] == [Decimal(400), Decimal(300), Decimal(200)]
    assert not target.with_name(f"{target.name}.4.bak").exists()


def test_a_planned_roll_in_with_cents_in_the_balance_computes():
    """ira.roll_in_planned: Form 8606 is worked as if the pre-tax $101 (line 6 of a $100.50 balance,
    whole dollars half-up) has rolled in: line 6 = 0, line 10 = 1.000, line 18 = 0. The resolved plan
    used to take $101 from $100.50 and raise pydantic's ValidationError (line 6 = -1)."""
    p = plan_from_data(plan(you=person(ira={"nondeductible_contribution": 7500, "conversion": 7500,
                                            "balance_dec31": 100.5, "roll_in_planned": True},
                                       employer_plan=ROLL_IN_PLAN)))
    you = compute(p).you
    assert you.form_8606.line_6 == 0 and you.form_8606.line_18 == 0


@pytest.mark.parametrize("key, shown", [("a\nb", '"a\\nb"'), ("\u2028", '"\\u2028"'), ("", '""')])
def test_odd_keys_in_a_file_of_several_years_give_one_line_naming_them(tmp_path, key, shown):
    year = plan()
    del year["schema_version"]
    out = run("compute", str(write(tmp_path, {"schema_version": 1, "years": [year], key: 1})))
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1
    assert out.stderr.startswith(f"rothwizard: {shown}: is not a field")


def test_a_key_named_0_in_a_year_is_named_as_a_key(tmp_path):
    year = plan()
    del year["schema_version"]
    year["0"] = 1
    out = run("compute", str(write(tmp_path, {"schema_version": 1, "years": [year]})))
    assert out.returncode == 2 and out.stderr.startswith("rothwizard: years[0].0: is not a field")


def test_a_fault_found_while_computing_a_later_year_names_the_year(tmp_path):
    """Fuzz seed 4005902: year 2026 of a two-year file leaves the contribution to RothWizard ($0 here)
    but says $2,095.50 of it was made after year end; the message named the field without its year."""
    from tests.reliability.plans import case

    raw, _data = case(4005902)
    out = run("compute", str(write(tmp_path, raw)))
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1
    assert out.stderr.startswith("rothwizard: years[0].you.ira.contributed_after_year_end: ")
