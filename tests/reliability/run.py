"""Large reliability runs, outside the test suite:

    .venv/bin/python -m tests.reliability.run plans 20000 [FIRST_SEED]    # fuzzed plan files
    .venv/bin/python -m tests.reliability.run sessions 500 [FIRST_SEED]   # random GUI sessions (offscreen)

Prints the figures: plans, accepted, rejected, crashes, unnamed messages, broken invariants; or
sessions, actions, exceptions (and the sessions they were in). Exits 1 when anything went wrong."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def plans(count: int, start: int = 10**6) -> int:
    from tests.reliability.plans import Tally, check

    tally = Tally()
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(start, start + count):
            check(seed, Path(folder), tally)
            (Path(folder) / f"plan-{seed}.rothplan.json").unlink()
    print(tally.summary(), f"({time.monotonic() - began:.0f} s, seeds {start} to {start + count - 1})")
    for line in (tally.crashes + tally.unnamed + tally.broken_invariants)[:20]:
        print(" ", line)
    return 1 if tally.crashes or tally.unnamed or tally.broken_invariants else 0


class _Patcher:
    def __init__(self):
        self.undo = []

    def setattr(self, target, name, value):
        self.undo.append((target, name, getattr(target, name)))
        setattr(target, name, value)

    def restore(self):
        for target, name, value in reversed(self.undo):
            setattr(target, name, value)
        self.undo.clear()


class _Bot:
    def addWidget(self, widget):  # noqa: N802 - the qtbot API
        pass


def sessions(count: int, start: int = 10**6, actions: int = 40) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from tests.reliability.sessions import run_session

    app = QApplication.instance() or QApplication([])
    total_actions, exceptions, bad_sessions = 0, [], 0
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as root:
        os.environ["ROTHWIZARD_DATA_DIR"] = str(Path(root) / "appdata")
        os.chdir(root)
        for seed in range(start, start + count):
            folder = Path(root) / f"s{seed}"
            folder.mkdir()
            patcher = _Patcher()
            try:
                session = run_session(seed, folder, _Bot(), patcher, actions=actions)
            finally:
                patcher.restore()
            for widget in app.topLevelWidgets():
                widget.deleteLater()
            app.processEvents()
            total_actions += session.actions
            if session.errors:
                bad_sessions += 1
                exceptions.extend(f"seed {seed}: {e.strip().splitlines()[-1]}" for e in session.errors)
    print(f"sessions {count}, actions {total_actions}, exceptions {len(exceptions)} in {bad_sessions} sessions "
          f"({time.monotonic() - began:.0f} s, seeds {start} to {start + count - 1})")
    for line in exceptions[:20]:
        print(" ", line)
    return 1 if exceptions else 0


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in ("plans", "sessions"):
        print(__doc__)
        return 2
    count = int(argv[1]) if len(argv) > 1 else 1000
    start = int(argv[2]) if len(argv) > 2 else 10**6
    if argv[0] == "plans":
        return plans(count, start)
    return sessions(count, start, actions=int(os.environ.get("ROTHWIZARD_SESSION_ACTIONS", "45")))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
