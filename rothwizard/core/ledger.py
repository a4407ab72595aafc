"""Several tax years of one household in one file, and the per-person basis ledger across them.

``{"schema_version": 1, "years": [plan, plan, ...]}`` (shared/spec/plan-file.md, "Several years in one
file"): consecutive years, each a plan. A year's ``ira.prior_basis`` left out is the previous year's
Form 8606 line 14 for that person (for the first year: the basis rebuilt from ``basis_history``, else 0);
an entered one that differs gets the warning ``basis_mismatch``. A contribution for a year made January
1 to April 15 of the next (``contributed_after_year_end``) stays in that year's line 14 and reaches the
next year's line 2, where it is converted.

``compute_plan`` is the report of one year with the records worked out (the basis rebuilt, the excess
contribution's fix, the forms checked); ``compute_household`` chains the years.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from rothwizard.core import basis_rebuild, corrections, tax_forms_check
from rothwizard.core.calculator import compute
from rothwizard.core.decisions import usd
from rothwizard.core.errors import InvalidInput, PlanFileError
from rothwizard.core.limits import load_limits
from rothwizard.core.models import SCHEMA_VERSION, Dollars, Plan, Report, Warning_
from rothwizard.core.planfile import field_text, plan_from_data, read_plan_data
from rothwizard.core.records import PersonRecords
from rothwizard.core.rules import whole_dollars

BASIS_MISMATCH = "basis_mismatch"
FORM_8606_LATE = "form_8606_late"
EXCESS_FIX = "excess_fix"
FORM_CHECK = "form_check"
SRC_LINE_2 = "Form 8606 instructions, line 2 (\"Total Basis Chart\"): last year's line 14"
MAX_YEARS = 50


class Household(BaseModel):
    """Consecutive tax years of one household, each a validated plan."""

    model_config = ConfigDict(extra="forbid")
    schema_version: int = SCHEMA_VERSION
    years: list[Plan]


class LedgerRow(BaseModel):
    """One person's year in the basis ledger."""

    model_config = ConfigDict(extra="forbid")
    tax_year: int
    who: str
    contributions: Dollars  # Form 8606 line 1
    after_year_end: Dollars  # the part of line 1 made January 1 to April 15 of the next year
    basis_in: Dollars  # line 2
    basis_in_origin: str  # "entered", "carried" (last year's line 14), "rebuilt" or "none"
    conversions: Dollars  # line 8
    taxable: Dollars  # line 18 + line 15c
    basis_carried: Dollars  # line 14


class HouseholdReport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: int = SCHEMA_VERSION
    years: list[Report]
    ledger: list[LedgerRow]


# ---------------------------------------------------------------- reading


def _path(parts: str) -> str:
    """``you.basis_history.2.tax_year`` -> ``you.basis_history[2].tax_year``."""
    out = ""
    for part in parts.split("."):  # a key named "0" at the top of a year stays a key
        out += f"[{part}]" if part.isdigit() and out else (("." if out else "") + part)
    return out


def _records_faults(plan: Plan, prefix: str = "") -> None:
    for role, person in plan.people():
        basis_rebuild.check_history(person.basis_history, plan.tax_year, f"{prefix}{role}.basis_history")


def is_household(data: Any) -> bool:
    return isinstance(data, dict) and "years" in data


