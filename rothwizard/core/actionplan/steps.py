"""The checklists: the seed article's steps for each strategy, with amounts, places, dates and cautions.

Amounts come from the ``Report``; dates from the year's limits (the contribution deadline) and the
calendar (December 31 of the tax year). Nothing here computes a tax figure.
"""

from __future__ import annotations

import datetime as dt

from rothwizard.core import rules
from rothwizard.core.actionplan.model import Checklist, Step, long_date, money
from rothwizard.core.limits import TaxYearLimits
from rothwizard.core.models import Person, PersonReport

CUSTODIAN = "IRA custodian (brokerage)"
PLAN_ADMIN = "Plan administrator / HR"
SRC_ARTICLE = "Backdoor Roth IRAs vs. Mega Backdoor Roth (the steps)"
SRC_8606 = "Form 8606 instructions"
SRC_2014_54 = "IRS Notice 2014-54"
SRC_IRR = "IRC 402A(c)(4)(E); Notice 2013-74"

BLOCKER_TEXT = {
    "no_employer_plan": "no 401(k) or 403(b) was entered",
    "no_after_tax_contributions": "the plan does not take after-tax contributions",
    "no_in_service_or_in_plan_conversion": (
        "the plan offers neither in-service distributions nor an in-plan Roth conversion"),
    "no_room": "no room is left under the annual additions limit",
    "feature_unknown": "some plan features are not known yet",
}


def _step(person: Person, **kw) -> Step:
    tick = person.checklist.get(kw["id"])
    return Step(done=bool(tick and tick.done), done_on=tick.date if tick else None, **kw)


def direct_checklist(role: str, label: str, person: Person, rep: PersonReport,
                     limits: TaxYearLimits) -> Checklist:
    deadline = limits.contribution_deadline.value
    step = _step(
        person, id="direct.contribute", title="Contribute directly to a Roth IRA",
        amount=rep.roth_direct_limit, amount_text=money(rep.roth_direct_limit), where=CUSTODIAN,
        by=deadline, by_text=f"{long_date(deadline)} (a filing extension does not extend it)",
        watch=("Tell the custodian which tax year the contribution is for.",
               "If your MAGI ends up higher than planned, recharacterize the excess before the deadline."),
        source=limits.contribution_deadline.source,
    )
    return Checklist("direct", "Direct Roth IRA contribution", role, label,
                     "Your MAGI allows a Roth IRA contribution without the backdoor.", (step,))


def backdoor_checklist(role: str, label: str, person: Person, rep: PersonReport,
                       limits: TaxYearLimits) -> Checklist:
    year = limits.tax_year
    dec31 = dt.date(year, 12, 31)
    deadline = limits.contribution_deadline.value
    form = rep.form_8606
    contribution = rep.backdoor_contribution
    late = person.ira.contributed_after_year_end > 0
    contribute_by = deadline if late else dec31
    contribute_when = (
        f"{long_date(deadline)}, the legal deadline for {year} (a filing extension does not extend it)"
        if late else
        f"{long_date(dec31)} so you can convert in {year} as this plan assumes; the legal deadline for "
        f"{year} contributions is {long_date(deadline)} (a filing extension does not extend it)")
    contribute_watch = [
        "It is nondeductible: report it on Form 8606 line 1 with your return.",
        "Leave it in cash (the settlement or money market fund) until you convert.",
    ]
    if late:
        contribute_watch.append(f"Between January 1 and {long_date(deadline)}, tell the custodian the "
                                f"contribution is for {year}.")
    if form.line_1 != contribution:
        contribute_watch.append(f"Your plan enters {money(form.line_1)} on Form 8606 line 1; the preview "
                                f"uses that figure.")
    converted = form.line_8 or 0
    convert_watch = ["Convert all of it, including any interest it earned.",
                     "Choose no tax withholding: withheld tax is a distribution, not a conversion."]
    if form.line_18:
        convert_watch.append(f"{money(form.line_18)} of it is taxable (Form 8606 line 18).")
    steps = [
        _step(person, id="backdoor.open_ira", title="Open a traditional IRA and a Roth IRA",
              amount=None, amount_text="no money yet", where=CUSTODIAN, by=contribute_by,
              by_text=f"before you contribute (by {long_date(contribute_by)})",
              watch=("Already hold traditional, SEP or SIMPLE IRA money? Read the pro rata warning first.",
                     "Your spouse's IRAs, inherited IRAs and 401(k)s do not count for pro rata."),
              source=SRC_ARTICLE),
        _step(person, id="backdoor.contribute", title="Contribute to the traditional IRA",
              amount=contribution, amount_text=money(contribution), where=CUSTODIAN, by=contribute_by,
              by_text=contribute_when, watch=tuple(contribute_watch), source=limits.ira_limit.source),
    ]
    if rep.roll_in_amount:
        steps.append(_step(
            person, id="backdoor.roll_in", title="Roll pre-tax IRA money into your employer plan",
            amount=rep.roll_in_amount, amount_text=money(rep.roll_in_amount),
            where=f"{PLAN_ADMIN}, and the IRA custodian", by=dec31,
            by_text=f"{long_date(dec31)}: the balance on that day decides pro rata",
            watch=("Only pre-tax money may roll in; your basis stays in the IRA.",
                   f"Taxable conversion falls from {money(form.line_18)} to "
                   f"{money(rep.line_18_after_roll_in)}."),
            source="IRC 408(d)(3)(A)(ii) and (H)"))
    steps += [
        _step(person, id="backdoor.convert", title="Convert the traditional IRA to the Roth IRA",
              amount=form.line_8, amount_text=money(converted) if converted else money(contribution),
              where=CUSTODIAN, by=dec31,
              by_text=f"{long_date(dec31)} (conversions count in the calendar year they happen)",
              watch=tuple(convert_watch), source=f"{SRC_8606}, lines 8 and 16"),
        _step(person, id="backdoor.invest", title="Invest the money in the Roth IRA",
              amount=None, amount_text="the converted amount", where=CUSTODIAN, by=dec31,
              by_text="right after the conversion has settled",
              watch=("Invest only after converting: gains made before the conversion are taxed.",),
              source=SRC_ARTICLE),
    ]
    return Checklist("backdoor", "Backdoor Roth IRA", role, label,
                     f"Contribute {money(contribution)} to a traditional IRA and convert it to a Roth IRA.",
                     tuple(steps))


