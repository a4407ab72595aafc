"""The plan (what a person told RothWizard) and the report (what it computes), version 1.

The field names are a contract (``shared/spec/plan-file.md``): other programs and tests rely on
them. New fields are added as optional ones; nothing is renamed without raising
``schema_version``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from rothwizard.core.amounts import MAX_AMOUNT, Dollars, Money  # noqa: F401 (MAX_AMOUNT re-exported)
from rothwizard.core.errors import UnsupportedTaxYear
from rothwizard.core.records import BasisYear, ExcessFix, Form1099R, Form5498, PersonRecords
from rothwizard.core.years import is_plannable, supported_years

SCHEMA_VERSION = 1


class FilingStatus(StrEnum):
    SINGLE = "single"
    MARRIED_FILING_JOINTLY = "married_filing_jointly"
    MARRIED_FILING_SEPARATELY = "married_filing_separately"
    HEAD_OF_HOUSEHOLD = "head_of_household"
    QUALIFYING_SURVIVING_SPOUSE = "qualifying_surviving_spouse"

    @property
    def married(self) -> bool:
        return self in (FilingStatus.MARRIED_FILING_JOINTLY, FilingStatus.MARRIED_FILING_SEPARATELY)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class IRA(_Model):
    """A person's traditional, SEP and SIMPLE IRAs for the year (Form 8606 inputs)."""

    roth_contribution: Money = Decimal(0)
    # ``None`` (the default): what RothWizard recommends (``core.decisions``): the contribution that
    # fills the IRA limit, and converting all of it plus the prior basis. A number is the person's entry.
    nondeductible_contribution: Money | None = None
    contributed_after_year_end: Money = Decimal(0)
    prior_basis: Money = Decimal(0)
    conversion: Money | None = None
    distributions: Money = Decimal(0)
    balance_dec31: Money
    # True: all pre-tax IRA money is rolled into the employer plan before December 31; balance_dec31
    # is the balance before the roll-in and Form 8606 line 6 is figured as if it is done.
    roll_in_planned: bool = False
    # Additions to the spec (optional): a deductible traditional contribution for the year. When it
    # is above 0 and there is a conversion or distribution, Pub. 590-B Worksheet 1-1 gives line 13.
    deductible_contribution: Money = Decimal(0)
    # Addition (several employer plans): the person has, or is about to open, a SEP IRA or a SIMPLE IRA
    # (for side income). Its balance counts on Form 8606 line 6; RothWizard warns and offers a solo 401(k).
    sep_or_simple_ira: bool | None = None

    @field_validator("contributed_after_year_end")
    @classmethod
    def _after_year_end_within_line_1(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        line_1 = info.data.get("nondeductible_contribution")
        if line_1 is not None and value > line_1:
            raise ValueError("cannot be more than nondeductible_contribution (Form 8606 line 4 is part of line 1)")
        return value


class PlanFeatures(_Model):
    """What the employer plan allows; ``None`` means not known yet."""

    after_tax_contributions: bool | None = None
    in_service_distributions: bool | None = None
    in_plan_roth_conversion: bool | None = None
    accepts_roll_ins: bool | None = None
    # Additions (several employer plans): the plan offers Roth (designated Roth) deferrals, which a
    # person caught by the Roth catch-up rule needs for any catch-up (IRC 414(v)(7)); the plan offers the
    # age 60-63 catch-up, which is optional for a plan (IRC 414(v)(2)(E)).
    roth_deferrals: bool | None = None
    super_catch_up: bool | None = None


PlanType = Literal["401k", "403b", "457b", "solo_401k"]
"""``457b``: a governmental 457(b), with its own IRC 457(e)(15) limit; ``solo_401k``: a one-participant
401(k) of the person's own practice."""


class EmployerPlan(_Model):
    type: PlanType
    elective_deferrals: Money
    catch_up: Money = Decimal(0)
    employer_contributions: Money = Decimal(0)
    after_tax_contributions: Money | None = None
    prior_year_fica_wages: Money | None = None
    features: PlanFeatures = Field(default_factory=PlanFeatures)
    # Additions (optional): IRC 415(c)(3) compensation from this employer (pay including elective
    # deferrals; default the person's compensation), and the 403(b) 15-year catch-up (IRC 402(g)(7))
    # included in elective_deferrals.
    plan_compensation: Money | None = None
    catch_up_15_year: Money = Decimal(0)
    # Additions (several employer plans, all optional): the employer's name; plans with the same
    # ``controlled_group`` share one IRC 415(c) limit (one employer and its controlled group, or a 403(b)
    # and the plan of a business the person controls, Treas. Reg. 1.415(f)-1(f)(2)). For a ``solo_401k``,
    # ``plan_compensation`` is the net earnings from self-employment less half the self-employment tax
    # (Pub. 560), or, with ``s_corporation`` true, the owner's W-2 pay from the S corporation.
    employer: str | None = Field(default=None, max_length=200)
    controlled_group: str | None = Field(default=None, max_length=200)
    s_corporation: bool = False
    # Addition (printed plan, optional): paychecks left in the year from this employer, for the
    # after-tax amount per paycheck (default: biweekly paychecks left from the day the plan is made).
    paychecks_left: int | None = Field(default=None, ge=0, le=366)


class ChecklistTick(_Model):
    """A checklist step the person ticked in the wizard (an addition to the spec)."""

    done: bool = False
    date: dt.date | None = None


class Person(_Model):
    # Addition (optional): the person's name, shown in the action plan ("Dr. Rivera").
    name: str | None = Field(default=None, max_length=100)
    age: int = Field(ge=0, le=130)
    compensation: Money
    covered_by_workplace_plan: bool = True
    ira: IRA
    employer_plan: EmployerPlan | None = None
    checklist: dict[str, ChecklistTick] = Field(default_factory=dict)
    # Addition (optional): married filing separately, each spouse's own MAGI (default: the plan's).
    magi: Money | None = None
    # Additions (optional, core.records): earlier years' records to rebuild a lost basis, the Forms
    # 1099-R and 5498 that arrived for this year, and the values that fix an excess Roth contribution.
    basis_history: list[BasisYear] = Field(default_factory=list)
    forms_1099r: list[Form1099R] = Field(default_factory=list)
    forms_5498: list[Form5498] = Field(default_factory=list)
    excess_fix: ExcessFix | None = None
    # Addition (several employer plans): every plan of the person, in the order entered. A person has
    # ``employer_plan`` or ``employer_plans``, not both; ``plans`` reads either as one list.
    employer_plans: list[EmployerPlan] = Field(default_factory=list, max_length=20)

    @field_validator("employer_plans")
    @classmethod
    def _one_way_to_give_plans(cls, plans: list[EmployerPlan], info: ValidationInfo) -> list[EmployerPlan]:
        if plans and info.data.get("employer_plan") is not None:
            raise ValueError("give employer_plan or employer_plans, not both (put every plan in employer_plans)")
        return plans

    @property
    def plans(self) -> list[EmployerPlan]:
        """Every employer plan of the person, in the order entered (the older single ``employer_plan``
        as a list of one)."""
        if self.employer_plans:
            return list(self.employer_plans)
        return [self.employer_plan] if self.employer_plan is not None else []

    def plan_at(self, index: int | None) -> EmployerPlan | None:
        """Plan ``index`` of ``plans`` (the report's ``mega_backdoor.plan_index``), ``None`` without it."""
        plans = self.plans
        return plans[index] if index is not None and 0 <= index < len(plans) else None


class Plan(_Model):
    schema_version: Literal[1] = 1
    tax_year: int
    filing_status: FilingStatus
    lived_with_spouse: bool = False
    magi: Money
    you: Person
    spouse: Person | None = None
    # Additions to the spec (optional): a name for the plan, shown in titles and on the PDF.
    name: str | None = Field(default=None, max_length=200)
    # Addition (optional): whether the spouse is covered by a workplace plan when the spouse is not in
    # the plan (married filing separately); ``None`` = not answered.
    spouse_covered_by_workplace_plan: bool | None = None
    # Addition (printed plan, optional): the household's federal marginal income tax rate in percent
    # (e.g. 35), for the tax cost of a taxable conversion; ``None``: the plan shows a range.
    marginal_tax_rate: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)

    @field_validator("tax_year")
    @classmethod
    def _year_is_plannable(cls, year: int) -> int:
        """A shipped year, or a later one planned provisionally (spec, "A year not published yet")."""
        if not is_plannable(year):
            raise ValueError(str(UnsupportedTaxYear(year, list(supported_years()))).removeprefix("tax_year: "))
        return year

    @field_validator("spouse")
    @classmethod
    def _spouse_only_when_married(cls, spouse: Person | None, info: ValidationInfo) -> Person | None:
        status = info.data.get("filing_status")
        if spouse is not None and status is not None and not status.married:
            raise ValueError("only allowed when filing_status is married_filing_jointly "
                             "or married_filing_separately")
        return spouse

    def people(self) -> list[tuple[str, Person]]:
        """``[("you", …), ("spouse", …)]``, the spouse only when present."""
        out = [("you", self.you)]
        if self.spouse is not None:
            out.append(("spouse", self.spouse))
        return out