def household_from_data(data: dict, *, strict: bool = True) -> Household:
    """Validated years; ``InvalidInput`` names the field as ``years[1].you.ira.prior_basis``."""
    for key in data:
        if key not in ("schema_version", "years"):
            raise InvalidInput(field_text([key]), "is not a field RothWizard knows (a file with years holds "
                                                  "only schema_version and years)")
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput("schema_version", "must be 1")
    if version > SCHEMA_VERSION:
        raise PlanFileError(f"schema_version: this plan was saved by a newer RothWizard (plan version "
                            f"{version}); this one reads version {SCHEMA_VERSION}. Update RothWizard to open it.")
    years = data["years"]
    if not isinstance(years, list):
        raise InvalidInput("years", "must be a list")
    if not years:
        raise InvalidInput("years", "must hold at least one year")
    if len(years) > MAX_YEARS:
        raise InvalidInput("years", f"must hold at most {MAX_YEARS} years")
    plans: list[Plan] = []
    for i, year in enumerate(years):
        prefix = f"years[{i}]."
        if not isinstance(year, dict):
            raise InvalidInput(f"years[{i}]", "must be an object (a plan)")
        try:
            plan = plan_from_data(year, strict=strict)
        except InvalidInput as exc:
            field = _path(exc.field) if exc.field != "plan" else ""
            raise InvalidInput(prefix + field if field else f"years[{i}]", exc.problem, exc.kind) from exc
        if plans and plan.tax_year != plans[-1].tax_year + 1:
            raise InvalidInput(f"years[{i}].tax_year", f"must be {plans[-1].tax_year + 1}: the years must "
                                                       f"follow one another")
        if i and any(p.basis_history for _r, p in plan.people()):
            role = next(r for r, p in plan.people() if p.basis_history)
            raise InvalidInput(f"years[{i}].{role}.basis_history",
                               "belongs on the first year only (later years carry line 14 forward)")
        try:
            _records_faults(plan, prefix)
        except InvalidInput as exc:
            raise InvalidInput(exc.field, exc.problem, exc.kind) from exc
        plans.append(plan)
    return Household(schema_version=version, years=plans)


def load_any(path: str | os.PathLike[str]) -> Plan | Household:
    """A plan file of one year, or of several (``years``)."""
    data = read_plan_data(path)
    if is_household(data):
        return household_from_data(data)
    plan = plan_from_data(data, strict=True)
    try:
        _records_faults(plan)
    except InvalidInput as exc:
        raise InvalidInput(exc.field, exc.problem, exc.kind) from exc
    return plan


# ---------------------------------------------------------------- computing


def _warn(report: Report, role: str, code: str, message: str, source: str) -> Report:
    person = getattr(report, role)
    person = person.model_copy(update={"warnings": [*person.warnings, Warning_(code=code, message=message,
                                                                               source=source)]})
    return report.model_copy(update={role: person})


def _set_basis(plan: Plan, role: str, basis: Decimal) -> Plan:
    person = getattr(plan, role)
    ira = person.ira.model_copy(update={"prior_basis": basis})
    return plan.model_copy(update={role: person.model_copy(update={"ira": ira})})


def resolve_year(plan: Plan, carried: dict[str, Decimal] | None = None
                 ) -> tuple[Plan, dict[str, str], list[tuple[str, Decimal, Decimal]], dict]:
    """The plan with each left-out ``ira.prior_basis`` filled from ``carried`` (last year's line 14)
    or the basis rebuilt from ``basis_history``; returns (plan, origin per person, the entered prior
    bases that differ as (role, entered, expected), the rebuilds per person)."""
    carried = dict(carried or {})
    origins: dict[str, str] = {}
    rebuilt = {}
    for role, person in plan.people():
        rebuilt[role] = basis_rebuild.rebuild(person.basis_history)
        if rebuilt[role] is not None and role not in carried:
            carried[role] = rebuilt[role].basis
            origins[role] = "rebuilt"
        elif role in carried:
            origins[role] = "carried"
    resolved = plan
    mismatches: list[tuple[str, Decimal, Decimal]] = []
    for role, person in plan.people():
        if role not in carried:
            continue
        if "prior_basis" in person.ira.model_fields_set:
            if person.ira.prior_basis != carried[role]:
                mismatches.append((role, person.ira.prior_basis, carried[role]))
        else:
            resolved = _set_basis(resolved, role, carried[role])
    return resolved, origins, mismatches, rebuilt


def compute_plan(plan: Plan, carried: dict[str, Decimal] | None = None) -> Report:
    """One year's report with the records worked out. ``carried``: each person's line 14 of the year
    before (a household's earlier year), used when ``ira.prior_basis`` is left out."""
    return compute_year(plan, carried)[1]


