"""A seeded generator of plan files, valid and broken, and the checks every one must pass.

Used by ``tests/core/test_fuzz_plans.py`` (a few thousand cases) and ``tests/reliability/run.py``
(as many as asked). Every file goes through the command line in-process (``rothwizard compute``) and
through the core (load, compute, action plan), and must give:

* exit 0, 1 or 2 only, no traceback, nothing on standard output on a rejection;
* a rejection: one line that names the field (a path present in the file, or a missing field of an
  object present in it), or for an unreadable file the file itself;
* an accepted plan: a report within the invariants of Form 8606, IRC 219, 408A and 415(c).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import random
import re
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

YEARS = (2024, 2025, 2026)
STATUSES = ("single", "married_filing_jointly", "married_filing_separately", "head_of_household",
            "qualifying_surviving_spouse")
ODD_KEYS = ("none", "int", "str", "decimal", "bool", "function-after", "constrained-decimal", "EmployerPlan",
            "a\nb", "tab\there", "", " ", "\u00e9t\u00e9", "x" * 300, "0", "you", "null", "\u2028")
ODD_VALUES: tuple[Any, ...] = (True, False, None, "2026", "400000", "", "abc", -1, -0.01, 0.001, 1e300, 10**30,
                               [], {}, [1, 2], {"a": 1}, 45.0, 45.5, "\u00b2", 7500.555, "true", 1, 0)


def money(rng: random.Random, top: int = 600_000) -> int | float:
    whole = rng.choice([0, 0, rng.randint(0, 100), rng.randint(0, top), rng.randint(0, 20_000)])
    if rng.random() < 0.3:
        return round(whole + rng.choice([50, 99, 1, rng.randint(0, 99)]) / 100, 2)  # .50: half-up edges
    return whole


def features(rng: random.Random) -> dict[str, Any]:
    return {k: rng.choice([True, False, None]) for k in
            ("after_tax_contributions", "in_service_distributions", "in_plan_roth_conversion", "accepts_roll_ins")
            if rng.random() < 0.9}


def employer_plan(rng: random.Random, several: bool = False) -> dict[str, Any]:
    types = ["401k", "403b", "457b", "solo_401k"] if several else ["401k", "403b"]
    out: dict[str, Any] = {"type": rng.choice(types), "elective_deferrals": money(rng, 30_000)}
    if several:
        if rng.random() < 0.6:
            out["employer"] = rng.choice(["Hospital", "Practice LLC", "University", ""])
        if rng.random() < 0.3:
            out["controlled_group"] = rng.choice(["a", "b"])
        if rng.random() < 0.3:
            out["plan_compensation"] = money(rng, 400_000)
    for key, top in (("catch_up", 12_000), ("employer_contributions", 70_000)):
        if rng.random() < 0.7:
            out[key] = money(rng, top)
    if rng.random() < 0.5:
        out["after_tax_contributions"] = rng.choice([None, money(rng, 50_000)])
    if rng.random() < 0.5:
        out["prior_year_fica_wages"] = rng.choice([None, money(rng, 500_000)])
    if rng.random() < 0.9:
        out["features"] = features(rng)
    return out


def person(rng: random.Random) -> dict[str, Any]:
    ndc = money(rng, 9_000)
    ira: dict[str, Any] = {"nondeductible_contribution": ndc, "conversion": money(rng, 60_000),
                           "balance_dec31": money(rng)}
    if rng.random() < 0.5:
        ira["contributed_after_year_end"] = round(ndc * rng.choice([0, 0.5, 1]), 2)
    if rng.random() < 0.2:  # left to RothWizard's recommendation
        del ira[rng.choice(["nondeductible_contribution", "conversion"])]
        ira.pop("contributed_after_year_end", None)
    if rng.random() < 0.2:
        ira["roll_in_planned"] = rng.random() < 0.7
    for key, top in (("roth_contribution", 9_000), ("prior_basis", 60_000), ("distributions", 30_000),
                     ("deductible_contribution", 3_000)):
        if rng.random() < 0.4:
            ira[key] = money(rng, top)
    out: dict[str, Any] = {"age": rng.randint(0, 130), "compensation": money(rng, 900_000), "ira": ira}
    if rng.random() < 0.7:
        out["covered_by_workplace_plan"] = rng.random() < 0.7
    if rng.random() < 0.1:
        out["employer_plans"] = [employer_plan(rng, several=True) for _ in range(rng.randint(0, 3))]
    elif rng.random() < 0.6:
        out["employer_plan"] = employer_plan(rng) if rng.random() < 0.85 else None
    if rng.random() < 0.2:
        out["checklist"] = {rng.choice(["backdoor.convert", "mega.room", "direct.contribute", "x.y"]):
                            {"done": rng.random() < 0.5, "date": rng.choice([None, "2026-02-03"])}}
    return out


def valid_plan(rng: random.Random) -> dict[str, Any]:
    status = rng.choice(STATUSES)
    data: dict[str, Any] = {"tax_year": rng.choice(YEARS), "filing_status": status, "magi": money(rng, 900_000),
                            "you": person(rng)}
    if rng.random() < 0.8:
        data["schema_version"] = 1
    if rng.random() < 0.4:
        data["lived_with_spouse"] = rng.random() < 0.5
    if status in ("married_filing_jointly", "married_filing_separately") and rng.random() < 0.7:
        data["spouse"] = person(rng)
    elif rng.random() < 0.3:
        data["spouse"] = None
    if rng.random() < 0.2:
        data["name"] = rng.choice(["Dr. Rivera 2026", "", "<b>x</b>", "\u00e9t\u00e9 \U0001F600"])
    return data


def _containers(node: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    out = []
    if isinstance(node, dict):
        out.append((path, node))
        for k, v in node.items():
            out.extend(_containers(v, path + (k,)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_containers(v, path + (i,)))
    return out


def mutate(rng: random.Random, data: dict[str, Any]) -> dict[str, Any]:
    """One structural change: a key dropped, an unknown key added, a value of another kind or range."""
    spots = _containers(data)
    _path, node = rng.choice(spots)
    kind = rng.random()
    if kind < 0.25 and node:
        node.pop(rng.choice(list(node)))
    elif kind < 0.45:
        node[rng.choice(ODD_KEYS)] = copy.deepcopy(rng.choice(ODD_VALUES))
    elif node:
        node[rng.choice(list(node))] = copy.deepcopy(rng.choice(ODD_VALUES))
    return data


def text_of(rng: random.Random, data: Any) -> bytes:
    """The file's bytes, sometimes broken at the text level."""
    text = json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2]))
    r = rng.random()
    if r < 0.03:
        text = text.replace("45", "9" * rng.choice([4301, 5000]), 1) if "45" in text else "1" * 5000
    elif r < 0.05:
        depth = rng.choice([500, 1000, 5000])
        text = '{"magi": ' + "[" * depth + "]" * depth + "}"
    elif r < 0.07:
        text = text[: rng.randint(0, max(0, len(text) - 1))]
    elif r < 0.09:
        text = text.replace("400000", "NaN", 1).replace("0,", "Infinity,", 1)
    elif r < 0.11:
        return b"\xef\xbb\xbf" + text.encode()
    elif r < 0.12:
        return text.encode("utf-16")
    elif r < 0.13:
        return b"\xff\xfe\x00garbage"
    return text.encode("utf-8")


