"""Start-up measurement hook: with ``ROTHWIZARD_EXIT_AFTER_FIRST_PAINT=1`` the app prints
``first-paint <unix time>`` when the wizard's first page has been painted, then quits.

Used by the benchmarks (tests/benchmarks/run.py) and the installed-package smoke test, so both measure
the real start-up path, bundle included.
"""

from __future__ import annotations

import os
import sys
import time

ENV = "ROTHWIZARD_EXIT_AFTER_FIRST_PAINT"


def requested() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


def after_first_paint(widget, callback) -> None:
    """Call ``callback(painted_at)`` once, from the event loop, right after ``widget`` is first painted
    (``painted_at``: the Unix time of that paint)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Watcher(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                painted_at = time.time()
                QTimer.singleShot(0, lambda: callback(painted_at))
            return False

    widget.installEventFilter(_Watcher(widget))


def report_and_quit(painted_at: float, wizard) -> None:
    """For measurements: print when the first page was painted, then quit once the wizard is complete
    (so a peak-memory figure covers every page, not just the first)."""
    from PySide6.QtWidgets import QApplication

    if sys.stdout is not None:  # None in a windowed program on Windows (rothwizard.exe): nothing to print to
        sys.stdout.write(f"first-paint {painted_at:.6f}\n")
        sys.stdout.write(f"ready {time.time():.6f} pages={len(wizard.pages)}\n")
        sys.stdout.flush()
    QApplication.quit()
