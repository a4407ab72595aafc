"""``compute(plan) -> Report``: runs the rules for each person and collects the warnings.

Every figure the wizard shows or the PDF prints comes from here. No I/O, no Qt.
"""

from __future__ import annotations

from decimal import Decimal

from rothwizard.core import rules
from rothwizard.core.decisions import decide, usd
from rothwizard.core.errors import UnsupportedTaxYear
from rothwizard.core.limits import TaxYearLimits, load_limits
from rothwizard.core.models import MegaBackdoor, Person, PersonReport, Plan, Report, Warning_

SRC_WS22 = "Pub. 590-A, Worksheet 2-2; Treas. Reg. 1.408A-3, Q&A-3"
SRC_PRO_RATA = "Form 8606 instructions, line 6; IRC 408(d)(2)"
SRC_ROLL_IN = "IRC 408(d)(3)(A)(ii) and (H); Pub. 590-A, rollover from a traditional IRA to an employer plan"
SRC_EXCESS = "IRC 219(b)(1), 408A(c)(2), 4973; Pub. 590-A, excess contributions"
SRC_DEDUCT = "IRC 219(g); Form 8606 instructions, line 1"
SRC_ACP = "IRC 401(m)(2); Treas. Reg. 1.401(m)-2(a)(1)(i)"
SRC_ROTH_CU = "IRC 414(v)(7)(A) (SECURE 2.0 sec. 603); Notice 2023-62"
SRC_EARNINGS = "Form 8606, lines 16-18"
SRC_402G = "IRC 402(g)(1)"
SRC_414V = "IRC 414(v)(2)"
SRC_415C = "IRC 415(c)(1)"


def _lookback_limits(year: int) -> TaxYearLimits | None:
    try:
        return load_limits(year - 1)
    except UnsupportedTaxYear:
        return None


def compute(plan: Plan) -> Report:
    """The report for a validated plan. The rules run on the decided amounts (``core.decisions``):
    an amount left empty is the recommendation, and a planned roll-in is done by December 31."""
    limits = load_limits(plan.tax_year)
    decisions = decide(plan, limits)
    plan = decisions.plan
    people = dict(plan.people())
    reports: dict[str, PersonReport] = {}
    for role, person in plan.people():
        other = people.get("spouse" if role == "you" else "you")
        reports[role] = person_report(plan, limits, person, other)
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
    )


def person_report(plan: Plan, limits: TaxYearLimits, person: Person, other: Person | None) -> PersonReport:
    """Every figure and warning for one person (each spouse has their own IRA limit and Form 8606)."""
    ira = person.ira
    ira_limit = rules.ira_contribution_limit(limits, person, plan.filing_status, other)
    phaseout = rules.roth_phaseout(limits, plan.filing_status, plan.lived_with_spouse)
    status = rules.roth_direct_status(plan.magi, phaseout)
    traditional = ira.nondeductible_contribution + ira.deductible_contribution
    roth_limit = rules.roth_direct_limit(plan.magi, phaseout, ira_limit, traditional)
    form = rules.form_8606(ira)
    warnings: list[Warning_] = []

    def warn(code: str, message: str, source: str) -> None:
        warnings.append(Warning_(code=code, message=message, source=source))

    year = plan.tax_year
    if status == "full":
        warn("roth_direct_available",
             f"Your MAGI of {usd(plan.magi)} is under {usd(phaseout.lower)}, where the Roth IRA limit starts "
             f"to shrink: you can contribute to a Roth IRA directly, so no backdoor is needed.", SRC_WS22)
    elif status == "partial":
        warn("roth_partial",
             f"Your MAGI of {usd(plan.magi)} is inside the {usd(phaseout.lower)} to {usd(phaseout.upper)} "
             f"range: a direct Roth IRA contribution is reduced. The reduced limit before other IRA "
             f"contributions is {usd(rules.roth_direct_limit(plan.magi, phaseout, ira_limit, Decimal(0)))}.",
             SRC_WS22)

    total = rules.ira_contributions(ira)
    if total > ira_limit:
        warn("excess_contribution",
             f"IRA contributions of {usd(total)} are above your {year} limit of {usd(ira_limit)}: the "
             f"{usd(total - ira_limit)} excess owes a 6% tax each year until it is withdrawn.", SRC_EXCESS)
    elif ira.roth_contribution > roth_limit:
        warn("excess_contribution",
             f"A direct Roth IRA contribution of {usd(ira.roth_contribution)} is above the "
             f"{usd(roth_limit)} your MAGI allows: recharacterize the excess to a traditional IRA "
             f"before the filing deadline.", SRC_EXCESS + "; " + SRC_WS22)

    spouse_covered = bool(other and other.covered_by_workplace_plan)
    deduction = rules.deduction_phaseout(
        limits, plan.filing_status, plan.lived_with_spouse, person.covered_by_workplace_plan, spouse_covered
    )
    planned_traditional = max(ira.nondeductible_contribution, rules.backdoor_contribution(ira_limit, ira))
    if planned_traditional > 0 and rules.contribution_may_be_deductible(plan.magi, deduction):
        why = ("neither you nor your spouse is covered by a workplace plan" if deduction is None
               else f"your MAGI is under {usd(deduction.upper)}")
        warn("deductible_contribution",
             f"Your traditional IRA contribution may be deductible because {why}. For a backdoor Roth, "
             f"report it as nondeductible on Form 8606 line 1; otherwise it creates no basis and the "
             f"conversion is taxed.", SRC_DEDUCT)

    roll_in = line_18_after = None
    if rules.pro_rata_applies(form):
        taxable = form.line_18
        msg = (f"Your traditional, SEP and SIMPLE IRAs will hold {usd(form.line_6 or 0)} on December 31, "
               f"{year}, so {usd(taxable)} of the {usd(form.line_8 or 0)} conversion is taxable "
               f"(pro rata rule, Form 8606 line 18).")
        plan_features = person.employer_plan.features if person.employer_plan else None
        if plan_features is not None and plan_features.accepts_roll_ins is None:
            msg += " Ask whether your employer plan accepts roll-ins of IRA money: that would fix it."
        warn("pro_rata", msg, SRC_PRO_RATA)
        if plan_features is not None and plan_features.accepts_roll_ins:
            roll_in = Decimal(rules.roll_in_amount(form))
            line_18_after = rules.form_8606_after_roll_in(ira, form).line_18
            warn("roll_in_fix",
                 f"Your employer plan accepts roll-ins: roll the pre-tax {usd(roll_in)} from your IRAs into "
                 f"it by December 31, {year} (only pre-tax money may roll in) and the taxable part of the "
                 f"conversion falls from {usd(taxable)} to {usd(line_18_after)}.", SRC_ROLL_IN)
    if form.line_8 and form.line_5 is not None and form.line_8 > form.line_5:
        warn("earnings_taxable",
             f"You convert {usd(form.line_8)} but have {usd(form.line_5)} of basis: the difference (interest "
             f"or gains) is taxable. Form 8606 line 18 shows {usd(form.line_18)}.", SRC_EARNINGS)

    mega = mega_backdoor(limits, plan, person, warn)
    return PersonReport(
        ira_limit=ira_limit,
        roth_direct_limit=roth_limit,
        backdoor_contribution=rules.backdoor_contribution(ira_limit, ira),
        form_8606=form,
        mega_backdoor=mega,
        warnings=warnings,
        roth_direct_status=status,
        roll_in_amount=roll_in,
        line_18_after_roll_in=line_18_after,
    )


