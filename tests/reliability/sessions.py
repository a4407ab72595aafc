"""Random sessions with the wizard: a seeded person types, pastes, picks, ticks, goes back and forth,
saves, opens good and broken files, restores autosaves and answers dialogs at random.

``run_session(seed, folder)`` returns the number of actions done and the unhandled exceptions seen
(from Python calls and from Qt slots, through ``sys.excepthook``). Used by
``tests/gui/test_random_sessions.py`` (a few dozen sessions) and ``tests/reliability/run.py``."""

from __future__ import annotations

import json
import random
import sys
import traceback
from pathlib import Path

from tests.reliability.plans import case, valid_plan

TEXTS = ("0", "45", "7500", "7,500", "$12,500.50", "310k", "1.5m", "1e9", "12.5", "-5", "\u00b2", "\u2460",
         "\u0661\u0662", "9" * 40, "9" * 5000, "", " ", "abc", "12..5", "$", "1,2,3", "0.001", "400000",
         "1000000001", "131", "50", "62", "\t7\n")


class Session:
    def __init__(self, seed: int, folder: Path):
        self.rng = random.Random(seed)
        self.folder = folder
        self.actions = 0
        self.errors: list[str] = []
        self.files: list[Path] = []

    # ------------------------------------------------------------ dialogs answer at random

    def patch_dialogs(self, monkeypatch) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        rng = self.rng
        B = QMessageBox.StandardButton

        def answer(_parent, _title, _text, buttons=B.Ok, *_a, **_k):
            offered = [b for b in (B.Yes, B.No, B.Save, B.Discard, B.Cancel, B.Open, B.Ok)
                       if int(buttons) & int(b.value)] or [B.Ok]
            return rng.choice(offered)

        for kind in ("warning", "information", "critical", "question"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(answer))

        def file_name(*_a, **_k):
            choices = [str(p) for p in self.files] + [
                str(self.folder / "saved.rothplan.json"), str(self.folder / "no-such-folder" / "x.json"),
                str(self.folder / ("n" * 300 + ".json")), str(self.folder / "bare"), ""]  # "": cancelled
            return (rng.choice(choices), "")

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(file_name))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(file_name))

    # ------------------------------------------------------------ files to open

    def make_files(self) -> None:
        for i in range(3):
            raw, _data = case(self.rng.randrange(10**6))
            path = self.folder / f"fuzz-{i}.rothplan.json"
            path.write_bytes(raw)
            self.files.append(path)
        good = self.folder / "good.rothplan.json"
        good.write_text(json.dumps(valid_plan(self.rng)))
        draft = self.folder / "draft.rothplan.json"
        draft.write_text(json.dumps({"tax_year": 2026, "filing_status": "married_filing_jointly", "spouse": None,
                                     "you": {"age": 50}}))
        self.files += [good, draft]

    def leave_orphan_autosave(self) -> None:
        """An autosave a killed window left, sometimes hand-edited into nonsense."""
        from rothwizard.gui import storage
        from tests.reliability.plans import mutate

        rng = self.rng
        data = valid_plan(rng)
        for _ in range(rng.choice([0, 1, 3])):
            data = mutate(rng, data)
        snap = {"autosave_version": 1, "data": data, "dirty": rng.choice([True, True, False, "x"]),
                "page": rng.choice([0, 3, 7, 99, -1, "x", None]), "path": rng.choice([None, 5, "", "/nowhere"]),
                "skip_backdoor": rng.choice([True, False, None])}
        folder = storage.data_dir() / storage.AUTOSAVES
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(snap) if rng.random() < 0.8 else json.dumps(snap)[: rng.randint(0, 50)]
        (folder / f"{rng.randrange(10**6)}-gone.json").write_text(text)

    # ------------------------------------------------------------ one action

    def act(self, wizard, qtbot) -> None:
        from PySide6.QtWidgets import QCheckBox, QComboBox, QWizard

        from rothwizard.gui.widgets import NumberEdit

        rng = self.rng
        page = wizard.currentPage()
        visible = lambda cls: [w for w in page.findChildren(cls) if w.isVisible() and w.isEnabled()]  # noqa: E731
        r = rng.random()
        if r < 0.35 and visible(NumberEdit):
            edit = rng.choice(visible(NumberEdit))
            text = rng.choice(TEXTS)
            edit.setFocus()
            edit.setText(text)
            edit.textEdited.emit(text)
            if rng.random() < 0.5:
                edit.editingFinished.emit()
        elif r < 0.5 and visible(QComboBox):
            box = rng.choice(visible(QComboBox))
            if box.count():
                box.setCurrentIndex(rng.randrange(box.count()))
        elif r < 0.6 and visible(QCheckBox):
            rng.choice(visible(QCheckBox)).click()
        elif r < 0.75:
            button = wizard.button(QWizard.WizardButton.NextButton)
            if button.isEnabled() and button.isVisible():
                button.click()
        elif r < 0.8:
            wizard.back()
        elif r < 0.84:
            target = rng.choice(self.files + [self.folder / "missing.rothplan.json"])
            opened = wizard.open_path(target)
            if opened:
                self.check_fields_shown(wizard)
        elif r < 0.87:
            wizard.open_dialog()
        elif r < 0.91:
            try:
                wizard.save_to(self.folder / rng.choice(["saved.rothplan.json", "other.rothplan.json"]))
                self.files.append(self.folder / "saved.rothplan.json")
            except OSError:
                pass
        elif r < 0.93:
            rng.choice([wizard.save, wizard.save_as])()
        elif r < 0.95:
            wizard.autosave_now()
        elif r < 0.97:
            wizard.show_help()
            if wizard._help is not None:
                wizard._help.close()
        elif r < 0.98:
            from rothwizard.core.flow import Step

            wizard.go_to(rng.choice(list(Step)))
        else:
            wizard.restart()
        self.actions += 1

    def check_fields_shown(self, wizard) -> None:
        """After an open, every number field shows what the plan holds (never empty beside a value)."""
        from rothwizard.gui.widgets import NumberEdit

        shown: dict[str, bool] = {}
        for edit in wizard.findChildren(NumberEdit):  # a rebuilt section's old fields linger until deleted
            shown[edit.objectName()] = shown.get(edit.objectName(), False) or edit.text() != ""
        for name, any_text in shown.items():
            value = wizard.state.get(name)
            if value is not None and not any_text:
                self.errors.append(f"{name} shows nothing but the plan holds {value!r}")


def run_session(seed: int, folder: Path, qtbot, monkeypatch, actions: int = 40) -> Session:
    from rothwizard.gui import create_wizard

    session = Session(seed, folder)
    session.patch_dialogs(monkeypatch)
    session.make_files()
    seen: list[str] = []

    def hook(kind, value, tb):
        seen.append("".join(traceback.format_exception(kind, value, tb)))

    old_hook = sys.excepthook
    sys.excepthook = hook
    try:
        wizard = create_wizard()
        qtbot.addWidget(wizard)
        wizard.show()
        if session.rng.random() < 0.3:
            session.leave_orphan_autosave()
            wizard.offer_restore()
        for _ in range(actions):
            try:
                session.act(wizard, qtbot)
            except Exception:  # noqa: BLE001 - counted: an action must never raise
                seen.append(traceback.format_exc())
        wizard.state.set_dirty(False)
        wizard._autosave_timer.stop()
        wizard.close()
    finally:
        sys.excepthook = old_hook
    session.errors.extend(seen)
    return session
