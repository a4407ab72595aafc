"""Keyboard use, on every page, driven with real key presses: Alt+letter is unique on each page (the
wizard's buttons included) and reaches its field, the first field has the focus, Tab follows the reading
order with the page's fields before the wizard's buttons, F1 opens the page's help (one window)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget, QWizard

from rothwizard.core.flow import Step
from rothwizard.paths import resource_path
from tests.conftest import person as make_person
from tests.conftest import plan as make_plan

MNEMONIC = re.compile(r"(?<!&)&([^&])")
BUTTONS = (QWizard.WizardButton.HelpButton, QWizard.WizardButton.CustomButton1,
           QWizard.WizardButton.CustomButton2, QWizard.WizardButton.CustomButton3,
           QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
           QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)


def both_with_plans() -> dict:
    """A joint return, both with a 401(k) that takes after-tax money: every page and both columns."""
    plan = {"type": "401k", "elective_deferrals": 24500, "employer_contributions": 10000,
            "features": {"after_tax_contributions": True, "in_service_distributions": True,
                         "in_plan_roth_conversion": None, "accepts_roll_ins": True}}
    return make_plan(filing_status="married_filing_jointly", magi=520000,
                     you=make_person(employer_plan=plan), spouse=make_person(age=52, employer_plan=plan))


def letter(text: str) -> str | None:
    found = MNEMONIC.search(text)
    return found.group(1).lower() if found else None


def text_of(widget: QWidget) -> str:
    return widget.title() if isinstance(widget, QGroupBox) else widget.text()


def controls(page: QWidget) -> list[QWidget]:
    """Everything on the page that can carry an Alt+letter, hidden or not."""
    out = []
    for w in page.findChildren(QWidget):
        if isinstance(w, QLabel) and w.buddy() is None:
            continue
        if isinstance(w, QAbstractButton | QLabel | QGroupBox) and letter(text_of(w)):
            out.append(w)
    return out


def reading_key(page: QWidget, widget: QWidget) -> tuple[int, int, int, int]:
    """Top to bottom; a person's column (You, then Your spouse) is read whole before the next one."""
    pos = widget.mapTo(page, QPoint(0, 0))
    box = widget.parentWidget()
    while box is not None and box is not page and not box.objectName().startswith("column."):
        box = box.parentWidget()
    if box is not None and box is not page:
        corner = box.mapTo(page, QPoint(0, 0))
        return (corner.y(), corner.x(), pos.y(), pos.x())
    return (pos.y(), 0, pos.y(), pos.x())


def tab_stops(page: QWidget) -> list[QWidget]:
    stops = [w for w in page.findChildren(QWidget)
             if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    return sorted(stops, key=lambda w: reading_key(page, w))


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> QWidget:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)
    return QApplication.focusWidget()


@pytest.fixture
def keyboard_wizard(qtbot, dialogs):
    from rothwizard.gui import create_wizard

    wizard = create_wizard(both_with_plans())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    yield wizard
    wizard.state.set_dirty(False)
    if wizard._help is not None:
        wizard._help.close()


def test_every_page_works_from_the_keyboard(keyboard_wizard, qtbot):
    wizard = keyboard_wizard
    buttons = [wizard.button(b) for b in BUTTONS]
    button_letters = [letter(b.text()) for b in buttons if letter(b.text())]
    assert len(button_letters) == len(set(button_letters)) >= 6, button_letters
    seen, help_window = [], None
    while True:
        QApplication.processEvents()  # let the page's layout settle: reading order is read off the screen
        page = wizard.currentPage()
        step = Step(wizard.currentId())
        seen.append(step)

        # One Alt+letter per control on the page, none taken from the wizard's buttons.
        letters = button_letters + [letter(text_of(w)) for w in controls(page)]
        assert len(letters) == len(set(letters)), f"{step.name}: {sorted(letters)}"

        # The first field has the focus; Tab walks the page in reading order, then the buttons in the row.
        stops = tab_stops(page)
        assert stops and QApplication.focusWidget() is stops[0], (step.name, QApplication.focusWidget())
        walked = [stops[0]]
        while len(walked) < len(stops):
            walked.append(press(qtbot, Qt.Key.Key_Tab))
        assert [w.objectName() or text_of(w) for w in walked] == [w.objectName() or text_of(w) for w in stops]
        shown_buttons = [b for b in buttons if b.isVisible() and b.isEnabled()]
        assert [press(qtbot, Qt.Key.Key_Tab) for _ in shown_buttons] == shown_buttons, step.name
        assert press(qtbot, Qt.Key.Key_Tab) is stops[0], f"{step.name}: Tab does not come back to the fields"

        # Alt+letter on a label goes to its field.
        for label in controls(page):
            if isinstance(label, QLabel) and label.isVisible():
                press(qtbot, getattr(Qt.Key, f"Key_{letter(label.text()).upper()}"), Qt.KeyboardModifier.AltModifier)
                assert QApplication.focusWidget() is label.buddy(), f"{step.name}: {label.text()}"

        # F1: this page's help, in the one help window.
        press(qtbot, Qt.Key.Key_F1)
        assert wizard._help is not None and wizard._help.isVisible()
        assert help_window in (None, wizard._help), "F1 opened a second help window"
        help_window = wizard._help
        heading = resource_path("help", f"{step.name.lower()}.md").read_text(encoding="utf-8").splitlines()[0]
        assert heading.lstrip("# ").strip() in help_window.browser.toPlainText()
        wizard.activateWindow()
        qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)

        if step == Step.SUMMARY:
            break
        # Alt+N is Next.
        stops[0].setFocus()
        press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # a button's Alt+letter clicks it
        qtbot.waitUntil(lambda s=step: wizard.currentId() != int(s), timeout=2000)  # after its press shows
    assert seen == list(Step)
    # Alt+B is Back.
    press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentId() == int(Step.MEGA), timeout=2000)
