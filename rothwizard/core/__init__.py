"""RothWizard's calculation core: plain Python and pydantic, no Qt, no reportlab."""

from rothwizard.core.calculator import compute
from rothwizard.core.errors import (
    InvalidInput,
    LimitsDataError,
    PlanFileError,
    RothWizardError,
    UnsupportedTaxYear,
)
from rothwizard.core.limits import TaxYearLimits, load_limits, supported_years
from rothwizard.core.models import Plan, Report
from rothwizard.core.planfile import load_plan, plan_from_data, save_plan

__all__ = [
    "InvalidInput", "LimitsDataError", "Plan", "PlanFileError", "Report", "RothWizardError",
    "TaxYearLimits", "UnsupportedTaxYear", "compute", "load_limits", "load_plan", "plan_from_data",
    "save_plan", "supported_years",
]
