"""The app's Windows branches, run on Linux by making the code believe it is on Windows (the same code runs
for real under Wine in packaging/ci-windows.sh), and the installed-app self-test run against the source."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "spec-example.rothplan.json"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "appdata"
    monkeypatch.setenv("ROTHWIZARD_DATA_DIR", str(folder))
    return folder


def test_atomic_write_without_fchmod_leaves_no_tmp(tmp_path, monkeypatch):
    """Windows Python 3.11 has no os.fchmod: writing a plan must still work and leave nothing behind."""
    from rothwizard.core.planfile import load_plan, save_plan

    monkeypatch.delattr(os, "fchmod", raising=False)
    plan = load_plan(EXAMPLE)
    target = tmp_path / "plan.rothplan.json"
    save_plan(plan, target)
    assert load_plan(target) == plan
    assert [p.name for p in tmp_path.iterdir()] == ["plan.rothplan.json"]


@pytest.mark.gui
def test_wizard_uses_the_modern_style_on_windows(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWizard

    from rothwizard.gui.wizard import RothWizard

    monkeypatch.setattr(sys, "platform", "win32")
    wizard = RothWizard()
    qtbot.addWidget(wizard)
    assert wizard.wizardStyle() == QWizard.WizardStyle.ModernStyle


@pytest.mark.gui
def test_wizard_style_elsewhere_is_the_platform_default(qtbot):
    from PySide6.QtWidgets import QStyle, QWizard

    from rothwizard.gui.wizard import RothWizard

    wizard = RothWizard()
    qtbot.addWidget(wizard)
    default = wizard.style().styleHint(QStyle.StyleHint.SH_WizardStyle, None, wizard)
    assert wizard.wizardStyle() == QWizard.WizardStyle(default)


@pytest.mark.gui
def test_recent_plans_show_the_file_name_of_a_windows_path(qtbot, monkeypatch):
    """The welcome page lists recent plans by name; on Windows they are C:\\...\\name paths."""
    from rothwizard.gui.pages import welcome
    from rothwizard.gui.state import WizardState

    monkeypatch.setattr(welcome, "Path", PureWindowsPath)
    page = welcome.WelcomePage(WizardState())
    qtbot.addWidget(page)
    page.set_recent([r"C:\Users\Ann Lee\Documents\Roth 2026.rothplan.json"])
    assert page.recent.item(0).text() == "Roth 2026.rothplan.json"
    assert page.recent.item(0).toolTip() == r"C:\Users\Ann Lee\Documents\Roth 2026.rothplan.json"


def test_first_paint_report_without_stdout(monkeypatch):
    """A windowed program on Windows has sys.stdout None: the first-paint hook must quit, not crash."""
    from rothwizard.gui import firstpaint

    quit_called = []
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.quit", lambda: quit_called.append(1))
    firstpaint.report_and_quit(1.0, type("W", (), {"pages": {}})())
    assert quit_called == [1]
    buf = io.StringIO()
    monkeypatch.setattr(sys, "stdout", buf)
    firstpaint.report_and_quit(2.0, type("W", (), {"pages": {1: 1}})())
    assert buf.getvalue().startswith("first-paint 2.000000\n")


@pytest.mark.gui
def test_installed_app_selftest_passes_from_source(tmp_path):
    """The self-test CI runs inside the installed Windows app (packaging/selftest/), here against the source
    on Linux: the real start-up path opens the plan, then edit, autosave, save, reopen and export."""
    plan = tmp_path / "in" / "my plan.rothplan.json"
    plan.parent.mkdir()
    shutil.copyfile(EXAMPLE, plan)
    out = tmp_path / "out"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ROTHWIZARD_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join([str(ROOT / "packaging" / "selftest"), str(ROOT)]))
    r = subprocess.run([sys.executable, "-c", "import sys, rothwizard_selftest as t; sys.exit(t.main(sys.argv[1:]))",
                        str(plan), str(out)], capture_output=True, text=True, env=env, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[-1].startswith("selftest: ") and lines[-1].endswith(" passed, 0 failed")
    assert not [line for line in lines if "FAIL" in line]
    assert json.loads((out / "saved.rothplan.json").read_text())["magi"] == 401234
    assert (out / "selftest.pdf").read_bytes()[:5] == b"%PDF-"
    assert json.loads(plan.read_text()) == json.loads(EXAMPLE.read_text())  # the opened plan is untouched


def test_saving_over_a_read_only_plan_on_windows_leaves_no_tmp(tmp_path, monkeypatch):
    """Windows semantics, simulated: no os.fchmod, a read-only file can be neither replaced nor deleted.
    Saving over a read-only plan must fail with OSError, keep the old file and leave no .tmp behind."""
    import stat

    from rothwizard.core import atomic

    monkeypatch.delattr(os, "fchmod", raising=False)
    real_unlink, real_replace = os.unlink, os.replace

    def read_only(path) -> bool:
        return not os.stat(path).st_mode & stat.S_IWUSR

    def win_unlink(path, *a, **kw):
        if read_only(path):
            raise PermissionError(13, "Access is denied", str(path))
        return real_unlink(path, *a, **kw)

    def win_replace(src, dst, *a, **kw):
        if os.path.exists(dst) and read_only(dst):
            raise PermissionError(13, "Access is denied", str(dst))
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "unlink", win_unlink)
    monkeypatch.setattr(os, "replace", win_replace)
    target = tmp_path / "plan.rothplan.json"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(PermissionError):
        atomic.atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.rothplan.json"]
    target.chmod(0o644)
    atomic.atomic_write(target, b"new")  # once writable again, the save goes through
    assert target.read_bytes() == b"new"


@pytest.mark.parametrize("plan_file", sorted((ROOT / "examples").glob("*.rothplan.json")), ids=lambda p: p.stem)
def test_compute_prints_utf8_json_whatever_the_locale(plan_file, monkeypatch):
    """On Windows a redirected stdout uses the ANSI code page (cp1252): the JSON must still be UTF-8
    (RFC 8259), byte for byte what a UTF-8 locale prints."""
    from rothwizard import cli

    outputs = []
    for encoding in ("cp1252", "utf-8"):
        raw = io.BytesIO()
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding=encoding, newline="\r\n"))
        assert cli.main(["compute", str(plan_file)]) == 0
        sys.stdout.flush()
        outputs.append(raw.getvalue())
    assert outputs[0] == outputs[1]
    json.loads(outputs[0].decode("utf-8"))


def test_compute_in_a_windowed_program_does_not_crash(monkeypatch):
    from rothwizard import cli

    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(["compute", str(EXAMPLE)]) == 0
