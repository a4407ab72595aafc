"""The action plan's data: what the wizard's summary page and the PDF both show.

Plain frozen dataclasses, no Qt, no reportlab. Every amount is copied from the ``Report`` (or the plan
and the year's limits) and carries its ready-made text, so the two views print the same characters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rothwizard.core.calculator import usd


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
class Step:
    """One checklist step. ``id`` is stable: the wizard saves ticks under it in ``person.checklist``."""

    id: str
    title: str
    amount: Decimal | None
    amount_text: str  # "$7,500", or words when the amount is not a single figure
    where: str
    by: dt.date
    by_text: str
    watch: tuple[str, ...]
    source: str
    done: bool = False
    done_on: dt.date | None = None

    @property
    def by_long(self) -> str:
        return long_date(self.by)


@dataclass(frozen=True, slots=True)
class Checklist:
    """The steps of one strategy for one person."""

    strategy: str  # "direct", "backdoor" or "mega"
    title: str
    role: str  # "you" or "spouse"
    person: str  # "You" or "Your spouse"
    intro: str
    steps: tuple[Step, ...]


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
    person: str  # "You" / "Your spouse"
    age: int
    figures: tuple[Figure, ...]
    checklists: tuple[Checklist, ...]
    skipped: tuple[str, ...]  # a sentence per strategy that does not fit this person, and why
    features: tuple[FeatureQuestion, ...]
    plan_type: str | None  # "401(k)", "403(b)" or None
    form_8606: FormPreview
    forms: tuple[FormPreview, ...]  # the expected Forms 1099-R and 5498


@dataclass(frozen=True, slots=True)
class ActionPlan:
    name: str
    tax_year: int
    made_on: dt.date
    recommendation: str
    strategies: tuple[str, ...]  # the report's recommendation codes
    people: tuple[PersonPlan, ...]
    warnings: tuple[Notice, ...]
    timeline: tuple[TimelineEvent, ...]
    records: tuple[str, ...]
    sources: tuple[str, ...]
    footer_sources: str  # the year's IRS sources in one line, for page footers
    disclaimer: str = field(
        default="Not tax advice. Figures follow your entries and the cited IRS sources; ask a tax "
        "professional."
    )

    @property
    def made_on_text(self) -> str:
        return long_date(self.made_on)

    def steps(self) -> list[tuple[PersonPlan, Checklist, Step]]:
        """Every step of every checklist, in order (for views that need a flat list)."""
        return [(p, c, s) for p in self.people for c in p.checklists for s in c.steps]