# ---------------------------------------------------------------- report


class Warning_(BaseModel):
    """A warning: a stable ``code``, a plain-English ``message`` and the ``source`` it rests on."""

    model_config = ConfigDict(extra="forbid")
    code: str
    message: str
    source: str


class Form8606(BaseModel):
    """Form 8606 Parts I and II. Lines 4 to 13 are ``None`` with no conversion and no distribution."""

    model_config = ConfigDict(extra="forbid")
    line_1: Dollars
    line_2: Dollars
    line_3: Dollars
    line_4: Dollars | None
    line_5: Dollars | None
    line_6: Dollars | None
    line_7: Dollars | None
    line_8: Dollars | None
    line_9: Dollars | None
    line_10: float | None
    line_11: Dollars | None
    line_12: Dollars | None
    line_13: Dollars | None
    line_14: Dollars
    line_15c: Dollars
    line_16: Dollars
    line_17: Dollars
    line_18: Dollars


class MegaBackdoor(BaseModel):
    model_config = ConfigDict(extra="forbid")
    room: Money
    available: bool
    blockers: list[str]
    # Additions: the figures behind ``room``, for the wizard and the PDF.
    annual_additions_limit: Money = Decimal(0)
    after_tax_planned: Money = Decimal(0)
    catch_up_allowed: Money = Decimal(0)
    plan_compensation: Money = Decimal(0)
    section_415c_compensation: Money = Decimal(0)
    elective_deferrals: Money = Decimal(0)  # the part within IRC 402(g), counted in IRC 415(c)
    catch_up: Money = Decimal(0)  # IRC 414(v) catch-ups, outside 415(c), with deferrals above the limits
    # Additions (several plans): which plan this is (index into ``plans``; None without a plan), its
    # employer, and why it was chosen.
    plan_index: int | None = None
    employer: str | None = None
    chosen_because: str | None = None


