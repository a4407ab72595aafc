"""Screens: the window fits small and scaled screens and remembers its place; text keeps 4.5:1 contrast on
light and dark palettes; the step list says where the person is; pages that do not apply are skipped; an
opened plan lands where the person left off; export shows it is busy and says when no viewer exists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from rothwizard.core.flow import Step
from tests.conftest import person as make_person
from tests.conftest import plan as make_plan

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "married-both-strategies.rothplan.json"

# ------------------------------------------------------------------ size on small and scaled screens

FIT = r"""
import json, sys
from PySide6.QtWidgets import QApplication, QWizard
app = QApplication([])
from rothwizard.gui import create_wizard
w = create_wizard(sys.argv[1])
w.restart()
w.show(); app.processEvents()
area = app.primaryScreen().availableGeometry()
out = {"area": [area.x(), area.y(), area.width(), area.height()], "pages": []}
frame = w.frameGeometry()
out["window"] = [frame.x(), frame.y(), frame.width(), frame.height()]
while True:
    app.processEvents()
    row = []
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton,
                  QWizard.WizardButton.CancelButton, QWizard.WizardButton.HelpButton):
        b = w.button(which)
        if b.isVisible():
            tl = b.mapToGlobal(b.rect().topLeft()); br = b.mapToGlobal(b.rect().bottomRight())
            row.append([tl.x(), tl.y(), br.x(), br.y()])
    page = w.currentPage()
    bar = page.scroll.verticalScrollBar()
    body = page.scroll.widget()
    out["pages"].append({"id": w.currentId(), "buttons": row,
                         "reachable": body.height() <= page.scroll.viewport().height() + bar.maximum()})
    before = w.currentId()
    if not page.isComplete():
        break
    w.next()
    if w.currentId() == before:
        break
w.state.set_dirty(False)
print(json.dumps(out))
"""


def run_on_screen(tmp_path, width: int, height: int, scale: float = 1.0) -> dict:
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"synchronousWindowSystemEvents": False, "windowFrameMargins": True, "screens": [
        {"name": "test", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale),
           "ROTHWIZARD_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", FIT, str(EXAMPLE)], capture_output=True, text=True, env=env,
                         timeout=120, cwd=REPO)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


@pytest.mark.parametrize(("width", "height", "scale", "logical"), [
    (1280, 680, 1.0, (1280, 680)),     # the smallest screen RothWizard promises to fit
    (1920, 1080, 1.5, (1280, 720)),    # a 1080p screen at 150 %
    (2560, 1440, 2.0, (1280, 720)),    # 2x
    (1366, 768, 1.0, (1366, 768)),     # a common laptop
])
def test_the_window_and_its_buttons_fit_the_screen(tmp_path, width, height, scale, logical):
    result = run_on_screen(tmp_path, width, height, scale)
    ax, ay, aw, ah = result["area"]
    assert (aw, ah) == logical
    x, y, w, h = result["window"]
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, result
    assert [p["id"] for p in result["pages"]] == list(range(8))  # the example walks every page
    for page in result["pages"]:
        assert page["reachable"]
        for left, top, right, bottom in page["buttons"]:
            assert ax <= left and right < ax + aw and ay <= top and bottom < ay + ah, page


def test_size_and_place_are_remembered(qtbot, dialogs):
    from rothwizard.gui import create_wizard

    first = create_wizard()
    qtbot.addWidget(first)
    first.show()
    first.resize(640, 500)
    first.move(30, 40)
    place = first.geometry()
    first.done(0)
    second = create_wizard()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (640, 500)
    assert second.geometry() == place


def test_a_first_start_fits_the_available_area():
    from rothwizard.gui.screen import fitted_size

    assert fitted_size(1920, 1040) == (1180, 780)   # the preferred size where there is room
    assert fitted_size(1280, 680) == (1180, 614)    # 95 % of the height, title bar left out
    assert fitted_size(1100, 680) == (1045, 614)
    assert fitted_size(1024, 600)[1] <= 600 - 32


# ------------------------------------------------------------------ contrast, light and dark


def wcag_luminance(colour) -> float:
    """WCAG 2.1 relative luminance (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance)."""
    def lin(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(colour.red()) + 0.7152 * lin(colour.green()) + 0.0722 * lin(colour.blue())


def wcag_contrast(a, b) -> float:
    hi, lo = sorted((wcag_luminance(a), wcag_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def palette(colours: dict[str, str]):
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    for role, value in colours.items():
        p.setColor(getattr(QPalette.ColorRole, role), QColor(value))
    return p


LIGHT = {"Window": "#efefef", "WindowText": "#000000", "Base": "#ffffff", "Text": "#000000"}
# Breeze Dark (KDE) and Adwaita dark (GNOME) window/text colours
DARK = {"Window": "#31363b", "WindowText": "#eff0f1", "Base": "#232629", "Text": "#eff0f1"}
ADWAITA_DARK = {"Window": "#242424", "WindowText": "#ffffff", "Base": "#1e1e1e", "Text": "#ffffff"}


COLOURS = """
import json, sys
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
app = QApplication([])
p = QPalette()
for role, value in json.loads(sys.argv[1]).items():
    p.setColor(getattr(QPalette.ColorRole, role), QColor(value))