def mega_checklist(role: str, label: str, person: Person, rep: PersonReport,
                   limits: TaxYearLimits) -> Checklist:
    year = limits.tax_year
    dec31 = dt.date(year, 12, 31)
    ep = person.plan_at(rep.mega_backdoor.plan_index)
    assert ep is not None
    plan = rules.plan_label(ep).removeprefix("your ")
    mega = rep.mega_backdoor
    in_service = ep.features.in_service_distributions
    in_plan = ep.features.in_plan_roth_conversion
    intro = (f"Put up to {money(mega.room)} of after-tax money into your {plan} and move it to Roth "
             f"quickly.")
    if mega.chosen_because:
        intro += f" Why this plan: {mega.chosen_because}"
    if "feature_unknown" in mega.blockers:
        intro += " First confirm the plan features with HR (questions below)."
    if in_service:
        move_title = "Request an in-service distribution of the after-tax money"
        move_watch = ("Ask for the after-tax source only, contributions and earnings, in full.",
                      "Choose no withholding, and a direct rollover (not a check to you).")
        move_src = SRC_2014_54
    elif in_plan:
        move_title = "Request an in-plan Roth conversion of the after-tax money"
        move_watch = ("Ask for the after-tax source only, contributions and earnings.",
                      "Ask whether it can run automatically after each paycheck.",
                      "Earnings converted are taxable in the year of the conversion.")
        move_src = SRC_IRR
    else:
        move_title = "Request an in-service distribution or in-plan Roth conversion"
        move_watch = ("Ask for the after-tax source only, contributions and earnings.",
                      "Choose no withholding and a direct rollover.")
        move_src = f"{SRC_2014_54}; {SRC_IRR}"
    move_src_2 = SRC_2014_54
    to_when = "with the distribution (same day, direct rollover)"
    if in_service or not in_plan:
        where_to = "Send the after-tax money to your Roth IRA"
        to_watch = ("After-tax contributions to the Roth IRA; earnings either to the Roth IRA (taxed now) "
                    "or to a traditional IRA (no tax now).",
                    "Earnings sent to a traditional IRA join the December 31 balance and spoil a backdoor "
                    "Roth (pro rata): send them to the Roth IRA instead if you do both.")
        to_where = "Roth IRA custodian (receives the rollover)"
    else:
        where_to = f"Check the money arrived in the Roth account of your {plan}"
        to_watch = ("The converted money stays in the plan under its Roth source.",
                    "The converted earnings show on a Form 1099-R coded G; keep it for your return.")
        to_where = PLAN_ADMIN
        move_src_2 = SRC_IRR
        to_when = "a few days after each conversion"
    steps = (
        _step(person, id="mega.room", title="Confirm your after-tax room for the year",
              amount=mega.room, amount_text=money(mega.room), where=PLAN_ADMIN, by=dec31,
              by_text="early in the year, before payroll starts",
              watch=(f"Room = {money(mega.annual_additions_limit)} annual additions limit less your "
                     f"deferrals and employer contributions (catch-ups do not count).",
                     "Employer contributions made after year-end for this year use room too."),
              source=limits.annual_additions_limit.source),
        _step(person, id="mega.after_tax", title="Elect after-tax contributions through payroll",
              amount=mega.after_tax_planned, amount_text=money(mega.after_tax_planned),
              where=f"{PLAN_ADMIN} (payroll election)", by=dec31,
              by_text=f"last paycheck of {year}",
              watch=("After-tax is not Roth: pick the after-tax (non-Roth) source.",
                     "The plan's ACP test may refund part of it after the year ends."),
              source="IRC 415(c)(1); IRC 401(m)"),
        _step(person, id="mega.distribute_or_convert", title=move_title, amount=None,
              amount_text="the whole after-tax balance", where=PLAN_ADMIN, by=dec31,
              by_text=f"soon after each contribution, by {long_date(dec31)}", watch=move_watch,
              source=move_src),
        _step(person, id="mega.move", title=where_to, amount=None,
              amount_text="after-tax money plus earnings", where=to_where, by=dec31,
              by_text=to_when, watch=to_watch,
              source=move_src_2),
        _step(person, id="mega.invest", title="Invest the money in the Roth account", amount=None,
              amount_text="what arrived", where=to_where, by=dec31, by_text="as soon as it arrives",
              watch=("Invest only after the money is in the Roth account.",), source=SRC_ARTICLE),
    )
    return Checklist("mega", f"Mega Backdoor Roth ({plan})", role, label, intro, steps)


def skipped_reason(strategy: str, rep: PersonReport) -> str:
    if strategy == "mega":
        why = "; ".join(BLOCKER_TEXT.get(b, b) for b in rep.mega_backdoor.blockers if b != "feature_unknown")
        return f"Mega Backdoor Roth: not possible, because {why}."
    if rep.roth_direct_status == "full":
        return "Backdoor Roth IRA: not needed, because you can contribute to a Roth IRA directly."
    return "Backdoor Roth IRA: no IRA contribution is allowed (no taxable compensation)."
