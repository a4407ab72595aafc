"""The installed app's self-test, run by the frozen bundle itself (``ROTHWIZARD_SELFTEST=1``, see
rth_selftest.py) so CI can check that the real Windows build writes files where Windows keeps them:

    ROTHWIZARD_SELFTEST=1 rothwizard-cli.exe PLAN OUTDIR

starts the wizard the way a double-click on PLAN does (``rothwizard.gui.app.run(PLAN)``: the data folder,
the log, the first paint, the plan opened after the pages are built), then, as the person would through
the wizard's own methods: checks the plan is open, edits a figure, autosaves (the data folder), saves to
OUTDIR\\saved.rothplan.json, reopens it and finds the edit, exports the PDF and closes the window. Prints
one ``selftest: ok|FAIL ...`` line per check and exits 0 only if all passed. Any dialog or hang: exit 3
after 120 s.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

CHECKS: list[tuple[bool, str]] = []
NEW_MAGI = 401234  # the edit: a value no example uses


def check(ok: bool, what: str) -> bool:
    CHECKS.append((bool(ok), what))
    print(f"selftest: {'ok' if ok else 'FAIL'} {what}", flush=True)
    return bool(ok)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def run_steps(wizard, plan: Path, out: Path) -> None:
    from rothwizard.gui import storage

    wizard.grab().save(str(out / "first-page.png"))  # to look at (fonts, layout) when a run needs it
    if sys.platform == "win32":
        from PySide6.QtWidgets import QWizard

        check(wizard.wizardStyle() == QWizard.WizardStyle.ModernStyle, "the wizard uses the Modern style")
    state = wizard.state
    check(state.path is not None and Path(state.path).resolve() == plan.resolve(),
          f"the wizard opened {plan.name} from the command line (path: {state.path})")
    check(not state.dirty, "a plan just opened has no unsaved changes")
    data_dir = storage.data_dir()
    check(data_dir.is_dir(), f"data folder {data_dir}")
    if os.name == "nt":
        appdata = os.environ.get("APPDATA", "")
        check(bool(appdata) and str(data_dir).lower().startswith(appdata.lower()),
              f"the data folder is under %APPDATA% ({appdata})")

    state.set("magi", NEW_MAGI)
    check(state.dirty, "an edit marks the plan unsaved")
    check(wizard.isWindowModified(), "the title shows the unsaved mark")
    wizard.autosave_now()
    autosave = _autosave_file(wizard, data_dir)
    check(autosave is not None and autosave.is_file() and _magi(autosave) == NEW_MAGI,
          f"autosave wrote the edit to {autosave}")
    check(not leftovers(data_dir), f"no .tmp file left in the data folder {leftovers(data_dir)}")

    saved = out / "saved.rothplan.json"
    state.path = saved
    check(wizard.save(), f"Save wrote {saved}")
    check(saved.is_file() and json.loads(saved.read_text(encoding="utf-8")).get("magi") == NEW_MAGI,
          "the saved file has the edit")
    check(not state.dirty, "after Save nothing is unsaved")
    check(not leftovers(out), f"no .tmp file left beside the plan {leftovers(out)}")
    check(storage.recent_plans()[:1] == [str(saved.resolve())], "the saved plan is first in the recent list")
    from rothwizard.core.flow import Step

    recent = wizard.pages[Step.WELCOME].recent
    check(recent.count() > 0 and recent.item(0).text() == saved.name,
          f"the welcome page lists it by its name ({recent.item(0).text() if recent.count() else None!r})")

    state.set("magi", 1)  # a change that must not survive the reopen
    state.set_dirty(False)
    check(wizard.open_path(saved), "reopen the saved plan")
    check(state.get("magi") == NEW_MAGI, f"the reopened plan has the edit (magi {state.get('magi')})")

    from rothwizard.core import compute
    from rothwizard.report import export_pdf

    pdf = out / "selftest.pdf"
    plan_obj = state.complete_plan()
    export_pdf(plan_obj, compute(plan_obj), str(pdf))
    check(pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", f"export wrote {pdf}")
    wizard.done(0)
    check(not wizard.isVisible(), "the wizard closes")
    check(autosave is not None and not autosave.exists(), "a clean close removes the autosave")
    left = [p.name for p in data_dir.rglob("*") if p.suffix in (".json", ".tmp", ".lock")
            and p.name not in ("recent.json",) and p.parent == autosave.parent] if autosave else []
    check(not left, f"nothing of this window is left in the autosave folder {left}")


def _autosave_file(wizard, data_dir: Path) -> Path | None:
    """This window's autosave file (one per window since autosaves are kept per window)."""
    per_window = getattr(wizard, "_autosave", None)
    if per_window is not None and hasattr(per_window, "file"):
        return Path(per_window.file)
    from rothwizard.gui import storage

    return data_dir / storage.AUTOSAVE


def _magi(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))["data"].get("magi")
    except (OSError, ValueError, KeyError, AttributeError):
        return None


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: ROTHWIZARD_SELFTEST=1 rothwizard-cli PLAN OUTDIR", file=sys.stderr)
        return 2
    plan, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.pop("ROTHWIZARD_EXIT_AFTER_FIRST_PAINT", None)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    started = time.monotonic()

    def give_up() -> None:
        print("selftest: FAIL no result within 120 s (a dialog opened, or the wizard hung)", flush=True)
        os._exit(3)

    watchdog = QTimer(singleShot=True, interval=120_000)
    watchdog.timeout.connect(give_up)
    watchdog.start()

    def poll() -> None:
        from rothwizard.gui.wizard import RothWizard

        wizards = [w for w in app.topLevelWidgets() if isinstance(w, RothWizard)]
        if not wizards or not wizards[0].ready or wizards[0].state.path is None:
            if time.monotonic() - started < 60:
                QTimer.singleShot(100, poll)
                return
            check(False, "the wizard opened the plan within 60 s")
            app.exit(1)
            return
        try:
            run_steps(wizards[0], plan, out)
        except Exception as exc:  # noqa: BLE001 - report it as a failed check
            import traceback

            traceback.print_exc()
            check(False, f"{type(exc).__name__}: {exc}")
        failed = sum(1 for ok, _ in CHECKS if not ok)
        print(f"selftest: {len(CHECKS) - failed} passed, {failed} failed", flush=True)
        app.exit(1 if failed else 0)

    QTimer.singleShot(0, poll)
    from rothwizard.gui.app import run

    return run(str(plan))
