"""The action plan's data: what the wizard's summary page and the PDF both show.

Plain frozen dataclasses, no Qt, no reportlab. Every amount is copied from the ``Report`` (or the plan
and the year's limits) and carries its ready-made text, so the two views print the same characters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rothwizard.core.decisions import usd


def step_heading(number: int) -> str:
    """How a checklist step is numbered on screen ("Step 2"); the PDF numbers its list "2."."""
    return f"Step {number}"


def long_date(day: dt.date) -> str:
    """April 15, 2027."""
    return f"{day:%B} {day.day}, {day.year}"


def money(amount: Decimal | int | None) -> str:
    """$7,500, or an empty string for no amount."""
    return "" if amount is None else usd(amount)


@dataclass(frozen=True, slots=True)
class Figure:
    """A key figure on the cover: label, amount, and where it comes from."""

    label: str
    amount: Decimal
    note: str

    @property
    def text(self) -> str:
        return money(self.amount)


@dataclass(frozen=True, slots=True)
class ActionStep:
    """One checklist step, as the JSON export writes it (plan-file.md, "The action plan as JSON").

    ``id`` is the export's id (``you_backdoor_contribute``); ``tick`` is the key the wizard saves the tick
    under in ``person.checklist`` (``backdoor.contribute``), stable across versions so saved ticks stay."""

    id: str
    tick: str
    strategy: str  # direct_roth, backdoor_roth, mega_backdoor_roth or fix
    action: str  # ask_plan, open_account, contribute, roll_in, convert, distribute, recharacterize, ...
    account: str | None  # traditional_ira, roth_ira or plan_after_tax
    title: str
    amount: Decimal | None
    amount_text: str  # "$7,500", or words when the step moves no fixed amount
    where: str
    due: dt.date | None
    by_text: str
    watch: tuple[str, ...]
    source: str
    done: bool = False
    done_on: dt.date | None = None
    overdue: bool = False  # the due date is before the day the plan was made, and it is not done

    @property
    def by(self) -> dt.date | None:
        return self.due

    @property
    def moves_money(self) -> bool:
        return self.action in ("contribute", "roll_in", "convert", "distribute", "recharacterize",
                               "remove_excess")

    def to_json(self) -> dict:
        return {"id": self.id, "strategy": self.strategy, "action": self.action, "account": self.account,
                "amount": _json_money(self.amount), "due": self.due.isoformat() if self.due else None,
                "done_on": self.done_on.isoformat() if self.done and self.done_on else None,
                "title": self.title, "tick": self.tick}


def _json_money(amount: Decimal | None) -> int | float | None:
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


@dataclass(frozen=True, slots=True)
class Alert:
    """What a person must read before the checklist: a pro rata tax, an entry that departs from the
    recommendation, a question to settle first. ``choices`` are the ways out, when there are some."""

    code: str  # pro_rata, entry_differs, ask_plan, deadline_passed, direct_option, plan_chosen
    role: str
    person: str
    title: str
    text: str
    choices: tuple[str, ...] = ()
    source: str = ""
    field: str = ""  # the plan field an ``entry_differs`` alert is about (``spouse.ira.conversion``)


@dataclass(frozen=True, slots=True)
class InputRow:
    """One entry of the plan as the person made it, for the inputs page."""

    label: str
    values: tuple[str, ...]  # one per person (or one for the household)


@dataclass(frozen=True, slots=True)
class Checklist:
    """The steps of one strategy for one person."""

    strategy: str  # "direct", "backdoor" or "mega"
    title: str
    role: str  # "you" or "spouse"
    person: str  # "You" or "Your spouse"
    intro: str
    steps: tuple[ActionStep, ...]


@dataclass(frozen=True, slots=True)
class FeatureQuestion:
    key: str  # the plan field under employer_plan.features
    question: str
    answer: str  # "Yes", "No" or "Not sure"
    ask_hr: str | None  # the exact question to ask, only when the answer is "Not sure"
    why: str


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning from the report, for one person, with its source."""

    code: str
    role: str
    person: str
    message: str
    source: str


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    day: dt.date
    title: str
    detail: str
    source: str

    @property
    def day_text(self) -> str:
        return long_date(self.day)


