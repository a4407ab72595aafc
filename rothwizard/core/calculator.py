"""``compute(plan) -> Report``: runs the rules for each person and collects the warnings.

Every figure the wizard shows or the PDF prints comes from here. No I/O, no Qt. ``person_report``
works out one person's figures (``Figures``); each warning has its own small builder below, named
after the rule it reports on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from rothwizard.core import rules
from rothwizard.core.decisions import decide, usd
from rothwizard.core.limits import PhaseOut, TaxYearLimits, load_limits
from rothwizard.core.models import (
    IRA,
    EmployerPlan,
    FilingStatus,
    Form8606,
    MegaBackdoor,
    Person,
    PersonReport,
    Plan,
    PlanReport,
    Report,
    Warning_,
)
from rothwizard.core.warning_codes import WarningCode as W

SRC_WS22 = "Pub. 590-A, Worksheet 2-2; Treas. Reg. 1.408A-3, Q&A-3"
SRC_PRO_RATA = "Form 8606 instructions, line 6; IRC 408(d)(2)"
SRC_ROLL_IN = "IRC 408(d)(3)(A)(ii) and (H); Pub. 590-A, rollover from a traditional IRA to an employer plan"
SRC_EXCESS = "IRC 219(b)(1), 408A(c)(2), 4973; Pub. 590-A, excess contributions"
SRC_RECHAR = ("IRC 408A(d)(6); Treas. Reg. 1.408A-5, Q&A-1 and 301.9100-2; Form 8606 instructions, "
              "recharacterizations")
SRC_DEDUCT = "IRC 219(g); Pub. 590-A Worksheet 1-2; Form 8606 instructions, line 1"
SRC_LIMIT = "IRC 219(b)(1)(B) and 219(c)(1)(B); Pub. 590-A, \"How Much Can Be Contributed?\""
SRC_MFS = "IRC 408A(c)(3)(D), 219(g)(4); Pub. 590-A, Table 1-3 and Worksheet 2-1"
SRC_ACP = "IRC 401(m)(2), 414(q)(1)(B); Treas. Reg. 1.401(m)-2(a)(1)(i)"
SRC_ROTH_CU = "IRC 414(v)(7)(A) (SECURE 2.0 sec. 603); Notice 2023-62; T.D. 10033"
SRC_EARNINGS = "Form 8606, lines 10 and 16-18 (line 10 \"rounded to at least 3 places\")"
SRC_RMD = "IRC 401(a)(9)(C) (SECURE 2.0 sec. 107), 408(d)(3)(E); Treas. Reg. 1.408A-4, Q&A-6; Pub. 590-B"
SRC_402G = "IRC 402(g)(1), 402(g)(2)(A), 402(g)(7), 457(e)(15)"
SRC_414V = "IRC 414(v)(2); Treas. Reg. 1.414(v)-1(b)(1) and (c)"
SRC_415C = "IRC 415(c)(1) and 415(c)(3)"

WarnFn = Callable[[W, str, str], None]


def compute(plan: Plan) -> Report:
    """The report for a validated plan."""
    return compute_with_limits(plan, load_limits(plan.tax_year))


def compute_with_limits(plan: Plan, limits: TaxYearLimits) -> Report:
    """The report for ``plan`` on the given year's figures (``compute`` loads them for the plan's year).

    The rules run on the decided amounts (``core.decisions``): an amount left empty is the
    recommendation, and a planned roll-in is done by December 31."""
    decisions = decide(plan, limits)
    plan = decisions.plan
    people = dict(plan.people())
    reports: dict[str, PersonReport] = {}
    for role, person in plan.people():
        other = people.get("spouse" if role == "you" else "you")
        reports[role] = person_report(plan, limits, person, other, role)
        moved = decisions[role].roll_in
        if moved is not None:
            reports[role] = reports[role].model_copy(update={
                "roll_in_amount": moved, "line_18_after_roll_in": reports[role].form_8606.line_18})
    return Report(
        tax_year=plan.tax_year,
        you=reports["you"],
        spouse=reports.get("spouse"),
        recommendation=recommend(list(reports.values())),
        contribution_deadline=rules.contribution_deadline(limits),
        provisional=limits.provisional,
        figures_year=limits.provisional_from,
    )


# ---------------------------------------------------------------- one person's figures


@dataclass(frozen=True)
class Figures:
    """What the rules give for one person, before the warnings are written."""

    plan: Plan
    limits: TaxYearLimits
    person: Person
    other: Person | None
    role: str
    magi: Decimal
    dollar_limit: Decimal
    ira_limit: Decimal
    phaseout: PhaseOut
    status: str
    roth_limit: Decimal
    recharacterize: Decimal
    spouse_covered: bool | None
    deduction: PhaseOut | None
    deduction_limit: Decimal
    not_deductible: Decimal
    ira: IRA  # as Form 8606 sees it: recharacterized Roth money and disallowed deductions on line 1
    worksheet_1_1: bool
    form: Form8606

    @property
    def year(self) -> int:
        return self.plan.tax_year


def person_magi(plan: Plan, person: Person) -> Decimal:
    """The MAGI for this person's Roth and deduction figures: the household's on a joint return; on
    separate returns each spouse's own (Pub. 590-A Worksheet 2-1 is worked per return)."""
    if plan.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY and person.magi is not None:
        return person.magi
    return plan.magi


