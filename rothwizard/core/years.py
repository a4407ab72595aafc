"""The tax years RothWizard ships limits for: a listing of ``resources/limits``, nothing parsed.

Kept apart from ``limits`` (pydantic) so the wizard's first page can offer the years before the
calculation core is loaded.

A year after the latest one shipped is *provisional*: the IRS has not published its figures yet, so it
is planned on the latest shipped year's figures (indexed limits never go down) and marked as such
everywhere (shared/spec/plan-file.md, "A year not published yet"). A year before the earliest shipped
one is refused.
"""

from __future__ import annotations

import functools
from pathlib import Path

from rothwizard.paths import resource_path

MAX_YEAR = 2100  # a later tax year is a typo, not a plan


def limits_dir() -> Path:
    return resource_path("limits")


@functools.cache
def supported_years(directory: Path | None = None) -> tuple[int, ...]:
    """The tax years with a limits file, ascending."""
    folder = directory or limits_dir()
    return tuple(sorted(int(p.stem) for p in folder.glob("*.toml") if p.stem.isdigit()))


def latest_year(directory: Path | None = None) -> int | None:
    """The latest year with a limits file (the figures a provisional year is planned on)."""
    years = supported_years(directory)
    return years[-1] if years else None


def is_provisional(year: int, directory: Path | None = None) -> bool:
    """True for a year after the latest shipped one (not published by the IRS yet)."""
    latest = latest_year(directory)
    return latest is not None and year > latest


def is_plannable(year: object, directory: Path | None = None) -> bool:
    """A shipped year, or a later one (planned provisionally); never a year before the earliest."""
    if not isinstance(year, int) or isinstance(year, bool):
        return False
    return year in supported_years(directory) or (is_provisional(year, directory) and year <= MAX_YEAR)


def plannable_years(directory: Path | None = None) -> tuple[int, ...]:
    """The years the wizard offers: every shipped year and the next one, planned provisionally."""
    years = supported_years(directory)
    return years + (years[-1] + 1,) if years else ()


def provisional_mark(year: object) -> str:
    """" · PROVISIONAL: 2027 on 2026 IRS figures" for a year not published yet, else "" (footers, titles)."""
    if not is_plannable(year) or not is_provisional(year):  # type: ignore[arg-type]
        return ""
    return f" \u00b7 PROVISIONAL: {year} on {latest_year()} IRS figures"
