"""Decisions: what will actually happen, per person, from what the person entered.

``decide(plan) -> Decisions``. A plan holds only entries (``shared/spec/plan-file.md``, "What the person
entered vs what RothWizard works out"); here each amount gets its value and its origin:

* ``ira.nondeductible_contribution`` left empty (``None``) is the recommendation: the contribution that
  fills the IRA limit after any direct Roth contribution (``rules.backdoor_contribution``); nothing when
  MAGI allows the whole limit straight into a Roth IRA (then no backdoor is needed);
* ``ira.conversion`` left empty is the recommendation: all of this year's contribution made during the
  year (line 1 less line 4) plus the basis from earlier years (line 2);
* ``ira.roll_in_planned``: the pre-tax IRA money (``rules.roll_in_amount``) leaves the IRA before
  December 31, so the Form 8606 is figured on the balance after the roll-in;
* the Mega Backdoor route follows the plan's features: an in-plan Roth conversion when the plan offers
  it, else an in-service distribution; the features still unknown are the questions to ask first.

``Decisions.plan`` is the plan with those amounts filled in: the report (``calculator.compute``) runs
the rules on it, so every preview is the plan the person will follow. An entry is never replaced by
the recommendation; where they differ, the decision says so and what follows (``Difference``).
No Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from rothwizard.core import rules
from rothwizard.core.errors import InvalidInput
from rothwizard.core.limits import TaxYearLimits, load_limits
from rothwizard.core.models import IRA, EmployerPlan, FilingStatus, Person, Plan

ZERO = Decimal(0)
Origin = Literal["entered", "recommended"]


def usd(amount: Decimal | int | float) -> str:
    """$7,500, $7,500.50 or -$12: the one money format of RothWizard's texts."""
    amount = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    sign = "-" if amount < 0 else ""  # a loss, e.g. negative net income attributable
    amount = abs(amount)
    if amount == amount.to_integral_value():
        return f"{sign}${amount:,.0f}"
    return f"{sign}${amount:,.2f}"


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount the person will move: its value, where it comes from, and the recommendation."""

    value: Decimal
    origin: Origin
    recommended: Decimal

    @property
    def differs(self) -> bool:
        return self.origin == "entered" and self.value != self.recommended


@dataclass(frozen=True, slots=True)
class Difference:
    """An entry that departs from the recommendation, and what follows from it (one sentence)."""

    field: str  # the plan field path, e.g. "spouse.ira.conversion"
    entered: Decimal
    recommended: Decimal
    message: str


@dataclass(frozen=True, slots=True)
class PersonDecision:
    role: str
    ira_limit: Decimal
    roth_direct_status: Literal["full", "partial", "none"]
    direct_limit: Decimal  # Pub. 590-A Worksheet 2-2 before any traditional contribution
    contribution: Amount  # Form 8606 line 1 (nondeductible)
    conversion: Amount  # Form 8606 line 8
    roll_in: Decimal | None  # the pre-tax money rolled into the plan, when planned and possible
    roll_in_unknown: bool  # planned while the plan's acceptance of roll-ins is not known
    mega_route: Literal["in_plan", "in_service"] | None
    ask: tuple[str, ...]  # plan features (keys) to find out before money moves
    differences: tuple[Difference, ...]


@dataclass(frozen=True, slots=True)
class Decisions:
    plan: Plan  # the plan with every amount decided (entries kept, empty ones recommended)
    people: dict[str, PersonDecision]

    def __getitem__(self, role: str) -> PersonDecision:
        return self.people[role]


def recommended_contribution(ira_limit: Decimal, status: str, ira: IRA) -> Decimal:
    """The backdoor contribution RothWizard recommends: none when MAGI allows the whole IRA limit
    straight into a Roth IRA (Pub. 590-A Worksheet 2-2), else what fills the IRA limit after the direct
    Roth and any deductible contribution (IRC 219(b)(1), 408A(c)(2): one limit across all IRAs)."""
    if status == "full":
        return ZERO
    probe = ira.model_copy(update={"nondeductible_contribution": ZERO})
    return rules.backdoor_contribution(ira_limit, probe)


def recommended_conversion(contribution: Decimal, ira: IRA) -> Decimal:
    """Convert everything with basis that is in the IRA during the year: this year's contribution
    made during the year (Form 8606 line 1 less line 4; the part made January 1 to April 15 of the
    next year is converted next year) plus the basis from earlier years (line 2)."""
    return max(ZERO, contribution - ira.contributed_after_year_end) + ira.prior_basis


def mega_route(person: Person, ep: EmployerPlan | None = None) -> Literal["in_plan", "in_service"] | None:
    """The way the after-tax money reaches Roth: an in-plan Roth conversion when the plan offers it
    (IRC 402A(c)(4)(E)), else an in-service distribution (Notice 2014-54); ``None`` when neither is
    known to exist. ``ep``: the plan chosen for the Mega Backdoor (default: the person's first)."""
    ep = ep if ep is not None else person.plan_at(0)
    if ep is None:
        return None
    if ep.features.in_plan_roth_conversion:
        return "in_plan"
    if ep.features.in_service_distributions:
        return "in_service"
    return None


def questions(person: Person, ep: EmployerPlan | None = None) -> tuple[str, ...]:
    """The plan features still unknown that decide whether (and how) money can move (in ``ep``, the plan
    chosen for the Mega Backdoor; the roll-in question is the roll-in plan's)."""
    ep = ep if ep is not None else person.plan_at(0)
    if ep is None:
        return ()
    f = ep.features
    out = []
    if f.after_tax_contributions is None:
        out.append("after_tax_contributions")
    if f.after_tax_contributions is not False and mega_route(person, ep) is None:
        out += [k for k in ("in_plan_roth_conversion", "in_service_distributions") if getattr(f, k) is None]
    target = rules.roll_in_plan(person)
    if person.ira.roll_in_planned and target is not None and target.features.accepts_roll_ins is None:
        out.append("accepts_roll_ins")
    return tuple(out)


def _magi(plan: Plan, person: Person) -> Decimal:
    """The MAGI for this person's Roth figures: the household's, or on separate returns the person's
    own when given (Pub. 590-A Worksheet 2-1 is worked per return), as the report uses it."""
    if plan.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY and person.magi is not None:
        return person.magi
    return plan.magi


def _ira_limit(plan: Plan, limits: TaxYearLimits, person: Person, other: Person | None) -> Decimal:
    if other is not None and other.ira.nondeductible_contribution is None:
        other = other.model_copy(update={"ira": other.ira.model_copy(
            update={"nondeductible_contribution": ZERO})})
    return rules.ira_contribution_limit(limits, person, plan.filing_status, other)


def decide(plan: Plan, limits: TaxYearLimits | None = None) -> Decisions:
    """Every amount decided, per person. Raises ``InvalidInput`` when an entry contradicts a
    recommendation it depends on (the part made after December 31 above the contribution)."""
    limits = limits or load_limits(plan.tax_year)
    phaseout = rules.roth_phaseout(limits, plan.filing_status, plan.lived_with_spouse)
    people = dict(plan.people())
    # The spousal IRA limit (IRC 219(c)) of the spouse earning less depends on the other's
    # contributions: decide the higher earner first.
    order = sorted(people, key=lambda r: -people[r].compensation)
    decided: dict[str, Person] = {}
    out: dict[str, PersonDecision] = {}
    for role in order:
        person = people[role]
        other_role = "spouse" if role == "you" else "you"
        other = decided.get(other_role, people.get(other_role))
        ira = person.ira
        magi = _magi(plan, person)
        status = rules.roth_direct_status(magi, phaseout)
        limit = _ira_limit(plan, limits, person, other)
        rec_contrib = recommended_contribution(limit, status, ira)
        contrib = Amount(ira.nondeductible_contribution, "entered", rec_contrib) \
            if ira.nondeductible_contribution is not None else Amount(rec_contrib, "recommended", rec_contrib)
        if ira.contributed_after_year_end > contrib.value:
            raise InvalidInput(f"{role}.ira.contributed_after_year_end",
                               f"cannot be more than the contribution of {usd(contrib.value)} "
                               f"(Form 8606 line 4 is part of line 1)")
        # A direct Roth contribution above what MAGI allows, recharacterized to the traditional IRA, is
        # this year's basis too (Form 8606 line 1): the backdoor converts it with the rest.
        with_contrib = ira.model_copy(update={"nondeductible_contribution": contrib.value})
        roth_limit = rules.roth_direct_limit(magi, phaseout, limit,
                                             contrib.value + ira.deductible_contribution)
        moved = rules.recharacterize_amount(with_contrib, roth_limit, limit)
        rec_conv = recommended_conversion(contrib.value + moved, ira)
        conv = Amount(ira.conversion, "entered", rec_conv) if ira.conversion is not None \
            else Amount(rec_conv, "recommended", rec_conv)
        resolved = ira.model_copy(update={"nondeductible_contribution": contrib.value,
                                          "conversion": conv.value})
        ep = rules.roll_in_plan(person)
        chosen = person.plan_at(rules.mega_plan_index(limits, person))
        roll_in = None
        roll_in_unknown = False
        if ira.roll_in_planned and ep is not None and ep.features.accepts_roll_ins is not False:
            form = rules.form_8606(resolved)
            moved = Decimal(rules.roll_in_amount(form))
            roll_in = moved
            roll_in_unknown = ep.features.accepts_roll_ins is None
            resolved = resolved.model_copy(update={"balance_dec31": rules.balance_after_roll_in(resolved, form)})
        decided[role] = person.model_copy(update={"ira": resolved})
        direct_limit = rules.roth_direct_limit(magi, phaseout, limit, ira.deductible_contribution)
        out[role] = PersonDecision(
            role=role, ira_limit=limit, roth_direct_status=status, direct_limit=direct_limit,
            contribution=contrib, conversion=conv, roll_in=roll_in, roll_in_unknown=roll_in_unknown,
            mega_route=mega_route(person, chosen), ask=questions(person, chosen),
            differences=tuple(_differences(role, person, limit, contrib, conv, resolved)),
        )
    resolved_plan = plan.model_copy(update={r: decided[r] for r in decided})
    return Decisions(plan=resolved_plan, people={r: out[r] for r in people})


def _differences(role: str, person: Person, limit: Decimal, contrib: Amount, conv: Amount,
                 resolved: IRA) -> list[Difference]:
    """Each entry that departs from the recommendation, with what follows (Form 8606 lines)."""
    out = []
    ira = person.ira
    room = rules.backdoor_contribution(limit, ira.model_copy(update={"nondeductible_contribution": ZERO}))
    if contrib.differs:
        if contrib.value < contrib.recommended:
            unused = contrib.recommended - contrib.value
            msg = (f"You plan to contribute {usd(contrib.value)} of the {usd(contrib.recommended)} "
                   f"RothWizard recommends: {usd(unused)} of this year's IRA limit goes unused, and it "
                   f"cannot be made up in a later year. Form 8606 line 1 is {usd(contrib.value)}.")
        elif contrib.value <= room:
            msg = (f"You plan a backdoor contribution of {usd(contrib.value)} although your MAGI allows a "
                   f"direct Roth IRA contribution: it works, but a direct contribution does the same "
                   f"without a conversion.")
        else:
            msg = (f"You plan to contribute {usd(contrib.value)}, more than the {usd(room)} that fits your "
                   f"{usd(limit)} IRA limit after your other IRA contributions: the excess owes a 6% tax "
                   f"each year until it is withdrawn (IRC 4973).")
        out.append(Difference(f"{role}.ira.nondeductible_contribution", contrib.value, contrib.recommended,
                              msg))
    if conv.differs:
        form = rules.form_8606(resolved)
        best = rules.form_8606(resolved.model_copy(update={
            "conversion": conv.recommended,
            "balance_dec31": max(ZERO, resolved.balance_dec31 - (conv.recommended - conv.value))}))
        if conv.value < conv.recommended:
            left = conv.recommended - conv.value
            msg = (f"You plan to convert {usd(conv.value)} of {usd(conv.recommended)}: {usd(left)} stays in "
                   f"the traditional IRA on December 31 (include it in your December 31 balance, Form 8606 "
                   f"line 6, now {usd(resolved.balance_dec31)}). Line 14 carries {usd(form.line_14)} of "
                   f"basis to next year and line 18 is {usd(form.line_18)}; converting all "
                   f"{usd(conv.recommended)} would make line 18 {usd(best.line_18)}.")
        else:
            msg = (f"You plan to convert {usd(conv.value)}, more than the {usd(conv.recommended)} of "
                   f"contributions and basis: the rest is pre-tax money or earnings, and Form 8606 line 18 "
                   f"(taxable) is {usd(form.line_18)}.")
        out.append(Difference(f"{role}.ira.conversion", conv.value, conv.recommended, msg))
    ep = rules.roll_in_plan(person)
    if ira.roll_in_planned and (ep is None or ep.features.accepts_roll_ins is False):
        where = "no employer plan is entered" if ep is None else "your employer plan does not accept roll-ins"
        out.append(Difference(f"{role}.ira.roll_in_planned", Decimal(1), ZERO,
                              f"You plan a roll-in of your pre-tax IRA money, but {where}: the plan "
                              f"keeps the pro rata figures without it."))
    return out
