"""What a person's paperwork says, as entered: earlier years' Forms 5498 and 1099-R (to rebuild a lost
Form 8606 basis), the Forms 1099-R and 5498 that arrive for a planned year, and the account values that
fix an excess direct Roth contribution (Treas. Reg. 1.408-11).

Every field is optional in the plan (``Person.basis_history``, ``Person.forms_1099r``,
``Person.forms_5498``, ``Person.excess_fix``); nothing here is computed. Kept apart from ``models`` so
the additions stay in one place; ``models`` imports these classes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from rothwizard.core.amounts import Money

FIRST_8606_YEAR = 1987  # nondeductible IRA contributions (and Form 8606) start with tax year 1987

# Form 1099-R box 7 codes RothWizard reads (Form 1099-R instructions, "Guide to Distribution Codes").
Code = Literal["1", "2", "3", "4", "7", "8", "B", "G", "H", "J", "N", "P", "Q", "R", "T"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class BasisYear(_Model):
    """One earlier year as the person's records show it, for rebuilding the Form 8606 basis.

    ``contributions`` is Form 5498 box 1 for the year (traditional IRA contributions for that year,
    including those made January 1 to April 15 of the next year); ``deducted`` the part deducted on the
    return (Schedule 1, IRA deduction), which is not basis; ``conversions`` and ``distributions`` the
    Forms 1099-R box 1 of the calendar year (converted to a Roth IRA; taken and kept);
    ``value_dec31`` the sum of Form 5498 box 5 of every traditional, SEP and SIMPLE IRA on December 31;
    ``form_8606_filed``: ``true``, ``false`` or ``null`` (not known)."""

    tax_year: int = Field(ge=FIRST_8606_YEAR, le=2100)
    contributions: Money = Decimal(0)
    deducted: Money = Decimal(0)
    contributed_after_year_end: Money = Decimal(0)
    conversions: Money = Decimal(0)
    distributions: Money = Decimal(0)
    value_dec31: Money = Decimal(0)
    form_8606_filed: bool | None = None
    # Only on the first year listed: line 14 of the last Form 8606 before it (0: no basis before).
    prior_basis: Money = Decimal(0)

    @field_validator("deducted")
    @classmethod
    def _deducted_within(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        total = info.data.get("contributions")
        if total is not None and value > total:
            raise ValueError("cannot be more than contributions (the deducted part is part of Form 5498 box 1)")
        return value

    @field_validator("contributed_after_year_end")
    @classmethod
    def _late_within(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        total, deducted = info.data.get("contributions"), info.data.get("deducted")
        if total is not None and deducted is not None and value > total - deducted:
            raise ValueError("cannot be more than the nondeductible part of contributions "
                             "(Form 8606 line 4 is part of line 1)")
        return value


class Form1099R(_Model):
    """A Form 1099-R as it arrived: box 1 gross distribution, 2a taxable amount, 2b "taxable amount not
    determined", 5 employee contributions (after-tax basis), 7 distribution code(s), IRA/SEP/SIMPLE box."""

    payer: str | None = Field(default=None, max_length=100)
    box_1: Money
    box_2a: Money | None = None
    box_2b_not_determined: bool = False
    box_5: Money = Decimal(0)
    box_7: list[Code] = Field(min_length=1, max_length=2)
    ira_sep_simple: bool

    @field_validator("box_2a", "box_5")
    @classmethod
    def _within_box_1(cls, value: Decimal | None, info: ValidationInfo) -> Decimal | None:
        gross = info.data.get("box_1")
        if value is not None and gross is not None and value > gross:
            raise ValueError("cannot be more than box_1 (the gross distribution)")
        return value


class Form5498(_Model):
    """A Form 5498 as it arrived (furnished by May 31): box 1 traditional IRA contributions for the year,
    2 rollovers, 3 Roth conversions, 4 recharacterized contributions, 5 value on December 31, 10 Roth IRA
    contributions."""

    trustee: str | None = Field(default=None, max_length=100)
    account: Literal["traditional_ira", "roth_ira"]
    box_1: Money = Decimal(0)
    box_2: Money = Decimal(0)
    box_3: Money = Decimal(0)
    box_4: Money = Decimal(0)
    box_5: Money = Decimal(0)
    box_10: Money = Decimal(0)


class ExcessFix(_Model):
    """The Roth IRA values that give the net income attributable to an excess direct Roth contribution
    (Treas. Reg. 1.408-11(a)), and how the person wants to correct it.

    ``value_before``: the Roth IRA's value just before the contribution; ``value_now``: its value now
    (just before the money moves); ``other_contributions`` and ``distributions``: other money in and out
    of that Roth IRA between those two moments. ``method`` ``null`` is RothWizard's recommendation
    (recharacterize, then convert)."""

    method: Literal["recharacterize", "remove"] | None = None
    contributed_on: dt.date | None = None
    value_before: Money | None = None
    value_now: Money | None = None
    other_contributions: Money = Decimal(0)
    distributions: Money = Decimal(0)


# ---------------------------------------------------------------- what RothWizard works out from them


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


Lines = dict[str, int | float | None]


class RebuiltYear(_Out):
    """One earlier year's Form 8606, worked out from the records (``BasisYear``)."""

    tax_year: int
    form_8606: Lines
    required: bool  # nondeductible contributions, or distributions or conversions while there was basis
    filed: bool | None
    late: bool  # required and not filed (or not known to be filed): file it now


class BasisRebuild(_Out):
    years: list[RebuiltYear]
    basis: Money  # the last year's line 14: the basis carried into the plan's year (line 2)
    late_forms: list[int]  # the years whose Form 8606 is to be filed now
    note: str
    source: str


class Finding(_Out):
    """One difference between a form that arrived and what the plan expected, and what to do."""

    code: str
    form: str  # "1099-R" or "5498"
    index: int  # the form's place in forms_1099r or forms_5498
    box: str  # the box concerned, e.g. "box_7"
    message: str
    what_to_do: str
    source: str


class ReturnLine(_Out):
    form: str  # "Form 1040" or "Form 8606"
    line: str
    amount: int | float | None
    note: str = ""


class FormsCheck(_Out):
    findings: list[Finding]
    return_lines: list[ReturnLine]  # what goes on Form 1040 lines 4a/4b, 5a/5b and each Form 8606 line
    expected: list[str]  # the forms the plan expects, one sentence each


class ExcessCorrection(_Out):
    """The correction of a direct Roth contribution above what MAGI allows (IRC 408A(d)(6), 4973)."""

    excess: Money
    method: Literal["recharacterize", "remove"]
    method_origin: Literal["entered", "recommended"]
    net_income: float | None  # Treas. Reg. 1.408-11 NIA in dollars and cents (negative for a loss)
    amount_to_move: Money | None  # the excess plus its net income (never below 0)
    due: dt.date  # October 15 of the next year
    excise_tax_per_year: Money  # Form 5329 Part IV: 6% of the excess, each year until corrected
    message: str
    source: str


class PersonRecords(_Out):
    basis_rebuild: BasisRebuild | None = None
    excess_correction: ExcessCorrection | None = None
    forms_check: FormsCheck | None = None
