"""One action plan across several years (shared/spec/plan-file.md, "Several years in one file"), and
the records of any plan: the late Forms 8606 of a rebuilt basis, the excess contribution's fix, the
forms that arrived and the return's lines.

``build_years_action_plan(doc, today)`` takes a one-year plan or a ``Household``. Each year is the
ordinary action plan (``build_action_plan``) of that year's plan with its prior basis filled in
(``ledger.compute_year``); across years:

* a contribution made January 1 to April 15 for the earlier year is converted in the later year: the
  earlier year's "convert next year" step gives way to the later year's conversion, which says it
  includes the carried basis, so the steps run contribute (earlier year) -> convert (later year);
* the accounts are opened once (the first year that opens them);
* the fix step of an excess Roth contribution carries its net income (Treas. Reg. 1.408-11).

The flat list of steps is in the order to do them: year by year. No Qt, no reportlab.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from rothwizard.core.actionplan import ActionPlan, ActionStep, build_action_plan, long_date, money
from rothwizard.core.ledger import Household, LedgerRow, compute_household, compute_year
from rothwizard.core.models import Plan, Report
from rothwizard.core.records import PersonRecords


@dataclass(frozen=True, slots=True)
class YearStep:
    tax_year: int
    who: str
    person: str
    step: ActionStep

    def to_json(self) -> dict:
        return {"tax_year": self.tax_year, **self.step.to_json()}


@dataclass(frozen=True, slots=True)
class YearsActionPlan:
    name: str
    made_on: dt.date
    years: tuple[ActionPlan, ...]
    reports: tuple[Report, ...]
    ledger: tuple[LedgerRow, ...]
    several: bool  # the file holds ``years`` (else one plan)

    @property
    def tax_years(self) -> tuple[int, ...]:
        return tuple(ap.tax_year for ap in self.years)

    def records(self, index: int, role: str) -> PersonRecords | None:
        rep = getattr(self.reports[index], role, None)
        return None if rep is None else rep.records

    def steps(self, role: str | None = None) -> list[YearStep]:
        """Every step of every year, in the order to do them: year by year, each year's steps in its
        checklists' order (a contribution made January 1 to April 15 for the earlier year comes before
        the later year's conversion of it)."""
        out = []
        for ap in self.years:
            for p in ap.people:
                if role is None or p.role == role:
                    out += [YearStep(ap.tax_year, p.role, p.person, s) for s in p.steps]
        return out

    def to_json(self) -> dict:
        """One year: the action plan as JSON (spec) with each person's ``records``. Several years:
        ``tax_years``, ``people`` with every step (each with its ``tax_year``) in order, each year's
        Form 8606 and warnings, then ``years`` (each year's action plan) and the basis ``ledger``."""
        if not self.several:
            doc = self.years[0].to_json()
            for p in doc["people"]:
                rec = self.records(0, p["who"])
                p["records"] = None if rec is None else rec.model_dump(mode="json")
            return doc
        roles = [p.role for p in self.years[-1].people]
        for ap in self.years:
            roles += [p.role for p in ap.people if p.role not in roles]
        people = []
        for role in roles:
            name = next(p.person for ap in self.years for p in ap.people if p.role == role)
            people.append({
                "who": role,
                "name": name,
                "steps": [ys.to_json() for ys in self.steps(role)],
                "form_8606": {str(ap.tax_year): p.form_8606_lines for ap in self.years for p in ap.people
                              if p.role == role},
                "warnings": [{"tax_year": ap.tax_year, "code": w.code, "message": w.message, "source": w.source}
                             for ap in self.years for w in ap.warnings if w.role == role],
                "records": {str(ap.tax_year): rec.model_dump(mode="json")
                            for i, ap in enumerate(self.years)
                            if (rec := self.records(i, role)) is not None},
            })
        strategies: list[str] = []
        for ap in self.years:
            strategies += [s for s in ap.strategies if s not in strategies]
        return {
            "schema_version": 1,
            "tax_years": list(self.tax_years),
            "made_on": self.made_on.isoformat(),
            "name": self.name,
            "recommendation": strategies,
            "people": people,
            "years": [ap.to_json() for ap in self.years],
            "ledger": [row.model_dump(mode="json") for row in self.ledger],
        }


def _replace_steps(ap: ActionPlan, role: str, change) -> ActionPlan:
    """``ap`` with each step of ``role`` replaced by ``change(step)`` (``None`` drops it)."""
    people = []
    for p in ap.people:
        if p.role != role:
            people.append(p)
            continue
        checklists = []
        for cl in p.checklists:
            steps = tuple(s2 for s in cl.steps if (s2 := change(s)) is not None)
            if steps:
                checklists.append(replace(cl, steps=steps))
        people.append(replace(p, checklists=tuple(checklists)))
    return replace(ap, people=tuple(people))


def _with_fix(ap: ActionPlan, report: Report) -> ActionPlan:
    """The fix step says the net income attributable and the total that moves, when known; when the
    person removes the excess instead, a ``remove_excess`` step follows the direct contribution."""
    for role in ("you", "spouse"):
        rep = getattr(report, role, None)
        fix = rep.records.excess_correction if rep is not None and rep.records else None
        if fix is None:
            continue
        nia = None if fix.net_income is None else Decimal(str(fix.net_income))
        word = "net income" if nia is None or nia >= 0 else "net loss"
        line = ("Ask the custodian for the net income attributable (Treas. Reg. 1.408-11); it moves too."
                if nia is None else
                f"With its {word} of {money(abs(nia))} (Treas. Reg. 1.408-11, from the values you entered), "
                f"{money(fix.amount_to_move)} moves.")
        has_remove = any(st.action == "remove_excess" for q in ap.people if q.role == role for st in q.steps)
        if fix.method == "remove" and not has_remove:
            ap = _add_after_direct(ap, role, fix, line)
            continue

        def change(s: ActionStep, line=line, fix=fix, word=word) -> ActionStep:
            if s.strategy != "fix" or s.action not in ("recharacterize", "remove_excess"):
                return s
            total = "" if fix.amount_to_move is None else f" = {money(fix.amount_to_move)}"
            return replace(s, amount_text=f"{money(s.amount)} + {word}{total}", watch=(line, *s.watch))

        ap = _replace_steps(ap, role, change)
    return ap


