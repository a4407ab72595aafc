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


def install(widget) -> None:
    """Watch ``widget`` for its first paint; then report the time and quit the application."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class _Watcher(QObject):
        done = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                QTimer.singleShot(0, self._report)
            return False

        def _report(self) -> None:
            sys.stdout.write(f"first-paint {time.time():.6f}\n")
            sys.stdout.flush()
            QApplication.quit()

    watcher = _Watcher(widget)
    widget.installEventFilter(watcher)