def spouse_coverage(plan: Plan, other: Person | None) -> bool | None:
    """Whether the spouse is covered by a workplace plan (IRC 219(g)(1)); ``None`` when not known."""
    if not plan.filing_status.married:
        return False
    if other is not None:
        return rules.is_covered(other)
    return plan.spouse_covered_by_workplace_plan


def figures_for(plan: Plan, limits: TaxYearLimits, person: Person, other: Person | None, role: str) -> Figures:
    entered = person.ira
    magi = person_magi(plan, person)
    dollar = rules.ira_dollar_limit(limits, person.age)
    ira_limit = rules.ira_contribution_limit(limits, person, plan.filing_status, other)
    phaseout = rules.roth_phaseout(limits, plan.filing_status, plan.lived_with_spouse)
    status = rules.roth_direct_status(magi, phaseout)
    roth_limit = rules.roth_direct_limit(
        magi, phaseout, ira_limit, entered.nondeductible_contribution + entered.deductible_contribution)
    spouse_covered = spouse_coverage(plan, other)
    deduction = rules.deduction_phaseout(
        limits, plan.filing_status, plan.lived_with_spouse, rules.is_covered(person), bool(spouse_covered))
    deduction_limit = rules.ira_deduction_limit(magi, deduction, dollar, ira_limit)
    allowed = min(entered.deductible_contribution, deduction_limit)
    not_deductible = entered.deductible_contribution - allowed
    recharacterize = rules.recharacterize_amount(entered, roth_limit, ira_limit)
    if person.excess_fix is not None and person.excess_fix.method == "remove":
        recharacterize = Decimal(0)  # the person removes the excess instead (core.corrections)
    ira = entered.model_copy(update={
        "roth_contribution": entered.roth_contribution - recharacterize,
        "nondeductible_contribution": entered.nondeductible_contribution + not_deductible + recharacterize,
        "deductible_contribution": allowed,
    })
    worksheet = rules.worksheet_1_1_applies(magi, deduction, allowed)
    return Figures(
        plan=plan, limits=limits, person=person, other=other, role=role, magi=magi, dollar_limit=dollar,
        ira_limit=ira_limit, phaseout=phaseout, status=status, roth_limit=roth_limit,
        recharacterize=recharacterize, spouse_covered=spouse_covered, deduction=deduction,
        deduction_limit=deduction_limit, not_deductible=not_deductible, ira=ira, worksheet_1_1=worksheet,
        form=rules.form_8606(ira, worksheet),
    )


def person_report(
    plan: Plan, limits: TaxYearLimits, person: Person, other: Person | None, role: str = "you"
) -> PersonReport:
    """Every figure and warning for one person (each spouse has their own IRA limit and Form 8606)."""
    f = figures_for(plan, limits, person, other, role)
    warnings: list[Warning_] = []

    def warn(code: W, message: str, source: str) -> None:
        warnings.append(Warning_(code=code.value, message=message, source=source))

    for builder in (warn_provisional_year, warn_separate_returns, warn_ira_limit, warn_direct_roth,
                    warn_excess_contribution, warn_deduction, warn_sep_simple):
        builder(f, warn)
    roll_in, line_18_after = warn_form_8606(f, warn)
    mega, plans = employer_plans_report(limits, plan, person, warn)
    return PersonReport(
        ira_limit=f.ira_limit,
        roth_direct_limit=f.roth_limit,
        backdoor_contribution=rules.backdoor_contribution(f.ira_limit, f.ira),
        form_8606=f.form,
        mega_backdoor=mega,
        warnings=warnings,
        roth_direct_status=f.status,  # type: ignore[arg-type]
        roll_in_amount=roll_in,
        line_18_after_roll_in=line_18_after,
        deduction_limit=f.deduction_limit,
        recharacterize_amount=f.recharacterize,
        plans=plans,
    )


# ---------------------------------------------------------------- warnings, one builder per rule


def warn_provisional_year(f: Figures, warn: WarnFn) -> None:
    """Spec, "A year not published yet": planned on the latest shipped year's figures."""
    if f.limits.provisional_from is None:
        return
    warn(W.PROVISIONAL_YEAR,
         f"The IRS has not published its {f.year} limits yet: this plan uses the {f.limits.provisional_from} "
         f"figures, which the IRS does not lower. Check the figures again when the {f.year} limits are out "
         f"(usually October or November of {f.year - 1}).", f.limits.sources)


