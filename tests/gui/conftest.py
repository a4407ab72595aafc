"""GUI tests run offscreen, with the app data folder in a temporary directory and modal dialogs
patched so nothing ever waits for a click."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "appdata"
    monkeypatch.setenv("ROTHWIZARD_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _never_block(qtbot):
    """Before pytest-qt closes the test's windows (after the dialog patches are gone), mark every
    wizard saved so closing asks nothing, and stop pending autosaves."""
    yield
    from PySide6.QtWidgets import QApplication

    from rothwizard.gui.wizard import RothWizard

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, RothWizard):
            widget.state.set_dirty(False)
            widget._autosave_timer.stop()


@pytest.fixture
def dialogs(monkeypatch):
    """Records every QMessageBox and answers with what the test queued (default: the default)."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    log: dict[str, list] = {"messages": [], "answers": [], "files": []}

    def message(kind):
        def show(_parent, title, text, *args, **kwargs):
            log["messages"].append((kind, title, text))
            if log["answers"]:
                return log["answers"].pop(0)
            return QMessageBox.StandardButton.Ok
        return show

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(message(kind)))

    def file_dialog(*_args, **_kwargs):
        return (str(log["files"].pop(0)) if log["files"] else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(file_dialog))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(file_dialog))
    return log


@pytest.fixture
def wizard(qtbot, dialogs):
    from rothwizard.gui import create_wizard

    w = create_wizard()
    qtbot.addWidget(w)
    w.show()
    yield w
    w.state.set_dirty(False)


class Driver:
    """Uses the wizard like a person: types into fields, picks from lists, ticks, clicks Next."""

    def __init__(self, qtbot, wizard):
        self.qtbot, self.wizard = qtbot, wizard

    def field(self, name: str):
        from PySide6.QtWidgets import QWidget

        widget = self.wizard.currentPage().findChild(QWidget, name)
        assert widget is not None, f"no input named {name} on page {self.wizard.currentId()}"
        assert widget.accessibleName(), f"{name} has no accessible name"
        return widget

    def type(self, name: str, text: str) -> None:
        edit = self.field(name)
        assert edit.isVisible(), f"{name} is not visible"
        from PySide6.QtCore import Qt

        edit.setFocus()
        self.qtbot.keyClick(edit, Qt.Key.Key_A, modifier=Qt.KeyboardModifier.ControlModifier)
        self.qtbot.keyClick(edit, Qt.Key.Key_Delete)
        self.qtbot.keyClicks(edit, text)
        edit.editingFinished.emit()

    def pick(self, name: str, text: str) -> None:
        box = self.field(name)
        index = box.findText(text)
        assert index >= 0, f"{text!r} is not offered by {name}"
        box.setFocus()
        box.setCurrentIndex(index)

    def tick(self, name: str, on: bool = True) -> None:
        from PySide6.QtCore import Qt

        box = self.field(name)
        if box.isChecked() != on:
            box.setFocus()
            self.qtbot.keyClick(box, Qt.Key.Key_Space)
        assert box.isChecked() == on

    def figure(self, name: str) -> str:
        from PySide6.QtWidgets import QLabel

        label = self.wizard.currentPage().findChild(QLabel, f"figure.{name}")
        assert label is not None, f"no figure {name} on page {self.wizard.currentId()}"
        return label.text()

    def next(self) -> int:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QWizard

        button = self.wizard.button(QWizard.WizardButton.NextButton)
        assert button.isEnabled(), self.wizard.currentPage().validation().message
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return self.wizard.currentId()

    def next_enabled(self) -> bool:
        from PySide6.QtWidgets import QWizard

        return self.wizard.button(QWizard.WizardButton.NextButton).isEnabled()


@pytest.fixture
def person(qtbot, wizard):
    return Driver(qtbot, wizard)
