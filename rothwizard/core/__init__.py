"""RothWizard's calculation core: plain Python and pydantic, no Qt, no reportlab.

The names below are loaded on first use (PEP 562), so importing a light submodule such as
``rothwizard.core.flow`` does not build the pydantic models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "compute": "calculator",
    "InvalidInput": "errors", "LimitsDataError": "errors", "PlanFileError": "errors",
    "RothWizardError": "errors", "UnsupportedTaxYear": "errors",
    "TaxYearLimits": "limits", "load_limits": "limits",
    "supported_years": "years",
    "Plan": "models", "Report": "models",
    "load_plan": "planfile", "plan_from_data": "planfile", "save_plan": "planfile",
}
__all__ = [
    "InvalidInput", "LimitsDataError", "Plan", "PlanFileError", "Report", "RothWizardError", "TaxYearLimits",
    "UnsupportedTaxYear", "compute", "load_limits", "load_plan", "plan_from_data", "save_plan", "supported_years",
]

if TYPE_CHECKING:
    from rothwizard.core.calculator import compute
    from rothwizard.core.errors import (
        InvalidInput,
        LimitsDataError,
        PlanFileError,
        RothWizardError,
        UnsupportedTaxYear,
    )
    from rothwizard.core.limits import TaxYearLimits, load_limits
    from rothwizard.core.models import Plan, Report
    from rothwizard.core.planfile import load_plan, plan_from_data, save_plan
    from rothwizard.core.years import supported_years


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rothwizard.core' has no attribute {name!r}")
    return getattr(importlib.import_module(f"rothwizard.core.{module}"), name)