@dataclass(frozen=True, slots=True)
class FormLine:
    """One line or box of a form: its number, what it is, and its value as text."""

    line: str
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class FormPreview:
    """The form a person should expect or file, with the lines that matter here."""

    form: str  # "Form 8606", "Form 1099-R", "Form 5498"
    title: str  # e.g. "from your IRA custodian, for the conversion"
    issuer: str
    lines: tuple[FormLine, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonPlan:
    role: str
    person: str  # the person's name, or "You" / "Your spouse"
    age: int
    figures: tuple[Figure, ...]
    checklists: tuple[Checklist, ...]
    skipped: tuple[str, ...]  # a sentence per strategy that does not fit this person, and why
    features: tuple[FeatureQuestion, ...]
    plan_type: str | None  # "401(k)", "403(b)" or None
    form_8606: FormPreview
    forms: tuple[FormPreview, ...]  # the expected Forms 1099-R and 5498
    alerts: tuple[Alert, ...] = ()  # before the checklists: pro rata, entries that differ, questions first
    form_8606_lines: dict = field(default_factory=dict)  # the report's Form 8606, for the JSON export
    decision: object = None  # the person's ``core.decisions.PersonDecision`` (amounts and their origin)

    @property
    def steps(self) -> tuple[ActionStep, ...]:
        return tuple(s for c in self.checklists for s in c.steps)


@dataclass(frozen=True, slots=True)
class ActionPlan:
    name: str
    tax_year: int
    made_on: dt.date
    recommendation: str
    strategies: tuple[str, ...]  # the strategies this plan has steps for, in the report's order
    people: tuple[PersonPlan, ...]
    warnings: tuple[Notice, ...]
    timeline: tuple[TimelineEvent, ...]
    records: tuple[str, ...]
    sources: tuple[str, ...]
    footer_sources: str  # the year's IRS sources in one line, for page footers
    household: tuple[InputRow, ...] = ()  # the inputs page: the household's entries
    inputs: tuple[InputRow, ...] = ()  # the inputs page: one row per entry, one value per person
    extras: object = None  # ``printed.PrintedExtras``: money for the year, conversion tax, rules, HR, sources
    disclaimer: str = field(
        default="Not tax advice. Figures follow your entries and the cited IRS sources; ask a tax "
        "professional."
    )

    @property
    def made_on_text(self) -> str:
        return long_date(self.made_on)

    def steps(self) -> list[tuple[PersonPlan, Checklist, ActionStep]]:
        """Every step of every checklist, in order (for views that need a flat list)."""
        return [(p, c, s) for p in self.people for c in p.checklists for s in c.steps]

    @property
    def alerts(self) -> tuple[Alert, ...]:
        return tuple(a for p in self.people for a in p.alerts)

    def _extras_json(self) -> dict:
        ex = self.extras
        if ex is None:
            return {}
        return {"money_for_the_year": {r: m.to_json() for r, m in ex.money.items()},
                "conversion_tax": {r: t.to_json() for r, t in ex.tax.items()}}

    def to_json(self) -> dict:
        """The action plan as JSON (plan-file.md, "The action plan as JSON")."""
        return {
            "schema_version": 1,
            "tax_year": self.tax_year,
            "made_on": self.made_on.isoformat(),
            "name": self.name,
            "headline": self.recommendation,
            "recommendation": list(self.strategies),
            "people": [{
                "who": p.role,
                "name": p.person,
                "ira_limit": _json_money(getattr(p.decision, "ira_limit", None)),
                "alerts": [{"code": a.code, "title": a.title, "message": a.text, "choices": list(a.choices),
                            "source": a.source, "field": a.field or None}
                           for a in p.alerts],
                "steps": [s.to_json() for s in p.steps],
                "form_8606": p.form_8606_lines,
                "warnings": [{"code": w.code, "message": w.message, "source": w.source}
                             for w in self.warnings if w.role == p.role],
            } for p in self.people],
            **self._extras_json(),
            "inputs": {"household": {r.label: r.values[0] for r in self.household},
                       "people": [{r.label: r.values[i] for r in self.inputs}
                                  for i in range(len(self.people))]},
        }
