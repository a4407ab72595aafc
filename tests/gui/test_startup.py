"""Start-up: the first page is painted before the core is loaded, then the wizard completes itself.

The budget (first page within 1.3x of a bare QWizard) is measured by tests/benchmarks/run.py; these tests
check the behaviour that makes it possible, and that nothing is lost by it."""

import os
import subprocess
import sys


def test_first_page_without_pydantic_then_every_page(tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from rothwizard.gui.wizard import RothWizard\n"
        "w = RothWizard(lazy=True); w.show(); app.processEvents()\n"
        "before = sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'reportlab'})\n"
        "complete_before = w.currentPage().isComplete()\n"
        "w.finish_loading()\n"
        "print(before, complete_before, len(w.pages), w.currentPage().isComplete())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROTHWIZARD_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["[]", "False", "8", "True"]


def test_the_app_reports_its_first_paint_and_a_complete_wizard(tmp_path):
    """The measurement hook used by the benchmarks and the installed-package check."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROTHWIZARD_DATA_DIR": str(tmp_path),
           "ROTHWIZARD_EXIT_AFTER_FIRST_PAINT": "1"}
    out = subprocess.run([sys.executable, "-m", "rothwizard"], capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    painted, ready = float(lines["first-paint"]), float(lines["ready"].split()[0])
    assert painted <= ready and lines["ready"].endswith("pages=8")


def test_run_with_a_plan_opens_it_once_the_wizard_is_complete(qtbot, monkeypatch, tmp_path):
    """`rothwizard PLAN`: the first page is painted, then the pages are built and the plan is opened."""
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from rothwizard.gui import app as gui_app
    from rothwizard.gui.wizard import RothWizard

    monkeypatch.setenv("ROTHWIZARD_DATA_DIR", str(tmp_path))
    example = Path(__file__).resolve().parents[2] / "examples" / "married-both-strategies.rothplan.json"
    seen = {}

    def fake_exec():
        # the wizard run() just showed: the only one still waiting for its pages
        [wizard] = [w for w in QApplication.topLevelWidgets() if isinstance(w, RothWizard) and not w.ready]
        qtbot.waitUntil(lambda: wizard.ready and wizard.state.path is not None, timeout=5000)
        seen.update(pages=len(wizard.pages), path=wizard.state.path, magi=wizard.state.get("magi"))
        wizard.state.set_dirty(False)
        wizard.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs the app's own: put it back after
    handlers = list(gui_app.log.handlers)
    try:
        assert gui_app.run(str(example)) == 0
    finally:
        for handler in set(gui_app.log.handlers) - set(handlers):
            gui_app.log.removeHandler(handler)
            handler.close()
    assert seen == {"pages": 8, "path": example, "magi": 520000}
