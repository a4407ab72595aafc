"""The action plan as JSON (plan-file.md, "The action plan as JSON"): the same model the PDF prints and
the wizard shows, written whole or not at all."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from rothwizard.core.actionplan import build_action_plan
from rothwizard.core.atomic import atomic_write, plain_reason
from rothwizard.core.errors import RothWizardError
from rothwizard.core.models import Plan, Report


class JsonExportError(RothWizardError):
    """The JSON file could not be written; ``str(exc)`` names the path and the reason."""


def action_plan_json(plan: Plan, report: Report, today: dt.date | None = None) -> str:
    return json.dumps(build_action_plan(plan, report, today).to_json(), indent=2, ensure_ascii=False) + "\n"


def export_json(plan: Plan, report: Report, path: str | os.PathLike[str], today: dt.date | None = None) -> Path:
    target = Path(path)
    if target.is_dir():
        raise JsonExportError(f"Cannot write the action plan to {target}: it is a folder.")
    text = action_plan_json(plan, report, today)
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as exc:
        raise JsonExportError(f"Cannot write the action plan to {target}: {plain_reason(exc)}.") from exc
    return target
