"""RothWizard's Qt front end; the only package that imports PySide6.

``create_wizard(plan=None)`` returns the wizard window (not shown), optionally filled from a plan
(a dict or a path).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def create_wizard(plan: dict[str, Any] | str | os.PathLike[str] | None = None):
    from PySide6.QtWidgets import QApplication

    from rothwizard.core import flow, plan_from_data
    from rothwizard.gui.wizard import RothWizard

    if QApplication.instance() is None:
        QApplication([])
    wizard = RothWizard()
    if isinstance(plan, dict):
        wizard.state.load(flow.data_from_plan(plan_from_data(plan)))
        wizard.restart()
    elif plan is not None:
        if not wizard.open_path(Path(plan)):
            raise ValueError(f"cannot open {plan}")
    return wizard
