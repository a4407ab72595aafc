"""Fixing a direct Roth IRA contribution above what MAGI allows (an excess contribution).

Three ways, in the order RothWizard recommends them:

1. recharacterize it, with its net income, to a traditional IRA by October 15 of the next year (the
   due date with extensions), then convert it: it becomes the backdoor's nondeductible contribution
   (IRC 408A(d)(6); Treas. Reg. 1.408A-5, Q&A-1; Form 8606 instructions, "Recharacterizations");
2. remove it with its net income by the same date: the contribution comes back tax-free, the net income
   is taxable for the year of the contribution (IRC 408(d)(4); Pub. 590-A, "Excess Contributions");
3. otherwise the excess owes 6% each year it stays (IRC 4973; Form 5329, Part IV).

The net income attributable (NIA) follows Treas. Reg. 1.408-11(a): NIA = contribution x (adjusted
closing balance - adjusted opening balance) / adjusted opening balance, where the adjusted opening
balance is the IRA's value just before the contribution plus the contributions made during the period,
and the adjusted closing balance is its value just before the money moves plus the distributions made
during the period. A loss makes NIA negative and the amount moved smaller.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rothwizard.core.decisions import usd
from rothwizard.core.limits import TaxYearLimits
from rothwizard.core.models import Person, PersonReport
from rothwizard.core.records import ExcessCorrection

EXCISE_RATE = Decimal("0.06")  # IRC 4973(a)
CENT = Decimal("0.01")
SOURCE_NIA = "Treas. Reg. 1.408-11(a) and (c), Example 1"
SOURCE = ("IRC 408A(d)(6), 408(d)(4), 4973; Treas. Reg. 1.408A-5, Q&A-1 and 1.408-11; Form 8606 instructions, "
          "\"Recharacterizations\"; Form 5329 instructions, Part IV; Pub. 590-A, \"Excess Contributions\"")


def net_income_attributable(contribution: Decimal, returned: Decimal, value_before: Decimal, value_now: Decimal,
                            other_contributions: Decimal = Decimal(0),
                            distributions: Decimal = Decimal(0)) -> Decimal:
    """Treas. Reg. 1.408-11(a)(1): NIA = returned x (ACB - AOB) / AOB, to the cent.

    ``contribution`` is the whole contribution made (it is in the adjusted opening balance, AOB);
    ``returned`` the part being recharacterized or removed. AOB = ``value_before`` + ``contribution`` +
    ``other_contributions``; ACB = ``value_now`` + ``distributions``."""
    opening = value_before + contribution + other_contributions
    closing = value_now + distributions
    if opening <= 0:
        return Decimal(0)
    return (returned * (closing - opening) / opening).quantize(CENT, rounding=ROUND_HALF_UP)


def excise_tax_per_year(excess: Decimal) -> Decimal:
    """Form 5329 Part IV: 6% of the excess still in the Roth IRA at the end of each year (IRC 4973(a);
    the tax is at most 6% of the account's value at year end)."""
    return (excess * EXCISE_RATE).quantize(CENT, rounding=ROUND_HALF_UP)


def excess_correction(person: Person, report: PersonReport, limits: TaxYearLimits) -> ExcessCorrection | None:
    """The fix for a direct Roth contribution above ``roth_direct_limit``; ``None`` when there is none."""
    entered = person.ira.roth_contribution
    excess = max(Decimal(0), entered - report.roth_direct_limit)
    if excess <= 0:
        return None
    fix = person.excess_fix
    can_recharacterize = report.recharacterize_amount >= excess
    if fix is not None and fix.method is not None:
        method, origin = fix.method, "entered"
    else:
        method, origin = ("recharacterize" if can_recharacterize else "remove"), "recommended"
    nia = None
    if fix is not None and fix.value_before is not None and fix.value_now is not None:
        nia = net_income_attributable(entered, excess, fix.value_before, fix.value_now,
                                      fix.other_contributions, fix.distributions)
    move = None if nia is None else max(Decimal(0), excess + nia)
    due = limits.extended_due_date.value
    by = f"{due:%B} {due.day}, {due.year}"
    tax = excise_tax_per_year(excess)
    if nia is None:
        with_nia = (f"{usd(excess)} plus its net income (enter the Roth IRA's value just before the "
                    f"contribution and now, and RothWizard works it out; the custodian figures it too)")
    else:
        word = "net income" if nia >= 0 else "net loss"
        with_nia = f"{usd(excess)} with its {word} of {usd(abs(nia))}, {usd(move)} in all,"
    head = (f"Your direct Roth IRA contribution of {usd(entered)} is {usd(excess)} above the "
            f"{usd(report.roth_direct_limit)} your MAGI allows for {limits.tax_year}.")
    if method == "recharacterize":
        what = (f" Ask the custodian to recharacterize {with_nia} to a traditional IRA by {by}, then convert it "
                f"to the Roth IRA: it counts as your nondeductible contribution (Form 8606 line 1), and a "
                f"statement attached to your return explains the recharacterization.")
        if not can_recharacterize:
            what += (" Only what fits in your IRA limit beside your other contributions can be "
                     "recharacterized: withdraw the rest with its net income instead.")
    else:
        what = (f" Withdraw {with_nia} from the Roth IRA by {by}: the contribution comes back tax-free; the "
                f"net income is taxable for {limits.tax_year} (and owes the 10% additional tax before 59\u00bd).")
    tail = (f" Left uncorrected, the excess owes a 6% tax of {usd(tax)} on Form 5329 for each year it stays "
            f"in the Roth IRA.")
    return ExcessCorrection(
        excess=excess, method=method, method_origin=origin,  # type: ignore[arg-type]
        net_income=None if nia is None else float(nia), amount_to_move=move, due=due,
        excise_tax_per_year=tax, message=head + what + tail, source=SOURCE + "; " + SOURCE_NIA,
    )
