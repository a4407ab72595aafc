"""Checking the Forms 1099-R and 5498 that arrive against what the plan expected, and listing what goes
on the return (Form 1040 lines 4a/4b and 5a/5b, and each Form 8606 line).

Expected codes (Form 1099-R instructions, "Guide to Distribution Codes"; Form 8606 instructions):
an IRA conversion is coded 2 (under 59 1/2, exception applies) or 7 (59 1/2 or older); a direct rollover
from an employer plan, the Mega Backdoor's after-tax money, is coded G with the after-tax part in box 5;
Roth plan money is coded B (a distribution) or H (a direct rollover to a Roth IRA); a recharacterized
contribution is coded N (same year) or R (the next year). An IRA conversion's taxable amount is decided
by Form 8606, whatever box 2a says.
"""

from __future__ import annotations

from decimal import Decimal

from rothwizard.core.decisions import usd
from rothwizard.core.models import Person, PersonReport, Plan
from rothwizard.core.records import Finding, Form1099R, FormsCheck, ReturnLine

SRC_1099R = "Form 1099-R instructions, box 7 \"Guide to Distribution Codes\", boxes 2a, 2b and 5"
SRC_5498 = "Form 5498 instructions, boxes 1 to 5 and 10"
SRC_1040 = "Form 1040 instructions, lines 4a-4b and 5a-5b; Form 8606 instructions, lines 15c and 18"
SRC_5329 = "IRC 408A(d)(3)(A)(ii); Form 5329 instructions, line 2 (exception 12)"
CONVERSION_CODES = {"2", "7"}


def _age_codes(age: int) -> set[str]:
    """Age on December 31: under 59 1/2 all year (code 2), 59 1/2 or older all year (code 7), or either."""
    if age <= 58:
        return {"2"}
    if age >= 60:
        return {"7"}
    return {"2", "7"}


def _codes(form: Form1099R) -> set[str]:
    return set(form.box_7)