def warn_separate_returns(f: Figures, warn: WarnFn) -> None:
    """Married filing separately: whether the spouses lived together decides the ranges (IRC
    408A(c)(3)(D), 219(g)(4)), and each spouse's return has its own MAGI."""
    if f.plan.filing_status is not FilingStatus.MARRIED_FILING_SEPARATELY:
        return
    if f.role == "you" and "lived_with_spouse" not in f.plan.model_fields_set:
        warn(W.LIVED_WITH_SPOUSE_ASSUMED,
             "The plan does not say whether you lived with your spouse at any time in the year; the figures "
             "assume you lived apart all year (single ranges). If you lived together even one day, the Roth "
             "IRA range is $0 to $10,000 and almost nothing can go into a Roth IRA directly.", SRC_MFS)
    if f.role == "spouse" and f.person.magi is None:
        warn(W.SEPARATE_MAGI_ASSUMED,
             f"On separate returns each spouse has their own MAGI; none was entered for your spouse, so the "
             f"figures use {usd(f.plan.magi)}.", SRC_MFS)


def warn_ira_limit(f: Figures, warn: WarnFn) -> None:
    """IRC 219(b)(1)(B): the IRA limit is at most taxable compensation (219(c) on a joint return)."""
    comp = f.person.compensation
    joint = f.plan.filing_status is FilingStatus.MARRIED_FILING_JOINTLY and f.other is not None
    if f.ira_limit == 0:
        if comp == 0 and not (joint and f.other is not None and f.other.compensation > 0):
            why = "You have no taxable compensation" + (" and neither has your spouse" if joint else "")
        else:
            why = (f"Your taxable compensation ({usd(comp)}) and your spouse's, less your spouse's IRA "
                   f"contributions, leave nothing")
        warn(W.NO_COMPENSATION,
             f"{why} for {f.year}: your IRA limit is $0 (IRC 219(b)(1)(B)), so RothWizard recommends no "
             f"IRA contribution, direct or backdoor, for you this year.", SRC_LIMIT)
    elif f.ira_limit < f.dollar_limit:
        spousal = (" plus your spouse's less your spouse's IRA contributions (spousal IRA, IRC 219(c))"
                   if joint and f.ira_limit > comp else "")
        warn(W.COMPENSATION_LIMIT,
             f"Your {f.year} IRA limit is {usd(f.ira_limit)}, not {usd(f.dollar_limit)}: it cannot exceed your "
             f"taxable compensation of {usd(comp)}{spousal}. Taxable compensation is wages and net "
             f"self-employment earnings, without pre-tax plan deferrals.", SRC_LIMIT)


def warn_direct_roth(f: Figures, warn: WarnFn) -> None:
    """Pub. 590-A Worksheet 2-2: where MAGI stands against the Roth range."""
    if f.ira_limit == 0:
        return
    if f.status == "full":
        warn(W.ROTH_DIRECT_AVAILABLE,
             f"Your MAGI of {usd(f.magi)} is not above {usd(f.phaseout.lower)}, where the Roth IRA limit starts "
             f"to shrink: you can contribute to a Roth IRA directly, so no backdoor is needed.", SRC_WS22)
    elif f.status == "partial":
        before = rules.roth_direct_limit(f.magi, f.phaseout, f.ira_limit, Decimal(0))
        warn(W.ROTH_PARTIAL,
             f"Your MAGI of {usd(f.magi)} is inside the {usd(f.phaseout.lower)} to {usd(f.phaseout.upper)} "
             f"range: a direct Roth IRA contribution is reduced. The reduced limit before other IRA "
             f"contributions is {usd(before)}.", SRC_WS22)


def warn_excess_contribution(f: Figures, warn: WarnFn) -> None:
    """IRC 4973: contributions above the IRA limit, or a Roth contribution above the allowed Roth amount,
    owe 6% a year. A Roth excess can be recharacterized to a traditional IRA by the extended due date,
    where it becomes the backdoor contribution; an excess over the IRA limit must come out."""
    entered = f.person.ira
    total = rules.ira_contributions(entered)
    deadline = f.limits.extended_due_date.value
    by = f"by {deadline:%B} {deadline.day}, {deadline.year} (the due date with extensions)"
    parts = []
    if total > f.ira_limit:
        parts.append(f"IRA contributions of {usd(total)} are above your {f.year} limit of {usd(f.ira_limit)}: "
                     f"withdraw the {usd(total - f.ira_limit)} excess with its earnings {by}, or it owes a 6% "
                     f"tax each year it stays.")
    if f.recharacterize > 0:
        parts.append(f"Your direct Roth IRA contribution of {usd(entered.roth_contribution)} is "
                     f"{usd(f.recharacterize)} above the {usd(f.roth_limit)} your MAGI allows: recharacterize "
                     f"{usd(f.recharacterize)} (with its earnings) to a traditional IRA {by}. It then counts as "
                     f"your nondeductible contribution, and the backdoor converts it; left in the Roth IRA, "
                     f"the excess owes a 6% tax each year it stays.")
    if parts:
        warn(W.EXCESS_CONTRIBUTION, " ".join(parts),
             SRC_EXCESS + ("; " + SRC_RECHAR + "; " + SRC_WS22 if f.recharacterize else ""))