class PlanReport(BaseModel):
    """One employer plan's Mega Backdoor figures (spec, "Several employer plans per person")."""

    model_config = ConfigDict(extra="forbid")
    employer: str | None
    type: str
    room: Money
    available: bool
    blockers: list[str]
    # Additions: the plans this one shares its IRC 415(c) limit with (indexes into ``plans``), the
    # limit itself, the after-tax amount planned, the employer contribution limit of a solo 401(k)
    # (IRC 404(a)(3), 404(a)(8)(D)), the catch-up this plan may take and the questions to ask the plan.
    index: int = 0
    shares_415c_with: list[int] = Field(default_factory=list)
    annual_additions_limit: Money = Decimal(0)
    after_tax_planned: Money = Decimal(0)
    plan_compensation: Money = Decimal(0)
    employer_contribution_limit: Money | None = None
    catch_up_allowed: Money = Decimal(0)
    questions: list[str] = Field(default_factory=list)


class PersonReport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ira_limit: Money
    roth_direct_limit: Money
    backdoor_contribution: Money
    form_8606: Form8606
    mega_backdoor: MegaBackdoor
    warnings: list[Warning_]
    # Additions: where the direct route stands, and what the roll-in fix would do.
    roth_direct_status: Literal["full", "partial", "none"] = "none"
    roll_in_amount: Money | None = None
    line_18_after_roll_in: Dollars | None = None
    # Additions: the traditional IRA deduction allowed (IRC 219(g)), and the direct Roth contribution
    # above roth_direct_limit to recharacterize to the traditional IRA (it becomes Form 8606 line 1).
    deduction_limit: Money = Decimal(0)
    recharacterize_amount: Money = Decimal(0)
    # Addition (core.records): the rebuilt basis, the excess-contribution fix and the forms checked.
    records: PersonRecords | None = None
    # Spec, "Several employer plans per person": each plan, in the order entered.
    plans: list[PlanReport] = Field(default_factory=list)


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[1] = 1
    tax_year: int
    you: PersonReport
    spouse: PersonReport | None
    recommendation: list[Literal["direct_roth", "backdoor_roth", "mega_backdoor_roth"]]
    # Addition: the last day to contribute for the tax year (a filing extension does not move it).
    contribution_deadline: dt.date | None = None
    # Addition: a year the IRS has not published, planned on the figures of ``figures_year``.
    provisional: bool = False
    figures_year: int | None = None