def _add_after_direct(ap: ActionPlan, role: str, fix, line: str) -> ActionPlan:
    def change(s: ActionStep):
        if s.tick != "direct.contribute":
            return s
        due = fix.due
        remove = ActionStep(
            id=f"{role}_fix_remove_excess", tick="fix.remove_excess", strategy="fix", action="remove_excess",
            account="roth_ira", title="Withdraw the excess Roth contribution with its net income",
            amount=fix.excess,
            amount_text=money(fix.excess) + ("" if fix.amount_to_move is None
                                             else f" + earnings = {money(fix.amount_to_move)}"),
            where=s.where, due=due, by_text=f"{long_date(due)} (the extended due date of the return)",
            watch=(line, "The contribution comes back tax-free; the net income is taxable for the year of "
                         "the contribution. Left in, the excess owes 6% each year (Form 5329)."),
            source=fix.source, overdue=due < ap.made_on)
        return _Pair(s, remove)

    people = []
    for p in ap.people:
        if p.role != role:
            people.append(p)
            continue
        cls = []
        for cl in p.checklists:
            steps: list[ActionStep] = []
            for st in cl.steps:
                out = change(st)
                steps += [out.first, out.second] if isinstance(out, _Pair) else [out]
            cls.append(replace(cl, steps=tuple(steps)))
        people.append(replace(p, checklists=tuple(cls)))
    return replace(ap, people=tuple(people))


@dataclass(frozen=True, slots=True)
class _Pair:
    first: ActionStep
    second: ActionStep


def build_years_action_plan(doc: Plan | Household, today: dt.date | None = None) -> YearsActionPlan:
    today = today or dt.date.today()
    plans = list(doc.years) if isinstance(doc, Household) else [doc]
    several = isinstance(doc, Household)
    carried: dict[str, Decimal] = {}
    aps: list[ActionPlan] = []
    reports: list[Report] = []
    for plan in plans:
        resolved, report = compute_year(plan, carried)
        aps.append(_with_fix(build_action_plan(resolved, report, today), report))
        reports.append(report)
        carried = {role: Decimal(getattr(report, role).form_8606.line_14) for role, _p in plan.people()}
    if several:
        aps = _across_years(aps, plans)
    ledger = compute_household(doc).ledger if several else ()
    name = plans[0].name or (f"Roth plan for {plans[0].tax_year}" if not several
                             else f"Roth plan for {plans[0].tax_year} to {plans[-1].tax_year}")
    return YearsActionPlan(name=name, made_on=today, years=tuple(aps), reports=tuple(reports),
                           ledger=tuple(ledger), several=several)


def _across_years(aps: list[ActionPlan], plans: list[Plan]) -> list[ActionPlan]:
    opened: set[str] = set()
    out = []
    for i, ap in enumerate(aps):
        year = ap.tax_year
        has_next = i + 1 < len(aps)
        prev = plans[i - 1] if i else None
        for p in ap.people:
            role = p.role
            late = Decimal(0)
            if prev is not None and getattr(prev, role, None) is not None:
                late = getattr(prev, role).ira.contributed_after_year_end

            def change(s: ActionStep, late=late, first=role not in opened, has_next=has_next,
                       year=year) -> ActionStep | None:
                if s.action == "open_account" and not first:
                    return None
                if s.tick == "backdoor.convert_next_year" and has_next:
                    return None  # next year's conversion converts it (its line 2 carries the basis)
                if s.action == "convert" and s.strategy == "backdoor_roth" and late > 0:
                    note = (f"It includes the {money(late)} contributed for {year - 1} between January 1 and "
                            f"April 15, {year}: your {year - 1} Form 8606 line 14 carries it to your {year} "
                            f"line 2. Convert it only after that contribution is in the traditional IRA.")
                    return replace(s, watch=(note, *s.watch))
                return s

            ap = _replace_steps(ap, role, change)
            if any(s.action == "open_account" for q in ap.people if q.role == role for s in q.steps):
                opened.add(role)
        # the backdoor's invest step only where that year's plan still converts something
        for p in ap.people:
            if not any(s.action == "convert" and s.strategy == "backdoor_roth" for s in p.steps):
                ap = _replace_steps(ap, p.role, lambda s: None if (s.action, s.strategy) == (
                    "invest", "backdoor_roth") else s)
        out.append(ap)
    return out


def due_text(step: ActionStep) -> str:
    return long_date(step.due) if step.due else step.by_text


def needs_years_export(doc: Plan | Household, report) -> bool:
    """A file with years, or a plan with records, is exported through this module."""
    if isinstance(doc, Household):
        return True
    return any(getattr(report, r, None) is not None and getattr(report, r).records is not None
               for r in ("you", "spouse"))


def years_action_plan_json(doc: Plan | Household, today: dt.date | None = None) -> str:
    import json

    return json.dumps(build_years_action_plan(doc, today).to_json(), indent=2, ensure_ascii=False) + "\n"