def warn_deduction(f: Figures, warn: WarnFn) -> None:
    """IRC 219(g): a contribution that could be deducted creates no basis unless reported as
    nondeductible; one entered as deductible above what the phase-out allows is nondeductible (basis)."""
    entered = f.person.ira.deductible_contribution
    if f.not_deductible > 0:
        warn(W.NOT_DEDUCTIBLE,
             f"{usd(f.not_deductible)} of the {usd(entered)} entered as deductible is above the "
             f"{usd(f.deduction_limit)} deduction your MAGI of {usd(f.magi)} allows: it is nondeductible, "
             f"reported on Form 8606 line 1 as basis.", SRC_DEDUCT)
    planned = max(f.ira.nondeductible_contribution, rules.backdoor_contribution(f.ira_limit, f.ira))
    if planned <= 0 or f.deduction_limit <= f.ira.deductible_contribution:
        return
    if f.deduction is None and f.spouse_covered is None:
        if f.plan.filing_status is FilingStatus.MARRIED_FILING_SEPARATELY:
            covered_range = "$0 to $10,000"
        else:
            r = f.limits.deduction_phaseout_joint_spouse_covered
            covered_range = f"{usd(r.lower)} to {usd(r.upper)}"
        why = ("you are not covered by a workplace plan and RothWizard does not know whether your spouse is "
               f"(if your spouse is covered, the MAGI range is {covered_range})")
    elif f.deduction is None:
        why = ("you are not covered by a workplace plan" if not f.plan.filing_status.married
               else "neither you nor your spouse is covered by a workplace plan")
    else:
        why = f"your MAGI is under {usd(f.deduction.upper)}"
    warn(W.DEDUCTIBLE_CONTRIBUTION,
         f"Your traditional IRA contribution may be deductible (up to {usd(f.deduction_limit)}) because {why}. "
         f"For a backdoor Roth, report it as nondeductible on Form 8606 line 1; otherwise it creates no basis "
         f"and the conversion is taxed.", SRC_DEDUCT)


def warn_form_8606(f: Figures, warn: WarnFn) -> tuple[Decimal | None, int | None]:
    """The pro rata rule, the roll-in fix, taxable earnings and the RMD before a conversion.
    Returns the roll-in amount and line 18 after it (``None`` when no roll-in is offered)."""
    form, year, person = f.form, f.year, f.person
    roll_in = line_18_after = None
    if rules.pro_rata_applies(form):
        taxable = form.line_18
        held = f"Your traditional, SEP and SIMPLE IRAs will hold {usd(form.line_6 or 0)} on December 31, {year}"
        target = rules.roll_in_plan(person)
        features = target.features if target is not None else None
        if taxable > 0:
            msg = (f"{held}, so {usd(taxable)} of the {usd(form.line_8 or 0)} conversion is taxable "
                   f"(pro rata rule, Form 8606 line 18).")
            if features is not None and features.accepts_roll_ins is None:
                msg += " Ask whether your employer plan accepts roll-ins of IRA money: that would fix it."
        else:
            msg = (f"{held}, so the pro rata rule applies; your basis covers the whole "
                   f"{usd(form.line_8 or 0)} conversion, so none of it is taxable (Form 8606 line 18 is $0).")
        warn(W.PRO_RATA, msg, SRC_PRO_RATA)
        if features is not None and features.accepts_roll_ins and taxable > 0:
            amount = rules.roll_in_amount(form)
            after = rules.form_8606_after_roll_in(f.ira, form, f.worksheet_1_1).line_18
            if amount > 0 and after < taxable:
                roll_in, line_18_after = Decimal(amount), after
                warn(W.ROLL_IN_FIX,
                     f"Your employer plan accepts roll-ins: roll the pre-tax {usd(amount)} from your IRAs into "
                     f"it by December 31, {year} (only pre-tax money may roll in) and the taxable part of the "
                     f"conversion falls from {usd(taxable)} to {usd(after)}.", SRC_ROLL_IN)
    if form.line_8 and form.line_5 is not None and form.line_8 > form.line_5:
        warn(W.EARNINGS_TAXABLE, _earnings_message(f), SRC_EARNINGS)
    if form.line_8 and rules.rmd_year(year, person.age):
        warn(W.RMD_BEFORE_CONVERSION,
             f"At {person.age} on December 31, {year}, you have a required minimum distribution for {year} "
             f"(figured on your traditional IRAs' December 31, {year - 1} value): take it before converting. "
             f"The first dollars out of an IRA in the year count toward it, and an RMD cannot be converted.",
             SRC_RMD)
    return roll_in, line_18_after


