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
from rothwizard.core.limits import PhaseOut, TaxYearLimits, load_limits
from rothwizard.core.models import (
    IRA,
    FilingStatus,
    Form8606,
    MegaBackdoor,
    Person,
    PersonReport,
    Plan,
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


def usd(amount: Decimal | int) -> str:
    """$7,500 or $7,500.50."""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"${amount:,.0f}"
    return f"${amount:,.2f}"


def compute(plan: Plan) -> Report:
    """The report for a validated plan."""
    return compute_with_limits(plan, load_limits(plan.tax_year))


def compute_with_limits(plan: Plan, limits: TaxYearLimits) -> Report:
    """The report for ``plan`` on the given year's figures (``compute`` loads them for the plan's year)."""
    people = dict(plan.people())
    reports: dict[str, PersonReport] = {}
    for role, person in plan.people():
        other = people.get("spouse" if role == "you" else "you")
        reports[role] = person_report(plan, limits, person, other, role)
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
                    warn_excess_contribution, warn_deduction):
        builder(f, warn)
    roll_in, line_18_after = warn_form_8606(f, warn)
    mega = mega_backdoor(limits, plan, person, warn)
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
        features = person.employer_plan.features if person.employer_plan else None
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


# ---------------------------------------------------------------- employer plan


def mega_backdoor(limits: TaxYearLimits, plan: Plan, person: Person, warn: WarnFn) -> MegaBackdoor:
    """The 415(c) room, blockers and the employer-plan warnings for one person."""
    ep = person.employer_plan
    if ep is None:
        return MegaBackdoor(room=Decimal(0), available=False, blockers=["no_employer_plan"])
    comp_415 = rules.section_415c_compensation(person, ep)
    additions = rules.annual_additions_limit(limits, comp_415)
    split = rules.split_deferrals(limits, ep, person.age, Decimal(limits.annual_additions_limit.value))
    room = rules.mega_backdoor_room(limits, comp_415, ep, person.age)
    blockers = (["no_after_tax_contributions"] if ep.type == "457b"
                else rules.mega_backdoor_blockers(ep, room))
    catch_up_allowed = rules.catch_up_limit(limits, person.age)
    planned = room if ep.after_tax_contributions is None else ep.after_tax_contributions
    cap = rules.deferral_limit(limits, ep)
    year = plan.tax_year
    if split.excess > 0:
        which = ("the separate 457(b) limit" if ep.type == "457b"
                 else "one limit across all your 401(k) and 403(b) plans")
        catch = f" and your {usd(catch_up_allowed)} catch-up" if catch_up_allowed else ""
        warn(W.EXCESS_DEFERRAL,
             f"Elective deferrals of {usd(ep.elective_deferrals)} are {usd(split.excess)} above the {year} limit of "
             f"{usd(cap)} ({which}){catch}: ask the plan to return the excess with its earnings by April 15, "
             f"{year + 1}.", SRC_402G)
    if split.moved > 0:
        warn(W.CATCH_UP_FROM_DEFERRALS,
             f"{usd(split.moved)} of your {usd(ep.elective_deferrals)} of deferrals is above the {usd(cap)} "
             f"limit and counts as your catch-up (allowed at {person.age}: {usd(catch_up_allowed)}). Catch-ups "
             f"are outside the {usd(additions)} annual additions limit, so the after-tax room counts "
             f"{usd(split.regular)} of deferrals.", SRC_414V)
    if ep.catch_up > catch_up_allowed:
        warn(W.EXCESS_CATCH_UP,
             f"A catch-up of {usd(ep.catch_up)} is above the {usd(catch_up_allowed)} allowed at age "
             f"{person.age} on December 31, {year}.", SRC_414V)
    if ep.after_tax_contributions is not None and ep.after_tax_contributions > room:
        warn(W.EXCESS_AFTER_TAX,
             f"After-tax contributions of {usd(ep.after_tax_contributions)} are above the room of {usd(room)} "
             f"under the {usd(additions)} annual additions limit (the lesser of "
             f"{usd(limits.annual_additions_limit.value)} and 100% of your {usd(comp_415)} plan compensation, "
             f"which includes elective deferrals).", SRC_415C)
    if rules.roth_catch_up_required(limits, ep) and (split.catch_up > 0 or catch_up_allowed > 0):
        threshold = limits.roth_catch_up_wage_threshold.value
        warn(W.ROTH_CATCH_UP_REQUIRED,
             f"Your {year - 1} FICA wages from this employer ({usd(ep.prior_year_fica_wages or 0)}) "
             f"are above {usd(threshold)}: every catch-up contribution for {year} must be Roth. "
             f"If the plan has no Roth option you cannot make catch-ups.", SRC_ROTH_CU)
    after_tax_possible = ep.type != "457b" and ep.features.after_tax_contributions is not False and room > 0
    lookback_pay = ep.prior_year_fica_wages if ep.prior_year_fica_wages is not None else person.compensation
    if after_tax_possible and rules.is_highly_compensated(limits, lookback_pay):
        warn(W.ACP_TESTING,
             f"You are likely a highly compensated employee ({year - 1} pay above "
             f"{usd(limits.hce_lookback_threshold.value)}): if the plan fails its ACP test, part of your "
             "after-tax contributions may be refunded after the year ends (earnings taxable). The room "
             "shown is the legal maximum; your plan may allow less.", SRC_ACP)
    return MegaBackdoor(
        room=room,
        available=not blockers,
        blockers=blockers,
        annual_additions_limit=additions,
        after_tax_planned=min(planned, room),
        catch_up_allowed=catch_up_allowed,
        plan_compensation=rules.plan_compensation(limits, comp_415),
        section_415c_compensation=comp_415,
        elective_deferrals=split.regular,
        catch_up=split.catch_up,
    )


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