def compute_year(plan: Plan, carried: dict[str, Decimal] | None = None) -> tuple[Plan, Report]:
    """(the plan with its prior bases filled in, its report with the records worked out)."""
    resolved, origins, mismatches, rebuilt = resolve_year(plan, carried)
    report = compute(resolved)
    limits = load_limits(plan.tax_year)
    for role, person in resolved.people():
        pr = getattr(report, role)
        records = PersonRecords(
            basis_rebuild=rebuilt.get(role),
            excess_correction=corrections.excess_correction(person, pr, limits),
            forms_check=tax_forms_check.check_forms(resolved, person, pr),
        )
        if records != PersonRecords():
            report = report.model_copy(update={role: pr.model_copy(update={"records": records})})
        if records.basis_rebuild and records.basis_rebuild.late_forms:
            years = ", ".join(str(y) for y in records.basis_rebuild.late_forms)
            report = _warn(report, role, FORM_8606_LATE,
                           f"Form 8606 for {years} is to be filed now: your records show nondeductible "
                           f"contributions (or distributions while there was basis) those years, and no form "
                           f"on file. The rebuilt basis carried into {plan.tax_year} is "
                           f"{usd(records.basis_rebuild.basis)}. {records.basis_rebuild.note}",
                           records.basis_rebuild.source)
        if records.excess_correction:
            report = _warn(report, role, EXCESS_FIX, records.excess_correction.message,
                           records.excess_correction.source)
        for finding in records.forms_check.findings if records.forms_check else ():
            report = _warn(report, role, FORM_CHECK, f"Form {finding.form}: {finding.message} "
                                                     f"{finding.what_to_do}", finding.source)
    for role, entered, expected in mismatches:
        what = "last year's line 14" if origins.get(role) == "carried" else "the basis rebuilt from your records"
        report = _warn(report, role, BASIS_MISMATCH,
                       f"Your prior basis (Form 8606 line 2) for {plan.tax_year} is entered as "
                       f"{usd(entered)}, but {what} is {usd(expected)}. Line 2 is "
                       f"normally last year's line 14: check both; the figures use the "
                       f"{usd(entered)} you entered.", SRC_LINE_2)
    return resolved, report


def compute_household(household: Household) -> HouseholdReport:
    reports: list[Report] = []
    ledger: list[LedgerRow] = []
    carried: dict[str, Decimal] = {}
    for i, plan in enumerate(household.years):
        try:
            report = compute_plan(plan, carried)
        except InvalidInput as exc:  # name the year, as reading the file does
            raise InvalidInput(f"years[{i}].{exc.field}" if exc.field else f"years[{i}]", exc.problem,
                               exc.kind) from exc
        for role, person in plan.people():
            form = getattr(report, role).form_8606
            if "prior_basis" in person.ira.model_fields_set:
                origin = "entered"
            elif role in carried:
                origin = "carried"
            elif person.basis_history:
                origin = "rebuilt"
            else:
                origin = "none"
            ledger.append(LedgerRow(
                tax_year=plan.tax_year, who=role, contributions=form.line_1,
                after_year_end=whole_dollars(person.ira.contributed_after_year_end),
                basis_in=form.line_2, basis_in_origin=origin, conversions=form.line_8 or 0,
                taxable=form.line_18 + form.line_15c, basis_carried=form.line_14))
        carried = {role: Decimal(getattr(report, role).form_8606.line_14) for role, _p in plan.people()}
        reports.append(report)
    return HouseholdReport(years=reports, ledger=ledger)


def compute_any(doc: Plan | Household) -> Report | HouseholdReport:
    return compute_household(doc) if isinstance(doc, Household) else compute_plan(doc)


# ---------------------------------------------------------------- adding the next year


_CARRIED_OVER = ("filing_status", "lived_with_spouse", "magi", "name", "spouse_covered_by_workplace_plan")
_PERSON_KEPT = ("name", "compensation", "covered_by_workplace_plan", "magi", "employer_plan", "employer_plans")
_IRA_KEPT = ("balance_dec31", "roll_in_planned")


def next_year_data(last: dict[str, Any]) -> dict[str, Any]:
    """The next year's plan entries, started from the last year's: the household's answers and each
    person's pay and employer plan carried over, ages one year on, the IRA amounts left to RothWizard's
    recommendation (``prior_basis`` left out: it is last year's line 14), the forms, records and ticks
    of the last year left behind. The person reviews every page before anything moves."""
    out: dict[str, Any] = {k: last[k] for k in _CARRIED_OVER if k in last}
    out["tax_year"] = int(last["tax_year"]) + 1
    for role in ("you", "spouse"):
        person = last.get(role)
        if not isinstance(person, dict):
            if role in last:
                out[role] = person
            continue
        new: dict[str, Any] = {k: person[k] for k in _PERSON_KEPT if k in person}
        if isinstance(person.get("age"), int):
            new["age"] = person["age"] + 1
        ira = person.get("ira") if isinstance(person.get("ira"), dict) else {}
        new["ira"] = {k: ira[k] for k in _IRA_KEPT if k in ira}
        out[role] = new
    return out