def _earnings_message(f: Figures) -> str:
    """Converting more than the basis: the difference is taxable; say why line 18 can differ from it
    (line 10 rounded to three places)."""
    form = f.form
    assert form.line_8 is not None and form.line_5 is not None
    gap = form.line_8 - form.line_5
    msg = (f"You convert {usd(form.line_8)} but have {usd(form.line_5)} of basis: the {usd(gap)} difference "
           f"(pre-tax money: interest, gains or deductible contributions) is taxable. Form 8606 line 18 "
           f"shows {usd(form.line_18)}.")
    if not f.worksheet_1_1 and form.line_9 and form.line_10 is not None:
        exact = form.line_8 - rules.whole_dollars(
            Decimal(form.line_8) * min(Decimal(1), Decimal(form.line_5) / Decimal(form.line_9)))
        if exact != form.line_18:
            msg += (f" It is {usd(form.line_18)}, not {usd(exact)}, because line 10 is rounded to three places "
                    f"({usd(form.line_5)} \u00f7 {usd(form.line_9)} = {form.line_10:.3f}), as the form asks; "
                    f"line 11 is then {usd(form.line_11 or 0)}.")
    return msg


# ---------------------------------------------------------------- employer plans


SRC_402G_EXCESS = "IRC 402(g)(1), 402(g)(2)(A)(ii); irs.gov \"How much salary can you defer if you're eligible " \
                  "for more than one retirement plan?\""
SRC_SOLO = ("IRC 404(a)(3)(A), 404(a)(8)(D), 404(l), 404(n), 1402(a)(12), 164(f); Pub. 560, \"Rate table for "
            "self-employed\" and \"Deduction Limit for Contributions for Participants\"")
SRC_SOLO_DOC = "IRC 402A(c)(4)(E), 401(m); Notice 2014-54; the plan document (Pub. 560, \"One-participant 401(k)\")"
SRC_SEP = "Form 8606 instructions, line 6; IRC 408(d)(2), 408(k), 408(p); Pub. 560"
SRC_415C_GROUP = "IRC 415(c)(1), 415(f)(1)(B), 415(h), 415(k)(4); Treas. Reg. 1.415(f)-1(f)(2)(i)"


@dataclass(frozen=True)
class PlanFigures:
    """What the rules give for every employer plan of one person."""

    plans: list[EmployerPlan]
    roth_only: list[bool]
    splits: list[rules.DeferralSplit]
    rooms: list[rules.PlanRoom]
    catch_ups: list[Decimal]

    def label(self, i: int) -> str:
        """The plan's name in a message: "your 403(b)" alone, "Mercy Hospital 403(b)" among several."""
        return rules.plan_label(self.plans[i])

    def named(self, i: int) -> str:
        """"" with one plan (the messages stay as they were), " (Mercy Hospital 403(b))" with several."""
        return f" ({self.label(i)})" if len(self.plans) > 1 else ""


def plan_figures(limits: TaxYearLimits, person: Person) -> PlanFigures:
    plans = person.plans
    roth_only = [rules.roth_catch_up_required(limits, p) for p in plans]
    splits = rules.split_deferrals_across(limits, plans, person.age, roth_only)
    return PlanFigures(
        plans=plans, roth_only=roth_only, splits=splits, rooms=rules.plan_rooms(limits, person, plans, splits),
        catch_ups=[rules.plan_catch_up_limit(limits, person.age, p, r) for p, r in zip(plans, roth_only, strict=True)],
    )


def employer_plans_report(
    limits: TaxYearLimits, plan: Plan, person: Person, warn: WarnFn
) -> tuple[MegaBackdoor, list[PlanReport]]:
    """Every plan's room, blockers and warnings; ``mega_backdoor`` is the plan with the most available room."""
    if not person.plans:
        return MegaBackdoor(room=Decimal(0), available=False, blockers=["no_employer_plan"]), []
    pf = plan_figures(limits, person)
    warn_deferrals(limits, plan, person, pf, warn)
    reports = [plan_report(limits, plan, person, pf, i, warn) for i in range(len(pf.plans))]
    return choose_mega_backdoor(limits, person, pf, reports), reports


