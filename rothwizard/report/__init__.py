"""The PDF action plan (reportlab). Imported only when exporting; ``rothwizard.core`` never imports it.

``export_pdf(plan, report, path, paper=None)`` builds the view model
(``rothwizard.core.actionplan.build_action_plan``), renders it and writes the file atomically.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
from pathlib import Path

from rothwizard.core.actionplan import ActionPlan, build_action_plan
from rothwizard.core.atomic import atomic_write
from rothwizard.core.errors import RothWizardError
from rothwizard.core.models import Plan, Report
from rothwizard.report.flowables import checkbox_name
from rothwizard.report.render import render_pdf
from rothwizard.report.styles import FontMissing

__all__ = ["ExportError", "checkbox_name", "export_pdf", "paper_from_locale", "render_bytes", "render_pdf"]

# Countries whose paper is US Letter; everywhere else uses A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "PR", "MX", "PH", "CL", "CO"})


class ExportError(RothWizardError):
    """The PDF could not be written; ``str(exc)`` is one sentence naming the path and the reason."""


def paper_from_locale(environ: dict[str, str] | None = None) -> str:
    """"letter" or "a4" from the locale (LC_ALL, then LC_PAPER, then LANG, as POSIX orders them).

    US and Canada (and the few other Letter countries) get Letter, other countries A4. With no country
    in the locale (C, POSIX, unset) Letter, since the plan is for US taxes."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(var, "")
        if value:
            country = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            if not country:
                return "letter"
            return "letter" if country in LETTER_COUNTRIES else "a4"
    return "letter"


def render_bytes(action_plan: ActionPlan, paper: str = "letter") -> bytes:
    buffer = io.BytesIO()
    render_pdf(action_plan, buffer, paper)
    return buffer.getvalue()


_REASONS = {
    errno.ENOENT: "its folder does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EACCES: "permission is denied",
    errno.EPERM: "permission is denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
}


def export_pdf(plan: Plan, report: Report, path: str | os.PathLike[str], paper: str | None = None,
               today: dt.date | None = None) -> Path:
    """Write the action plan PDF to ``path`` (Letter or A4; ``None`` = from the locale).

    The file appears whole or not at all. Raises ``ExportError`` with one sentence when it cannot be
    written. Returns the path written."""
    target = Path(path)
    if paper is None:
        paper = paper_from_locale()
    if paper not in ("letter", "a4"):
        raise ExportError(f"Unknown paper size {paper!r}: use letter or a4.")
    if target.is_dir():
        raise ExportError(f"Cannot write the PDF to {target}: it is a folder.")
    try:
        data = render_bytes(build_action_plan(plan, report, today), paper)
    except FontMissing as exc:
        raise ExportError(f"Cannot make the PDF: {exc}") from exc
    try:
        atomic_write(target, data)
    except OSError as exc:
        reason = _REASONS.get(exc.errno or 0, exc.strerror or exc.__class__.__name__)
        raise ExportError(f"Cannot write the PDF to {target}: {reason}.") from exc
    return target
