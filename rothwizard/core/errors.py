"""Errors the core raises, each carrying one plain sentence a person can act on."""

from __future__ import annotations


class RothWizardError(Exception):
    """Base class: ``str(exc)`` is a complete sentence for the user."""


class InvalidInput(RothWizardError):
    """A plan field is missing, of the wrong kind or out of range.

    ``field`` is the plan field path (``you.ira.balance_dec31``); ``problem`` says what is wrong.
    """

    def __init__(self, field: str, problem: str, kind: str = ""):
        self.field = field
        self.problem = problem
        self.kind = kind  # pydantic's error type when it came from validation ("missing", ...)
        super().__init__(f"{field}: {problem}" if field else problem)


class UnsupportedTaxYear(InvalidInput):
    """The plan is for a year whose IRS limits RothWizard does not ship."""

    def __init__(self, year: object, known: list[int]):
        self.year = year
        self.known = known
        years = ", ".join(str(y) for y in known) or "none"
        super().__init__(
            "tax_year",
            f"RothWizard has no IRS limits for {year}; the years it knows are {years}",
        )


class LimitsDataError(RothWizardError):
    """A bundled limits file is missing, unreadable or invalid (a packaging fault, not the user's)."""


class PlanFileError(RothWizardError):
    """A plan file cannot be read: missing, unreadable, not JSON, or from a newer version."""
