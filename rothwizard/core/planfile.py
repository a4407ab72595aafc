"""Reading and writing plan files (``*.rothplan.json``) and turning validation faults into sentences.

A write goes to a temporary file in the same folder and is renamed over the target, so a crash never
leaves half a plan behind; the previous version is kept as a rotating backup.

A plan file is read strictly: JSON types must be the ones the spec names (``true`` is not an age,
``"400000"`` is not an amount, ``"2026"`` is not a year). The wizard's own in-memory dict holds the
text people typed and is validated leniently (``plan_from_data(data)``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import types
import typing
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rothwizard.core.atomic import atomic_write
from rothwizard.core.errors import InvalidInput, PlanFileError
from rothwizard.core.models import SCHEMA_VERSION, Plan

MAX_FILE_BYTES = 5_000_000  # a plan is a few kilobytes; anything this big is not one
MAX_DEPTH = 32  # a plan nests five levels deep
BACKUPS = 3  # previous versions kept beside a saved plan: NAME.1.bak (newest) to NAME.3.bak

_PLAIN = {
    "missing": "is required",
    "extra_forbidden": "is not a field RothWizard knows",
    "greater_than_equal": "must be {ge} or more",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be {le} or less",
    "less_than": "must be less than {lt}",
    "decimal_max_places": "must have at most 2 decimal places",
    "decimal_max_digits": "has too many digits",
    "decimal_parsing": "must be a number",
    "decimal_type": "must be a number",
    "finite_number": "must be a finite number",
    "int_parsing": "must be a whole number",
    "int_parsing_size": "is too large",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "list_type": "must be a list",
    "date_from_datetime_parsing": "must be a date like 2026-01-31",
    "date_from_datetime_inexact": "must be a date like 2026-01-31",
    "date_parsing": "must be a date like 2026-01-31",
    "date_type": "must be a date like 2026-01-31",
    "string_type": "must be text",
    "string_too_long": "is too long",
    "none_required": "must be null",
}
# pydantic names the branches of a union in an error's location ("decimal", "none",
# "function-after[...]", "constrained-decimal", a model's class name): they are not fields.
_BRANCH_TAGS = frozenset({"decimal", "none", "bool", "int", "str", "float", "date", "list", "dict",
                          "nullable", "lax-or-strict", "json-or-python"})
MAX_FIELD_TEXT = 80


def field_text(parts: list[Any]) -> str:
    """A field path for a one-line message: ``you.ira.balance_dec31``; odd keys shown safely."""
    out = []
    for part in parts:
        text = str(part)
        if not text or any(not c.isprintable() for c in text) or len(text) > MAX_FIELD_TEXT:
            text = json.dumps(text, ensure_ascii=True)
            if len(text) > MAX_FIELD_TEXT:
                text = text[: MAX_FIELD_TEXT - 2] + "\u2026\""
        out.append(text)
    return ".".join(out)


def one_line(text: str) -> str:
    """Newlines and tabs folded into spaces: every message is one line."""
    return " ".join(str(text).split())


def _is_branch_tag(part: Any) -> bool:
    if not isinstance(part, str):
        return False
    return (part in _BRANCH_TAGS or part.startswith(("function-", "constrained-"))
            or "[" in part or (part[:1].isupper() and part.isidentifier()))


def field_path(loc: tuple[Any, ...], data: Any) -> list[Any]:
    """The location of a fault, keeping every part that is a key of the input.

    Walks ``loc`` along ``data``: a part that is a key (or list index) of the input is a field, even
    when it is named ``none`` or ``int``; a part that is not, and looks like one of pydantic's union
    branch names, is dropped. The last part of a missing field is kept (it is not in the input)."""
    out: list[Any] = []
    node: Any = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        elif _is_branch_tag(part) and i < len(loc) - 1:
            continue
        else:
            out.append(part)
            node = None
    return out


def describe_error(exc: ValidationError, data: Any = None) -> InvalidInput:
    """The first fault as ``InvalidInput(field, problem)``, in plain words on one line."""
    return _describe(exc.errors(include_url=False)[0], data)


def _describe(err: Any, data: Any) -> InvalidInput:
    loc = tuple(err["loc"])
    parts = field_path(loc, data)
    field = field_text(parts)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in ("literal_error", "enum"):
        problem = f"must be one of {ctx.get('expected', '')}".strip()
    elif kind == "value_error":
        problem = str(ctx.get("error", err["msg"]))
    elif kind in _PLAIN:
        try:
            problem = _PLAIN[kind].format(**{k: _plain_number(v) for k, v in ctx.items()})
        except (KeyError, IndexError, ValueError):
            problem = err["msg"]
    else:
        problem = err["msg"][:1].lower() + err["msg"][1:]
    if not field:
        field = "plan"
    return InvalidInput(field, one_line(problem), kind)


def _plain_number(value: Any) -> Any:
    try:
        return f"{value:,}" if not isinstance(value, bool) else value
    except (TypeError, ValueError):
        return value


# ----------------------------------------------------------------- strict JSON types


def _unwrap(annotation: Any) -> tuple[list[Any], bool]:
    """The non-None alternatives of an annotation and whether ``None`` is allowed."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        alts, nullable = [], False
        for arg in typing.get_args(annotation):
            if arg is type(None):
                nullable = True
            else:
                sub, sub_null = _unwrap(arg)
                alts.extend(sub)
                nullable = nullable or sub_null
        return alts, nullable
    return [annotation], False