def with_next_year(data: dict[str, Any]) -> dict[str, Any]:
    """A household file's data with the next year added (a one-year plan becomes ``years``)."""
    years = list(data["years"]) if is_household(data) else [{k: v for k, v in data.items()
                                                              if k != "schema_version"}]
    return {"schema_version": SCHEMA_VERSION, "years": [*years, next_year_data(years[-1])]}


# ---------------------------------------------------------------- the wizard: one year edited, the earlier ones kept


def carried_from(earlier: list[dict[str, Any]], year: Any = None) -> dict[str, Decimal]:
    """Each person's Form 8606 line 14 at the end of the earlier years (a household file's years before
    the one being edited), or without them the basis rebuilt from the year's ``basis_history``; {} when
    neither. Raises ``InvalidInput`` naming the field."""
    if not earlier:
        out = {}
        for role in ("you", "spouse"):
            person = year.get(role) if isinstance(year, dict) else None
            history = person.get("basis_history") if isinstance(person, dict) else None
            if history:
                from rothwizard.core.records import BasisYear

                rebuilt = basis_rebuild.rebuild([BasisYear.model_validate(y) for y in history])
                out[role] = rebuilt.basis
        return out
    out = compute_household(household_from_data({"schema_version": SCHEMA_VERSION, "years": earlier}))
    last = out.years[-1]
    return {role: Decimal(getattr(last, role).form_8606.line_14) for role in ("you", "spouse")
            if getattr(last, role) is not None}


def with_carried_basis(data: dict[str, Any], carried: dict[str, Decimal]) -> dict[str, Any]:
    """A copy of a year's entries with each left-out ``ira.prior_basis`` set to the carried line 14
    (for computing only: the file keeps what the person entered)."""
    import copy

    out = copy.deepcopy(data)
    for role, basis in carried.items():
        person = out.get(role)
        if isinstance(person, dict):
            ira = person.setdefault("ira", {})
            if isinstance(ira, dict) and ira.get("prior_basis") is None:
                ira["prior_basis"] = int(basis) if basis == basis.to_integral_value() else float(basis)
    return out


def household_text(earlier: list[dict[str, Any]], year: dict[str, Any]) -> str:
    """A household file's text: the earlier years and the year being edited (its entries)."""
    import json

    year = {k: v for k, v in year.items() if k != "schema_version"}
    return json.dumps({"schema_version": SCHEMA_VERSION, "years": [*earlier, year]}, indent=2,
                      ensure_ascii=False) + "\n"


def split_for_editing(raw: dict[str, Any]) -> tuple[list[dict[str, Any]], Any]:
    """(the earlier years, validated; the last year as it is, perhaps a draft) of a household file.
    After opening the last year, ``forget_unset_basis(raw_last, data)`` keeps a left-out prior basis
    left out (so it stays carried)."""
    years = raw.get("years")
    if not isinstance(years, list) or not years:
        household_from_data(raw)  # raises the one-line fault naming the field
    earlier = list(years[:-1])
    if earlier:
        household_from_data({"schema_version": raw.get("schema_version", SCHEMA_VERSION), "years": earlier})
    last = years[-1]
    if isinstance(last, dict):
        last = {"schema_version": raw.get("schema_version", SCHEMA_VERSION), **last}
    return earlier, last


def forget_unset_basis(raw_year: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The wizard's data with ``ira.prior_basis`` removed where the file left it out: it is then the
    carried line 14 (or the rebuilt basis), and saving keeps it left out."""
    for role in ("you", "spouse"):
        raw_ira = raw_year.get(role, {}).get("ira", {}) if isinstance(raw_year, dict) and isinstance(
            raw_year.get(role), dict) else {}
        person = data.get(role)
        if isinstance(person, dict) and isinstance(person.get("ira"), dict) and isinstance(raw_ira, dict) \
                and "prior_basis" not in raw_ira:
            person["ira"].pop("prior_basis", None)
    return data


def entries_of(plan: Plan) -> dict[str, Any]:
    """A year's entries for a household file: what was set, without ``schema_version``."""
    year = plan.model_dump(mode="json", exclude_unset=True)
    year.pop("schema_version", None)
    return year
