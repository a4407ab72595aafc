"""The action plan: the one model every view renders (wizard pages, summary page, PDF, JSON export).

``build_action_plan(plan, report, today=None) -> ActionPlan``. The chain is
plan (entries) -> ``core.decisions.decide`` -> ``calculator.compute`` (the report, on the decisions) ->
this module (steps, dates relative to ``today``, alerts, previews, inputs). Every text a person reads
about a step is made here once; the views format and lay out, nothing more. No Qt, no reportlab.

Checklist tick keys (stable; the wizard saves ticks under them in ``person.checklist``):
``direct.contribute``, ``fix.recharacterize``, ``fix.remove_roth_excess``; ``backdoor.open_ira``,
``backdoor.ask_roll_ins``, ``backdoor.contribute``, ``fix.remove_excess``, ``backdoor.roll_in``, ``backdoor.convert``,
``backdoor.convert_next_year``, ``backdoor.invest``; ``mega.ask.<feature>``, ``mega.room``, ``mega.after_tax``,
``mega.distribute_or_convert``, ``mega.move``, ``mega.invest``. The JSON export's step ids are
``<who>_<strategy>_<action>`` (``you_backdoor_contribute``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rothwizard.core import rules
from rothwizard.core.actionplan.model import (
    ActionPlan,
    ActionStep,
    Alert,
    Checklist,
    FeatureQuestion,
    Figure,
    FormLine,
    FormPreview,
    InputRow,
    Notice,
    PersonPlan,
    TimelineEvent,
    long_date,
    money,
)
from rothwizard.core.actionplan.reporting import (
    age_code,
    expected_forms,
    feature_questions,
    form_8606_preview,
    records,
    timeline,
)
from rothwizard.core.actionplan.steps import (
    ASK,
    backdoor_checklist,
    direct_checklist,
    mega_checklist,
    skipped_reason,
)
from rothwizard.core.decisions import Decisions, PersonDecision, decide
from rothwizard.core.limits import TaxYearLimits, load_limits
from rothwizard.core.models import Person, PersonReport, Plan, Report

__all__ = [
    "ASK", "STEP_IDS", "ActionPlan", "ActionStep", "Alert", "Checklist", "FeatureQuestion", "Figure",
    "FormLine", "FormPreview", "InputRow", "Notice", "PersonPlan", "TimelineEvent", "age_code",
    "build_action_plan", "long_date", "money",
]

STEP_IDS = (
    "direct.contribute", "fix.recharacterize", "fix.remove_roth_excess",
    "backdoor.open_ira", "backdoor.ask_roll_ins", "backdoor.contribute", "fix.remove_excess", "backdoor.roll_in",
    "backdoor.convert", "backdoor.convert_next_year", "backdoor.invest",
    "mega.ask.after_tax_contributions", "mega.ask.in_plan_roth_conversion", "mega.ask.in_service_distributions",
    "mega.room", "mega.after_tax", "mega.distribute_or_convert", "mega.move", "mega.invest",
)
LABELS = {"you": "You", "spouse": "Your spouse"}
STRATEGIES = {"direct": "direct_roth", "backdoor": "backdoor_roth", "mega": "mega_backdoor_roth"}
STRATEGY_NAMES = {"direct_roth": "a direct Roth IRA contribution", "backdoor_roth": "a Backdoor Roth IRA",
                  "mega_backdoor_roth": "a Mega Backdoor Roth"}
SRC_PRO_RATA = "Form 8606 instructions, line 6; IRC 408(d)(2)"
FILING = {"single": "Single", "married_filing_jointly": "Married filing jointly",
          "married_filing_separately": "Married filing separately", "head_of_household": "Head of household",
          "qualifying_surviving_spouse": "Qualifying surviving spouse"}


def person_label(role: str, person: Person) -> str:
    return person.name or LABELS[role]


def _figures(rep: PersonReport, dec: PersonDecision, contribution: Decimal) -> tuple[Figure, ...]:
    mega = rep.mega_backdoor
    usable = set(mega.blockers) <= {"feature_unknown"}
    if "no_employer_plan" in mega.blockers:
        mega_note = "no employer plan"
    elif not usable:
        from rothwizard.core.actionplan.steps import BLOCKER_TEXT
        mega_note = "not usable: " + "; ".join(BLOCKER_TEXT.get(b, b) for b in mega.blockers
                                               if b != "feature_unknown")
    elif "feature_unknown" in mega.blockers:
        mega_note = "only if the plan allows it (questions first)"
    else:
        mega_note = f"after-tax room under the {money(mega.annual_additions_limit)} annual additions limit"
    origin = "your entry" if dec.contribution.origin == "entered" else "recommended"
    return (
        Figure("IRA contribution (backdoor)", contribution,
               f"nondeductible, {origin}; your IRA limit is {money(dec.ira_limit)}"),
        Figure("Direct Roth IRA limit", dec.direct_limit, "Pub. 590-A Worksheet 2-2, before a backdoor"),
        Figure("Taxable conversion", Decimal(rep.form_8606.line_18), "Form 8606 line 18"),
        Figure("Mega backdoor room", mega.room, mega_note),
    )


def _alerts(plan: Plan, role: str, label: str, person: Person, rep: PersonReport, dec: PersonDecision,
            checklists: list[Checklist]) -> list[Alert]:
    """What to read before the checklist: the pro rata tax with its choices, entries that depart from
    the recommendation, a direct Roth option, questions to settle first, deadlines passed."""
    out = []
    form = rep.form_8606
    year = plan.tax_year
    has_backdoor = any(c.strategy == "backdoor" for c in checklists)
    if has_backdoor and form.line_18 and form.line_8:
        choices = []
        ep = rules.roll_in_plan(person)
        pre_tax = (form.line_6 or 0)
        if dec.roll_in is None and pre_tax and ep is not None and ep.features.accepts_roll_ins is not False:
            known = "accepts roll-ins" if ep.features.accepts_roll_ins else "may accept roll-ins (ask HR)"
            after = (money(rep.line_18_after_roll_in) if rep.line_18_after_roll_in is not None
                     else "about $0")
            choices.append(f"Roll the pre-tax IRA money into your employer plan first (it {known}) by "
                           f"December 31, {year}, and choose \u201cI will roll it in\u201d on the IRA page: "
                           f"the taxable part falls to {after}.")
        choices.append(f"Skip the backdoor this year: contribute nothing, convert nothing; no tax, but "
                       f"the {year} IRA limit is lost.")
        choices.append(f"Accept it: convert as planned and pay income tax on {money(form.line_18)} "
                       f"(Form 1040 line 4b).")
        why = (f"your traditional, SEP and SIMPLE IRAs hold {money(form.line_6 or 0)} on December 31"
               if form.line_6 else "the amount converted is more than your basis")
        out.append(Alert("pro_rata", role, label,
                         f"{money(form.line_18)} of the {money(form.line_8)} conversion is taxable",
                         f"Because {why}, Form 8606 line 18 shows {money(form.line_18)} taxable (the pro rata "
                         f"rule).", tuple(choices), SRC_PRO_RATA))
    for diff in dec.differences:
        out.append(Alert("entry_differs", role, label, "Your entry differs from the recommendation",
                         diff.message, field=diff.field))
    mega = rep.mega_backdoor
    ep = person.plan_at(mega.plan_index)
    planned = ep.after_tax_contributions if ep is not None else None
    field = (f"{role}.employer_plans.{mega.plan_index}.after_tax_contributions" if person.employer_plans
             else f"{role}.employer_plan.after_tax_contributions")
    if planned is not None and any(c.strategy == "mega" for c in checklists) and planned != mega.room:
        if planned < mega.room:
            text = (f"You plan {money(planned)} of after-tax money; the room allows {money(mega.room)} "
                    f"(IRC 415(c)): {money(mega.room - planned)} of room goes unused this year.")
        else:
            text = (f"You plan {money(planned)} of after-tax money, more than the {money(mega.room)} of room "
                    f"(IRC 415(c)): the steps use {money(mega.room)}.")
        out.append(Alert("entry_differs", role, label, "Your entry differs from the recommendation", text,
                         field=field))
    if (dec.roth_direct_status == "partial" and person.ira.roth_contribution == 0 and dec.direct_limit > 0
            and rep.roth_direct_limit == 0):
        out.append(Alert("direct_option", role, label, "A direct Roth IRA contribution is also possible",
                         f"Your MAGI allows up to {money(dec.direct_limit)} straight into a Roth IRA. This plan "
                         f"puts the whole IRA limit through the backdoor; to split it, enter the direct amount "
                         f"on the direct Roth page and the backdoor takes the rest (one limit for both)."))
    asks = [ASK[k][0] for k in dec.ask]
    if asks:
        out.append(Alert("ask_plan", role, label, "Questions for your plan before any money moves",
                         "Ask HR " + "; ".join(a.removeprefix("Ask ") for a in asks) + "."))
    for p in rep.plans:  # each plan's own questions (Roth deferrals, the 60-63 catch-up, a solo 401(k)'s document)
        if p.questions:
            name = rules.plan_label(person.plans[p.index]).removeprefix("your ")
            out.append(Alert("ask_plan", role, label, f"Questions for the {name}", " ".join(p.questions)))
    if mega.chosen_because and any(c.strategy == "mega" for c in checklists):
        out.append(Alert("plan_chosen", role, label, "Which plan for the Mega Backdoor Roth",
                         mega.chosen_because))
    return out


def _person_plan(plan: Plan, report: Report, role: str, person: Person, rep: PersonReport,
                 dec: PersonDecision, limits: TaxYearLimits, today: dt.date) -> PersonPlan:
    label = person_label(role, person)
    checklists, skipped = [], []
    direct = direct_checklist(role, label, person, dec, rep, limits, today)
    direct_amount = Decimal(0)
    if direct is not None:
        checklists.append(direct)
        direct_amount = next((s.amount for s in direct.steps if s.action == "contribute"), None) or Decimal(0)
    backdoor = None
    if dec.roth_direct_status != "full" or person.ira.nondeductible_contribution is not None:
        backdoor = backdoor_checklist(role, label, person, dec, rep, limits, today, direct_amount)
    if backdoor is not None:
        checklists.append(backdoor)
    else:
        skipped.append(skipped_reason("backdoor", rep, dec))
    mega = mega_checklist(role, label, person, dec, rep, limits, today)
    if mega is not None:
        checklists.append(mega)
    else:
        skipped.append(skipped_reason("mega", rep, dec))
    for other in rep.plans:  # another plan with its own room allows a Mega Backdoor too: its steps
        if (mega is not None and other.index != rep.mega_backdoor.plan_index and other.available
                and other.after_tax_planned > 0):
            more = mega_checklist(role, label, person, dec, rep, limits, today, plan_index=other.index)
            if more is not None:
                checklists.append(more)
    ep = person.plan_at(rep.mega_backdoor.plan_index)
    contribution = next((s.amount for c in checklists for s in c.steps
                         if s.strategy == "backdoor_roth" and s.action == "contribute"), Decimal(0))
    does_mega = mega is not None and any(s.action == "contribute" for s in mega.steps)
    return PersonPlan(
        role=role, person=label, age=person.age, figures=_figures(rep, dec, contribution or Decimal(0)),
        checklists=tuple(checklists), skipped=tuple(skipped), features=feature_questions(person, rep),
        plan_type=None if ep is None else rules.plan_label(ep).removeprefix("your "),
        form_8606=form_8606_preview(rep, plan.tax_year),
        forms=expected_forms(person, rep, backdoor is not None, does_mega, dec.mega_route, dec.roll_in,
                             direct_amount),
        alerts=tuple(_alerts(plan, role, label, person, rep, dec, checklists)),
        form_8606_lines=rep.form_8606.model_dump(mode="json"),
        decision=dec,
    )


def headline(year: int, people: tuple[PersonPlan, ...]) -> tuple[str, tuple[str, ...]]:
    """The recommendation in one sentence, from the steps (each person's amount moved), with the
    taxable part of a conversion said up front; and the strategies, in order."""
    two = len(people) > 1
    parts, codes = [], []
    for code in ("direct_roth", "backdoor_roth", "mega_backdoor_roth"):
        amounts = []
        for p in people:
            contrib = [s for s in p.steps if s.strategy == code and s.action == "contribute"]
            if not contrib:
                continue
            amount = sum((s.amount or Decimal(0)) for s in contrib)
            who = f" for {p.person if p.person not in LABELS.values() else p.person.lower()}" if two else ""
            up_to = "up to " if code == "mega_backdoor_roth" else ""
            amounts.append(f"{up_to}{money(amount)}{who}")
        if amounts:
            codes.append(code)
            parts.append(f"{STRATEGY_NAMES[code]} ({', '.join(amounts)})")
    if not parts:
        asks = any(s.action == "ask_plan" for p in people for s in p.steps)
        text = (f"For {year}, nothing moves yet: first find out what your employer plan allows (below)."
                if asks else f"For {year}, neither strategy fits this plan as entered; see the warnings.")
        return text, ()
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    text = f"For {year}, do {joined}."
    for p in people:
        for a in p.alerts:
            if a.code == "pro_rata":
                who = f"{p.person}: " if two else ""
                text += f" {who}{a.title} (pro rata): read the choices first."
    return text, tuple(codes)


def _inputs(plan: Plan) -> tuple[tuple[InputRow, ...], tuple[InputRow, ...]]:
    """Every entry of the plan, per person, as the person made it (empty ones say what is used)."""
    household = [InputRow("Tax year", (str(plan.tax_year),)),
                 InputRow("Filing status", (FILING[plan.filing_status.value],)),
                 InputRow("MAGI (household)", (money(plan.magi),)),
                 InputRow("Federal marginal tax rate", ("not entered (the tax is shown as a range)"
                                                        if plan.marginal_tax_rate is None
                                                        else f"{plan.marginal_tax_rate.normalize():f}%",))]
    if plan.filing_status.value == "married_filing_separately":
        household.append(InputRow("Lived with spouse", ("Yes" if plan.lived_with_spouse else "No",)))
    people = [p for _r, p in plan.people()]

    def row(label, get):
        return InputRow(label, tuple(get(p) for p in people))

    def amount(value, empty="recommended"):
        return empty if value is None else money(value)

    def yes(value):
        return {True: "Yes", False: "No", None: "Not sure"}[value]

    def ep(p, attr, fmt=money):
        if not p.plans:
            return "—"
        return "; ".join(fmt(getattr(e, attr)) for e in p.plans)  # each plan, in the order entered

    rows = [
        row("Age on December 31", lambda p: str(p.age)),
        row("Compensation", lambda p: money(p.compensation)),
        row("Covered by a workplace plan", lambda p: yes(p.covered_by_workplace_plan)),
        row("Direct Roth IRA contribution", lambda p: money(p.ira.roth_contribution)),
        row("Nondeductible contribution (8606 line 1)", lambda p: amount(p.ira.nondeductible_contribution)),
        row("Part made Jan 1 to Apr 15 (line 4)", lambda p: money(p.ira.contributed_after_year_end)),
        row("Prior basis (line 2)", lambda p: money(p.ira.prior_basis)),
        row("Conversion (line 8)", lambda p: amount(p.ira.conversion)),
        row("Other IRA distributions (line 7)", lambda p: money(p.ira.distributions)),
        row("IRA balance on December 31 (line 6)", lambda p: money(p.ira.balance_dec31)),
        row("Roll-in of pre-tax IRA money planned", lambda p: yes(p.ira.roll_in_planned)),
        row("Employer plan", lambda p: "; ".join(rules.plan_label(e).removeprefix("your ") for e in p.plans)
            or "None"),
        row("Elective deferrals", lambda p: ep(p, "elective_deferrals")),
        row("Catch-up deferrals", lambda p: ep(p, "catch_up")),
        row("Employer contributions", lambda p: ep(p, "employer_contributions")),
        row("After-tax contributions planned", lambda p: ep(
            p, "after_tax_contributions", lambda v: "as much as the room allows" if v is None else money(v))),
        row("Paychecks left in the year", lambda p: ep(
            p, "paychecks_left", lambda v: "not entered (biweekly assumed)" if v is None else str(v))),
        row("Last year's FICA wages", lambda p: ep(
            p, "prior_year_fica_wages", lambda v: "not entered" if v is None else money(v))),
    ]
    for key, text in (("after_tax_contributions", "Plan takes after-tax contributions"),
                      ("in_service_distributions", "In-service withdrawals"),
                      ("in_plan_roth_conversion", "In-plan Roth conversion"),
                      ("accepts_roll_ins", "Plan accepts roll-ins")):
        rows.append(row(text, lambda p, k=key: "; ".join(yes(getattr(e.features, k)) for e in p.plans) or "—"))
    return tuple(household), tuple(rows)


def _sources(limits: TaxYearLimits) -> tuple[str, ...]:
    """The year's IRS sources: the newsroom release and notice with the limits, then the forms and rules."""
    return (
        f"{limits.news_release}: the {limits.tax_year} dollar limits",
        f"IRS {limits.notice}: the {limits.tax_year} cost-of-living adjustments",
        f"Contribution deadline: {limits.contribution_deadline.source}",
        "Form 8606 and its instructions (nondeductible IRAs, conversions, pro rata)",
        "Pub. 590-A (contributions, Worksheet 2-2) and Pub. 590-B (distributions, Worksheet 1-1)",
        "Instructions for Forms 1099-R and 5498 (box 7 codes, box 5 basis, Form 5498 boxes)",
        "IRS Notice 2014-54 (after-tax money to a Roth IRA, earnings to a traditional IRA)",
        "IRC 402A(c)(4)(E) and Notice 2013-74 (in-plan Roth rollovers)",
        "IRC 415(c) and irs.gov \"401(k) and profit-sharing plan contribution limits\" (after-tax room)",
    )


def _deadline_notices(people: tuple[PersonPlan, ...]) -> list[Notice]:
    out = []
    for p in people:
        for s in p.steps:
            if s.overdue and s.due is not None:
                out.append(Notice("deadline_passed", p.role, p.person,
                                  f"\u201c{s.title}\u201d was due {long_date(s.due)}, before this plan was made, "
                                  f"and is not ticked as done. If it is done, tick it; if not, see what the "
                                  f"step says about doing it late.", s.source))
    return out


def build_action_plan(plan: Plan, report: Report, today: dt.date | None = None,
                      decisions: Decisions | None = None) -> ActionPlan:
    """The action plan for a computed plan. ``today`` is the date it is made (default: today)."""
    today = today or dt.date.today()
    limits = load_limits(plan.tax_year)
    decisions = decisions or decide(plan, limits)
    reps = [("you", report.you)] + ([("spouse", report.spouse)] if report.spouse else [])
    people = dict(plan.people())
    persons = tuple(_person_plan(plan, report, role, people[role], rep, decisions[role], limits, today)
                    for role, rep in reps)
    labels = {p.role: p.person for p in persons}
    # The ACP caution is about after-tax money actually planned: none without an after-tax step.
    after_tax = {p.role for p in persons if any(s.account == "plan_after_tax" and s.action == "contribute"
                                                for s in p.steps)}
    notices = [Notice(w.code, role, labels[role], w.message, w.source) for role, rep in reps for w in rep.warnings
               if w.code != "acp_testing" or role in after_tax]
    notices += _deadline_notices(persons)
    any_conversion = any(bool(rep.form_8606.line_8) for _, rep in reps)
    text, strategies = headline(plan.tax_year, persons)
    household, inputs = _inputs(plan)
    return ActionPlan(
        name=plan.name or f"Roth plan for {plan.tax_year}",
        tax_year=plan.tax_year,
        made_on=today,
        recommendation=text,
        strategies=strategies,
        people=persons,
        warnings=tuple(notices),
        timeline=timeline(limits, bool(after_tax), any_conversion, _tax_dates(plan, reps),
                          _correction_applies(persons, notices)),
        records=records(plan.tax_year, bool(after_tax),
                        any(c.strategy in ("direct", "backdoor") for p in persons for c in p.checklists),
                        any(s.action == "convert" and s.account == "traditional_ira"
                            for p in persons for s in p.steps),
                        any(c.strategy == "backdoor" for p in persons for c in p.checklists)),
        sources=_sources(limits),
        footer_sources=limits.sources,
        household=household,
        inputs=inputs,
        extras=_extras(plan, persons, people, reps, limits, today),
    )


def _correction_applies(persons, notices) -> bool:
    """October 15 applies to a direct Roth IRA contribution (recharacterization) and to an excess."""
    return (any(s.strategy in ("direct_roth", "fix") for p in persons for s in p.steps)
            or any(n.code.startswith("excess") for n in notices))


def _tax_dates(plan: Plan, reps) -> tuple[dt.date, ...]:
    """The estimated tax dates, when a conversion is taxable."""
    from rothwizard.core.actionplan.printed import estimated_tax_dates

    return estimated_tax_dates(plan.tax_year) if any(rep.form_8606.line_18 for _r, rep in reps) else ()


def _extras(plan: Plan, persons, people, reps, limits: TaxYearLimits, today: dt.date):
    """What the printed plan adds (``printed``): decided here, shown by every view."""
    from rothwizard.core.actionplan import printed

    year = plan.tax_year
    money_by, tax_by, hr, dest = {}, {}, {}, {}
    for p, (role, rep) in zip(persons, reps, strict=True):
        person = people[role]
        taxable = Decimal(rep.form_8606.line_18 or 0)
        tax = printed.conversion_tax(taxable, plan.marginal_tax_rate, year)
        if tax is not None:
            tax_by[role] = tax
        ira = sum((s.amount or Decimal(0) for s in p.steps if s.action == "contribute"
                   and s.account in ("traditional_ira", "roth_ira")), Decimal(0))
        after_tax = sum((s.amount or Decimal(0) for s in p.steps if s.action == "contribute"
                         and s.account == "plan_after_tax"), Decimal(0))
        label = _plan_label(person, rep)
        money_by[role] = printed.money_for_year(person, rep, label, ira, after_tax, tax, year, today)
        if person.plans:
            mega_relevant = any(c.strategy == "mega" for c in p.checklists)
            hr[role] = printed.hr_questions(person, mega_relevant, label or "plan")
            ep = person.plans[rep.mega_backdoor.plan_index or 0] if person.plans else None
            if (mega_relevant and ep is not None and ep.features.in_service_distributions
                    and ep.features.in_plan_roth_conversion):
                dest[role] = printed.destination_choice(label or "plan")
    steps = [s for p in persons for s in p.steps]
    any_conversion = any(s.action == "convert" for s in steps)
    any_backdoor = any(s.strategy == "backdoor_roth" for s in steps)
    any_mega = any(s.strategy == "mega_backdoor_roth" and s.action == "contribute" for s in steps)
    any_contribution = _correction_applies(persons, ())
    return printed.PrintedExtras(
        money=money_by, tax=tax_by,
        rules=printed.rules(year, any_conversion, any_backdoor, any_mega, any_contribution),
        hr_questions=hr, destination=dest, sources=printed.sources(year, limits))


PLAN_TYPES = {"401k": "401(k)", "403b": "403(b)", "457b": "457(b)", "solo_401k": "solo 401(k)"}


def _plan_label(person: Person, rep: PersonReport) -> str | None:
    """The plan the Mega Backdoor uses (or the first plan): "County Hospital 403(b)", "401(k)"."""
    plans = person.plans
    if not plans:
        return None
    index = rep.mega_backdoor.plan_index
    ep = plans[index] if index is not None and 0 <= index < len(plans) else plans[0]
    kind = PLAN_TYPES.get(ep.type, ep.type)
    return f"{ep.employer} {kind}" if ep.employer else kind