app.setPalette(p)
from rothwizard.gui.app import load_style
load_style(app)
holder = QWidget(); layout = QVBoxLayout(holder); labels = {}
for role in ("error", "hint", "detail", "warning", "blocker", "info", "figure"):
    labels[role] = QLabel(role); labels[role].setProperty("role", role); layout.addWidget(labels[role])
holder.show(); app.processEvents()
out = {}
for role, label in labels.items():
    label.ensurePolished()
    pal = label.palette()
    out[role] = [pal.color(label.foregroundRole()).name(), pal.color(label.backgroundRole()).name()]
from rothwizard.gui.style import palette_colour  # the summary's alerts, on its text view (Base)
out["alert"] = [palette_colour("alert", app.palette()), app.palette().color(QPalette.ColorRole.Base).name()]
print(json.dumps(out))
"""


@pytest.mark.parametrize("colours", [LIGHT, DARK, ADWAITA_DARK], ids=["light", "breeze-dark", "adwaita-dark"])
def test_text_keeps_4_5_to_1_contrast(tmp_path, colours):
    """Labels of every role, styled by load_style() for the desktop's palette (in a process of their own:
    restyling every window of the test run is slow)."""
    from PySide6.QtGui import QColor

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROTHWIZARD_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", COLOURS, json.dumps(colours)], capture_output=True, text=True,
                         env=env, timeout=60, cwd=REPO)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.splitlines()[-1])
    window = QColor(colours["Window"])
    assert len(seen) == 8
    for role, (fg_name, bg_name) in seen.items():
        fg, bg = QColor(fg_name), QColor(bg_name)
        boxed = role in ("warning", "blocker", "info")
        if role == "alert":
            bg = QColor(colours["Base"])
        elif not boxed:
            bg = window
        assert not boxed or bg != window, f"{role}: its box has no background of its own"
        assert wcag_contrast(fg, bg) >= 4.5, f"{role}: {fg.name()} on {bg.name()} is {wcag_contrast(fg, bg):.2f}:1"


def test_the_old_fixed_colours_fail_on_a_dark_desktop():
    """What the stylesheet used to hard-code: #444444 and #5f4b00 on Breeze Dark's window."""
    from PySide6.QtGui import QColor

    window = QColor(DARK["Window"])
    assert wcag_contrast(QColor("#444444"), window) < 1.5 and wcag_contrast(QColor("#5f4b00"), window) < 1.8


SWITCH = """
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
app = QApplication([])
from rothwizard.gui.app import load_style
def pal(window, text):
    p = QPalette()
    for role, c in (("Window", window), ("WindowText", text), ("Base", window), ("Text", text)):
        p.setColor(getattr(QPalette.ColorRole, role), QColor(c))
    return p
app.setPalette(pal("#efefef", "#000000"))
load_style(app)
light = "#444444" in app.styleSheet()
app.setPalette(pal("#31363b", "#eff0f1"))  # the desktop switched to dark while RothWizard runs
app.processEvents()
print(light, "#444444" in app.styleSheet(), "#c8c8c8" in app.styleSheet())
"""