def case(seed: int) -> tuple[bytes, Any]:
    """The bytes of one plan file and the data it was made from (``None`` if not JSON by design)."""
    rng = random.Random(seed)
    data = valid_plan(rng)
    if rng.random() < 0.08:  # several years in one file
        second = valid_plan(rng)
        second["tax_year"] = data["tax_year"] + 1
        for year in (data, second):
            year.pop("schema_version", None)
        data = {"schema_version": 1, "years": [data, second]}
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
        data = mutate(rng, data)
    return text_of(rng, data), data


# ----------------------------------------------------------------- checking


@dataclass
class Tally:
    plans: int = 0
    accepted: int = 0
    rejected: int = 0
    crashes: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    broken_invariants: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"plans {self.plans}, accepted {self.accepted}, rejected {self.rejected}, crashes "
                f"{len(self.crashes)}, unnamed messages {len(self.unnamed)}, broken invariants "
                f"{len(self.broken_invariants)}")


def names_a_field(message: str, data: Any, path: Path) -> bool:
    """The one-line rejection names a field of the file (or, for an unreadable file, the file)."""
    body = message.removeprefix("rothwizard: ")
    if body.startswith(str(path)):
        return True
    field_text, sep, problem = body.partition(": ")
    if not sep or not field_text or not problem:
        return False
    if field_text == "plan":
        return not isinstance(data, dict)
    if not isinstance(data, dict):
        return False
    # a path of keys present in the data, or of keys present but the last (a missing field); keys may
    # hold dots (checklist step ids), so parts are joined where the data says so
    field_text = re.sub(r"\[(\d+)\]", r".\1", field_text)  # years[1].you -> years.1.you
    return _resolves(_split(field_text), data, "required" in problem or "null" in problem)


def _resolves(parts: list[str], node: Any, missing_ok: bool) -> bool:
    if not parts:
        return True
    if isinstance(node, list):
        head = parts[0]
        return head.isdigit() and int(head) < len(node) and _resolves(parts[1:], node[int(head)], missing_ok)
    if not isinstance(node, dict):
        return False
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key.endswith("\u2026"):  # a long key, shown cut
            matches = [k for k in node if isinstance(k, str) and k.startswith(key[:-1])]
            if matches and _resolves(parts[n:], node[matches[0]], missing_ok):
                return True
        elif key in node and _resolves(parts[n:], node[key], missing_ok):
            return True
    return missing_ok and len(parts) == 1