def mega_backdoor(limits: TaxYearLimits, plan: Plan, person: Person, warn) -> MegaBackdoor:
    """The 415(c) room, blockers and the employer-plan warnings for one person."""
    ep = person.employer_plan
    if ep is None:
        return MegaBackdoor(room=Decimal(0), available=False, blockers=["no_employer_plan"])
    room = rules.mega_backdoor_room(limits, person.compensation, ep)
    blockers = rules.mega_backdoor_blockers(ep, room)
    catch_up_allowed = rules.catch_up_limit(limits, person.age)
    planned = room if ep.after_tax_contributions is None else ep.after_tax_contributions
    if ep.elective_deferrals > limits.elective_deferral_limit.value:
        warn("excess_deferral",
             f"Elective deferrals of {usd(ep.elective_deferrals)} are above the {plan.tax_year} limit of "
             f"{usd(limits.elective_deferral_limit.value)} (one limit across all your plans).", SRC_402G)
    if ep.catch_up > catch_up_allowed:
        warn("excess_catch_up",
             f"A catch-up of {usd(ep.catch_up)} is above the {usd(catch_up_allowed)} allowed at age "
             f"{person.age} on December 31, {plan.tax_year}.", SRC_414V)
    if ep.after_tax_contributions is not None and ep.after_tax_contributions > room:
        warn("excess_after_tax",
             f"After-tax contributions of {usd(ep.after_tax_contributions)} are above the room of "
             f"{usd(room)} under the {usd(rules.annual_additions_limit(limits, person.compensation))} "
             f"annual additions limit.", SRC_415C)
    if rules.roth_catch_up_required(limits, ep) and (ep.catch_up > 0 or catch_up_allowed > 0):
        threshold = limits.roth_catch_up_wage_threshold.value
        warn("roth_catch_up_required",
             f"Your {plan.tax_year - 1} FICA wages from this employer ({usd(ep.prior_year_fica_wages or 0)}) "
             f"are above {usd(threshold)}: every catch-up contribution for {plan.tax_year} must be Roth. "
             f"If the plan has no Roth option you cannot make catch-ups.", SRC_ROTH_CU)
    after_tax_possible = ep.features.after_tax_contributions is not False and room > 0
    lookback_pay = ep.prior_year_fica_wages if ep.prior_year_fica_wages is not None else person.compensation
    if after_tax_possible and rules.is_highly_compensated(
        limits, lookback_pay, _lookback_limits(plan.tax_year)
    ):
        warn("acp_testing",
             "You are likely a highly compensated employee: if the plan fails its ACP test, part of your "
             "after-tax contributions may be refunded after the year ends (earnings taxable). The room "
             "shown is the legal maximum; your plan may allow less.", SRC_ACP)
    return MegaBackdoor(
        room=room,
        available=not blockers,
        blockers=blockers,
        annual_additions_limit=rules.annual_additions_limit(limits, person.compensation),
        after_tax_planned=min(planned, room),
        catch_up_allowed=catch_up_allowed,
        plan_compensation=rules.plan_compensation(limits, person.compensation),
    )


def recommend(reports: list[PersonReport]) -> list[str]:
    """The strategies that fit, in order, after the article's "go with ... if" lists:

    the direct Roth IRA when MAGI allows any direct contribution; the backdoor Roth IRA when the direct
    route is not fully open and there is an IRA limit to fill; the mega backdoor Roth when a plan allows
    it and has room."""
    out = []
    if any(r.roth_direct_status != "none" for r in reports):
        out.append("direct_roth")
    if any(r.roth_direct_status != "full" and r.ira_limit > 0 for r in reports):
        out.append("backdoor_roth")
    if any(r.mega_backdoor.available for r in reports):
        out.append("mega_backdoor_roth")
    return out