def test_the_stylesheet_follows_a_switch_to_dark(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROTHWIZARD_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", SWITCH], capture_output=True, text=True, env=env, timeout=60,
                         cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False", "True"]


# ------------------------------------------------------------------ progress and skipped pages


def no_employer_plan() -> dict:
    return make_plan(magi=300000, you=make_person(employer_plan=None))


def test_progress_counts_only_the_pages_that_apply(qtbot, dialogs):
    from rothwizard.gui import create_wizard

    wizard = create_wizard(no_employer_plan())
    qtbot.addWidget(wizard)
    wizard.show()
    walked = [wizard.currentId()]
    counts = [wizard.progress.count.text()]
    while wizard.currentId() != int(Step.SUMMARY):
        wizard.next()
        walked.append(wizard.currentId())
        counts.append(wizard.progress.count.text())
    # a resident with no employer plan: no employer page, no mega page
    assert walked == [Step.WELCOME, Step.PEOPLE, Step.DIRECT, Step.IRAS, Step.BACKDOOR, Step.SUMMARY]
    assert [c.replace("<div><b>", "").replace("</b></div>", "") for c in counts] == [
        f"Step {n} of 6" for n in range(1, 7)]
    steps = wizard.progress.steps.text()
    assert "Employer plan" not in steps and "Mega Backdoor Roth" not in steps and "Backdoor Roth IRA" in steps
    assert wizard.progress.accessibleName() == "Step 6 of 6: Your plan"
    wizard.state.set_dirty(False)


def test_a_new_plan_counts_the_backdoor_pages_until_magi_says_otherwise(wizard):
    assert "Step 1 of 6" in wizard.progress.count.text()  # no MAGI yet: the direct route is not known
    wizard.next()
    wizard.state.set("filing_status", "single")
    wizard.state.set("magi", 60000)  # well under the Roth IRA range: the backdoor pages can be skipped
    assert "Step 2 of 4" in wizard.progress.count.text()
    assert "Backdoor Roth IRA" not in wizard.progress.steps.text()
    wizard.state.set_dirty(False)


def test_ticking_an_employer_plan_adds_its_pages(qtbot, dialogs):
    from rothwizard.gui import create_wizard

    wizard = create_wizard(no_employer_plan())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert "of 6" in wizard.progress.count.text()
    wizard.state.set_employer_plan("you", True)
    assert "Step 2 of 8" in wizard.progress.count.text()
    assert "Employer plan" in wizard.progress.steps.text()
    wizard.state.set_dirty(False)


# ------------------------------------------------------------------ where an opened plan lands


def test_an_opened_plan_lands_on_the_action_plan(wizard):
    assert wizard.open_path(EXAMPLE)
    assert wizard.currentId() == int(Step.SUMMARY)
    assert "Step 8 of 8" in wizard.progress.count.text()


def test_an_unfinished_plan_lands_on_the_first_page_that_needs_something(wizard):
    data = json.loads(EXAMPLE.read_text())
    del data["spouse"]["ira"]["balance_dec31"]  # the IRA page is not complete
    wizard.state.load(data)
    wizard.restart()
    wizard.land()
    assert wizard.currentId() == int(Step.IRAS)
    wizard.state.set_dirty(False)


# ------------------------------------------------------------------ export


def test_export_shows_a_busy_cursor_and_says_when_no_viewer_exists(wizard, dialogs, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    import rothwizard.report as report

    wizard.open_path(EXAMPLE)
    cursors = []
    real = report.export_pdf

    def export(*args, **kwargs):
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(report, "export_pdf", export)
    monkeypatch.setattr("rothwizard.gui.wizard.pdf_viewer_available", lambda: False)
    dialogs["files"].append(tmp_path / "plan.pdf")
    assert wizard.export_pdf()
    assert cursors == [Qt.CursorShape.WaitCursor] and QApplication.overrideCursor() is None
    kind, title, text = dialogs["messages"][-1]
    assert kind == "information" and "No PDF viewer" in text and "Open it now?" not in text
    assert (tmp_path / "plan.pdf").stat().st_size > 0


def test_help_is_one_window(wizard):
    wizard.button(QWizard.WizardButton.HelpButton).click()
    first = wizard._help
    wizard.next()
    wizard.button(QWizard.WizardButton.HelpButton).click()
    assert wizard._help is first and first.page_name == "people"
    first.close()