def warn_deferrals(limits: TaxYearLimits, plan: Plan, person: Person, pf: PlanFigures, warn: WarnFn) -> None:
    """IRC 402(g) once per person (and each governmental 457(b) on its own): the excess and its
    corrective-distribution deadline, deferrals that count as catch-ups, catch-ups above the limit."""
    year, plans, splits = plan.tax_year, pf.plans, pf.splits
    shared = [i for i, p in enumerate(plans) if rules.shares_402g(p)]
    several = len(shared) > 1
    groups = ([shared] if shared else []) + [[i] for i, p in enumerate(plans) if not rules.shares_402g(p)]
    for members in groups:
        excess = sum((splits[i].excess for i in members), Decimal(0))
        moved = sum((splits[i].moved for i in members), Decimal(0))
        deferred = sum((plans[i].elective_deferrals for i in members), Decimal(0))
        first = plans[members[0]]
        cap = (rules.person_deferral_limit(limits, [plans[i] for i in members]) if rules.shares_402g(first)
               else rules.deferral_limit(limits, first))
        allowed = max(pf.catch_ups[i] for i in members)
        if excess > 0:
            if not rules.shares_402g(first):
                which, where = "the separate 457(b) limit", pf.named(members[0])
            elif several:
                names = ", ".join(pf.label(i) for i in members)
                which, where = f"one limit for you across {names}", ""
            else:
                which, where = "one limit across all your 401(k) and 403(b) plans", pf.named(members[0])
            catch = f" and your {usd(allowed)} catch-up" if allowed else ""
            ask = ("ask the plans (the one you deferred to last first)" if several else "ask the plan")
            warn(W.EXCESS_DEFERRAL,
                 f"Elective deferrals of {usd(deferred)}{where} are {usd(excess)} above the {year} limit of "
                 f"{usd(cap)} ({which}){catch}: {ask} to return the {usd(excess)} excess with its earnings by "
                 f"April 15, {year + 1}; left in, it is taxed twice.", SRC_402G_EXCESS)
        if moved > 0:
            regular = sum((splits[i].regular for i in members), Decimal(0))
            additions = rules.annual_additions_limit(limits, pf.rooms[members[0]].compensation)
            tail = (f"Catch-ups are outside the {usd(additions)} annual additions limit, so the after-tax room "
                    f"counts {usd(regular)} of deferrals." if len(members) == 1 and rules.shares_402g(first)
                    else "Catch-ups are outside the annual additions limit.")
            warn(W.CATCH_UP_FROM_DEFERRALS,
                 f"{usd(moved)} of your {usd(deferred)} of deferrals{pf.named(members[0]) if not several else ''} "
                 f"is above the {usd(cap)} limit and counts as your catch-up (allowed at {person.age}: "
                 f"{usd(allowed)}). {tail}", SRC_414V)
        entered = sum((plans[i].catch_up for i in members), Decimal(0))
        if entered > allowed:
            warn(W.EXCESS_CATCH_UP,
                 f"A catch-up of {usd(entered)}{'' if several else pf.named(members[0])} is above the "
                 f"{usd(allowed)} allowed at age {person.age} on December 31, {year}"
                 + (" (one catch-up for you across these plans)." if several else "."), SRC_414V)


def plan_report(limits: TaxYearLimits, plan: Plan, person: Person, pf: PlanFigures, i: int,
                warn: WarnFn) -> PlanReport:
    """One plan: its room, blockers, questions and warnings."""
    ep, room = pf.plans[i], pf.rooms[i]
    blockers = rules.plan_blockers(ep, room.room)
    questions: list[str] = []
    solo_limit = None
    if ep.type == "solo_401k":
        solo_limit = warn_solo_401k(limits, person, pf, i, warn, questions)
    warn_after_tax(limits, pf, i, warn)
    warn_annual_additions(limits, pf, i, warn)
    warn_roth_catch_up(limits, plan, pf, i, warn, questions)
    if 60 <= person.age <= 63 and ep.features.super_catch_up is None and limits.catch_up_60_63.value:
        questions.append(f"Ask {pf.label(i)}: does the plan offer the age 60-63 catch-up of "
                         f"{usd(limits.catch_up_60_63.value)} (plans may choose not to)?")
    warn_acp(limits, plan, person, pf, i, warn)
    planned = room.room if ep.after_tax_contributions is None else ep.after_tax_contributions
    return PlanReport(
        employer=ep.employer, type=ep.type, room=room.room, available=not blockers, blockers=blockers,
        index=i, shares_415c_with=room.shares_with, annual_additions_limit=room.additions_limit,
        after_tax_planned=min(planned, room.room),
        plan_compensation=rules.plan_compensation(limits, rules.section_415c_compensation(person, ep)),
        employer_contribution_limit=solo_limit, catch_up_allowed=pf.catch_ups[i], questions=questions,
    )


def warn_after_tax(limits: TaxYearLimits, pf: PlanFigures, i: int, warn: WarnFn) -> None:
    """IRC 415(c): after-tax contributions above the (possibly shared) room."""
    ep, room = pf.plans[i], pf.rooms[i]
    if ep.after_tax_contributions is None or ep.after_tax_contributions <= room.room:
        return
    shared = ""
    if room.shares_with:
        names = ", ".join(pf.label(j) for j in room.shares_with)
        shared = (f" The {usd(limits.annual_additions_limit.value)} limit is shared with {names} (one employer "
                  f"or controlled group; a 403(b) with a business you control).")
    warn(W.EXCESS_AFTER_TAX,
         f"After-tax contributions of {usd(ep.after_tax_contributions)}{pf.named(i)} are above the room of "
         f"{usd(room.room)} under the {usd(room.additions_limit)} annual additions limit (the lesser of "
         f"{usd(limits.annual_additions_limit.value)} and 100% of your {usd(room.compensation)} plan "
         f"compensation, which includes elective deferrals).{shared}",
         SRC_415C if not room.shares_with else SRC_415C_GROUP)


