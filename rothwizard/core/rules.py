"""The tax rules, one small pure function each, named after the rule and citing its source.

Amounts are ``Decimal`` dollars. Nothing here reads files or knows about Qt; the limits for the
year are passed in (``rothwizard.core.limits.TaxYearLimits``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Literal

from rothwizard.core.limits import PhaseOut, TaxYearLimits
from rothwizard.core.models import IRA, EmployerPlan, FilingStatus, Form8606, Person

ZERO = Decimal(0)
ONE = Decimal(1)
FS = FilingStatus


# ------------------------------------------------------------------ rounding


def whole_dollars(amount: Decimal) -> int:
    """Round to whole dollars, half-up, as Form 8606 asks for its dollar lines."""
    return int(Decimal(amount).quantize(ONE, rounding=ROUND_HALF_UP))


def decimal_3_places(ratio: Decimal) -> Decimal:
    """A ratio rounded half-up to 3 places and capped at 1.000 (Form 8606 line 10;
    Pub. 590-A Worksheet 2-2 line 5: "rounded to at least three places ... If 1.000 or more, enter 1.000").
    RothWizard uses exactly three places, as the printed form's box and the IRS illustrations do."""
    return min(ONE, Decimal(ratio).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def round_up_to_next_10(amount: Decimal) -> Decimal:
    """Round up to the next multiple of $10 (Treas. Reg. 1.408A-3, Q&A-3(b))."""
    return (Decimal(amount) / 10).to_integral_value(rounding=ROUND_CEILING) * 10


# ------------------------------------------------------------------ IRA limit


def ira_dollar_limit(limits: TaxYearLimits, age: int) -> Decimal:
    """The IRA dollar limit, with the catch-up at age 50 or older on December 31.

    IRC 219(b)(5)(A) and (B); Pub. 590-A "How Much Can Be Contributed?"."""
    extra = limits.ira_catch_up.value if age >= 50 else 0
    return Decimal(limits.ira_limit.value + extra)


def ira_contribution_limit(
    limits: TaxYearLimits,
    person: Person,
    filing_status: FilingStatus,
    spouse: Person | None = None,
) -> Decimal:
    """The lesser of the dollar limit and taxable compensation; on a joint return the spousal IRA rule.

    IRC 219(b)(1) and 408A(c)(2): one limit across traditional and Roth IRAs, capped at compensation.
    IRC 219(c)(1)(B)(ii) (Kay Bailey Hutchison spousal IRA), Pub. 590-A: on a joint return the spouse with
    less compensation may use the couple's total compensation less the other spouse's deductible,
    nondeductible and Roth IRA contributions, so the two together never exceed the couple's pay.
    With no compensation (and no spouse's on a joint return) the limit is 0."""
    dollar = ira_dollar_limit(limits, person.age)
    cap = person.compensation
    if filing_status is FS.MARRIED_FILING_JOINTLY and spouse is not None and cap < spouse.compensation:
        others = spouse.ira.roth_contribution + spouse.ira.nondeductible_contribution
        others += spouse.ira.deductible_contribution
        cap = max(cap, person.compensation + spouse.compensation - others)
    return max(ZERO, min(dollar, cap))


def ira_contributions(ira: IRA) -> Decimal:
    """Everything a person put into traditional and Roth IRAs for the year (the IRC 219(b) total)."""
    return ira.roth_contribution + ira.nondeductible_contribution + ira.deductible_contribution


def backdoor_contribution(ira_limit: Decimal, ira: IRA) -> Decimal:
    """The nondeductible contribution that fills the IRA limit after any direct Roth contribution
    (IRC 219(b)(1), 408A(c)(2): one limit across traditional and Roth IRAs). ``ira`` is after any
    recharacterization: the Roth contribution kept and the deduction allowed."""
    return max(ZERO, ira_limit - ira.roth_contribution - ira.deductible_contribution)


def recharacterize_amount(ira: IRA, roth_limit: Decimal, ira_limit: Decimal) -> Decimal:
    """The direct Roth contribution above the allowed Roth amount that can be recharacterized to a
    traditional IRA (IRC 408A(d)(6); Treas. Reg. 1.408A-5, Q&A-1; Form 8606 instructions,
    "Recharacterizations"): it is then treated as a traditional contribution from the start, so it is
    the backdoor's nondeductible contribution (Form 8606 line 1) instead of an excess owing 6% a year
    (IRC 4973(f)). Only what fits in the IRA limit beside the other contributions can be moved; the rest
    is a true excess, to withdraw with its earnings (IRC 408(d)(4))."""
    over = max(ZERO, ira.roth_contribution - roth_limit)
    kept = ira.roth_contribution - over
    fits = max(ZERO, ira_limit - kept - ira.nondeductible_contribution - ira.deductible_contribution)
    return min(over, fits)


# ------------------------------------------------------------------ direct Roth IRA


def roth_phaseout(limits: TaxYearLimits, filing_status: FilingStatus, lived_with_spouse: bool) -> PhaseOut:
    """The Roth IRA MAGI range for the filing status (IRC 408A(c)(3); Pub. 590-A Table 2-1).

    Married filing separately who lived with the spouse at any time in the year: $0 to $10,000.
    Married filing separately who lived apart all year files as single for this purpose."""
    if filing_status in (FS.MARRIED_FILING_JOINTLY, FS.QUALIFYING_SURVIVING_SPOUSE):
        return limits.roth_phaseout_joint
    if filing_status is FS.MARRIED_FILING_SEPARATELY and lived_with_spouse:
        return limits.roth_phaseout_separate_lived_with_spouse
    return limits.roth_phaseout_single


def roth_direct_status(magi: Decimal, phaseout: PhaseOut) -> Literal["full", "partial", "none"]:
    """Up to the bottom of the range the full amount; inside it a reduced amount; at or above the top,
    none (Pub. 590-A). At exactly the bottom Worksheet 2-2 line 3 is 0, so line 8 is the full line 6."""
    if magi <= phaseout.lower:
        return "full"
    if magi < phaseout.upper:
        return "partial"
    return "none"


def roth_direct_limit(magi: Decimal, phaseout: PhaseOut, line_6: Decimal, other_iras: Decimal) -> Decimal:
    """Pub. 590-A Worksheet 2-2, lines 1 to 11: what may go straight into a Roth IRA.

    line 6 is the lesser of the dollar limit and compensation (the IRA limit); line 9 the year's
    contributions to traditional IRAs. Inside the range, line 5 is rounded to 3 places, line 8 is
    rounded up to the next $10 and not below $200 (Treas. Reg. 1.408A-3, Q&A-3(b)). At or above the
    top of the range nothing is allowed and the $200 minimum does not apply."""
    line_10 = max(ZERO, line_6 - other_iras)
    status = roth_direct_status(magi, phaseout)
    if status == "none":
        return ZERO
    if status == "full":
        return line_10
    line_3 = magi - phaseout.lower
    line_5 = decimal_3_places(line_3 / Decimal(phaseout.width))
    line_7 = line_5 * line_6
    line_8 = max(Decimal(200), round_up_to_next_10(line_6 - line_7))
    return min(line_8, line_10)


# ------------------------------------------------------------------ deductibility


def is_covered(person: Person) -> bool:
    """Covered by a workplace plan (an "active participant", IRC 219(g)(5); W-2 box 13).

    Anyone deferring into a 401(k), 403(b) or 457(b), or receiving employer or after-tax contributions
    to it for the year, is an active participant whatever was ticked (Pub. 590-A, "Are You Covered by
    an Employer Plan?": a defined contribution plan covers you if amounts are contributed or allocated
    to your account for the year)."""
    for ep in person.plans:
        added = ep.elective_deferrals + ep.catch_up + ep.employer_contributions + (ep.after_tax_contributions or 0)
        if added > 0:
            return True
    return person.covered_by_workplace_plan


def deduction_phaseout(
    limits: TaxYearLimits,
    filing_status: FilingStatus,
    lived_with_spouse: bool,
    covered: bool,
    spouse_covered: bool,
) -> PhaseOut | None:
    """The traditional IRA deduction range, or ``None`` when the contribution is fully deductible.

    IRC 219(g): fully deductible when neither spouse is covered by a workplace plan (W-2 box 13).
    A covered person uses the single or joint range; a person not covered whose spouse is covered
    uses the 219(g)(7) range; married filing separately who lived together: $0 to $10,000."""
    joint = filing_status in (FS.MARRIED_FILING_JOINTLY, FS.QUALIFYING_SURVIVING_SPOUSE)
    separate_together = filing_status is FS.MARRIED_FILING_SEPARATELY and lived_with_spouse
    if covered:
        if separate_together:
            return limits.deduction_phaseout_separate
        return limits.deduction_phaseout_joint_covered if joint else limits.deduction_phaseout_single_covered
    if spouse_covered and filing_status is FS.MARRIED_FILING_JOINTLY:
        return limits.deduction_phaseout_joint_spouse_covered
    if spouse_covered and separate_together:
        return limits.deduction_phaseout_separate
    return None


def contribution_may_be_deductible(magi: Decimal, phaseout: PhaseOut | None) -> bool:
    """True when any part of a traditional contribution could be deducted (IRC 219(g)).

    Then the person must elect nondeductible treatment on Form 8606 line 1, or it creates no basis."""
    return phaseout is None or magi < phaseout.upper


def ira_deduction_limit(
    magi: Decimal, phaseout: PhaseOut | None, dollar_limit: Decimal, ira_limit: Decimal
) -> Decimal:
    """The traditional IRA deduction allowed: Pub. 590-A Worksheet 1-2 ("Figuring Your Reduced IRA
    Deduction"), IRC 219(g)(2).

    Not limited (no range, or MAGI at or under its bottom): the IRA limit. At or above the top: 0.
    Inside: (top - MAGI) x the dollar limit / the width of the range (70% or 35% for $7,000; 75% or
    37.5% for $7,500), raised to the next $10 and not below $200 (worksheet line 4; IRC 219(g)(2)(B)
    and (C)), then at most the IRA limit (compensation, spousal rule; worksheet lines 5-7)."""
    if phaseout is None or magi <= phaseout.lower:
        return ira_limit
    if magi >= phaseout.upper:
        return ZERO
    reduced = round_up_to_next_10((phaseout.upper - magi) * dollar_limit / phaseout.width)
    return min(max(Decimal(200), reduced), ira_limit)


def worksheet_1_1_applies(magi: Decimal, phaseout: PhaseOut | None, deductible: Decimal) -> bool:
    """Pub. 590-B Worksheet 1-1 replaces Form 8606 lines 6-13 only when a contribution for the year may
    not be fully deductible "because of the income limits" and there was a distribution or conversion:
    a deduction claimed while MAGI is inside the phase-out range. Fully deductible contributions (nobody
    covered, or MAGI under the range) are no basis: the conversion of them is taxable."""
    return deductible > 0 and phaseout is not None and phaseout.lower < magi < phaseout.upper


# ------------------------------------------------------------------ Form 8606


def form_8606(ira: IRA, worksheet_1_1_used: bool = False) -> Form8606:
    """Form 8606 Part I (lines 1-15c) and Part II (lines 16-18) for one person.

    Line 10 = line 5 / line 9 rounded half-up to 3 places, at most 1.000; dollar lines whole dollars
    half-up; line 14 never below 0. With no conversion and no distribution, line 3 goes to line 14 and
    lines 4-13 are left empty. A deductible contribution is not basis (it is not on line 1). When the
    deduction is limited by the income phase-out (``worksheet_1_1_used``, see ``worksheet_1_1_applies``),
    Pub. 590-B Worksheet 1-1 gives the nontaxable part (line 13)."""
    line_1 = whole_dollars(ira.nondeductible_contribution)
    line_2 = whole_dollars(ira.prior_basis)
    line_3 = line_1 + line_2
    line_7 = whole_dollars(ira.distributions)
    line_8 = whole_dollars(ira.conversion)
    if line_7 == 0 and line_8 == 0:
        return Form8606(
            line_1=line_1, line_2=line_2, line_3=line_3, line_4=None, line_5=None, line_6=None,
            line_7=None, line_8=None, line_9=None, line_10=None, line_11=None, line_12=None,
            line_13=None, line_14=line_3, line_15c=0, line_16=0, line_17=0, line_18=0,
        )
    line_4 = whole_dollars(ira.contributed_after_year_end)
    line_5 = line_3 - line_4
    line_6 = whole_dollars(ira.balance_dec31)
    line_9 = line_6 + line_7 + line_8
    if worksheet_1_1_used and ira.deductible_contribution > 0:
        line_10, line_13 = worksheet_1_1(ira)
        line_11 = whole_dollars(line_8 * line_10)
        line_12 = line_13 - line_11
    else:
        line_10 = decimal_3_places(Decimal(line_5) / Decimal(line_9))
        line_11 = whole_dollars(line_8 * line_10)
        line_12 = whole_dollars(line_7 * line_10)
        line_13 = line_11 + line_12
    line_14 = max(0, line_3 - line_13)
    line_15c = max(0, line_7 - line_12)
    return Form8606(
        line_1=line_1, line_2=line_2, line_3=line_3, line_4=line_4, line_5=line_5, line_6=line_6,
        line_7=line_7, line_8=line_8, line_9=line_9, line_10=float(line_10), line_11=line_11,
        line_12=line_12, line_13=line_13, line_14=line_14, line_15c=line_15c,
        line_16=line_8, line_17=line_11, line_18=line_8 - line_11,
    )


def worksheet_1_1(ira: IRA) -> tuple[Decimal, int]:
    """Pub. 590-B Worksheet 1-1 ("Figuring the Taxable Part of Your IRA Distribution"), lines 1-8.

    Returns (line 7, the nontaxable fraction; line 8, the nontaxable amount, which goes on Form 8606
    line 13). Line 2 counts all contributions for the year, deductible or not."""
    line_3 = whole_dollars(ira.prior_basis) + whole_dollars(
        ira.nondeductible_contribution + ira.deductible_contribution
    )
    line_5 = whole_dollars(ira.conversion) + whole_dollars(ira.distributions)
    line_6 = whole_dollars(ira.balance_dec31) + line_5
    line_7 = decimal_3_places(Decimal(line_3) / Decimal(line_6))
    return line_7, whole_dollars(line_5 * line_7)


def pro_rata_applies(form: Form8606) -> bool:
    """A conversion while traditional, SEP or SIMPLE IRAs hold money on December 31 (Form 8606 line 6;
    IRC 408(d)(2): all IRAs are one contract valued at the close of the year)."""
    return bool(form.line_8) and bool(form.line_6)


def roll_in_amount(form: Form8606) -> int:
    """The pre-tax IRA money that a roll-in to the employer plan by December 31 takes off line 6.

    IRC 408(d)(3)(A)(ii): only the part that would be includible in income may roll into a plan;
    IRC 408(d)(3)(H): such a rollover comes first from pre-tax money. The pre-tax money is the IRAs'
    value (lines 6 + 7 + 8) less the basis (line 5); only what is still there on December 31 helps."""
    if not pro_rata_applies(form):
        return 0
    assert form.line_5 is not None and form.line_6 is not None
    pre_tax = (form.line_6 or 0) + (form.line_7 or 0) + (form.line_8 or 0) - form.line_5
    return max(0, min(form.line_6, pre_tax))


def balance_after_roll_in(ira: IRA, form: Form8606) -> Decimal:
    """Form 8606 line 6 once the pre-tax money (``roll_in_amount``) has rolled into the employer plan.

    Line 6 is whole dollars and the amount moved comes from it: what stays is line 6 less it, never the
    unrounded balance less it (a balance with cents would go below 0)."""
    moved = roll_in_amount(form)
    if not moved:
        return ira.balance_dec31
    assert form.line_6 is not None
    return Decimal(max(0, form.line_6 - moved))


def form_8606_after_roll_in(ira: IRA, form: Form8606, worksheet_1_1_used: bool = False) -> Form8606:
    """Form 8606 as it would be with the pre-tax IRA money rolled into the employer plan by Dec. 31."""
    moved = roll_in_amount(form)
    if not moved:
        return form
    # Line 6 is whole dollars and ``moved`` comes from it: what stays is line 6 less it, never the
    # unrounded balance less it (a balance with cents would go below 0).
    assert form.line_6 is not None
    rest = Decimal(form.line_6 - moved)
    return form_8606(ira.model_copy(update={"balance_dec31": rest}), worksheet_1_1_used)


# ------------------------------------------------------------------ required minimum distributions


def rmd_age(birth_year: int) -> int:
    """The age at which required minimum distributions start, IRC 401(a)(9)(C)(v) as amended by
    SECURE 2.0 sec. 107: 72 for those born 1949-1950 (SECURE Act sec. 114), 73 for those born 1951-1959,
    75 for those born in 1960 or later (Pub. 590-B, "When Must You Withdraw Assets?")."""
    if birth_year <= 1950:
        return 72
    if birth_year <= 1959:
        return 73
    return 75


def rmd_year(tax_year: int, age: int) -> bool:
    """True when the year is a distribution year (age on December 31 at or above the RMD age; born in
    ``tax_year - age``). In such a year the first dollars out of the IRAs are the RMD, and an RMD cannot
    be converted (Treas. Reg. 1.408A-4, Q&A-6; IRC 408(d)(3)(E)) - even in the first year, whose RMD
    may wait until April 1 of the next year."""
    return age >= rmd_age(tax_year - age)


# ------------------------------------------------------------------ employer plan


def catch_up_limit(limits: TaxYearLimits, age: int) -> Decimal:
    """The elective-deferral catch-up for the age on December 31.

    IRC 414(v)(2)(B)(i): age 50 or older. IRC 414(v)(2)(E) (SECURE 2.0 sec. 109), from 2025: a
    participant who attains 60, 61, 62 or 63 in the year gets the larger amount *instead of* the
    age-50 one, not in addition; at 64 the age-50 amount applies again."""
    if age < 50:
        return ZERO
    super_catch_up = limits.catch_up_60_63.value
    if 60 <= age <= 63 and super_catch_up is not None:
        return Decimal(super_catch_up)
    return Decimal(limits.catch_up_50.value)


def annual_additions_limit(limits: TaxYearLimits, compensation: Decimal) -> Decimal:
    """IRC 415(c)(1): the lesser of the dollar limit and 100% of the IRC 415(c)(3) compensation."""
    return min(Decimal(limits.annual_additions_limit.value), compensation)


def section_415c_compensation(person: Person, plan: EmployerPlan) -> Decimal:
    """The compensation the IRC 415(c)(1)(B) "100% of compensation" test uses: IRC 415(c)(3), pay from
    the employer *including* elective deferrals (415(c)(3)(D)), as entered in ``plan_compensation``.
    Without it, the person's taxable compensation (which leaves pre-tax deferrals out, so it can only
    understate the limit)."""
    return person.compensation if plan.plan_compensation is None else plan.plan_compensation


def plan_compensation(limits: TaxYearLimits, compensation: Decimal) -> Decimal:
    """The pay an employer's contribution formula may use: capped at IRC 401(a)(17)."""
    return min(Decimal(limits.compensation_limit.value), compensation)


def deferral_limit(limits: TaxYearLimits, plan: EmployerPlan) -> Decimal:
    """The elective deferral limit for the plan: IRC 402(g)(1) for a 401(k) or 403(b), raised by the
    403(b) 15-year catch-up entered (IRC 402(g)(7), at most $3,000 a year); a governmental 457(b) has
    its own, separate limit of the same amount (IRC 457(b)(2), 457(e)(15); Treas. Reg. 1.457-5)."""
    if plan.type == "457b":
        return Decimal(limits.governmental_457b_limit.value)
    limit = Decimal(limits.elective_deferral_limit.value)
    if plan.type == "403b":
        limit += min(plan.catch_up_15_year, Decimal(limits.special_403b_catch_up.value))
    return limit


@dataclass(frozen=True)
class DeferralSplit:
    """Deferrals as the rules count them: ``regular`` within the deferral limit (annual additions under
    IRC 415(c)), ``catch_up`` under IRC 414(v) (outside 415(c)), ``excess`` above both."""

    regular: Decimal
    catch_up: Decimal
    excess: Decimal
    moved: Decimal  # deferrals entered as regular that count as catch-up


def split_deferrals(
    limits: TaxYearLimits, plan: EmployerPlan, age: int, additions_limit: Decimal | None = None
) -> DeferralSplit:
    """Treas. Reg. 1.414(v)-1(b)(1) and (c): elective deferrals above an applicable limit are catch-ups,
    up to the catch-up limit. The applicable statutory limits are the deferral limit (402(g)(1), with a
    403(b)'s 402(g)(7) amount, which comes first: Treas. Reg. 1.403(b)-4(c)(3)(iv); a governmental
    457(b)'s own limit) and the IRC 415(c)(1)(A) dollar limit itself (``additions_limit``: deferrals
    that would take the annual additions above it count as catch-ups), so catch-ups always sit on top
    of the $72,000 (2026). What is left above the deferral limit is an excess."""
    cap = deferral_limit(limits, plan)
    room = max(ZERO, catch_up_limit(limits, age) - plan.catch_up)
    over_402g = max(ZERO, plan.elective_deferrals - cap)
    moved = min(over_402g, room)
    regular = plan.elective_deferrals - moved
    if additions_limit is not None and plan.type != "457b":
        over_415c = max(ZERO, regular + plan.employer_contributions - additions_limit)
        more = min(over_415c, room - moved, regular)
        moved += more
        regular -= more
    return DeferralSplit(regular=regular, catch_up=plan.catch_up + moved,
                         excess=max(ZERO, regular - cap), moved=moved)


def contribution_deadline(limits: TaxYearLimits):
    """The last day to contribute for the year: the return's due date without extensions (IRC 219(f)(3))."""
    return limits.contribution_deadline.value


def mega_backdoor_room(
    limits: TaxYearLimits, compensation: Decimal, plan: EmployerPlan, age: int = 0
) -> Decimal:
    """After-tax room under IRC 415(c): the limit (on the 415(c)(3) ``compensation``) less the regular
    elective deferrals and the employer contributions.

    Catch-up contributions are not annual additions (IRC 414(v)(3)(A)), including deferrals above the
    402(g) limit that count as catch-ups at ``age`` (``split_deferrals``), so they do not use room.
    Never below 0 (irs.gov "401(k) and profit-sharing plan contribution limits"). A governmental 457(b)
    takes no after-tax contributions: no room."""
    if plan.type == "457b":
        return ZERO
    limit = annual_additions_limit(limits, compensation)
    regular = split_deferrals(limits, plan, age, Decimal(limits.annual_additions_limit.value)).regular
    return max(ZERO, limit - regular - plan.employer_contributions)


def mega_backdoor_blockers(plan: EmployerPlan | None, room: Decimal) -> list[str]:
    """What stands in the way of a mega backdoor Roth (IRC 402A(c)(4)(E); Notice 2014-54).

    The plan must take after-tax contributions and offer either in-service distributions of them or an
    in-plan Roth conversion; either path is as good. ``feature_unknown`` while a needed answer is open."""
    if plan is None:
        return ["no_employer_plan"]
    blockers = []
    f = plan.features
    if f.after_tax_contributions is False:
        blockers.append("no_after_tax_contributions")
    paths = (f.in_service_distributions, f.in_plan_roth_conversion)
    if all(p is False for p in paths):
        blockers.append("no_in_service_or_in_plan_conversion")
    if room <= 0:
        blockers.append("no_room")
    path_open = any(p is True for p in paths)
    if f.after_tax_contributions is None or (not path_open and None in paths):
        blockers.append("feature_unknown")
    return blockers


def roth_catch_up_required(limits: TaxYearLimits, plan: EmployerPlan) -> bool:
    """IRC 414(v)(7)(A) (SECURE 2.0 sec. 603): prior-year FICA wages from the plan's sponsor above the
    year's threshold make every catch-up Roth-only. Enforced from 2026 (Notice 2023-62 transition)."""
    threshold = limits.roth_catch_up_wage_threshold
    wages = plan.prior_year_fica_wages
    return threshold.enforced and wages is not None and wages > threshold.value


def is_highly_compensated(limits: TaxYearLimits, lookback_pay: Decimal) -> bool:
    """IRC 414(q)(1)(B)(i); Notice 97-45 and Treas. Reg. 1.414(q)-1T, Q&A-14 (the look-back year is the
    preceding 12 months): pay from the employer in the look-back year above the dollar amount *for that
    look-back year* makes an HCE: 2023's
    $150,000 for 2024, 2024's $155,000 for 2025, 2025's $160,000 for 2026 (``hce_lookback_threshold``)."""
    return lookback_pay > limits.hce_lookback_threshold.value


# ------------------------------------------------------------------ several employer plans

PLAN_TYPE_NAMES = {"401k": "401(k)", "403b": "403(b)", "457b": "457(b)", "solo_401k": "solo 401(k)"}


def plan_label(plan: EmployerPlan) -> str:
    """How a plan is named to the person: "Mercy Hospital 403(b)", or "your 403(b)" without an employer."""
    kind = PLAN_TYPE_NAMES[plan.type]
    name = (plan.employer or "").strip()
    return f"{name} {kind}" if name else f"your {kind}"


def shares_402g(plan: EmployerPlan) -> bool:
    """401(k), 403(b) and solo 401(k) deferrals share one IRC 402(g)(1) limit per person, whoever
    sponsors the plans (irs.gov "How much salary can you defer if you're eligible for more than one
    retirement plan?"); a governmental 457(b) has its own (IRC 457(e)(15); Treas. Reg. 1.457-5)."""
    return plan.type != "457b"


def person_deferral_limit(limits: TaxYearLimits, plans: list[EmployerPlan]) -> Decimal:
    """The IRC 402(g)(1) limit, once per person across every plan that shares it, raised by the 403(b)
    15-year catch-up entered (IRC 402(g)(7): at most $3,000 a year, however many 403(b)s)."""
    special = sum((p.catch_up_15_year for p in plans if p.type == "403b"), ZERO)
    return Decimal(limits.elective_deferral_limit.value) + min(special, Decimal(limits.special_403b_catch_up.value))


def plan_catch_up_limit(limits: TaxYearLimits, age: int, plan: EmployerPlan, roth_only: bool) -> Decimal:
    """The catch-up a plan may take: the IRC 414(v)(2)(B) amount for the age; the age 60-63 amount only
    where the plan offers it (it is optional for plans, IRC 414(v)(2)(E); ``None`` counts as offered);
    nothing when every catch-up must be Roth and the plan has no Roth deferrals (IRC 414(v)(7)(A): such
    a plan cannot take catch-ups from that person)."""
    if roth_only and plan.features.roth_deferrals is False:
        return ZERO
    amount = catch_up_limit(limits, age)
    if 60 <= age <= 63 and plan.features.super_catch_up is False:
        amount = Decimal(limits.catch_up_50.value)
    return amount


def group_key(index: int, plan: EmployerPlan) -> str | None:
    """Which IRC 415(c) limit a plan uses: its ``controlled_group``; else its employer's name (plans of one
    employer are aggregated, IRC 415(f)(1)(B)); else its own. A governmental 457(b) is under IRC
    457(b)(2), not 415(c): ``None``."""
    if plan.type == "457b":
        return None
    if plan.controlled_group and plan.controlled_group.strip():
        return "group:" + plan.controlled_group.strip().casefold()
    if plan.employer and plan.employer.strip():
        return "employer:" + plan.employer.strip().casefold()
    return f"plan:{index}"


def plan_415c_compensation(person: Person, plan: EmployerPlan) -> Decimal:
    """The IRC 415(c)(3) compensation for the plan's "100% of compensation" test: ``plan_compensation``
    (default the person's compensation). For a self-employed owner's solo 401(k) it is earned income
    (IRC 415(c)(3)(B), 401(c)(2)): net earnings less half the SE tax less the employer contribution."""
    comp = section_415c_compensation(person, plan)
    if plan.type == "solo_401k" and not plan.s_corporation:
        comp = max(ZERO, comp - plan.employer_contributions)
    return comp


def solo_employer_contribution_limit(limits: TaxYearLimits, plan: EmployerPlan, compensation: Decimal) -> Decimal:
    """The most the business may contribute as employer to a solo 401(k) (elective deferrals are on top,
    IRC 404(n)), on compensation capped at IRC 401(a)(17) (IRC 404(l)):

    - an S corporation owner: 25% of W-2 pay (IRC 404(a)(3)(A)(i));
    - a sole proprietor or partner: 20% of net earnings from self-employment less half the SE tax
      (IRC 1402(a)(12), 164(f)): the 25% limit on earned income figured after the contribution itself
      (IRC 404(a)(8)(D)) is 0.25 / 1.25 = 20% (Pub. 560, "Rate table for self-employed")."""
    rate = Decimal("0.25") if plan.s_corporation else Decimal("0.20")
    return whole_dollars(rate * plan_compensation(limits, compensation))


@dataclass
class _Counted:
    regular: Decimal
    moved: Decimal = ZERO
    excess: Decimal = ZERO


def _move_to_catch_up(counted: list[_Counted], order: list[int], over: Decimal, pool: list[Decimal],
                      caps: list[Decimal]) -> None:
    """Count ``over`` of regular deferrals as catch-ups, from the last plan entered back, as far as the
    person's catch-up (``pool[0]``) and each plan's own catch-up room (``caps``) go."""
    for i in reversed(order):
        if over <= 0 or pool[0] <= 0:
            return
        take = min(over, counted[i].regular, pool[0], caps[i])
        counted[i].regular -= take
        counted[i].moved += take
        caps[i] -= take
        pool[0] -= take
        over -= take


def split_deferrals_across(
    limits: TaxYearLimits, plans: list[EmployerPlan], age: int, roth_only: list[bool] | None = None
) -> list[DeferralSplit]:
    """``split_deferrals`` for several plans of one person (Treas. Reg. 1.414(v)-1(b)(1) and (c)).

    Plans sharing IRC 402(g) are counted together: deferrals above the person's limit are catch-ups up to
    the person's one catch-up (IRC 402(g)(1)(C), splittable among the plans: irs.gov "401(k) and
    profit-sharing plan contribution limits", example 2) and each plan's own; then, per IRC 415(c)
    limit (``group_key``), deferrals that would take annual additions above the dollar limit. What is
    left above the limit is an excess, counted against the plans entered last. Each governmental 457(b)
    is counted on its own (its catch-ups are aggregated apart, IRC 414(v)(2)(D)). With one plan this is
    ``split_deferrals``."""
    roth_only = roth_only or [False] * len(plans)
    out: list[DeferralSplit | None] = [None] * len(plans)
    shared = [i for i, p in enumerate(plans) if shares_402g(p)]
    for i, p in enumerate(plans):
        if not shares_402g(p):
            cap = deferral_limit(limits, p)
            room = max(ZERO, plan_catch_up_limit(limits, age, p, roth_only[i]) - p.catch_up)
            moved = min(max(ZERO, p.elective_deferrals - cap), room)
            regular = p.elective_deferrals - moved
            out[i] = DeferralSplit(regular=regular, catch_up=p.catch_up + moved,
                                   excess=max(ZERO, regular - cap), moved=moved)
    if shared:
        cap = person_deferral_limit(limits, [plans[i] for i in shared])
        counted = [_Counted(regular=p.elective_deferrals) for p in plans]
        caps = [max(ZERO, plan_catch_up_limit(limits, age, p, roth_only[i]) - p.catch_up)
                for i, p in enumerate(plans)]
        person_catch_up = max((plan_catch_up_limit(limits, age, plans[i], roth_only[i]) for i in shared),
                              default=ZERO)
        pool = [max(ZERO, person_catch_up - sum((plans[i].catch_up for i in shared), ZERO))]
        total = sum((counted[i].regular for i in shared), ZERO)
        _move_to_catch_up(counted, shared, max(ZERO, total - cap), pool, caps)
        dollar = Decimal(limits.annual_additions_limit.value)
        for key in dict.fromkeys(group_key(i, plans[i]) for i in shared):
            members = [i for i in shared if group_key(i, plans[i]) == key]
            additions = sum((counted[i].regular + plans[i].employer_contributions for i in members), ZERO)
            _move_to_catch_up(counted, members, max(ZERO, additions - dollar), pool, caps)
        excess = max(ZERO, sum((counted[i].regular for i in shared), ZERO) - cap)
        for i in reversed(shared):
            counted[i].excess = min(excess, counted[i].regular)
            excess -= counted[i].excess
        for i in shared:
            c = counted[i]
            out[i] = DeferralSplit(regular=c.regular, catch_up=plans[i].catch_up + c.moved,
                                   excess=c.excess, moved=c.moved)
    return [s for s in out if s is not None]


@dataclass(frozen=True)
class PlanRoom:
    """One plan's after-tax room under its (possibly shared) IRC 415(c) limit."""

    room: Decimal
    additions_limit: Decimal
    compensation: Decimal
    shares_with: list[int]
    over: Decimal = ZERO  # annual additions already above the limit, before any after-tax money


def plan_rooms(
    limits: TaxYearLimits, person: Person, plans: list[EmployerPlan], splits: list[DeferralSplit]
) -> list[PlanRoom]:
    """After-tax room per plan. Plans of one IRC 415(c) limit (``group_key``: one employer or controlled
    group, IRC 414(b), (c), 415(h); a 403(b) with a business the person controls, Treas. Reg.
    1.415(f)-1(f)(2)) share the dollar limit: each shows the room left after every member's regular
    deferrals and employer contributions and the after-tax amounts entered in the others. Each plan's
    additions also stay within 100% of its own compensation (IRC 415(c)(1)(B)). Catch-ups are outside
    (IRC 414(v)(3)(A)). A governmental 457(b) takes no after-tax contributions: no room."""
    dollar = Decimal(limits.annual_additions_limit.value)
    keys = [group_key(i, p) for i, p in enumerate(plans)]
    own = [splits[i].regular + p.employer_contributions for i, p in enumerate(plans)]
    out = []
    for i, p in enumerate(plans):
        comp = plan_415c_compensation(person, p)
        if keys[i] is None:
            out.append(PlanRoom(ZERO, ZERO, comp, []))
            continue
        members = [j for j, k in enumerate(keys) if k == keys[i]]
        others = [j for j in members if j != i]
        used = sum((own[j] for j in members), ZERO)
        used += sum((plans[j].after_tax_contributions or ZERO for j in others), ZERO)
        room = min(dollar - used, comp - own[i])
        out.append(PlanRoom(max(ZERO, room), annual_additions_limit(limits, comp), comp, others, max(ZERO, -room)))
    return out


def plan_blockers(plan: EmployerPlan, room: Decimal) -> list[str]:
    """``mega_backdoor_blockers`` for one of several plans: a governmental 457(b) takes no after-tax money."""
    return ["no_after_tax_contributions"] if plan.type == "457b" else mega_backdoor_blockers(plan, room)


def mega_plan_index(limits: TaxYearLimits, person: Person) -> int | None:
    """The plan for the Mega Backdoor: the one with the most *available* room (no blockers), ties to the
    plan entered first; with none available, the one with the most room. ``None`` without a plan."""
    plans = person.plans
    if not plans:
        return None
    roth_only = [roth_catch_up_required(limits, p) for p in plans]
    rooms = plan_rooms(limits, person, plans, split_deferrals_across(limits, plans, person.age, roth_only))
    return max(range(len(plans)),
               key=lambda i: (not plan_blockers(plans[i], rooms[i].room), rooms[i].room, -i))


def roll_in_plan(person: Person) -> EmployerPlan | None:
    """The plan to roll pre-tax IRA money into: the first that accepts roll-ins, else the first whose answer
    is not known yet (a 401(k), 403(b) or governmental 457(b) may accept them, IRC 408(d)(3)(A)(ii)),
    else the first plan (which then does not accept them)."""
    plans = person.plans
    return (next((p for p in plans if p.features.accepts_roll_ins), None)
            or next((p for p in plans if p.features.accepts_roll_ins is None), None)
            or (plans[0] if plans else None))
