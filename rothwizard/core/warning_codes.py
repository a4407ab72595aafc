"""The warning codes of the report, one ``StrEnum``: the calculator emits them, pages and tests compare
against them, so a misspelt code is an ``AttributeError``, not a warning silently never shown.

The values are the contract (shared/spec/plan-file.md, report ``warnings``); add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class WarningCode(StrEnum):
    # direct Roth IRA
    ROTH_DIRECT_AVAILABLE = "roth_direct_available"
    ROTH_PARTIAL = "roth_partial"
    # IRA limit and deduction
    NO_COMPENSATION = "no_compensation"
    COMPENSATION_LIMIT = "compensation_limit"
    EXCESS_CONTRIBUTION = "excess_contribution"
    DEDUCTIBLE_CONTRIBUTION = "deductible_contribution"
    NOT_DEDUCTIBLE = "not_deductible"
    LIVED_WITH_SPOUSE_ASSUMED = "lived_with_spouse_assumed"
    SEPARATE_MAGI_ASSUMED = "separate_magi_assumed"
    # Form 8606 and the conversion
    PRO_RATA = "pro_rata"
    ROLL_IN_FIX = "roll_in_fix"
    EARNINGS_TAXABLE = "earnings_taxable"
    RMD_BEFORE_CONVERSION = "rmd_before_conversion"
    # employer plan
    EXCESS_DEFERRAL = "excess_deferral"
    CATCH_UP_FROM_DEFERRALS = "catch_up_from_deferrals"
    EXCESS_CATCH_UP = "excess_catch_up"
    EXCESS_AFTER_TAX = "excess_after_tax"
    ROTH_CATCH_UP_REQUIRED = "roth_catch_up_required"
    ACP_TESTING = "acp_testing"
    EXCESS_EMPLOYER_CONTRIBUTION = "excess_employer_contribution"
    EXCESS_ANNUAL_ADDITIONS = "excess_annual_additions"
    SOLO_401K_DOCUMENT = "solo_401k_document"
    SEP_SIMPLE_IRA = "sep_simple_ira"
    # the year
    PROVISIONAL_YEAR = "provisional_year"