def _kind(annotation: Any) -> str | None:
    """The JSON kind an annotation asks for: number, whole, bool, text, object, list; None if unknown."""
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return "object"
        if issubclass(annotation, bool):
            return "bool"
        if issubclass(annotation, Enum) or issubclass(annotation, (str, dt.date)):
            return "text"
        if issubclass(annotation, int):
            return "whole"
        if issubclass(annotation, (Decimal, float)):
            return "number"
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        if all(isinstance(v, str) for v in values):
            return "text"
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return "whole"
    if origin is dict:
        return "object"
    if origin in (list, tuple):
        return "list"
    return None


_KIND_PROBLEM = {
    "number": "must be a number",
    "whole": "must be a whole number",
    "bool": "must be true or false",
    "text": "must be text",
    "object": "must be an object",
    "list": "must be a list",
}


def _fits(kind: str, value: Any) -> bool:
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "whole":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "text":
        return isinstance(value, str)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "list":
        return isinstance(value, list)
    return True


def type_faults(data: Any, model: type[BaseModel] = Plan, prefix: tuple[Any, ...] = ()):
    """Every leaf of ``data`` whose JSON type is not the one the model asks for, as
    ``(path parts, problem)``, in the model's field order. Unknown keys are left to the model."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        yield from _value_faults(data[name], info.annotation, prefix + (name,))


def _value_faults(value: Any, annotation: Any, path: tuple[Any, ...]):
    alts, nullable = _unwrap(annotation)
    if value is None:
        if not nullable:
            yield path, "must not be null"
        return
    if len(alts) != 1:
        return  # a union of several kinds: the model decides
    ann = alts[0]
    kind = _kind(ann)
    if kind is None:
        return
    if not _fits(kind, value):
        problem = _KIND_PROBLEM[kind]
        if isinstance(value, str) and kind in ("number", "whole"):
            problem += ", not text in quotes"
        yield path, problem
        return
    if kind == "object" and isinstance(ann, type) and issubclass(ann, BaseModel):
        yield from type_faults(value, ann, path)
    elif kind == "object":
        args = typing.get_args(ann)
        if len(args) == 2:
            for key, item in value.items():
                yield from _value_faults(item, args[1], path + (key,))
    elif kind == "list":
        args = typing.get_args(ann)
        if args:
            for i, item in enumerate(value):
                yield from _value_faults(item, args[0], path + (i,))


# ----------------------------------------------------------------- plans


def plan_from_data(data: Any, *, strict: bool = False) -> Plan:
    """A validated plan from parsed JSON; raises ``InvalidInput`` naming the field.

    ``strict``: JSON types must be exactly the spec's (a plan file); otherwise text such as "12500"
    is read as the number it shows (the wizard's own data)."""
    if not isinstance(data, dict):
        raise InvalidInput("plan", "the plan must be a JSON object")
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        shown = f"plan version {version}" if version < 1000 else "a newer plan version"
        raise PlanFileError(
            f"schema_version: this plan was saved by a newer RothWizard ({shown}); this one reads "
            f"version {SCHEMA_VERSION}. Update RothWizard to open it."
        )
    if strict:
        for parts, problem in type_faults(data):
            raise InvalidInput(field_text(list(parts)), problem)
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise describe_error(exc, data) from exc
    except (RecursionError, ValueError, TypeError, ArithmeticError) as exc:
        raise InvalidInput("plan", "cannot be read as a plan") from exc


def validation_faults(data: Any) -> list[InvalidInput]:
    """Every fault of ``data`` as a plan file (types first), each naming its field; [] when valid."""
    if not isinstance(data, dict):
        return [InvalidInput("plan", "the plan must be a JSON object", "model_type")]
    out = [InvalidInput(field_text(list(parts)), problem, "strict_type") for parts, problem in type_faults(data)]
    if out:
        return out
    try:
        Plan.model_validate(data)
    except ValidationError as exc:
        return [_describe(err, data) for err in exc.errors(include_url=False)]
    except (RecursionError, ValueError, TypeError, ArithmeticError):
        return [InvalidInput("plan", "cannot be read as a plan", "unreadable")]
    return []


def json_ready(data: Any, model: type[BaseModel] = Plan, *, keep_text: bool = False) -> dict[str, Any]:
    """A JSON-typed copy of the fields of ``data`` the model knows: amounts typed as text become
    numbers, text that is not a number is left out (kept as it is with ``keep_text``: the wizard shows
    it with its message), values of the wrong kind and unknown keys are left out."""
    out: dict[str, Any] = {}
    if not isinstance(data, dict):
        return out
    for name, info in model.model_fields.items():
        if name in data:
            ok, value = _ready_value(data[name], info.annotation, keep_text)
            if ok:
                out[name] = value
    return out


def _ready_value(value: Any, annotation: Any, keep_text: bool = False) -> tuple[bool, Any]:
    alts, nullable = _unwrap(annotation)
    if value is None:
        return nullable, None
    if len(alts) != 1:
        return not keep_text, value
    ann = alts[0]
    kind = _kind(ann)
    if kind in ("number", "whole") and isinstance(value, str) and keep_text:
        return len(value) <= 100, value
    if kind in ("number", "whole") and isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", "").lstrip("$"))
        except ArithmeticError:
            return False, None
        if not number.is_finite() or number.adjusted() > 15:
            return False, None
        if number == number.to_integral_value():
            return True, int(number)
        return (kind == "number"), float(number)
    if kind is not None and not _fits(kind, value):
        return False, None
    if kind == "object" and isinstance(ann, type) and issubclass(ann, BaseModel):
        return True, json_ready(value, ann, keep_text=keep_text)
    if kind == "object":
        args = typing.get_args(ann)
        if len(args) == 2:
            items = {k: _ready_value(v, args[1], keep_text) for k, v in value.items() if isinstance(k, str)}
            return True, {k: v for k, (ok, v) in items.items() if ok}
    if kind == "list":
        args = typing.get_args(ann)
        if args:
            items = [_ready_value(v, args[0], keep_text) for v in value]
            return True, [v for ok, v in items if ok]
    if kind == "text" and isinstance(ann, type) and issubclass(ann, dt.date):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False, None
    if kind is None and keep_text:
        return False, None
    return True, value


def read_plan_data(path: str | os.PathLike[str]) -> Any:
    """The parsed JSON of a plan file. Raises ``PlanFileError`` (cannot read, not JSON, too big, too
    deep); a UTF-8 byte-order mark is accepted."""
    path = Path(path)
    try:
        if path.is_dir():
            raise PlanFileError(f"{path}: is a folder, not a plan file")
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise PlanFileError(f"{path}: no such file") from exc
    except OSError as exc:
        raise PlanFileError(f"{path}: cannot be read ({one_line(exc.strerror or exc.__class__.__name__)})") \
            from exc
    if len(raw) > MAX_FILE_BYTES:
        raise PlanFileError(f"{path}: too large to be a plan file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(f"{path}: cannot be read as text (not UTF-8)") from exc
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise PlanFileError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise PlanFileError(f"{path}: not a plan file (nested too deeply)") from exc
    except ValueError as exc:  # integers of thousands of digits, NaN, Infinity
        raise PlanFileError(f"{path}: not valid JSON ({one_line(str(exc)).split(':')[0]})") from exc
    if _depth(data) > MAX_DEPTH:
        raise PlanFileError(f"{path}: not a plan file (nested too deeply)")
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _depth(value: Any) -> int:
    """How deeply ``value`` nests (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return deepest


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file. Raises ``PlanFileError`` (cannot read, not JSON, too new) or ``InvalidInput``
    (a draft's first missing field, or a field of the wrong type or out of range)."""
    return plan_from_data(read_plan_data(path), strict=True)


def plan_to_json(plan: Plan) -> str:
    return plan.model_dump_json(indent=2, exclude_none=False) + "\n"


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write the plan; the previous version stays as ``NAME.1.bak`` (and older ones up to ``BACKUPS``)."""
    atomic_write(path, plan_to_json(plan).encode("utf-8"), backups=BACKUPS)


def save_draft_text(data: dict[str, Any]) -> str:
    """An unfinished plan as it is (``data`` is JSON-ready, see ``core.flow.draft_data``)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_text(text: str, path: str | os.PathLike[str]) -> Path:
    """Write a plan file's text; the previous version stays as ``NAME.1.bak``. Returns the file written."""
    return atomic_write(path, text.encode("utf-8"), backups=BACKUPS)