def check_forms(plan: Plan, person: Person, report: PersonReport) -> FormsCheck | None:
    """Findings for each form entered, and the return's lines. ``None`` when no form is entered."""
    if not person.forms_1099r and not person.forms_5498:
        return None
    year = plan.tax_year
    form = report.form_8606
    conversion = Decimal(form.line_8 or 0)
    after_tax = report.mega_backdoor.after_tax_planned if report.mega_backdoor.available else Decimal(0)
    rechar = report.recharacterize_amount
    roll_in = (report.roll_in_amount or Decimal(0)) if getattr(person.ira, "roll_in_planned", False) else Decimal(0)
    age_codes = _age_codes(person.age)
    findings: list[Finding] = []
    expected: list[str] = []

    def find(code: str, kind: str, i: int, box: str, message: str, todo: str, source: str = SRC_1099R) -> None:
        findings.append(Finding(code=code, form=kind, index=i, box=box, message=message, what_to_do=todo,
                                source=source))

    if conversion:
        expected.append(f"A Form 1099-R from the IRA custodian for the {year} conversion: box 1 {usd(conversion)}, "
                        f"box 7 code {' or '.join(sorted(age_codes))}, the IRA/SEP/SIMPLE box checked.")
    if after_tax:
        expected.append(f"A Form 1099-R from the employer plan for the after-tax money: box 7 code G, box 5 "
                        f"{usd(after_tax)} (the after-tax contributions), box 2a the earnings sent to the Roth.")
    if rechar:
        expected.append(f"A Form 1099-R from the Roth IRA for the recharacterization: code R if it is done in "
                        f"{year + 1} (N in {year}), box 1 the {usd(rechar)} plus its net income.")

    ira_conv = [i for i, f in enumerate(person.forms_1099r)
                if f.ira_sep_simple and _codes(f) & (CONVERSION_CODES | {"1"})]
    for i, f in enumerate(person.forms_1099r):
        codes = _codes(f)
        shown = "/".join(f.box_7)
        if f.ira_sep_simple:
            if codes & {"N", "R"}:
                if not rechar:
                    find("unexpected_recharacterization", "1099-R", i, "box_7",
                         f"Code {shown} reports a recharacterized contribution, which the plan does not have.",
                         "If you recharacterized a contribution, enter it in the plan; otherwise ask the "
                         "custodian why the form was sent.")
                continue
            if "G" in codes:
                if roll_in:
                    continue
                find("code_g_on_ira", "1099-R", i, "box_7",
                     f"Code G is a direct rollover to an employer plan, but the plan converts {usd(conversion)} "
                     f"to a Roth IRA, which is coded {' or '.join(sorted(age_codes))}.",
                     "If the money went to a Roth IRA, ask the custodian for a corrected Form 1099-R (code "
                     f"{' or '.join(sorted(age_codes))}); report the conversion on Form 8606 lines 8 and 16-18 "
                     "either way. If it went to your employer plan, it is a roll-in: not taxable.")
                continue
            if "1" in codes and conversion:
                find("code_1_on_conversion", "1099-R", i, "box_7",
                     f"Code 1 says an early distribution with no known exception, but this is a conversion to a "
                     f"Roth IRA, which owes no 10% additional tax; the expected code is "
                     f"{' or '.join(sorted(age_codes))}.",
                     "Ask the custodian for a corrected Form 1099-R. If none comes, report the conversion on "
                     "Form 8606 as planned and show the amount as not subject to the additional tax on Form "
                     "5329 line 2 (exception 12, a distribution coded 1 in error).", SRC_1099R + "; " + SRC_5329)
            elif codes & CONVERSION_CODES and not codes & age_codes:
                find("age_code", "1099-R", i, "box_7",
                     f"Code {shown} does not match your age ({person.age} on December 31, {year}): the expected "
                     f"code is {' or '.join(sorted(age_codes))}.",
                     "A conversion owes no 10% additional tax either way; ask the custodian to correct the "
                     "code so the IRS's matching does not question it.")
            if conversion and i == (ira_conv[0] if ira_conv else -1) and len(ira_conv) == 1 \
                    and f.box_1 != conversion + Decimal(form.line_7 or 0):
                find("box_1_differs", "1099-R", i, "box_1",
                     f"Box 1 shows {usd(f.box_1)}; the plan converts {usd(conversion)}.",
                     f"Form 8606 line 8 is what was converted in {year}: if box 1 is right (earnings added "
                     f"before the conversion, for example), enter {usd(f.box_1)} as the conversion so lines "
                     f"8 to 18 follow it.")
            if f.box_2a is not None and f.box_2a != form.line_18 and not f.box_2b_not_determined:
                find("box_2a_not_taxable_amount", "1099-R", i, "box_2a",
                     f"Box 2a shows {usd(f.box_2a)} taxable; your Form 8606 line 18 is {usd(form.line_18)}.",
                     "The custodian does not know your basis: Form 1040 line 4b takes Form 8606 line 18 (and "
                     "15c), not box 2a. Nothing to correct.")
            continue
        # employer plan money
        if codes & {"G"}:
            if not after_tax:
                find("unexpected_plan_rollover", "1099-R", i, "box_7",
                     "Code G reports a direct rollover from an employer plan the plan does not expect.",
                     "Enter the after-tax contributions in the employer plan, or check what was rolled over.")
            elif f.box_5 != after_tax:
                todo = ("Without box 5 the whole amount looks taxable: ask the plan for a corrected Form 1099-R "
                        "that shows the after-tax contributions in box 5." if f.box_5 == 0 else
                        "Check the after-tax contributions with the plan's statement; box 5 is the part that "
                        "is not taxed.")
                find("box_5_differs", "1099-R", i, "box_5",
                     f"Box 5 shows {usd(f.box_5)} of after-tax contributions; the plan expected "
                     f"{usd(after_tax)}.", todo)
            continue
        if codes & {"H"}:
            continue  # Roth plan money rolled directly to a Roth IRA: not taxable
        if codes & {"B"}:
            find("roth_plan_distribution", "1099-R", i, "box_7",
                 "Code B is money paid out of a Roth 401(k) or 403(b) account, not rolled over directly (that "
                 "would be code H).",
                 "If you put it in a Roth IRA within 60 days it is a rollover: not taxable; otherwise box 2a "
                 "is taxable on line 5b.")
            continue
        if after_tax and codes & {"1", "2", "7"}:
            find("paid_to_you", "1099-R", i, "box_7",
                 f"Code {shown} is a distribution paid to you, not a direct rollover (code G): the after-tax "
                 f"money did not go straight to the Roth IRA.",
                 "Put it in the Roth IRA within 60 days of receiving it (a 60-day rollover); the plan may have "
                 "withheld 20% of the taxable part, which you replace from other money to roll over all of it.")
    if conversion and not ira_conv and not any(f.ira_sep_simple and "G" in f.box_7 for f in person.forms_1099r):
        find("missing_1099r", "1099-R", -1, "",
             f"No Form 1099-R for the {usd(conversion)} conversion is entered.",
             f"The custodian sends it by January 31, {year + 1}; enter what it says when it arrives.")

    # Forms 5498
    trad = [f for f in person.forms_5498 if f.account == "traditional_ira"]
    roth = [f for f in person.forms_5498 if f.account == "roth_ira"]
    contributed = Decimal(form.line_1) + person.ira.deductible_contribution
    if trad:
        box_1 = sum((f.box_1 for f in trad), Decimal(0))
        box_4 = sum((f.box_4 for f in trad), Decimal(0))
        if box_1 + box_4 != contributed and box_1 != contributed:
            find("contribution_year", "5498", person.forms_5498.index(trad[0]), "box_1",
                 f"Box 1 shows {usd(box_1)} of traditional IRA contributions for {year}; the plan has "
                 f"{usd(contributed)}.",
                 f"A contribution made January 1 to April 15, {year + 1} counts for the year you told the "
                 f"custodian: if it was booked for the wrong year, ask for a correction. Form 8606 line 1 is "
                 f"what you contributed for {year}.", SRC_5498)
        box_5 = sum((f.box_5 for f in trad), Decimal(0))
        if box_5 != person.ira.balance_dec31:
            find("year_end_value", "5498", person.forms_5498.index(trad[0]), "box_5",
                 f"Box 5 shows {usd(box_5)} on December 31, {year}; the plan has {usd(person.ira.balance_dec31)}.",
                 "Form 8606 line 6 is the total of box 5 of every traditional, SEP and SIMPLE IRA (plus "
                 "outstanding rollovers): enter that as the December 31 balance.", SRC_5498)
    if roth and conversion:
        box_3 = sum((f.box_3 for f in roth), Decimal(0))
        if box_3 != conversion:
            find("conversion_amount", "5498", person.forms_5498.index(roth[0]), "box_3",
                 f"The Roth IRA's box 3 shows {usd(box_3)} converted in {year}; the plan has {usd(conversion)}.",
                 "Box 3 should match the conversion's Form 1099-R box 1; ask the custodian if they differ.",
                 SRC_5498)

    return FormsCheck(findings=findings, return_lines=return_lines(person, report), expected=expected)


