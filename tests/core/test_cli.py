"""`rothwizard compute`, `--version` and bad input, as a person or a script runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rothwizard import __version__
from tests.conftest import person, plan

SPEC_EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "spec-example.rothplan.json"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rothwizard", *args], capture_output=True, text=True,
                          timeout=60)


def write(tmp_path: Path, data, name="plan.rothplan.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"rothwizard {__version__}"


def test_compute_spec_example_matches_the_spec_report():
    """shared/spec/plan-file.md: the example plan gives ira_limit 7,500, 8606 line 18 0, room 18,700
    (= E14: 72,000 - 24,500 - 28,800), recommendation backdoor then mega backdoor."""
    out = run("compute", str(SPEC_EXAMPLE))
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    report = json.loads(out.stdout)
    you = report["you"]
    assert (you["ira_limit"], you["roth_direct_limit"], you["backdoor_contribution"]) == (7500, 0, 7500)
    assert you["form_8606"] == {
        "line_1": 7500, "line_2": 0, "line_3": 7500, "line_4": 0, "line_5": 7500, "line_6": 0,
        "line_7": 0, "line_8": 7500, "line_9": 7500, "line_10": 1.0, "line_11": 7500, "line_12": 0,
        "line_13": 7500, "line_14": 0, "line_15c": 0, "line_16": 7500, "line_17": 7500, "line_18": 0,
    }
    assert you["mega_backdoor"]["room"] == 18700 and you["mega_backdoor"]["available"] is True
    assert report["spouse"] is None
    assert report["recommendation"] == ["backdoor_roth", "mega_backdoor_roth"]


def test_entry_point_script_matches_module(tmp_path):
    exe = Path(sys.executable).with_name("rothwizard")
    if not exe.exists():
        pytest.skip("the rothwizard script is not installed in this environment")
    a = subprocess.run([str(exe), "compute", str(SPEC_EXAMPLE)], capture_output=True, text=True)
    assert a.returncode == 0 and a.stdout == run("compute", str(SPEC_EXAMPLE)).stdout


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda p: p["you"]["ira"].update(balance_dec31=-5), "you.ira.balance_dec31: must be 0 or more"),
        (lambda p: p["you"]["ira"].pop("balance_dec31"), "you.ira.balance_dec31: is required"),
        (lambda p: p.update(magi="lots"), "magi: must be a number"),
        (lambda p: p["you"].update(colour="blue"), "you.colour: is not a field RothWizard knows"),
        (lambda p: p.update(tax_year=2023),
         "tax_year: RothWizard has no IRS limits for 2023; the years it knows are 2024, 2025, 2026"),
        (lambda p: p.update(filing_status="married"), "filing_status: must be one of 'single', "),
        (lambda p: p.update(spouse=person()), "spouse: only allowed when filing_status"),
        (lambda p: p["you"].update(age=45.5), "you.age: must be a whole number"),
        (lambda p: p["you"]["ira"].update(conversion=1.005), "you.ira.conversion: must have at most 2 decimal"),
        (lambda p: p["you"]["ira"].update(contributed_after_year_end=10),
         "you.ira.contributed_after_year_end: cannot be more than nondeductible_contribution"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(tmp_path, mutate, message):
    data = plan()
    mutate(data)
    out = run("compute", str(write(tmp_path, data)))
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"rothwizard: {message}")


@pytest.mark.parametrize(
    "content,message",
    [
        (None, "no such file"),
        ("{not json", "not valid JSON (line 1, column 2)"),
        ("[1, 2]", "the plan must be a JSON object"),
        ('{"schema_version": 7}', "saved by a newer RothWizard (plan version 7)"),
        (b"\xff\xfe\x00", "cannot be read"),
    ],
)
def test_unreadable_files_exit_2(tmp_path, content, message):
    path = tmp_path / "plan.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    out = run("compute", str(path))
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.splitlines()) == 1 and message in out.stderr


def test_unknown_command_arguments_exit_2():
    out = run("compute")
    assert out.returncode == 2 and len(out.stderr.splitlines()) == 1 and out.stdout == ""


@pytest.mark.parametrize(
    "example,ira,expected",
    [
        # tax-rules.md E2 (Rose Green, IRS-filled Form 8606): line 13 460, line 14 340, line 18 4,540;
        # MAGI $89,000 puts the deduction inside the 2026 phase-out, (91,000 - 89,000) x 75% = $1,500
        ("E2", {"prior_basis": 300, "nondeductible_contribution": 500, "deductible_contribution": 1500,
                "conversion": 5000, "balance_dec31": 20000}, {"line_13": 460, "line_14": 340, "line_18": 4540}),
        # tax-rules.md E8 (the seed article): line 10 0.091, line 18 4,545
        ("E8", {"nondeductible_contribution": 5000, "conversion": 5000, "balance_dec31": 50000},
         {"line_10": 0.091, "line_14": 4545, "line_18": 4545}),
        # tax-rules.md E9b: 3-place line 10 gives line 14 3 and line 18 15
        ("E9b", {"nondeductible_contribution": 7500, "conversion": 7512, "balance_dec31": 0},
         {"line_10": 0.998, "line_14": 3, "line_18": 15}),
    ],
)
def test_compute_worked_examples_through_the_command_line(tmp_path, example, ira, expected):
    data = plan(magi=89000 if example == "E2" else 400000, you=person(ira=ira))
    out = run("compute", str(write(tmp_path, data, f"{example}.rothplan.json")))
    assert out.returncode == 0, out.stderr
    form = json.loads(out.stdout)["you"]["form_8606"]
    assert {k: form[k] for k in expected} == expected
