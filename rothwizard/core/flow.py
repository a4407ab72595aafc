"""The wizard's page order and per-page completeness, over a partial plan dict. No Qt, no tax rule.

The wizard keeps what the person typed as a plain dict shaped like a plan (``shared/spec/plan-file.md``)
with holes where nothing was entered yet. This module answers three questions about it:

* ``next_step(step, data, skip_backdoor)``: which page comes next (branching);
* ``validate_step(step, data)``: is the page complete? It asks the core (``plan_from_data``), never
  re-checks a rule itself;
* ``effective_plan(data)``: the best plan that can be built so far, with neutral placeholders for the
  fields of later pages, so figures can be shown as the person types. Nothing computed is written into
  the plan: the backdoor amounts left empty are the core's recommendation (``core.decisions``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from rothwizard.core.errors import InvalidInput, RothWizardError
from rothwizard.core.years import is_plannable, supported_years

if TYPE_CHECKING:
    from rothwizard.core.models import Plan, Report


# The pydantic models take about 0.1 s to build: they are imported on first use, so the wizard's first
# page can be painted before the core is loaded.
def compute(plan: Plan) -> Report:
    from rothwizard.core.calculator import compute as _compute

    return _compute(plan)


def plan_from_data(data: Any) -> Plan:
    from rothwizard.core.planfile import plan_from_data as _plan_from_data

    return _plan_from_data(data)

JOINT = "married_filing_jointly"
SEPARATE = "married_filing_separately"
ROLES = ("you", "spouse")

BACKDOOR_STEPS = ("backdoor.open_ira", "backdoor.contribute", "backdoor.convert", "backdoor.invest")
MEGA_STEPS = ("mega.room", "mega.after_tax", "mega.distribute_or_convert", "mega.move", "mega.invest")


class Step(IntEnum):
    WELCOME = 0
    PEOPLE = 1
    DIRECT = 2
    IRAS = 3
    BACKDOOR = 4
    EMPLOYER = 5
    MEGA = 6
    SUMMARY = 7


@dataclass(frozen=True)
class Validation:
    ok: bool
    field: str | None = None
    message: str = ""


# ----------------------------------------------------------------- paths into the dict


def split_path(path: str) -> list[str]:
    """``you.checklist.backdoor.open_ira.done`` -> ``[you, checklist, backdoor.open_ira, done]``.

    Checklist keys contain dots (step ids), so everything between ``checklist`` and the last part
    is one key."""
    parts = path.split(".")
    if "checklist" in parts:
        i = parts.index("checklist")
        rest = parts[i + 1:]
        if len(rest) >= 2 and rest[-1] in ("done", "date"):
            return parts[: i + 1] + [".".join(rest[:-1]), rest[-1]]
        return parts[: i + 1] + ([".".join(rest)] if rest else [])
    return parts


def get_path(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for key in split_path(path):
        if isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
            continue
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a leaf, creating the dicts on the way; ``None`` removes it (the field is not known). A number
    after a list's key is an index into it (``you.employer_plans.0.type``)."""
    keys = split_path(path)
    node: Any = data
    for key in keys[:-1]:
        if isinstance(node, list) and key.isdigit():
            while len(node) <= int(key):
                node.append({})
            if not isinstance(node[int(key)], dict):
                node[int(key)] = {}
            node = node[int(key)]
            continue
        if key == "employer_plans" and isinstance(node.get(key), list):
            node = node[key]
            continue
        if key == "employer_plans":
            node[key] = []
            node = node[key]
            continue
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    if value is None:
        node.pop(keys[-1], None)
    else:
        node[keys[-1]] = str(value) if isinstance(value, Decimal) else value