def return_lines(person: Person, report: PersonReport) -> list[ReturnLine]:
    """Form 1040 lines 4a/4b (IRA distributions) and 5a/5b (pensions and annuities) from the forms,
    then each Form 8606 line from the report."""
    form = report.form_8606
    ira = [f for f in person.forms_1099r if f.ira_sep_simple and not set(f.box_7) & {"N", "R"}]
    plan = [f for f in person.forms_1099r if not f.ira_sep_simple]
    line_4a = sum((f.box_1 for f in ira), Decimal(0)) if ira else Decimal((form.line_7 or 0) + (form.line_8 or 0))
    line_4b = form.line_15c + form.line_18
    line_5a = sum((f.box_1 for f in plan), Decimal(0))
    line_5b = sum(((f.box_2a if f.box_2a is not None else f.box_1 - f.box_5) for f in plan
                   if not set(f.box_7) & {"H"}), Decimal(0))
    out = [
        ReturnLine(form="Form 1040", line="4a", amount=_num(line_4a), note="IRA distributions and conversions"),
        ReturnLine(form="Form 1040", line="4b", amount=_num(line_4b),
                   note="taxable: Form 8606 line 15c plus line 18, not box 2a"),
        ReturnLine(form="Form 1040", line="5a", amount=_num(line_5a), note="employer plan distributions"),
        ReturnLine(form="Form 1040", line="5b", amount=_num(line_5b),
                   note="taxable: box 2a (after-tax money in box 5 and direct Roth rollovers are not)"),
    ]
    for key, value in form.model_dump().items():
        if value is not None:
            out.append(ReturnLine(form="Form 8606", line=key.removeprefix("line_"), amount=value))
    return out


def _num(value: Decimal) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)
