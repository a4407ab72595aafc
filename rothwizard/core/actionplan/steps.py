"""The checklists: every step, amount, place and date, decided once for every view.

Amounts come from the decisions (``core.decisions``) and the ``Report`` computed on them; dates from
the year's limits and the calendar, relative to the day the plan is made. Nothing here computes a tax
figure. Step texts, HR questions and blocker texts live here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rothwizard.core import rules
from rothwizard.core.actionplan.model import ActionStep, Checklist, long_date, money
from rothwizard.core.actionplan.reporting import QUESTIONS
from rothwizard.core.decisions import PersonDecision, mega_route, questions
from rothwizard.core.limits import TaxYearLimits
from rothwizard.core.models import Person, PersonReport

CUSTODIAN = "IRA custodian (brokerage)"
PLAN_ADMIN = "Plan administrator / HR"
SRC_ARTICLE = "Backdoor Roth IRAs vs. Mega Backdoor Roth (the steps)"
SRC_8606 = "Form 8606 instructions"
SRC_2014_54 = "IRS Notice 2014-54"
SRC_IRR = "IRC 402A(c)(4)(E); Notice 2013-74"
SRC_RECHAR = "IRC 408A(d)(6); Pub. 590-A, recharacterizations"
SRC_EXCESS = "IRC 408(d)(4), 4973; Pub. 590-A, excess contributions"
SRC_ROLL_IN = "IRC 408(d)(3)(A)(ii) and (H)"

BLOCKER_TEXT = {
    "no_employer_plan": "no 401(k) or 403(b) was entered",
    "no_after_tax_contributions": "the plan does not take after-tax contributions",
    "no_in_service_or_in_plan_conversion": (
        "the plan offers neither in-service distributions nor an in-plan Roth conversion"),
    "no_room": "no room is left under the annual additions limit",
    "feature_unknown": "some plan features are not known yet",
}

# What stands in the way of a Mega Backdoor Roth, and what to do instead (the wizard and the PDF).
BLOCKER_DETAIL = {
    "no_after_tax_contributions": (
        "The plan does not accept after-tax contributions, so a Mega Backdoor Roth is not possible in it. "
        "Instead: do the Backdoor Roth IRA, and use the plan's Roth option for your deferrals.",
        "Your plan's summary plan description"),
    "no_in_service_or_in_plan_conversion": (
        "The plan takes after-tax money but lets you neither withdraw it while employed nor convert it "
        "inside the plan, so its earnings would stay taxable until you leave. Instead: the Backdoor Roth "
        "IRA; ask HR whether an in-plan Roth conversion can be added.",
        "Your plan's summary plan description; IRC 402A(c)(4)(E)"),
    "no_room": (
        "Your deferrals and employer contributions already fill the annual additions limit: there is no "
        "room for after-tax money this year. Instead: the Backdoor Roth IRA.", "IRC 415(c)(1)"),
    "feature_unknown": (
        "Not known yet: a question about the plan is \u201cNot sure\u201d. Ask HR (the questions are in the "
        "steps); until then no after-tax money moves.",
        "Your plan's summary plan description"),
}


def blocker_items(codes: list[str]) -> list[tuple[str, str, str]]:
    """The blockers as (kind, message, source) items. "Not known yet" is a question to ask HR, not a
    verdict: a warning, not a blocker."""
    return [("warning" if c == "feature_unknown" else "blocker", *BLOCKER_DETAIL[c])
            for c in codes if c in BLOCKER_DETAIL]


# The step title per feature question; the questions themselves are ``reporting.QUESTIONS``.
ASK_TITLES = {
    "after_tax_contributions": "Ask whether the plan takes after-tax contributions",
    "in_plan_roth_conversion": "Ask whether the plan converts after-tax money inside the plan",
    "in_service_distributions": "Ask whether the after-tax money can be withdrawn while you work",
    "accepts_roll_ins": "Ask whether the plan accepts roll-ins of IRA money",
}
ASK = {key: (ASK_TITLES[key], ask, why) for key, _question, ask, why in QUESTIONS}


class _Maker:
    """Builds the steps of one person: ticks from the plan, overdue flags from ``today``."""

    def __init__(self, role: str, person: Person, today: dt.date):
        self.role, self.person, self.today = role, person, today

    def __call__(self, *, key: str, tick: str, strategy: str, action: str, account: str | None = None,
                 title: str, amount: Decimal | None, amount_text: str | None = None, where: str,
                 due: dt.date | None, by_text: str, watch: tuple[str, ...] | list[str], source: str) -> ActionStep:
        mark = self.person.checklist.get(tick)
        done = bool(mark and mark.done)
        return ActionStep(
            id=f"{self.role}_{key}", tick=tick, strategy=strategy, action=action, account=account,
            title=title, amount=amount,
            amount_text=amount_text if amount_text is not None else money(amount),
            where=where, due=due, by_text=by_text, watch=tuple(watch), source=source, done=done,
            done_on=mark.date if mark and done else None,
            overdue=bool(due is not None and due < self.today and not done))


def direct_checklist(role: str, label: str, person: Person, dec: PersonDecision, rep: PersonReport,
                     limits: TaxYearLimits, today: dt.date) -> Checklist | None:
    """The direct Roth IRA contribution: the amount entered, or, when nothing was entered, what MAGI
    allows after the backdoor contribution. Above what MAGI allows, a recharacterization fixes it."""
    make = _Maker(role, person, today)
    year = limits.tax_year
    deadline = limits.contribution_deadline.value
    entered = person.ira.roth_contribution
    allowed = rep.roth_direct_limit
    moved = rep.recharacterize_amount  # the report's: what fits the IRA limit once it is traditional
    if entered > 0:
        # What may go in directly, the part to recharacterize included; the rest is a true excess.
        amount = min(entered, allowed + moved)
    else:
        # Nothing entered: what Worksheet 2-2 leaves after the backdoor contribution (one IRA limit).
        amount = allowed if dec.roth_direct_status != "none" else Decimal(0)
    excess = max(Decimal(0), entered - amount)
    fix_due = dt.date(year + 1, 10, 15)
    fix_when = f"{long_date(fix_due)} (the extended due date of the {year} return)"
    steps = []
    if amount > 0:
        watch = [f"Tell the custodian the contribution is for {year}.",
                 "If your MAGI ends up higher than planned, recharacterize the excess before the deadline."]
        if moved > 0:
            watch.insert(0, f"Not made yet? Put only {money(allowed)} straight into the Roth IRA and the rest "
                            f"into the traditional IRA: then nothing needs recharacterizing.")
        steps.append(make(
            key="direct_contribute", tick="direct.contribute", strategy="direct_roth", action="contribute",
            account="roth_ira", title="Contribute directly to a Roth IRA", amount=amount, where=CUSTODIAN,
            due=deadline, by_text=f"{long_date(deadline)} (a filing extension does not extend it)",
            watch=watch, source=limits.contribution_deadline.source))
    if moved > 0:
        steps.append(make(
            key="fix_recharacterize", tick="fix.recharacterize", strategy="fix", action="recharacterize",
            account="traditional_ira", title="Recharacterize the excess Roth contribution to the traditional IRA",
            amount=moved, where=CUSTODIAN, due=fix_due, by_text=fix_when,
            watch=(f"Your MAGI allows {money(allowed)} straight into a Roth IRA; move the rest, with its "
                   f"earnings, to the traditional IRA.",
                   "The recharacterized amount counts as a nondeductible traditional contribution: report "
                   "it on Form 8606 line 1 and convert it with the backdoor."),
            source=SRC_RECHAR))
    if excess > 0:
        steps.append(make(
            key="fix_remove_roth_excess", tick="fix.remove_roth_excess", strategy="fix", action="remove_excess",
            account="roth_ira", title="If you already contributed more, withdraw the excess Roth contribution",
            amount=excess, where=CUSTODIAN, due=fix_due, by_text=fix_when,
            watch=(f"Your entry is {money(entered)}; with your other IRA contributions only {money(amount)} "
                   f"fits the IRA limit. Contribute no more than that.",
                   "Withdrawn with its earnings by the due date, the excess is as if never made; the earnings "
                   "are taxable. Left in, it owes 6% each year (IRC 4973)."),
            source=SRC_EXCESS))
    if not steps:
        return None
    intro = ("Your MAGI allows a Roth IRA contribution without the backdoor." if dec.roth_direct_status == "full"
             else f"Your MAGI allows up to {money(dec.direct_limit)} straight into a Roth IRA.")
    return Checklist("direct", "Direct Roth IRA contribution", role, label, intro, tuple(steps))


def backdoor_checklist(role: str, label: str, person: Person, dec: PersonDecision, rep: PersonReport,
                       limits: TaxYearLimits, today: dt.date, direct_amount: Decimal) -> Checklist | None:
    """Open, contribute (Form 8606 line 1), roll in (when planned), convert (line 8), invest; a part
    contributed January 1 to April 15 of the next year is converted in that next year."""
    make = _Maker(role, person, today)
    year = limits.tax_year
    dec31 = dt.date(year, 12, 31)
    next_dec31 = dt.date(year + 1, 12, 31)
    deadline = limits.contribution_deadline.value
    form = rep.form_8606
    ira = person.ira
    room = max(Decimal(0), dec.ira_limit - direct_amount - ira.deductible_contribution)
    contribution = min(Decimal(form.line_1), room)
    converted = Decimal(form.line_8 or 0)
    later = ira.contributed_after_year_end
    if contribution <= 0 and converted <= 0:
        return None
    steps: list[ActionStep] = []
    contribute_by = deadline if later > 0 else dec31
    steps.append(make(
        key="backdoor_open", tick="backdoor.open_ira", strategy="backdoor_roth", action="open_account",
        account="traditional_ira", title="Open a traditional IRA and a Roth IRA", amount=None,
        amount_text="no money yet", where=CUSTODIAN, due=contribute_by,
        by_text=f"before you contribute (by {long_date(contribute_by)})",
        watch=("Already hold traditional, SEP or SIMPLE IRA money? Read the pro rata note first.",
               "Your spouse's IRAs, inherited IRAs and 401(k)s do not count for pro rata."),
        source=SRC_ARTICLE))
    if dec.roll_in is not None and dec.roll_in_unknown:
        title, question, why = ASK["accepts_roll_ins"]
        steps.append(make(
            key="backdoor_ask_roll_ins", tick="backdoor.ask_roll_ins", strategy="backdoor_roth",
            action="ask_plan", title=title, amount=None, amount_text="", where=PLAN_ADMIN, due=None,
            by_text="before any money moves", watch=(f"Ask: \u201c{question}\u201d", why),
            source="Your plan's summary plan description"))
    if contribution > 0:
        if later > 0:
            when = (f"{long_date(deadline)}, the legal deadline for {year}; {money(later)} of it is made from "
                    f"January 1 to April 15, {year + 1} (Form 8606 line 4)")
        else:
            when = (f"{long_date(dec31)} so you can convert in {year} as this plan assumes; the legal deadline "
                    f"for {year} contributions is {long_date(deadline)} (a filing extension does not extend it)")
        watch = ["It is nondeductible: report it on Form 8606 line 1 with your return.",
                 "Leave it in cash (the settlement or money market fund) until you convert."]
        if later > 0:
            watch.append(f"From January 1, {year + 1}, tell the custodian the contribution is for {year}.")
        if today > dec31 and later == 0:
            watch.append(f"December 31, {year} has passed: a contribution made now is made in {year + 1}. "
                         f"Enter it as made after December 31 (Form 8606 line 4) and convert it in {year + 1}.")
        steps.append(make(
            key="backdoor_contribute", tick="backdoor.contribute", strategy="backdoor_roth", action="contribute",
            account="traditional_ira", title="Contribute to the traditional IRA", amount=contribution,
            where=CUSTODIAN, due=contribute_by, by_text=when, watch=watch, source=limits.ira_limit.source))
    excess = Decimal(form.line_1) - room - rep.recharacterize_amount
    if excess > 0:
        fix_due = dt.date(year + 1, 10, 15)
        steps.append(make(
            key="fix_remove_excess", tick="fix.remove_excess", strategy="fix", action="remove_excess",
            account="traditional_ira", title="If you already contributed more, withdraw the excess",
            amount=excess, where=CUSTODIAN, due=fix_due,
            by_text=f"{long_date(fix_due)} (the extended due date of the {year} return)",
            watch=(f"Your entry is {money(form.line_1)}; only {money(room)} fits your IRA limit after your "
                   f"other IRA contributions. Contribute no more than that.",
                   "Withdrawn with its earnings by the due date, the excess is as if never made; the earnings "
                   "are taxable. Left in, it owes 6% each year (IRC 4973)."),
            source=SRC_EXCESS))
    if dec.roll_in:
        steps.append(make(
            key="backdoor_roll_in", tick="backdoor.roll_in", strategy="backdoor_roth", action="roll_in",
            account="traditional_ira", title="Roll pre-tax IRA money into your employer plan",
            amount=dec.roll_in, where=f"{PLAN_ADMIN}, and the IRA custodian", due=dec31,
            by_text=f"{long_date(dec31)}: the balance on that day decides pro rata",
            watch=("Only pre-tax money may roll in; your basis stays in the IRA.",
                   "Ask for a direct rollover (trustee to trustee): the custodian sends a Form 1099-R "
                   "coded G.",
                   f"Form 8606 line 6 then holds {money(form.line_6 or 0)}, and the taxable part of the "
                   f"conversion is {money(form.line_18)}."),
            source=SRC_ROLL_IN))
    if converted > 0:
        watch = ["Convert all of it, including any interest it earned.",
                 "Choose no tax withholding: withheld tax is a distribution, not a conversion."]
        if form.line_18:
            watch.append(f"{money(form.line_18)} of it is taxable (Form 8606 line 18).")
        steps.append(make(
            key="backdoor_convert", tick="backdoor.convert", strategy="backdoor_roth", action="convert",
            account="traditional_ira", title="Convert the traditional IRA money to the Roth IRA",
            amount=converted, where=CUSTODIAN, due=dec31,
            by_text=f"{long_date(dec31)} (conversions count in the calendar year they happen)",
            watch=watch, source=f"{SRC_8606}, lines 8 and 16"))
    if later > 0:
        steps.append(make(
            key="backdoor_convert_next_year", tick="backdoor.convert_next_year", strategy="backdoor_roth",
            action="convert", account="traditional_ira",
            title=f"Convert the part contributed in {year + 1} to the Roth IRA", amount=later,
            where=CUSTODIAN, due=next_dec31,
            by_text=f"after it is contributed, by {long_date(next_dec31)}: it is a {year + 1} conversion",
            watch=(f"It goes on your {year + 1} Form 8606: this year's line 14 carries it as basis to "
                   f"next year's line 2.",
                   "Choose no tax withholding."),
            source="Form 8606 instructions, lines 4 and 14"))
    steps.append(make(
        key="backdoor_invest", tick="backdoor.invest", strategy="backdoor_roth", action="invest",
        account="roth_ira", title="Invest the money in the Roth IRA", amount=None,
        amount_text="the converted amount", where=CUSTODIAN, due=None,
        by_text="right after each conversion has settled",
        watch=("Invest only after converting: gains made before the conversion are taxed.",),
        source=SRC_ARTICLE))
    intro = (f"Contribute {money(contribution)} to a traditional IRA and convert it to a Roth IRA."
             if contribution > 0 else f"Convert {money(converted)} of basis to the Roth IRA.")
    return Checklist("backdoor", "Backdoor Roth IRA", role, label, intro, tuple(steps))


def mega_checklist(role: str, label: str, person: Person, dec: PersonDecision, rep: PersonReport,
                   limits: TaxYearLimits, today: dt.date, plan_index: int | None = None) -> Checklist | None:
    """The questions first while a needed feature is unknown; the money steps only for a plan that
    allows them, on the route its features give (in-plan conversion, else in-service distribution).

    ``plan_index``: another of the person's plans that allows a Mega Backdoor too (its own IRC 415(c)
    room): its steps, with ids and ticks of their own (``you_mega_room_plan2``, ``mega.plan2.room``)."""
    mega = rep.mega_backdoor
    route, ask = dec.mega_route, dec.ask
    suffix = ""
    if plan_index is not None and plan_index != mega.plan_index:
        other = rep.plans[plan_index]
        mega = mega.model_copy(update={
            "room": other.room, "available": other.available, "blockers": other.blockers,
            "annual_additions_limit": other.annual_additions_limit, "after_tax_planned": other.after_tax_planned,
            "plan_index": plan_index, "employer": other.employer, "chosen_because": None})
        chosen = person.plan_at(plan_index)
        route, ask = mega_route(person, chosen), questions(person, chosen)
        suffix = f"plan{plan_index + 1}"
    ep = person.plan_at(mega.plan_index)  # the plan with the most available room, or ``plan_index``
    if ep is None or not set(mega.blockers) <= {"feature_unknown"}:
        return None
    base = _Maker(role, person, today)

    def make(**step):
        if suffix:  # another plan's steps: ids and ticks of their own
            step["key"] = f"{step['key']}_{suffix}"
            step["tick"] = step["tick"].replace("mega.", f"mega.{suffix}.", 1)
        return base(**step)

    year = limits.tax_year
    dec31 = dt.date(year, 12, 31)
    plan = rules.plan_label(ep).removeprefix("your ")  # "County Hospital 403(b)"
    roth_account = f"Roth {rules.PLAN_TYPE_NAMES[ep.type]}"
    admin = f"{PLAN_ADMIN} ({ep.employer.strip()})" if (ep.employer or "").strip() else PLAN_ADMIN
    why = f" Why this plan: {mega.chosen_because}" if mega.chosen_because else ""
    asks = [k for k in ask if k != "accepts_roll_ins"]  # the roll-in question is the backdoor's
    if asks:
        steps = []
        for key in asks:
            title, question, why = ASK[key]
            steps.append(make(
                key=f"mega_ask_{key}", tick=f"mega.ask.{key}", strategy="mega_backdoor_roth",
                action="ask_plan", title=f"{title} ({plan})", amount=None, amount_text="", where=admin, due=None,
                by_text="before any money moves", watch=(f"Ask: \u201c{question}\u201d", why),
                source="Your plan's summary plan description"))
        intro = (f"Up to {money(mega.room)} of after-tax room, if your {plan} allows it. First find out "
                 f"what the plan allows; enter the answers and the money steps follow.{why}")
        return Checklist("mega", f"Mega Backdoor Roth ({plan})", role, label, intro, tuple(steps))
    planned = mega.after_tax_planned
    if planned <= 0:
        return None
    late = today > dt.date(year, 1, 31)
    contribute_when = (f"from the next paycheck; only the paychecks left in {year} can take it"
                       if late and today <= dec31 else f"each paycheck through the last one of {year}")
    contribute_watch = ["After-tax is not Roth: pick the after-tax (non-Roth) source.",
                        "The plan's ACP test may refund part of it after the year ends."]
    if late and today <= dec31:
        contribute_watch.insert(0, f"It is {long_date(today)}: ask payroll whether the paychecks left can "
                                   f"take {money(planned)}, or what the plan allows.")
    steps = [
        make(key="mega_room", tick="mega.room", strategy="mega_backdoor_roth", action="check",
             account="plan_after_tax", title="Confirm your after-tax room for the year", amount=mega.room,
             where=admin, due=dec31, by_text="before you elect after-tax contributions",
             watch=(f"Room = {money(mega.annual_additions_limit)} annual additions limit less your deferrals "
                    f"and employer contributions (catch-ups do not count).",
                    "Employer contributions made after year-end for this year use room too."),
             source=limits.annual_additions_limit.source),
        make(key="mega_contribute", tick="mega.after_tax", strategy="mega_backdoor_roth", action="contribute",
             account="plan_after_tax", title="Elect after-tax contributions through payroll", amount=planned,
             where=f"{admin} (payroll election)", due=dec31, by_text=contribute_when,
             watch=contribute_watch, source="IRC 415(c)(1); IRC 401(m)"),
    ]
    if route == "in_plan":
        other = (" Your plan also allows in-service withdrawals to a Roth IRA; the conversion keeps it simpler."
                 if ep.features.in_service_distributions else "")
        steps += [
            make(key="mega_convert", tick="mega.distribute_or_convert", strategy="mega_backdoor_roth",
                 action="convert", account="plan_after_tax",
                 title=f"Convert the after-tax money to the {roth_account} inside the plan", amount=planned,
                 amount_text=f"{money(planned)} plus earnings", where=admin, due=dec31,
                 by_text=f"soon after each contribution, by {long_date(dec31)}",
                 watch=("Ask for an in-plan Roth conversion of the after-tax source, contributions and "
                        "earnings; ask whether it can run automatically after each paycheck." + other,
                        "Earnings converted are taxable in the year of the conversion."),
                 source=SRC_IRR),
            make(key="mega_check", tick="mega.move", strategy="mega_backdoor_roth", action="check",
                 account=None, title=f"Check the money arrived in the {roth_account}", amount=None,
                 amount_text="", where=admin, due=None, by_text="a few days after each conversion",
                 watch=("The converted money stays in the plan under its Roth source.",
                        "The plan sends a Form 1099-R coded G for the conversion; keep it for your return."),
                 source=SRC_IRR),
        ]
        where_invest = admin
    else:
        steps += [
            make(key="mega_distribute", tick="mega.distribute_or_convert", strategy="mega_backdoor_roth",
                 action="distribute", account="plan_after_tax",
                 title="Take an in-service distribution of the after-tax money to your Roth IRA",
                 amount=planned, amount_text=f"{money(planned)} plus earnings", where=admin, due=dec31,
                 by_text=f"soon after each contribution, by {long_date(dec31)}",
                 watch=("Ask for the after-tax source only, contributions and earnings, in full.",
                        "Choose no withholding and a direct rollover to the Roth IRA (not a check to you).",
                        "Send the earnings to the Roth IRA too (taxed now): earnings sent to a traditional IRA "
                        "join its December 31 balance and spoil a backdoor Roth (pro rata)."),
                 source=SRC_2014_54),
            make(key="mega_check", tick="mega.move", strategy="mega_backdoor_roth", action="check",
                 account="roth_ira", title="Check the money arrived in the Roth IRA", amount=None,
                 amount_text="", where="Roth IRA custodian", due=None, by_text="a few days after each rollover",
                 watch=("The Roth IRA custodian reports it on Form 5498 box 2.",), source=SRC_2014_54),
        ]
        where_invest = "Roth IRA custodian"
    steps.append(make(
        key="mega_invest", tick="mega.invest", strategy="mega_backdoor_roth", action="invest", account=None,
        title="Invest the money in the Roth account", amount=None, amount_text="what arrived",
        where=where_invest, due=None, by_text="as soon as it arrives",
        watch=("Invest only after the money is in the Roth account.",), source=SRC_ARTICLE))
    intro = f"Put {money(planned)} of after-tax money into your {plan} and move it to Roth quickly.{why}"
    return Checklist("mega", f"Mega Backdoor Roth ({plan})", role, label, intro, tuple(steps))


def skipped_reason(strategy: str, rep: PersonReport, dec: PersonDecision) -> str:
    if strategy == "mega":
        why = "; ".join(BLOCKER_TEXT.get(b, b) for b in rep.mega_backdoor.blockers if b != "feature_unknown")
        if not why:
            why = "no after-tax amount is planned"
        return f"Mega Backdoor Roth: not possible, because {why}."
    if dec.roth_direct_status == "full":
        return "Backdoor Roth IRA: not needed, because you can contribute to a Roth IRA directly."
    if dec.ira_limit <= 0:
        return "Backdoor Roth IRA: no IRA contribution is allowed (no taxable compensation)."
    return "Backdoor Roth IRA: not in this plan (no contribution or conversion is planned)."