def _split(text: str) -> list[str]:
    """``you.ira."a\\nb"`` -> ["you", "ira", "a\\nb"] (odd keys are JSON-quoted, dots inside quotes)."""
    parts, i = [], 0
    while i < len(text):
        if text[i] == '"':
            decoder = json.JSONDecoder()
            try:
                value, end = decoder.raw_decode(text, i)
            except ValueError:  # cut: '"xxxx…"' is not valid JSON after the cut
                end = text.find('\u2026"', i)
                if end < 0:
                    return [text]
                parts.append(json.loads(text[i:end] + '"') + "\u2026")
                i = end + 3
                continue
            parts.append(value)
            i = end + 1
        else:
            end = text.find(".", i)
            end = len(text) if end < 0 else end
            parts.append(text[i:end])
            i = end + 1
    return parts


def report_faults(plan, report) -> list[str]:
    """Invariants of every report, each from the rule it rests on."""
    from rothwizard.core import rules
    from rothwizard.core.limits import load_limits

    out = []
    limits = load_limits(plan.tax_year)
    for role, person in plan.people():
        rep = getattr(report, role)
        f = rep.form_8606
        if f.line_14 < 0 or f.line_18 < 0 or f.line_18 > (f.line_8 or 0):  # Form 8606 lines 14, 18
            out.append(f"{role}: form 8606 bounds {f}")
        if f.line_10 is not None and not 0 <= f.line_10 <= 1:  # line 10 capped at 1.000
            out.append(f"{role}: line 10 {f.line_10}")
        dollar = rules.ira_dollar_limit(limits, person.age)
        if not 0 <= rep.ira_limit <= dollar:  # IRC 219(b)(1)
            out.append(f"{role}: ira_limit {rep.ira_limit}")
        if not 0 <= rep.roth_direct_limit <= rep.ira_limit:  # IRC 408A(c)(2), (3)
            out.append(f"{role}: roth_direct_limit {rep.roth_direct_limit}")
        if not 0 <= rep.backdoor_contribution <= rep.ira_limit:
            out.append(f"{role}: backdoor_contribution {rep.backdoor_contribution}")
        room = rep.mega_backdoor.room
        # IRC 415(c)(1): the lesser of the dollar limit and 100% of compensation (the plan's own
        # compensation when several plans give it, shared/spec "Several employer plans")
        cap = Decimal(limits.annual_additions_limit.value)
        if not getattr(person, "employer_plans", None):
            cap = rules.annual_additions_limit(limits, person.compensation)
        if not 0 <= room <= cap:
            out.append(f"{role}: mega room {room}")
        if rep.mega_backdoor.available and rep.mega_backdoor.blockers:
            out.append(f"{role}: available with blockers")
        if rep.line_18_after_roll_in is not None and rep.line_18_after_roll_in > f.line_18:  # 408(d)(3)(H)
            out.append(f"{role}: roll-in raises the tax")
    return out


def check(seed: int, folder: Path, tally: Tally, *, action_plan: bool = True) -> None:
    """Run one generated file through the command line and the core; record what went wrong."""
    from rothwizard import cli
    from rothwizard.core import RothWizardError
    from rothwizard.core.ledger import compute_any, load_any

    raw, data = case(seed)
    path = folder / f"plan-{seed}.rothplan.json"
    path.write_bytes(raw)
    tally.plans += 1
    try:
        parsed: Any = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        parsed = None
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["compute", str(path)])
    except BaseException as exc:  # noqa: BLE001 - counting, not handling
        tally.crashes.append(f"seed {seed}: cli raised {exc.__class__.__name__}: {exc}"[:300])
        return
    stderr = err.getvalue()
    if code not in (0, 1, 2) or "Traceback" in stderr:
        tally.crashes.append(f"seed {seed}: exit {code} {stderr[:200]!r}")
        return
    if code == 0:
        tally.accepted += 1
        if stderr:
            tally.crashes.append(f"seed {seed}: exit 0 with stderr {stderr[:200]!r}")
    else:
        tally.rejected += 1
        lines = stderr.splitlines()
        if out.getvalue() or len(lines) != 1 or not names_a_field(lines[0], parsed, path):
            tally.unnamed.append(f"seed {seed}: {stderr[:300]!r}")
    # the core directly: only RothWizard's own errors may come out
    try:
        plan = load_any(path)
        report = compute_any(plan)
        if action_plan and hasattr(plan, "people"):
            from rothwizard.core.actionplan import build_action_plan

            build_action_plan(plan, report)
    except RothWizardError:
        if code == 0:
            tally.crashes.append(f"seed {seed}: the core refused what the command line accepted")
        return
    except BaseException as exc:  # noqa: BLE001
        tally.crashes.append(f"seed {seed}: core raised {''.join(traceback.format_exception_only(exc))[:300]}")
        return
    if code != 0:
        tally.crashes.append(f"seed {seed}: the command line refused a plan the core accepts")
    if hasattr(plan, "people"):
        tally.broken_invariants.extend(f"seed {seed}: {f}" for f in report_faults(plan, report))
    else:  # several years: each year's report
        for year_plan, year_report in zip(plan.years, report.years, strict=True):
            tally.broken_invariants.extend(f"seed {seed}: {f}" for f in report_faults(year_plan, year_report))