def warn_annual_additions(limits: TaxYearLimits, pf: PlanFigures, i: int, warn: WarnFn) -> None:
    """IRC 415(c)(1): deferrals and employer contributions alone above the (shared) limit; said once for
    the plans that share it (the first entered)."""
    room = pf.rooms[i]
    if room.over <= 0 or any(j < i and pf.rooms[j].over > 0 for j in room.shares_with):
        return
    names = ", ".join(pf.label(j) for j in [i, *room.shares_with])
    shared = " together (one employer or controlled group, or a 403(b) with a business you control)" \
        if room.shares_with else ""
    warn(W.EXCESS_ANNUAL_ADDITIONS,
         f"Deferrals and employer contributions to {names}{shared} are {usd(room.over)} above the "
         f"{usd(limits.annual_additions_limit.value)} annual additions limit (or 100% of the plan "
         f"compensation): no room is left for after-tax money, and the plan must correct the excess.",
         SRC_415C_GROUP if room.shares_with else SRC_415C)


def warn_roth_catch_up(limits: TaxYearLimits, plan: Plan, pf: PlanFigures, i: int, warn: WarnFn,
                       questions: list[str]) -> None:
    """IRC 414(v)(7)(A): the FICA-wage test on the prior-year wages from the employer sponsoring this plan."""
    ep, year = pf.plans[i], plan.tax_year
    if not pf.roth_only[i] or (pf.splits[i].catch_up <= 0 and rules.catch_up_limit(limits, _age(plan, ep)) <= 0):
        return
    threshold = limits.roth_catch_up_wage_threshold.value
    who = ("this employer" if len(pf.plans) == 1 else
           f"{ep.employer.strip()} (for its {rules.PLAN_TYPE_NAMES[ep.type]})" if (ep.employer or "").strip()
           else f"the employer of {pf.label(i)}")
    msg = (f"Your {year - 1} FICA wages from {who} ({usd(ep.prior_year_fica_wages or 0)}) are above "
           f"{usd(threshold)}: every catch-up contribution for {year} to this plan must be Roth.")
    if ep.features.roth_deferrals is False:
        msg += (f" {pf.label(i)[0].upper() + pf.label(i)[1:]} has no Roth deferrals, so you can make no "
                f"catch-up there" + (f"; the {usd(ep.catch_up)} entered cannot go in." if ep.catch_up else "."))
        if any(rules.shares_402g(p) == rules.shares_402g(ep) and j != i and pf.catch_ups[j] > 0
               for j, p in enumerate(pf.plans)):
            msg += " Make it in another of your plans that takes it."
    elif ep.features.roth_deferrals is None:
        msg += " If the plan has no Roth option you cannot make catch-ups there."
        questions.append(f"Ask {pf.label(i)}: does the plan offer Roth deferrals? Your catch-up there must be Roth.")
    else:
        msg += " If the plan has no Roth option you cannot make catch-ups."
    warn(W.ROTH_CATCH_UP_REQUIRED, msg, SRC_ROTH_CU)


def _age(plan: Plan, ep: EmployerPlan) -> int:
    for _, person in plan.people():
        if any(p is ep for p in person.plans):
            return person.age
    return 0


def warn_acp(limits: TaxYearLimits, plan: Plan, person: Person, pf: PlanFigures, i: int, warn: WarnFn) -> None:
    """IRC 401(m): a highly compensated employee's after-tax money may be refunded if the plan fails its
    ACP test. A solo 401(k) covers no other employee, so it has nobody to fail against."""
    ep, room, year = pf.plans[i], pf.rooms[i].room, plan.tax_year
    after_tax_possible = ep.type not in ("457b", "solo_401k") and ep.features.after_tax_contributions is not False
    lookback_pay = ep.prior_year_fica_wages if ep.prior_year_fica_wages is not None else person.compensation
    if after_tax_possible and room > 0 and rules.is_highly_compensated(limits, lookback_pay):
        warn(W.ACP_TESTING,
             f"You are likely a highly compensated employee{' for ' + pf.label(i) if len(pf.plans) > 1 else ''} "
             f"({year - 1} pay above "
             f"{usd(limits.hce_lookback_threshold.value)}): if the plan fails its ACP test, part of your "
             "after-tax contributions may be refunded after the year ends (earnings taxable). The room "
             "shown is the legal maximum; your plan may allow less.", SRC_ACP)


