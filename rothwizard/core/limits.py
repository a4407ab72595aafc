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
from rothwizard.core.years import limits_dir, supported_years


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
    catch_up_50: Amount = Field(description="IRC 414(v)(2)(B)(i)")
    catch_up_60_63: OptionalAmount = Field(description="IRC 414(v)(2)(E)")
    annual_additions_limit: Amount = Field(description="IRC 415(c)(1)(A)")
    compensation_limit: Amount = Field(description="IRC 401(a)(17)")
    hce_threshold: Amount = Field(description="IRC 414(q)(1)(B)")
    roth_catch_up_wage_threshold: WageThreshold = Field(description="IRC 414(v)(7)(A)")
    contribution_deadline: Deadline = Field(description="IRC 219(f)(3)")

    @property
    def sources(self) -> str:
        """The year's IRS sources in one line, for page footers."""
        return f"{self.news_release}; IRS {self.notice}"


PARAMETERS: tuple[str, ...] = tuple(
    name for name in TaxYearLimits.model_fields if name not in ("tax_year", "notice", "news_release")
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
    if str(limits.tax_year) != path.stem:
        raise LimitsDataError(f"The limits file {path.name} says tax_year = {limits.tax_year}")
    return limits


@functools.cache
def load_limits(year: int, directory: Path | None = None) -> TaxYearLimits:
    """The limits for ``year``, parsed once and cached.

    Raises ``UnsupportedTaxYear`` (naming the years known) when no file ships for that year.
    """
    folder = directory or limits_dir()
    if year not in supported_years(folder):
        raise UnsupportedTaxYear(year, list(supported_years(folder)))
    return parse_limits_file(folder / f"{year}.toml")
