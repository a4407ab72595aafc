"""Reading and writing plan files (``*.rothplan.json``) and turning validation faults into sentences.

A write goes to a temporary file in the same folder and is renamed over the target, so a crash never
leaves half a plan behind.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rothwizard.core.atomic import atomic_write
from rothwizard.core.errors import InvalidInput, PlanFileError
from rothwizard.core.models import SCHEMA_VERSION, Plan

_PLAIN = {
    "missing": "is required",
    "extra_forbidden": "is not a field RothWizard knows",
    "greater_than_equal": "must be {ge} or more",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be {le} or less",
    "decimal_max_places": "must have at most 2 decimal places",
    "decimal_parsing": "must be a number",
    "decimal_type": "must be a number",
    "finite_number": "must be a finite number",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "date_from_datetime_parsing": "must be a date like 2026-01-31",
    "date_parsing": "must be a date like 2026-01-31",
    "string_type": "must be text",
    "string_too_long": "is too long",
}


def describe_error(exc: ValidationError) -> InvalidInput:
    """The first fault as ``InvalidInput(field, problem)``, in plain words."""
    err = exc.errors(include_url=False)[0]
    loc = [str(p) for p in err["loc"] if not str(p).startswith(("function-", "constrained-"))]
    # pydantic names union branches ("decimal", "none"): they are not fields.
    loc = [p for p in loc if p not in ("decimal", "none", "bool", "int", "str")]
    field = ".".join(loc)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in ("literal_error", "enum"):
        problem = f"must be one of {ctx.get('expected', '')}".strip()
    elif kind == "value_error":
        problem = str(ctx.get("error", err["msg"]))
    elif kind in _PLAIN:
        try:
            problem = _PLAIN[kind].format(**{k: _plain_number(v) for k, v in ctx.items()})
        except (KeyError, IndexError):
            problem = err["msg"]
    else:
        problem = err["msg"][:1].lower() + err["msg"][1:]
    return InvalidInput(field, problem)


def _plain_number(value: Any) -> Any:
    try:
        return f"{value:,}" if not isinstance(value, bool) else value
    except (TypeError, ValueError):
        return value


def plan_from_data(data: Any) -> Plan:
    """A validated plan from parsed JSON; raises ``InvalidInput`` naming the field."""
    if not isinstance(data, dict):
        raise InvalidInput("", "the plan must be a JSON object")
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise PlanFileError(
            f"This plan was saved by a newer RothWizard (plan version {version}); this one reads "
            f"version {SCHEMA_VERSION}. Update RothWizard to open it."
        )
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise describe_error(exc) from exc


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file. Raises ``PlanFileError`` (cannot read, not JSON, too new) or ``InvalidInput``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PlanFileError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFileError(f"{path}: cannot be read ({exc.__class__.__name__})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFileError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno})") from exc
    return plan_from_data(data)


def plan_to_json(plan: Plan) -> str:
    return plan.model_dump_json(indent=2, exclude_none=False) + "\n"


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    atomic_write(path, plan_to_json(plan).encode("utf-8"))