def leaves(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and value:
            out.extend(leaves(value, path))
        elif key == "employer_plans" and isinstance(value, list):
            for i, item in enumerate(value):  # each plan's fields by index
                if isinstance(item, dict) and item:
                    out.extend(leaves(item, f"{path}.{i}"))
        elif not isinstance(value, dict):
            out.append((path, value))
    return out


# ----------------------------------------------------------------- who is in the plan


def people(data: dict[str, Any]) -> list[str]:
    """Whose columns the pages show: ``["you"]``, plus ``"spouse"`` on a joint return, and on a
    separate return when the plan already has the spouse (a plan file may: shown so it can be seen and
    changed, and kept on save)."""
    status = data.get("filing_status")
    if status == JOINT or (status == SEPARATE and _has_spouse_data(data)):
        return ["you", "spouse"]
    return ["you"]


def in_plan(data: dict[str, Any]) -> list[str]:
    """Who the plan holds: as ``people``, except that a joint return opened with ``"spouse": null``
    keeps its spouse null until something is entered for the spouse (the spec allows it)."""
    roles = people(data)
    if "spouse" in roles and data.get("spouse", {}) is None:
        return ["you"]
    return roles


def _has_spouse_data(data: dict[str, Any]) -> bool:
    spouse = data.get("spouse")
    return isinstance(spouse, dict) and bool(spouse)


def has_employer_plan(data: dict[str, Any], role: str) -> bool:
    return bool(plan_paths(data, role))


def plan_paths(data: dict[str, Any], role: str) -> list[str]:
    """The path of each of a person's employer plans: ``you.employer_plan`` for one, or
    ``you.employer_plans.0``, ``you.employer_plans.1``, … when the person has several."""
    plans = get_path(data, f"{role}.employer_plans")
    if isinstance(plans, list) and plans:
        return [f"{role}.employer_plans.{i}" for i in range(len(plans))]
    return [f"{role}.employer_plan"] if isinstance(get_path(data, f"{role}.employer_plan"), dict) else []


def several_plans(data: dict[str, Any], role: str) -> bool:
    """The person has more than one employer plan (``employer_plans``): every plan field is asked on the
    employer page, plan by plan."""
    return len(plan_paths(data, role)) > 1


def anyone_with_employer_plan(data: dict[str, Any]) -> bool:
    return any(has_employer_plan(data, r) for r in in_plan(data))


# ----------------------------------------------------------------- which page owns a field


def step_of(path: str) -> Step:
    parts = split_path(path)
    head = parts[0]
    if head in ("tax_year", "name", "schema_version"):
        return Step.WELCOME
    if head in ("filing_status", "lived_with_spouse", "spouse_covered_by_workplace_plan", "magi"):
        return Step.PEOPLE
    rest = parts[1:]
    if not rest or rest[0] in ("age", "compensation", "covered_by_workplace_plan"):
        return Step.PEOPLE
    if rest[0] == "ira":
        field = rest[1] if len(rest) > 1 else ""
        if field == "roth_contribution":
            return Step.DIRECT
        if field in ("nondeductible_contribution", "contributed_after_year_end", "conversion"):
            return Step.BACKDOOR
        return Step.IRAS
    if rest[0] == "checklist":
        return Step.MEGA if len(rest) > 1 and rest[1].startswith("mega.") else Step.BACKDOOR
    if rest[0] == "employer_plans":  # several plans: every field is asked on the employer page
        return Step.PEOPLE if len(rest) == 1 else Step.EMPLOYER
    if rest[0] == "employer_plan":
        if len(rest) == 1:
            return Step.PEOPLE
        if rest[-1] == "accepts_roll_ins":
            return Step.IRAS
        if rest[1] == "after_tax_contributions":
            return Step.MEGA
        return Step.EMPLOYER
    return Step.SUMMARY


REQUIRED: dict[Step, tuple[str, ...]] = {
    Step.WELCOME: ("tax_year",),
    Step.PEOPLE: ("filing_status", "magi", "{p}.age", "{p}.compensation"),
    Step.IRAS: ("{p}.ira.balance_dec31",),
    Step.EMPLOYER: ("{p}.employer_plan.type", "{p}.employer_plan.elective_deferrals"),
}

LABELS = {
    "tax_year": "Tax year",
    "filing_status": "Filing status",
    "magi": "MAGI",
    "age": "Age on December 31",
    "compensation": "Compensation",
    "balance_dec31": "IRA balance on December 31",
    "type": "Plan type",
    "elective_deferrals": "Elective deferrals",
    "lived_with_spouse": "Whether you lived with your spouse in the year",
    "spouse_covered_by_workplace_plan": "Whether your spouse is covered by a workplace plan",
}

def separate_questions(data: dict[str, Any]) -> list[str]:
    """Married filing separately: whether the spouses lived together is always asked, never defaulted
    (IRC 408A(c)(3)(D)); the spouse's coverage when it decides the deduction range: not covered yourself,
    lived together, and the spouse not in the plan (IRC 219(g)(1), (4); Pub. 590-A Table 1-3)."""
    if data.get("filing_status") != SEPARATE:
        return []
    out = ["lived_with_spouse"]
    if (data.get("lived_with_spouse") is True and get_path(data, "you.covered_by_workplace_plan") is False
            and "spouse" not in people(data)):
        out.append("spouse_covered_by_workplace_plan")
    return out


def required_fields(step: Step, data: dict[str, Any]) -> list[str]:
    out = separate_questions(data) if step == Step.PEOPLE else []
    for pattern in REQUIRED.get(step, ()):
        if "{p}" not in pattern:
            out.append(pattern)
            continue
        for role in in_plan(data):
            if ".employer_plan." in pattern:
                out.extend(pattern.replace("{p}.employer_plan", where) for where in plan_paths(data, role))
                continue
            out.append(pattern.format(p=role))
    return out


def entered(data: dict[str, Any], step: Step, role: str) -> bool:
    """Whether a person's required fields of a page are filled in: until then the page shows no
    figures and no verdicts for them (nothing computed from placeholders)."""
    patterns = [p for p in REQUIRED.get(step, ()) if "{p}" in p]
    paths = [where + p.removeprefix("{p}.employer_plan") for p in patterns if ".employer_plan." in p
             for where in plan_paths(data, role)]
    paths += [p.format(p=role) for p in patterns if ".employer_plan." not in p]
    return all(get_path(data, path) is not None for path in paths)


def _label(path: str) -> str:
    last = split_path(path)[-1]
    who = "Your spouse's " if path.startswith("spouse.") else ""
    text = LABELS.get(last, last.replace("_", " "))
    return who + (text[0].lower() + text[1:] if who else text)


# ----------------------------------------------------------------- building plans from the dict


def _skeleton(data: dict[str, Any]) -> dict[str, Any]:
    """Neutral placeholders for every required field; only used where nothing was entered yet."""
    years = supported_years()

    def person(role: str) -> dict[str, Any]:
        p: dict[str, Any] = {
            "age": 40, "compensation": 0,
            "ira": {"balance_dec31": 0},
        }
        where = plan_paths(data, role)
        if len(where) > 1 or (where and ".employer_plans." in where[0]):
            p["employer_plans"] = [{"type": "401k", "elective_deferrals": 0} for _ in where]
        elif where:
            p["employer_plan"] = {"type": "401k", "elective_deferrals": 0}
        return p

    out: dict[str, Any] = {
        "schema_version": 1,
        "tax_year": years[-1] if years else 0,
        "filing_status": "single",
        "magi": 0,
        "you": person("you"),
    }
    if "spouse" in in_plan(data):
        out["spouse"] = person("spouse")
    return out


def _overlay(data: dict[str, Any], upto: Step | None) -> dict[str, Any]:
    probe = _skeleton(data)
    roles = in_plan(data)
    for path, value in leaves(data):
        head = path.split(".")[0]
        if head in ROLES and head not in roles:
            continue
        if head in ROLES and path.split(".")[1:2] == ["employer_plan"] and not has_employer_plan(data, head):
            continue
        if upto is not None and step_of(path) > upto:
            continue
        if value is None:
            continue
        set_path(probe, path, value)
    return probe


def plan_data(data: dict[str, Any], skip_backdoor: bool = False) -> dict[str, Any]:
    """The full plan dict with placeholders for what later pages ask. The backdoor amounts stay empty
    (``None``: the core decides the recommendation); with ``skip_backdoor`` (a probe for the direct
    route alone) the empty ones are 0. May still be invalid."""
    probe = _overlay(data, None)
    if skip_backdoor:
        for role in people(data):
            for field in ("nondeductible_contribution", "conversion"):
                if get_path(data, f"{role}.ira.{field}") is None:
                    set_path(probe, f"{role}.ira.{field}", 0)
    return probe


# What the core may raise for a plan it accepted: its own errors, and (a fault in a rule) pydantic's
# ValidationError (a ValueError) or arithmetic errors. The wizard shows no figures rather than crash.
_FAULTS = (RothWizardError, ValueError, ArithmeticError, TypeError)


def effective_plan(data: dict[str, Any], skip_backdoor: bool = False) -> Plan | None:
    """The plan so far, or ``None`` while something entered is invalid."""
    try:
        return plan_from_data(plan_data(data, skip_backdoor))
    except _FAULTS:
        return None


def report_for(data: dict[str, Any], skip_backdoor: bool = False) -> tuple[Plan | None, Report | None]:
    plan = effective_plan(data, skip_backdoor)
    if plan is None:
        return None, None
    try:
        return plan, compute(plan)
    except _FAULTS:
        return plan, None


def complete_plan(data: dict[str, Any], skip_backdoor: bool = False) -> Plan:
    """The plan to save: every page on the way must be complete. Raises ``InvalidInput``."""
    for step in path_through(data, skip_backdoor):
        result = validate_step(step, data)
        if not result.ok:
            raise InvalidInput(result.field or "", result.message)
    return plan_from_data(plan_data(data))


# ----------------------------------------------------------------- completeness and branching


def validate_step(step: Step, data: dict[str, Any]) -> Validation:
    """Complete when every required field of the page is there and the core accepts the plan built
    from this page and the ones before it."""
    for path in required_fields(step, data):
        if get_path(data, path) is None:
            return Validation(False, path, f"{_label(path)} is required.")
    if step == Step.WELCOME and not is_plannable(data.get("tax_year")):
        return Validation(False, "tax_year", "Choose a tax year RothWizard knows.")
    try:
        plan_from_data(_overlay(data, step))
    except InvalidInput as exc:
        if exc.field and step_of(exc.field) > step:
            return Validation(True)
        label = _label(exc.field) if exc.field else "The plan"
        return Validation(False, exc.field, f"{label}: {exc.problem}.")
    except RothWizardError as exc:
        return Validation(False, None, str(exc))
    return Validation(True)


def direct_route_open(data: dict[str, Any]) -> bool:
    """True when the core says everyone in the plan can contribute fully to a Roth IRA directly."""
    return route_fully_open(report_for(data, skip_backdoor=True)[1])


def route_fully_open(report: Report | None) -> bool:
    """True when every person's direct Roth IRA route is fully open in ``report``."""
    if report is None:
        return False
    reports = [report.you] + ([report.spouse] if report.spouse is not None else [])
    return all(r.roth_direct_status == "full" for r in reports)


def mega_applies(data: dict[str, Any]) -> bool:
    """False when nobody in the plan has an employer plan, or every employer plan in it is known not to
    take after-tax contributions (then there is no Mega Backdoor Roth to walk through)."""
    return any(get_path(data, f"{where}.features.after_tax_contributions") is not False
               for r in people(data) for where in plan_paths(data, r))


def next_step(step: Step, data: dict[str, Any], skip_backdoor: bool = False,
              direct_open: bool | None = None) -> Step | None:
    """The page after ``step``; ``None`` after the summary. ``direct_open``: ``direct_route_open(data)``
    when the caller has it already.

    Pages that do not apply are skipped: the IRA and backdoor pages when the person chose to skip them
    and the direct route is fully open; the employer and mega backdoor pages when nobody in the plan has
    an employer plan; the mega backdoor page when no employer plan in it takes after-tax money."""
    if step == Step.SUMMARY:
        return None
    if step == Step.DIRECT and skip_backdoor and (direct_route_open(data) if direct_open is None else direct_open):
        step = Step.BACKDOOR
    if step == Step.BACKDOOR and not anyone_with_employer_plan(data):
        return Step.SUMMARY
    if step == Step.EMPLOYER and not mega_applies(data):
        return Step.SUMMARY
    return Step(step + 1)


def path_through(data: dict[str, Any], skip_backdoor: bool = False,
                 direct_open: bool | None = None) -> list[Step]:
    """The pages the person walks, in order, up to and including the summary."""
    if skip_backdoor and direct_open is None:
        direct_open = direct_route_open(data)
    out = [Step.WELCOME]
    while (nxt := next_step(out[-1], data, skip_backdoor, direct_open)) is not None:
        out.append(nxt)
    return out


def new_data() -> dict[str, Any]:
    years = supported_years()
    return {"schema_version": 1, "tax_year": years[-1] if years else None, "you": {}}


def data_from_plan(plan: Plan) -> dict[str, Any]:
    return copy.deepcopy(plan.model_dump(mode="json"))


# ----------------------------------------------------------------- drafts

# Faults a draft may have: a required field not filled in yet, or an entry out of range that its page
# shows and asks to fix. Anything else (an unknown field, a wrong type) means the file is not a plan.
DRAFT_FAULTS = frozenset({"missing", "greater_than_equal", "greater_than", "less_than_equal", "less_than",
                          "decimal_max_places"})


def is_complete(data: dict[str, Any], skip_backdoor: bool = False) -> bool:
    try:
        complete_plan(data, skip_backdoor)
    except _FAULTS:
        return False
    return True


def draft_data(data: dict[str, Any]) -> dict[str, Any]:
    """What an unfinished plan's file holds: only what was entered or chosen, for the people in the
    plan, in the plan file's JSON types (nothing is invented for the fields still empty)."""
    from rothwizard.core.planfile import json_ready

    source = copy.deepcopy(data)
    roles = in_plan(data)
    if "spouse" not in roles and data.get("spouse") is not None:
        source.pop("spouse", None)
    for role in roles:
        if not has_employer_plan(data, role) and isinstance(source.get(role), dict):
            source[role].pop("employer_plan", None)
            source[role].pop("employer_plans", None)
    out = json_ready(source)
    out.setdefault("schema_version", 1)
    return out


def open_data(raw: Any) -> tuple[dict[str, Any], bool]:
    """The wizard's data for a parsed plan file, and whether it is a draft.

    A complete plan is read strictly. A draft (required fields missing, or an entry out of range) is
    taken as it is; any other fault raises ``InvalidInput`` naming the field."""
    from rothwizard.core.planfile import plan_from_data as strict_plan
    from rothwizard.core.planfile import validation_faults

    try:
        return data_from_plan(strict_plan(raw, strict=True)), False
    except InvalidInput as first:
        faults = validation_faults(raw)
        blocking = [f for f in faults if f.kind not in DRAFT_FAULTS]
        if blocking or not faults:
            raise (blocking[0] if blocking else first) from None
    return copy.deepcopy(raw), True


def position_text(current: Step, path: list[Step]) -> str:
    """Where the person is on the pages they will walk, e.g. the third of six: a page off the path
    counts where it would sit."""
    if current in path:
        number = path.index(current) + 1
    else:
        number = sum(1 for s in path if s < current) + 1
    return f"Step {number} of {len(path)}"
