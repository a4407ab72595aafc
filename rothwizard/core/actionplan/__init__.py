"""The action plan view model: what the wizard's summary page and the PDF both show.

``build_action_plan(plan, report, today=None) -> ActionPlan``. Every figure is copied from the
``Report`` (or the plan and the year's limits); nothing here re-implements a tax rule. No Qt, no
reportlab.

Checklist step ids (stable; the wizard saves ticks under them in ``person.checklist``):
``direct.contribute``; ``backdoor.open_ira``, ``backdoor.contribute``, ``backdoor.roll_in`` (only when
the report offers the roll-in fix), ``backdoor.convert``, ``backdoor.invest``; ``mega.room``,
``mega.after_tax``, ``mega.distribute_or_convert``, ``mega.move``, ``mega.invest``.
"""

from __future__ import annotations

import datetime as dt

from rothwizard.core.actionplan.model import (
    ActionPlan,
    Checklist,
    FeatureQuestion,
    Figure,
    FormLine,
    FormPreview,
    Notice,
    PersonPlan,
    Step,
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
    backdoor_checklist,
    direct_checklist,
    mega_checklist,
    skipped_reason,
)
from rothwizard.core.limits import TaxYearLimits, load_limits
from rothwizard.core.models import Person, PersonReport, Plan, Report
from rothwizard.core.rules import PLAN_TYPE_NAMES

__all__ = [
    "STEP_IDS", "ActionPlan", "Checklist", "FeatureQuestion", "Figure", "FormLine", "FormPreview",
    "Notice", "PersonPlan", "Step", "TimelineEvent", "age_code", "build_action_plan", "long_date", "money",
]

STEP_IDS = (
    "direct.contribute",
    "backdoor.open_ira", "backdoor.contribute", "backdoor.roll_in", "backdoor.convert", "backdoor.invest",
    "mega.room", "mega.after_tax", "mega.distribute_or_convert", "mega.move", "mega.invest",
)
LABELS = {"you": "You", "spouse": "Your spouse"}
STRATEGY_NAMES = {"direct_roth": "a direct Roth IRA contribution", "backdoor_roth": "a Backdoor Roth IRA",
                  "mega_backdoor_roth": "a Mega Backdoor Roth"}


def _does_backdoor(report: Report, rep: PersonReport) -> bool:
    return ("backdoor_roth" in report.recommendation and rep.roth_direct_status != "full"
            and rep.ira_limit > 0)


def _does_mega(person: Person, rep: PersonReport) -> bool:
    """A checklist when the plan can do it, or may once HR answers the open questions."""
    return bool(person.plans) and set(rep.mega_backdoor.blockers) <= {"feature_unknown"}


def _figures(rep: PersonReport, limits: TaxYearLimits) -> tuple[Figure, ...]:
    mega_note = ("no employer plan" if "no_employer_plan" in rep.mega_backdoor.blockers
                 else f"after-tax room under the {money(rep.mega_backdoor.annual_additions_limit)} "
                      f"annual additions limit (IRC 415(c))")
    return (
        Figure("IRA contribution", rep.backdoor_contribution,
               f"nondeductible, fills your {money(rep.ira_limit)} IRA limit"),
        Figure("Direct Roth IRA limit", rep.roth_direct_limit, "Pub. 590-A Worksheet 2-2"),
        Figure("Taxable conversion", rep.form_8606.line_18, "Form 8606 line 18"),
        Figure("Mega backdoor room", rep.mega_backdoor.room, mega_note),
    )


def _person_plan(plan: Plan, report: Report, role: str, person: Person, rep: PersonReport,
                 limits: TaxYearLimits) -> PersonPlan:
    label = LABELS[role]
    checklists, skipped = [], []
    if rep.roth_direct_status != "none" and rep.roth_direct_limit > 0:
        checklists.append(direct_checklist(role, label, person, rep, limits))
    backdoor = _does_backdoor(report, rep)
    if backdoor:
        checklists.append(backdoor_checklist(role, label, person, rep, limits))
    else:
        skipped.append(skipped_reason("backdoor", rep))
    mega = _does_mega(person, rep)
    if mega:
        checklists.append(mega_checklist(role, label, person, rep, limits))
    else:
        skipped.append(skipped_reason("mega", rep))
    ep = person.plan_at(rep.mega_backdoor.plan_index)
    return PersonPlan(
        role=role, person=label, age=person.age, figures=_figures(rep, limits),
        checklists=tuple(checklists), skipped=tuple(skipped), features=feature_questions(person, rep),
        plan_type=None if ep is None else PLAN_TYPE_NAMES[ep.type],
        form_8606=form_8606_preview(rep, plan.tax_year),
        forms=expected_forms(person, rep, backdoor,
                             mega and rep.mega_backdoor.after_tax_planned > 0),
    )


def recommendation_sentence(report: Report, people: list[tuple[str, PersonReport]], year: int) -> str:
    """The recommendation in one sentence, with each person's amount."""
    if not report.recommendation:
        return f"For {year}, neither strategy fits this plan as entered; see the warnings."
    two = len(people) > 1
    parts = []
    for code in report.recommendation:
        amounts = []
        for role, rep in people:
            if code == "direct_roth":
                amount = rep.roth_direct_limit if rep.roth_direct_status != "none" else 0
            elif code == "backdoor_roth":
                amount = rep.backdoor_contribution if rep.roth_direct_status != "full" else 0
            else:
                amount = rep.mega_backdoor.room if rep.mega_backdoor.available else 0
            if amount:
                who = f" for {'you' if role == 'you' else 'your spouse'}" if two else ""
                amounts.append(f"{'up to ' if code == 'mega_backdoor_roth' else ''}{money(amount)}{who}")
        parts.append(f"{STRATEGY_NAMES[code]} ({', '.join(amounts)})" if amounts else STRATEGY_NAMES[code])
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"For {year}, do {joined}."


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


def build_action_plan(plan: Plan, report: Report, today: dt.date | None = None) -> ActionPlan:
    """The action plan for a computed plan. ``today`` is the date it is made (default: today)."""
    limits = load_limits(plan.tax_year)
    reps = [("you", report.you)] + ([("spouse", report.spouse)] if report.spouse else [])
    people = dict(plan.people())
    persons = tuple(_person_plan(plan, report, role, people[role], rep, limits) for role, rep in reps)
    notices = tuple(Notice(w.code, role, LABELS[role], w.message, w.source)
                    for role, rep in reps for w in rep.warnings)
    any_mega = any(c.strategy == "mega" for p in persons for c in p.checklists)
    any_conversion = any(bool(rep.form_8606.line_8) for _, rep in reps)
    return ActionPlan(
        name=plan.name or f"Roth plan for {plan.tax_year}",
        tax_year=plan.tax_year,
        made_on=today or dt.date.today(),
        recommendation=recommendation_sentence(report, reps, plan.tax_year),
        strategies=tuple(report.recommendation),
        people=persons,
        warnings=notices,
        timeline=timeline(limits, any_mega, any_conversion),
        records=records(plan.tax_year),
        sources=_sources(limits),
        footer_sources=limits.sources,
    )
