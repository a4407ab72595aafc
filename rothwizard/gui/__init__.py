"""RothWizard's Qt front end; the only package that imports PySide6.

``create_wizard(plan=None)`` returns the wizard window (not shown), optionally filled from a plan
(a dict or a path). A plan opened from a path lands where the person left off, as Open does; a dict starts
on the first page.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rothwizard.gui.qtimport import lighten_feature_hook

lighten_feature_hook()


def create_wizard(plan: dict[str, Any] | str | os.PathLike[str] | None = None):
    from PySide6.QtWidgets import QApplication

    from rothwizard.core import flow, plan_from_data
    from rothwizard.gui import storage
    from rothwizard.gui.wizard import RothWizard

    if QApplication.instance() is None:
        QApplication([])
    wizard = RothWizard()
    if isinstance(plan, dict):
        wizard.state.load(flow.data_from_plan(plan_from_data(plan)))
        wizard.restart()
    elif plan is not None:  # a bad file raises PlanFileError / InvalidInput (no dialog)
        path = Path(plan)
        from rothwizard.core.planfile import read_plan_data

        data, draft = flow.open_data(read_plan_data(path))  # a draft opens as it is
        wizard.state.load(data, path, draft=draft)
        wizard.state.disk_stamp = storage.disk_stamp(path)
        wizard.pages[flow.Step.WELCOME].set_recent(storage.add_recent(path))
        wizard.restart()
        wizard.land()  # where the person left off, as Open does
        wizard.update_title()
    return wizard
