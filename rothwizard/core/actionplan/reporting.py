"""The reporting side of the action plan: Form 8606 preview, expected Forms 1099-R and 5498, the
plan-feature questions, the timeline and the records to keep. Figures come from the ``Report``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rothwizard.core.actionplan.model import FeatureQuestion, FormLine, FormPreview, TimelineEvent, money
from rothwizard.core.limits import TaxYearLimits
from rothwizard.core.models import Person, PersonReport

SRC_1099R = "Instructions for Forms 1099-R and 5498 (box 7 codes)"
SRC_5498 = "Instructions for Forms 1099-R and 5498 (Form 5498 boxes)"

LINES_8606 = (
    ("1", "line_1", "Nondeductible contributions for the year"),
    ("2", "line_2", "Total basis from earlier years (last year's line 14)"),
    ("3", "line_3", "Line 1 + line 2"),
    ("4", "line_4", "Contributions made Jan. 1 to Apr. 15 of next year"),
    ("5", "line_5", "Line 3 − line 4"),
    ("6", "line_6", "Value of all traditional, SEP, SIMPLE IRAs on Dec. 31"),
    ("7", "line_7", "Distributions (not converted, not rolled over)"),
    ("8", "line_8", "Net amount converted to Roth IRAs"),
    ("9", "line_9", "Lines 6 + 7 + 8"),
    ("10", "line_10", "Line 5 ÷ line 9 (3 places, at most 1.000)"),
    ("11", "line_11", "Nontaxable part of the conversion"),
    ("12", "line_12", "Nontaxable part of the distributions"),
    ("13", "line_13", "Line 11 + line 12"),
    ("14", "line_14", "Basis carried to next year"),
    ("15c", "line_15c", "Taxable distributions (Form 1040 line 4b)"),
    ("16", "line_16", "Amount converted (Part II)"),
    ("17", "line_17", "Basis in the amount converted"),
    ("18", "line_18", "Taxable conversion (Form 1040 line 4b)"),
)

QUESTIONS = (
    ("after_tax_contributions",
     "Does the plan accept after-tax (not Roth) contributions?",
     "Does our plan accept after-tax employee contributions, as a source separate from pre-tax and Roth "
     "deferrals, and what yearly cap applies to highly compensated employees?",
     "Without it there is no Mega Backdoor Roth."),
    ("in_service_distributions",
     "Can the after-tax money be withdrawn while you still work, for any reason?",
     "Does the plan allow in-service withdrawals of the after-tax source, contributions and earnings, "
     "at any time and for any reason, by direct rollover to a Roth IRA? How often?",
     "One way to move the after-tax money to Roth."),
    ("in_plan_roth_conversion",
     "Can the plan convert the after-tax money to its Roth account, inside the plan?",
     "Does the plan allow in-plan Roth rollovers (conversions) of after-tax contributions, and can they "
     "run automatically after each paycheck?",
     "The other way: no distribution needed."),
    ("accepts_roll_ins",
     "Does the plan accept roll-ins of pre-tax IRA money?",
     "Does the plan accept incoming rollovers of pre-tax traditional IRA money, and which form do I use?",
     "Rolling pre-tax IRA money in by December 31 removes the pro rata tax on a backdoor Roth."),
)


def _answer(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not sure"}[value]


def feature_questions(person: Person, rep: PersonReport | None = None) -> tuple[FeatureQuestion, ...]:
    """The feature questions of the plan chosen for the Mega Backdoor (``rep``), else the first plan."""
    ep = person.plan_at(rep.mega_backdoor.plan_index if rep is not None else 0)
    if ep is None:
        return ()
    out = []
    for key, question, ask, why in QUESTIONS:
        value = getattr(ep.features, key)
        out.append(FeatureQuestion(key, question, _answer(value), ask if value is None else None, why))
    return tuple(out)


def form_8606_preview(rep: PersonReport, year: int) -> FormPreview:
    form = rep.form_8606
    lines = []
    for number, attr, label in LINES_8606:
        value = getattr(form, attr)
        if value is None:
            text = "—"
        elif attr == "line_10":
            text = f"{value:.3f}"
        else:
            text = money(value)
        lines.append(FormLine(number, label, text))
    if form.line_1 or form.line_8 or form.line_7:
        notes = ["File it with your Form 1040 even when nothing is taxable.",
                 "Lines 15a and 15b and Part III (Roth IRA distributions) do not apply here."]
    elif form.line_2:
        notes = ["No contribution, conversion or distribution this year: the form is not required; your "
                 "basis stays on your last Form 8606 line 14."]
    else:
        notes = ["Not needed for this plan: no nondeductible contribution, conversion or distribution "
                 "(a direct Roth IRA contribution needs no Form 8606)."]
    if form.line_8 is None and (form.line_1 or form.line_2):
        notes.insert(0, f"No conversion or distribution in {year}: line 3 goes to line 14, lines 4 to 13 "
                        f"stay empty.")
    return FormPreview("Form 8606", f"Nondeductible IRAs, {year}", "you file it", tuple(lines), tuple(notes))


def age_code(age_dec31: int) -> tuple[str, str]:
    """Form 1099-R box 7 for an IRA conversion: 2 under 59½, 7 at 59½ or older (tax-rules.md 2.14).

    The plan knows only the age on December 31, so: 58 or younger there means under 59½ all year (2);
    61 or older means 59½ or older all year (7); at 59 or 60 it depends on the birthday and the date of
    the conversion, and both codes are named."""
    if age_dec31 <= 58:
        return "2", "early distribution, exception applies (under 59½)"
    if age_dec31 >= 61:
        return "7", "normal distribution (59½ or older)"
    return "2 or 7", "2 if you convert before the day you turn 59½, 7 from that day on"


def expected_forms(person: Person, rep: PersonReport, do_backdoor: bool, do_mega: bool,
                   route: str | None = None, roll_in: Decimal | None = None,
                   direct: Decimal = Decimal(0)) -> tuple[FormPreview, ...]:
    """The Forms 1099-R and 5498 to expect for the amounts the steps move (the report's Form 8606)."""
    out = []
    form = rep.form_8606
    ira = person.ira
    if do_backdoor and form.line_8:
        code, meaning = age_code(person.age)
        out.append(FormPreview("Form 1099-R", "for the conversion", "IRA custodian, by January 31", (
            FormLine("1", "Gross distribution", money(form.line_8)),
            FormLine("2a", "Taxable amount", f"often {money(form.line_8)} with 2b checked"),
            FormLine("2b", "Taxable amount not determined", "usually checked"),
            FormLine("7", "Distribution code", f"{code}: {meaning}"),
            FormLine("\u2014", "IRA/SEP/SIMPLE box", "checked"),
        ), (f"Your Form 8606 decides the taxable part: {money(form.line_18)} (line 18) goes on "
            f"Form 1040 line 4b; line 4a takes {money(form.line_8)}.",)))
    if roll_in:
        out.append(FormPreview("Form 1099-R", "for the roll-in to your employer plan",
                               "IRA custodian, by January 31", (
            FormLine("1", "Gross distribution", money(roll_in)),
            FormLine("2a", "Taxable amount", "$0"),
            FormLine("7", "Distribution code", "G: direct rollover to a qualified plan"),
        ), ("Reported on Form 1040 lines 4a (the amount) and 4b ($0, with \u201cRollover\u201d); not on "
            "Form 8606 line 7.",)))
    contributed = Decimal(form.line_1) + ira.deductible_contribution
    if contributed:
        out.append(FormPreview("Form 5498", "for the traditional IRA", "IRA custodian, by May 31", (
            FormLine("1", "IRA contributions for the year", money(contributed)),
            FormLine("5", "Fair market value on December 31", money(form.line_6 if form.line_6 is not None
                                                                      else ira.balance_dec31)),
        ), ("Arrives after the filing deadline; it is not filed with the return.",
            "Box 5 across all traditional, SEP and SIMPLE IRAs is Form 8606 line 6.")))
    if (do_backdoor and form.line_8) or direct:
        roth_lines = []
        if do_backdoor and form.line_8:
            roth_lines.append(FormLine("3", "Roth IRA conversion amount", money(form.line_8)))
        if direct:
            roth_lines.append(FormLine("10", "Roth IRA contributions", money(direct)))
        out.append(FormPreview("Form 5498", "for the Roth IRA", "IRA custodian, by May 31",
                               tuple(roth_lines)))
    if do_mega:
        after_tax = money(rep.mega_backdoor.after_tax_planned)
        if route == "in_plan":
            out.append(FormPreview("Form 1099-R", "for the in-plan Roth conversion",
                                   "plan administrator, by January 31", (
                FormLine("1", "Gross distribution", f"{after_tax} plus earnings"),
                FormLine("2a", "Taxable amount", "the earnings converted"),
                FormLine("5", "Employee contributions (after-tax basis)", after_tax),
                FormLine("7", "Distribution code", "G: direct rollover (in-plan Roth rollover)"),
            ), ("Reported on Form 1040 lines 5a and 5b, not on Form 8606.",
                "Whether an age code is added to G for an in-plan conversion is unconfirmed.")))
        else:
            out.append(FormPreview("Form 1099-R", "for the in-service distribution to your Roth IRA",
                                   "plan administrator, by January 31", (
                FormLine("1", "Gross distribution", f"{after_tax} plus earnings"),
                FormLine("2a", "Taxable amount", "the earnings sent to the Roth IRA (0 if they go to a "
                         "traditional IRA)"),
                FormLine("5", "Employee contributions (after-tax basis)", after_tax),
                FormLine("7", "Distribution code", "G: direct rollover"),
            ), ("Reported on Form 1040 lines 5a and 5b, not on Form 8606.",)))
            out.append(FormPreview("Form 5498", "for the Roth IRA receiving the after-tax money",
                                   "IRA custodian, by May 31", (
                FormLine("2", "Rollover contributions", f"{after_tax} plus any earnings sent to it"),
            )))
    return tuple(out)


def timeline(limits: TaxYearLimits, any_mega: bool, any_conversion: bool,
             tax_dates: tuple[dt.date, ...] = (), correction: bool = False) -> tuple[TimelineEvent, ...]:
    year = limits.tax_year
    deadline = limits.contribution_deadline.value
    dec31_detail = ("Last day for this year's conversion and for a roll-in of pre-tax IRA money. The value "
                    "of your traditional, SEP and SIMPLE IRAs at the end of this day decides the pro rata "
                    "share (Form 8606 line 6).") if any_conversion else (
                    "The value of your traditional, SEP and SIMPLE IRAs at the end of this day goes on "
                    "Form 8606 line 6.")
    if any_mega:
        dec31_detail += " Last paycheck for after-tax plan contributions (calendar plan year)."
    events = [
        TimelineEvent(dt.date(year, 1, 1), f"Contributions for {year} open",
                      "IRA and plan contributions for the year can start.", "Pub. 590-A"),
        TimelineEvent(dt.date(year, 12, 31), "December 31 balance decides pro rata", dec31_detail,
                      "Form 8606 instructions, line 6; IRC 408(d)(2)"),
    ]
    if any_conversion or any_mega:
        senders = " and ".join(x for x, on in (("the IRA custodian (conversion)", any_conversion),
                                               ("the plan (after-tax money)", any_mega)) if on)
        events.append(TimelineEvent(dt.date(year + 1, 1, 31), "Forms 1099-R arrive",
                      f"From {senders}. If the day is a weekend or holiday, the next business day.", SRC_1099R))
    events += [
        TimelineEvent(deadline, f"Last day for {year} IRA contributions; file Form 8606",
                      "A filing extension does not extend the contribution deadline. File Form 8606 "
                      "with your Form 1040 (by this date, or with the extended return).",
                      limits.contribution_deadline.source),
        TimelineEvent(dt.date(year + 1, 5, 31), "Forms 5498 arrive",
                      "Contributions, conversions and the December 31 value. Check them against your "
                      "Form 8606; do not wait for them to file.", SRC_5498),
    ]
    for n, day in enumerate(tax_dates, 1):
        detail = ("For the tax on the conversion, if you pay it as estimated tax (Form 1040-ES): the payment "
                  "of the quarter of the conversion and each one after it. Or raise your wage withholding "
                  "instead.") if n == 1 else "Estimated tax for the conversion (Form 1040-ES), as above."
        events.append(TimelineEvent(day, f"Estimated tax payment {n} of 4", detail, "Form 1040-ES; IRC 6654"))
    if correction:
        events.append(TimelineEvent(dt.date(year + 1, 10, 15), "Last day to fix a contribution",
                                    f"Recharacterize or withdraw an excess {year} IRA contribution with its "
                                    f"earnings (the extended due date, return filed on time).",
                                    "IRC 408(d)(4), 408A(d)(6); Pub. 590-A"))
    return tuple(sorted(events, key=lambda e: e.day))


def records(year: int, any_mega: bool = True, any_ira: bool = True, any_conversion: bool = True,
            any_8606: bool = True) -> tuple[str, ...]:
    """The records to keep, limited to what the plan does: no plan Form 1099-R or after-tax payroll
    records without a Mega Backdoor, no conversion records without a conversion."""
    out = []
    if any_8606:
        out.append("Every Form 8606 you file, this one and all earlier ones: the basis on line 14 carries to "
                   "next year's line 2 until every IRA dollar is withdrawn.")
    if any_ira:
        out.append(f"The December 31, {year} statements of every traditional, SEP, SIMPLE and Roth IRA.")
    senders = [x for x, on in (("the IRA custodian", any_conversion), ("the plan", any_mega)) if on]
    if senders:
        out.append(f"Forms 1099-R for {year} from {' and '.join(senders)}.")
    if any_ira or any_mega:
        out.append(f"Forms 5498 for {year}.")
    moves = [x for x, on in (("contribution", any_ira), ("conversion", any_conversion),
                             ("in-service distribution or in-plan conversion", any_mega)) if on]
    if moves:
        out.append("Confirmations of each " + ", ".join(moves) + ".")
    if any_mega:
        out.append(f"Your {year} payroll records and plan statements showing after-tax contributions.")
    out.append("This action plan, with the steps ticked and dated.")
    return tuple(out)
