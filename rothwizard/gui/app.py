"""Start the GUI: ``run(plan_path_or_None) -> exit code``. Unhandled exceptions are logged and shown in
a dialog with details to copy; the app keeps running."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

log = logging.getLogger("rothwizard")


def _setup_logging() -> Path | None:
    from rothwizard.gui import storage

    try:
        path = storage.data_dir() / storage.LOG
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def install_excepthook(log_path: Path | None) -> None:
    def hook(kind, value, tb) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unhandled exception\n%s", details)
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        try:
            from rothwizard.gui.dialogs import ErrorDialog

            ErrorDialog(f"{kind.__name__}: {value}", details, str(log_path or "")).exec()
        except Exception:  # noqa: BLE001 - the hook must never raise
            sys.__excepthook__(kind, value, tb)

    sys.excepthook = hook


def load_style(app) -> None:
    """The stylesheet, coloured for the palette in use; chosen again when the desktop switches between
    light and dark while the app runs."""
    from rothwizard.gui.style import follow_palette
    from rothwizard.paths import resource_path

    try:
        template = resource_path("styles", "app.qss").read_text(encoding="utf-8")
    except OSError:
        return
    follow_palette(app, template)


NO_DISPLAY = (
    "rothwizard: the wizard needs a graphical session, and none was found (DISPLAY and WAYLAND_DISPLAY are "
    "not set).\n"
    "Start it from the desktop, or over SSH with X forwarding (ssh -X). Without a display, use the command "
    "line:\n"
    "  rothwizard compute PLAN              print the report as JSON\n"
    "  rothwizard export PLAN -o OUT.pdf    write the PDF action plan\n"
)


def display_missing() -> bool:
    """True on Linux and other X11/Wayland systems when no display can be reached and no Qt platform was
    chosen (``QT_QPA_PLATFORM``, e.g. offscreen): Qt would abort with a misleading message about
    xcb libraries."""
    if sys.platform.startswith(("win", "darwin")) or sys.platform == "cygwin":
        return False
    import os

    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(plan_path: str | None = None) -> int:
    if display_missing():
        sys.stderr.write(NO_DISPLAY)
        return 1
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("RothWizard")  # no organisation name: the data folder is .../RothWizard, one level
    app.setApplicationDisplayName("RothWizard")
    app.setDesktopFileName("org.rothwizard.RothWizard")  # matches the installed .desktop entry
    from rothwizard.paths import resource_path

    icon = resource_path("icons", "rothwizard.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    log_path = _setup_logging()
    install_excepthook(log_path)
    load_style(app)
    from rothwizard.gui import firstpaint
    from rothwizard.gui.wizard import RothWizard

    # Paint the first page at once; load the core and the other pages right after (start-up budget).
    wizard = RothWizard(lazy=True)
    started: list[float] = []

    def finish(painted_at: float) -> None:
        if started:  # the first paint and the fallback timer: whichever comes first
            return
        started.append(painted_at)
        wizard.finish_loading()
        if firstpaint.requested():
            firstpaint.report_and_quit(painted_at, wizard)
            return
        wizard.offer_restore()
        if plan_path:
            wizard.open_path(plan_path)
        log.info("started")

    firstpaint.after_first_paint(wizard, finish)
    # A window that is never painted (started minimised, say) still gets all its pages.
    QTimer.singleShot(1500, lambda: finish(0.0))
    wizard.show()
    return app.exec()
