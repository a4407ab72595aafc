"""The yearly IRS limits, loaded from ``resources/limits/<year>.toml`` and validated.

Each file holds one tax year: every parameter a rule uses, each value with the IRS source it
comes from. Adding a tax year is adding a file. Extra keys are refused, so a typo in a file is
caught at load time, not silently ignored.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from rothwizard.core.errors import LimitsDataError, UnsupportedTaxYear
from rothwizard.core.years import is_plannable, is_provisional, latest_year, limits_dir, supported_years


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Amount(_Strict):
    value: int = Field(ge=0)
    source: str = Field(min_length=5)


class OptionalAmount(_Strict):
    """An amount that does not exist in some years (the age 60-63 catch-up before 2025)."""

    value: int | None = Field(default=None, ge=0)
    source: str = Field(min_length=5)


class PhaseOut(_Strict):
    """A MAGI range: the limit starts to drop at ``lower``; nothing is allowed at ``upper`` or above."""

    lower: int = Field(ge=0)
    upper: int = Field(gt=0)
    source: str = Field(min_length=5)

    @model_validator(mode="after")
    def _ordered(self) -> PhaseOut:
        if self.upper <= self.lower:
            raise ValueError("upper must be above lower")
        return self

    @property
    def width(self) -> int:
        return self.upper - self.lower


class WageThreshold(Amount):
    enforced: bool


class Deadline(_Strict):
    value: dt.date
    source: str = Field(min_length=5)


class TaxYearLimits(_Strict):
    """Every IRS figure the rules use for one tax year."""

    tax_year: int = Field(ge=2000, le=2100)
    notice: str = Field(min_length=5)
    news_release: str = Field(min_length=5)
    ira_limit: Amount = Field(description="IRC 219(b)(5)(A)")
    ira_catch_up: Amount = Field(description="IRC 219(b)(5)(B)")
    roth_phaseout_single: PhaseOut = Field(description="IRC 408A(c)(3); single, HOH, MFS apart all year")
    roth_phaseout_joint: PhaseOut = Field(description="IRC 408A(c)(3); MFJ and qualifying surviving spouse")
    roth_phaseout_separate_lived_with_spouse: PhaseOut = Field(description="IRC 408A(c)(3)")
    deduction_phaseout_single_covered: PhaseOut = Field(description="IRC 219(g)(3)(B)(i)")
    deduction_phaseout_joint_covered: PhaseOut = Field(description="IRC 219(g)(3)(B)(i)")
    deduction_phaseout_joint_spouse_covered: PhaseOut = Field(description="IRC 219(g)(7)")
    deduction_phaseout_separate: PhaseOut = Field(description="IRC 219(g)(3)(B)(iii)")
    elective_deferral_limit: Amount = Field(description="IRC 402(g)(1)")
    governmental_457b_limit: Amount = Field(description="IRC 457(b)(2), 457(e)(15)")
    special_403b_catch_up: Amount = Field(description="IRC 402(g)(7)(A)")
    catch_up_50: Amount = Field(description="IRC 414(v)(2)(B)(i)")
    catch_up_60_63: OptionalAmount = Field(description="IRC 414(v)(2)(E)")
    annual_additions_limit: Amount = Field(description="IRC 415(c)(1)(A)")
    compensation_limit: Amount = Field(description="IRC 401(a)(17)")
    hce_threshold: Amount = Field(description="IRC 414(q)(1)(B); the look-back figure for the next year")
    hce_lookback_threshold: Amount = Field(description="IRC 414(q)(1)(B); the look-back year's figure")
    roth_catch_up_wage_threshold: WageThreshold = Field(description="IRC 414(v)(7)(A)")
    contribution_deadline: Deadline = Field(description="IRC 219(f)(3)")
    extended_due_date: Deadline = Field(description="IRC 6081(a); Treas. Reg. 1.408A-5, Q&A-1")
    # Set by RothWizard, never in a file: the shipped year whose figures a provisional year uses.
    provisional_from: int | None = None

    @property
    def provisional(self) -> bool:
        """True when the IRS has not published this year's figures and the latest shipped ones are used."""
        return self.provisional_from is not None

    @property
    def sources(self) -> str:
        """The year's IRS sources in one line, for page footers (a provisional year says so first)."""
        if self.provisional_from is not None:
            return (f"{self.news_release}; IRS {self.notice} (the {self.provisional_from} figures: "
                    f"{self.tax_year} is not published yet)")
        return f"{self.news_release}; IRS {self.notice}"


PARAMETERS: tuple[str, ...] = tuple(
    name for name in TaxYearLimits.model_fields
    if name not in ("tax_year", "notice", "news_release", "provisional_from")
)


def parse_limits_file(path: Path) -> TaxYearLimits:
    """Read and validate one year's file; any fault becomes a ``LimitsDataError`` naming file and field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LimitsDataError(f"The limits file {path.name} cannot be read: {exc}") from exc
    try:
        limits = TaxYearLimits.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise LimitsDataError(f"The limits file {path.name} is invalid at {where}: {err['msg']}") from exc
    if limits.provisional_from is not None:
        raise LimitsDataError(f"The limits file {path.name} sets provisional_from, which RothWizard sets itself")
    if str(limits.tax_year) != path.stem:
        raise LimitsDataError(f"The limits file {path.name} says tax_year = {limits.tax_year}")
    return limits


@functools.cache
def load_limits(year: int, directory: Path | None = None) -> TaxYearLimits:
    """The limits for ``year``, parsed once and cached.

    A year after the latest shipped one is provisional (``provisional_limits``). Raises
    ``UnsupportedTaxYear`` (naming the years known) for a year before the earliest shipped one.
    """
    folder = directory or limits_dir()
    if is_plannable(year, folder) and is_provisional(year, folder):
        latest = latest_year(folder)
        assert latest is not None
        return provisional_limits(load_limits(latest, directory), year)
    if year not in supported_years(folder):
        raise UnsupportedTaxYear(year, list(supported_years(folder)))
    return parse_limits_file(folder / f"{year}.toml")


def provisional_limits(latest: TaxYearLimits, year: int) -> TaxYearLimits:
    """A year the IRS has not published yet, planned on the latest shipped year's figures.

    The indexed limits are only ever increased for the cost of living (IRC 415(d)(1), 219(b)(5)(C),
    408A(c)(3)(C), 402(g)(4)), so the latest published figures are a safe floor. Dated items
    move to the year: the contribution deadline is April 15 of the next year (IRC 219(f)(3)) and the
    extended due date October 15 (IRC 6081(a)). The HCE look-back figure for the year is the latest
    year's own HCE threshold (IRC 414(q)(1)(B)), which is published."""
    data = latest.model_dump()
    data["tax_year"] = year
    data["provisional_from"] = latest.tax_year
    data["hce_lookback_threshold"] = {
        "value": latest.hce_threshold.value,
        "source": f"IRC 414(q)(1)(B): the {latest.tax_year} figure ({latest.hce_threshold.source})",
    }
    data["contribution_deadline"] = {
        "value": dt.date(year + 1, 4, 15),
        "source": "IRC 219(f)(3): the due date of the return, not including extensions (April 15 of the next "
                  "year unless the IRS moves it)",
    }
    data["extended_due_date"] = {
        "value": dt.date(year + 1, 10, 15),
        "source": latest.extended_due_date.source,
    }
    return TaxYearLimits.model_validate(data)
