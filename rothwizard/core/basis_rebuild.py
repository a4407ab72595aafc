"""Rebuilding a lost Form 8606 basis from the Forms 5498 and 1099-R a person still has.

Each earlier year's Form 8606 is worked out from the records (``records.BasisYear``) with the same
rules as the planned year (``rules.form_8606``): line 1 is Form 5498 box 1 less the part deducted,
line 2 the year before's line 14, lines 6 to 8 from Form 5498 box 5 and the Forms 1099-R. A year
needed a Form 8606 when it had nondeductible contributions, or distributions or conversions while
there was basis (Form 8606 instructions, "Who Must File"); such a year not known to be filed is a late
form to file now.
"""

from __future__ import annotations

from decimal import Decimal

from rothwizard.core import rules
from rothwizard.core.errors import InvalidInput
from rothwizard.core.models import IRA
from rothwizard.core.records import BasisRebuild, BasisYear, RebuiltYear

SOURCE = ("Form 8606 instructions, \"Who Must File\", line 2 and \"Penalty for Not Filing\"; IRC 6693(b)(2); "
          "Pub. 590-B, \"Figuring the Nontaxable and Taxable Amounts\"")
NOTE = ("File each late Form 8606 on its own (sign and date it; it can be filed without a tax return for a "
        "year already filed, and mark it with the year it is for). The penalty for not filing it is $50 per "
        "form (IRC 6693(b)(2)), and the IRS often waives it for reasonable cause: attach a short statement "
        "asking for that. If a year's conversion or distribution was taxed in full because the form was "
        "missing, an amended return (Form 1040-X) for that year can recover the tax, within 3 years of "
        "filing it (IRC 6511).")


def check_history(history: list[BasisYear], plan_year: int, field: str) -> None:
    """The years must run one after another and end with the year before the plan's."""
    for i, year in enumerate(history):
        if i and year.tax_year != history[i - 1].tax_year + 1:
            raise InvalidInput(f"{field}[{i}].tax_year",
                               f"must be {history[i - 1].tax_year + 1}: the years must follow one another")
        if i and year.prior_basis:
            raise InvalidInput(f"{field}[{i}].prior_basis",
                               "belongs on the first year only (later years carry line 14 forward)")
    if history and history[-1].tax_year != plan_year - 1:
        raise InvalidInput(f"{field}[{len(history) - 1}].tax_year",
                           f"must be {plan_year - 1}: the records end with the year before {plan_year}")


def form_required(form_lines: dict, year: BasisYear) -> bool:
    """Form 8606 instructions, "Who Must File": nondeductible contributions for the year, or
    distributions or conversions from traditional IRAs while there is basis."""
    moved = year.conversions > 0 or year.distributions > 0
    return form_lines["line_1"] > 0 or (moved and form_lines["line_2"] > 0)


def rebuild(history: list[BasisYear]) -> BasisRebuild | None:
    """Each year's Form 8606 lines, the basis carried to the next year, and the forms to file late."""
    if not history:
        return None
    basis = history[0].prior_basis
    out: list[RebuiltYear] = []
    for year in history:
        ira = IRA(
            nondeductible_contribution=year.contributions - year.deducted,
            contributed_after_year_end=year.contributed_after_year_end,
            prior_basis=basis,
            conversion=year.conversions,
            distributions=year.distributions,
            balance_dec31=year.value_dec31,
        )
        form = rules.form_8606(ira).model_dump()
        required = form_required(form, year)
        out.append(RebuiltYear(tax_year=year.tax_year, form_8606=form, required=required,
                               filed=year.form_8606_filed, late=required and year.form_8606_filed is not True))
        basis = Decimal(form["line_14"])
    return BasisRebuild(years=out, basis=basis, late_forms=[y.tax_year for y in out if y.late],
                        note=NOTE, source=SOURCE)