def warn_solo_401k(limits: TaxYearLimits, person: Person, pf: PlanFigures, i: int, warn: WarnFn,
                   questions: list[str]) -> Decimal:
    """A solo 401(k): the employer contribution limit (20% of net SE earnings after half the SE tax; 25% of
    an S corporation owner's W-2 pay), and whether the plan document allows the Mega Backdoor."""
    ep = pf.plans[i]
    comp = rules.section_415c_compensation(person, ep)
    limit = Decimal(rules.solo_employer_contribution_limit(limits, ep, comp))
    if ep.employer_contributions > limit:
        base = ("25% of your W-2 pay from the S corporation" if ep.s_corporation else
                "20% of your net earnings from self-employment less half the self-employment tax")
        warn(W.EXCESS_EMPLOYER_CONTRIBUTION,
             f"Employer contributions of {usd(ep.employer_contributions)} to {pf.label(i)} are above the "
             f"{usd(limit)} the business may contribute ({base}, {usd(rules.plan_compensation(limits, comp))}). "
             f"Your elective deferrals come on top of it.", SRC_SOLO)
    f = ep.features
    if f.after_tax_contributions is not True or (f.in_plan_roth_conversion is not True
                                                 and f.in_service_distributions is not True):
        warn(W.SOLO_401K_DOCUMENT,
             f"Most prototype solo 401(k) documents allow neither after-tax contributions nor in-plan Roth "
             f"conversions, so {pf.label(i)} has no Mega Backdoor unless its document says so. Ask the "
             f"provider before any after-tax money goes in.", SRC_SOLO_DOC)
        questions.append(f"Ask the provider of {pf.label(i)}: does the plan document allow voluntary after-tax "
                         f"contributions, and in-plan Roth conversions or in-service distributions of them? "
                         f"If not, which provider's document does?")
    return limit


def choose_mega_backdoor(limits: TaxYearLimits, person: Person, pf: PlanFigures,
                         reports: list[PlanReport]) -> MegaBackdoor:
    """The plan with the most available room (ties: the one entered first); without an available plan,
    the one with the most room."""
    best = rules.mega_plan_index(limits, person)
    assert best is not None
    r, ep, split = reports[best], pf.plans[best], pf.splits[best]
    why = None
    if len(reports) > 1:
        if r.available:
            others = [o for o in reports if o.index != best and o.available]
            why = (f"{pf.label(best)} has the most room for after-tax money ({usd(r.room)})"
                   + (f"; the next best has {usd(max(o.room for o in others))}." if others else
                      "; it is the only plan that allows a Mega Backdoor now."))
        else:
            why = f"No plan allows a Mega Backdoor yet; {pf.label(best)} has the most room ({usd(r.room)})."
    return MegaBackdoor(
        room=r.room, available=r.available, blockers=r.blockers, annual_additions_limit=r.annual_additions_limit,
        after_tax_planned=r.after_tax_planned, catch_up_allowed=pf.catch_ups[best],
        plan_compensation=r.plan_compensation, section_415c_compensation=pf.rooms[best].compensation,
        elective_deferrals=split.regular, catch_up=split.catch_up,
        plan_index=best, employer=ep.employer, chosen_because=why,
    )


def warn_sep_simple(f: Figures, warn: WarnFn) -> None:
    """A SEP or SIMPLE IRA is a traditional IRA for Form 8606 line 6 (IRC 408(d)(2)): its December 31
    balance makes the backdoor conversion partly taxable. A solo 401(k) is not an IRA."""
    if not f.person.ira.sep_or_simple_ira:
        return
    solo = next((p for p in f.person.plans if p.type == "solo_401k"), None)
    offer = (f"Your {rules.plan_label(solo)} can take that money instead" if solo is not None else
             "For side income open a solo 401(k) instead: it takes the same employer contributions (and "
             "your deferrals, within the one 402(g) limit) and is not on line 6")
    warn(W.SEP_SIMPLE_IRA,
         f"A SEP IRA or SIMPLE IRA counts as a traditional IRA on Form 8606 line 6: its December 31, {f.year} "
         f"balance makes part of your backdoor conversion taxable (pro rata rule). {offer}. A SEP IRA "
         f"balance can be rolled into a 401(k) that accepts roll-ins; a SIMPLE IRA only after its first two "
         f"years.", SRC_SEP)


def recommend(reports: list[PersonReport]) -> list[str]:
    """The strategies that fit, in order, after the article's "go with ... if" lists:

    the direct Roth IRA when MAGI allows any direct contribution; the backdoor Roth IRA when the direct
    route is not fully open; each only for someone with an IRA limit above 0 (compensation, IRC
    219(b)(1)(B)); the mega backdoor Roth when a plan allows it and has room."""
    out = []
    if any(r.roth_direct_status != "none" and r.ira_limit > 0 for r in reports):
        out.append("direct_roth")
    if any(r.roth_direct_status != "full" and r.ira_limit > 0 for r in reports):
        out.append("backdoor_roth")
    if any(r.mega_backdoor.available for r in reports):
        out.append("mega_backdoor_roth")
    return out
