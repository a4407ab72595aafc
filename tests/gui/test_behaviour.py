"""Inputs, files, autosave, closing, help and the crash dialog."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QMessageBox, QWidget

from rothwizard.core import compute, load_plan, plan_from_data
from rothwizard.core.flow import Step
from rothwizard.gui import create_wizard, storage
from rothwizard.gui.widgets import parse_money

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "spec-example.rothplan.json"


def to_people(person) -> None:
    person.pick("tax_year", "2026")
    person.next()


def test_money_fields_take_the_three_forms():
    assert parse_money("12500") == parse_money("12,500") == 12500
    assert str(parse_money("$12,500.50")) == "12500.50"
    assert parse_money("") is None


def test_letters_and_negatives_are_refused_in_place_with_a_message(person, qtbot):
    to_people(person)
    person.pick("filing_status", "Single")
    person.type("you.compensation", "310000")
    person.type("you.age", "45")
    person.type("magi", "12a5")
    magi = person.field("magi")
    page = person.wizard.currentPage()
    # the whole entry is refused (nothing of it is kept as an amount) and the message stays until fixed
    assert magi.text() == "12a5" and person.wizard.state.get("magi") == "12a5"
    assert magi.message.isVisible()
    assert "MAGI" in magi.message.text() and "no letters" in magi.message.text()
    person.field("you.age").setFocus()
    assert magi.message.isVisible() and not person.next_enabled() and "MAGI: must be a number" in page.error.text()
    person.type("magi", "-300")
    assert magi.text() == "-300" and "cannot be negative" in magi.message.text()
    person.type("magi", "1e9")
    assert "no letters" in magi.message.text() and person.wizard.state.get("magi") == "1e9"
    person.type("magi", "310k")  # read as $310,000
    assert magi.text() == "310,000" and not magi.message.isVisible()
    assert person.wizard.state.get("magi") == "310000"
    person.type("magi", "$12,500.50")
    assert magi.text() == "12,500.50" and not magi.message.isVisible()
    assert person.wizard.state.get("magi") == "12500.50"
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    age = person.field("you.age")
    # typed, or pasted (Unicode digits and a 5,000-digit paste: refused, never int() of them)
    for text in ("4x5", "12.5", "\u00b2", "\u2460", "9" * 5000):
        if text.isascii() and len(text) < 10:
            person.type("you.age", text)
        else:
            QApplication.clipboard().setText(text)
            age.setFocus()
            age.selectAll()
            qtbot.keyClick(age, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert age.text() == text and person.wizard.state.get("you.age") == text
        assert "Age on December 31" in age.message.text()
    assert "too large" in age.message.text()
    person.type("you.age", "45")
    assert person.wizard.state.get("you.age") == 45 and not person.field("you.age").message.isVisible()


def test_next_stays_disabled_until_the_core_accepts_the_page(person):
    to_people(person)
    assert not person.next_enabled()
    page = person.wizard.currentPage()
    assert "Filing status is required" in page.error.text()
    person.pick("filing_status", "Single")
    person.type("magi", "400000")
    person.type("you.age", "45")
    assert not person.next_enabled() and "Compensation" in page.error.text()
    person.type("you.compensation", "400000")
    assert person.next_enabled() and not page.error.isVisible()
    person.type("you.age", "131")  # the core refuses ages above 130
    assert not person.next_enabled() and "130" in page.error.text()
    person.type("magi", "")
    person.type("you.age", "45")
    assert not person.next_enabled() and "MAGI" in page.error.text()


def test_figures_update_as_the_person_types(person):
    to_people(person)
    person.pick("filing_status", "Single")
    person.type("magi", "160000")
    person.type("you.age", "45")
    person.type("you.compensation", "160000")
    person.next()
    shown = person.figure("you.roth_direct_limit")
    person.wizard.back()
    person.type("magi", "163000")
    person.next()
    plan = plan_from_data({"tax_year": 2026, "filing_status": "single", "magi": 163000,
                           "you": {"age": 45, "compensation": 160000,
                                   "ira": {"nondeductible_contribution": 0, "conversion": 0,
                                           "balance_dec31": 0}}})
    assert person.figure("you.roth_direct_limit") == f"${compute(plan).you.roth_direct_limit:,.0f}" != shown


def test_every_input_is_named_for_the_plan_and_for_people(qtbot, dialogs):
    wizard = create_wizard(EXAMPLE)
    qtbot.addWidget(wizard)
    inputs = [w for w in wizard.findChildren(QWidget)
              if isinstance(w, (QLineEdit, QComboBox, QAbstractButton)) and w.objectName()
              and not w.objectName().startswith(("qt_", "__qt"))]
    names = {w.objectName() for w in inputs}
    for path in ("magi", "you.age", "you.ira.balance_dec31", "spouse.ira.balance_dec31",
                 "you.employer_plan.features.after_tax_contributions",
                 "spouse.employer_plan.features.in_plan_roth_conversion",
                 "you.checklist.backdoor.convert.done", "you.checklist.mega.move.done"):
        assert path in names
    for widget in inputs:
        assert widget.accessibleName(), widget.objectName()
    wizard.state.set_dirty(False)


def test_labels_are_buddies_for_keyboard_use(wizard):
    from PySide6.QtWidgets import QLabel

    page = wizard.page(int(Step.PEOPLE))
    buddies = {label.buddy().objectName() for label in page.findChildren(QLabel) if label.buddy()}
    assert {"filing_status", "magi", "you.age", "you.compensation"} <= buddies


def test_save_and_open_round_trip(qtbot, dialogs, tmp_path):
    wizard = create_wizard(EXAMPLE)
    qtbot.addWidget(wizard)
    wizard.state.set("you.checklist.backdoor.convert", {"done": True, "date": "2026-02-03"})
    wizard.state.set("name", "Dr. Rivera 2026")
    assert wizard.isWindowModified() and wizard.windowTitle().startswith("Dr. Rivera 2026")
    target = tmp_path / "rivera.rothplan.json"
    dialogs["files"].append(target)
    assert wizard.save_as()
    assert not wizard.isWindowModified()
    saved = load_plan(target)
    tick = saved.you.checklist["backdoor.convert"]
    assert tick.done and str(tick.date) == "2026-02-03"
    assert compute(saved) == compute(load_plan(EXAMPLE))

    other = create_wizard()
    qtbot.addWidget(other)
    dialogs["files"].append(target)
    dialogs["answers"].append(QMessageBox.StandardButton.Open)  # it is open in the first window too
    assert other.open_dialog()
    assert dialogs["messages"][-1][1] == "This plan is open in another window"
    assert other.state.get("you.checklist.backdoor.convert") == {"done": True, "date": "2026-02-03"}
    other.go_to(Step.BACKDOOR)
    assert other.currentPage().findChild(QWidget, "you.checklist.backdoor.convert.done").isChecked()
    assert str(target.resolve()) in storage.recent_plans()
    recent = other.page(int(Step.WELCOME)).recent
    assert recent.item(0).toolTip() == str(target.resolve())


def test_an_unfinished_plan_saves_and_reopens_as_a_draft(wizard, dialogs, tmp_path, qtbot):
    """A plan filled in over several days: saved as it is, reopened where it was; compute refuses it."""
    wizard.state.set("filing_status", "single")
    wizard.state.set("magi", "310000")
    wizard.state.set("you.age", 45)
    target = tmp_path / "x.rothplan.json"
    dialogs["files"].append(target)
    assert wizard.save()
    assert json.loads(target.read_text()) == {"schema_version": 1, "tax_year": 2026, "filing_status": "single",
                                             "magi": 310000, "you": {"age": 45}}
    assert not wizard.isWindowModified() and "(draft)" in wizard.windowTitle()
    other = create_wizard()
    qtbot.addWidget(other)
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    assert other.open_path(target)
    assert other.state.draft and other.state.get("magi") == 310000
    assert other.currentId() == int(Step.PEOPLE)  # the first page still to fill in
    assert other.currentPage().findChild(QWidget, "magi").text() == "310,000"
    assert "Compensation" in other.currentPage().error.text()


def test_autosave_restores_after_a_kill(qtbot, dialogs, data_dir):
    first = create_wizard(EXAMPLE)
    qtbot.addWidget(first)
    first.state.set("magi", "410000")
    first.state.set("you.checklist.mega.room", {"done": True, "date": "2026-01-15"})
    qtbot.waitUntil(lambda: first._autosave.file.exists(), timeout=3000)
    snapshot = json.loads(first._autosave.file.read_text())
    assert snapshot["data"]["magi"] == "410000"
    second = create_wizard()
    qtbot.addWidget(second)
    assert not second.offer_restore()  # the first window is still open: its work is not offered
    # the first window's process is killed here: no close, the autosave stays behind, its lock is gone
    first._autosave._lock.unlock()
    first._autosave._lock = None
    first._autosave_timer.stop()
    first._autosave.id = "gone"
    dialogs["answers"].append(QMessageBox.StandardButton.Yes)
    assert second.offer_restore()
    assert dialogs["messages"][-1][0] == "question"
    assert second.state.get("magi") == "410000" and second.state.dirty
    assert second.state.get("you.checklist.mega.room")["done"] is True
    assert second.state.path == EXAMPLE
    first.state.set_dirty(False)
    second.state.set_dirty(False)
    second.show()
    second.close()
    assert not list((data_dir / storage.AUTOSAVES).glob("*.json"))  # a clean close leaves no autosave


def test_corrupt_and_newer_files_give_a_message_and_change_nothing(wizard, dialogs, tmp_path):
    wizard.state.set("magi", "123")
    corrupt = tmp_path / "corrupt.rothplan.json"
    corrupt.write_text('{"schema_version": 1, "tax_year": 20')
    newer = tmp_path / "newer.rothplan.json"
    newer.write_text(json.dumps({**json.loads(EXAMPLE.read_text()), "schema_version": 9}))
    bad_field = tmp_path / "bad.rothplan.json"
    data = json.loads(EXAMPLE.read_text())
    data["you"]["ira"]["surprise"] = 1
    bad_field.write_text(json.dumps(data))
    huge = tmp_path / "huge.rothplan.json"
    huge.write_text('{"magi": ' + "9" * 5000 + "}")
    deep = tmp_path / "deep.rothplan.json"
    deep.write_text("[" * 3000 + "]" * 3000)
    for path, words in ((corrupt, "not valid JSON"), (newer, "newer RothWizard"),
                        (bad_field, "you.ira.surprise: is not a field RothWizard knows"),
                        (huge, "not valid JSON"), (deep, "nested too deeply")):
        dialogs["answers"].append(QMessageBox.StandardButton.Discard)  # the save-changes question first
        assert not wizard.open_path(path)
        assert dialogs["messages"][-2][1] == "Save your changes?"
        kind, _title, text = dialogs["messages"][-1]
        assert kind == "warning" and words in text and "unchanged" in text
        assert wizard.state.get("magi") == "123" and wizard.isVisible()


def test_closing_with_unsaved_changes_asks_first(wizard, dialogs):
    wizard.state.set("magi", "5")
    dialogs["answers"].append(QMessageBox.StandardButton.Cancel)
    wizard.close()
    assert wizard.isVisible() and dialogs["messages"][-1][1] == "Save your changes?"
    dialogs["answers"].append(QMessageBox.StandardButton.Discard)
    wizard.reject()
    assert not wizard.isVisible()


def test_help_button_shows_the_page_help(wizard):
    from PySide6.QtWidgets import QWizard

    wizard.next()
    wizard.button(QWizard.WizardButton.HelpButton).click()
    assert "MAGI" in wizard._help.browser.toPlainText()
    wizard._help.close()


def test_unhandled_exception_is_logged_and_shown(monkeypatch, data_dir):
    from rothwizard.gui import app, dialogs

    shown = []
    monkeypatch.setattr(dialogs.ErrorDialog, "exec", lambda self: shown.append(self.details.toPlainText()))
    log_path = app._setup_logging()
    app.install_excepthook(log_path)
    import sys

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = sys.__excepthook__
    for handler in list(logging.getLogger("rothwizard").handlers):
        handler.flush()
        logging.getLogger("rothwizard").removeHandler(handler)
    assert shown and "RuntimeError: boom" in shown[0]
    assert "RuntimeError: boom" in log_path.read_text()


def test_export_imports_reportlab_only_when_asked(wizard, dialogs, tmp_path):
    import subprocess
    import sys

    code = ("import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen'; from rothwizard.gui import create_wizard;"
            " create_wizard(); print('reportlab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ})
    assert out.stdout.strip().endswith("False")
    wizard.open_path(EXAMPLE)
    out_pdf = tmp_path / "plan.pdf"
    dialogs["files"].append(out_pdf)
    assert wizard.export_pdf()
    assert out_pdf.read_bytes().startswith(b"%PDF")


def test_a_real_kill_loses_nothing(qtbot, dialogs, data_dir):
    """A separate process types into the wizard and is killed with SIGKILL; the next start restores."""
    import os
    import subprocess
    import sys

    # (app.exec and a timer, not a processEvents loop: PySide6 6.12's processEvents() leaks a
    # reference to None per call and aborts the interpreter after ~100,000 calls)
    code = (
        "import os, signal; from PySide6.QtCore import QTimer; from PySide6.QtWidgets import QApplication\n"
        "from rothwizard.gui import create_wizard\n"
        "w = create_wizard(); w.show(); w.state.set('filing_status', 'single'); w.state.set('magi', '275000')\n"
        "path = str(w._autosave.file)\n"
        "def check():\n"
        "    if os.path.exists(path):\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "t = QTimer(); t.timeout.connect(check); t.start(50)\n"
        "QApplication.instance().exec()\n"
    )
    env = {**os.environ, "ROTHWIZARD_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, timeout=60, capture_output=True)
    assert proc.returncode == -9, proc.stderr
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    dialogs["answers"].append(QMessageBox.StandardButton.Yes)
    assert wizard.offer_restore()
    assert wizard.state.get("magi") == "275000" and wizard.state.get("filing_status") == "single"
    assert wizard.isWindowModified()


def test_spouse_inputs_only_on_a_joint_return(person):
    to_people(person)
    page = person.wizard.currentPage()
    lived = person.field("lived_with_spouse")
    person.pick("filing_status", "Single")
    assert not page._columns["spouse"].isVisible() and not lived.isVisible()
    person.pick("filing_status", "Married filing separately")
    assert lived.isVisible() and not page._columns["spouse"].isVisible()
    person.pick("filing_status", "Married filing jointly")
    assert page._columns["spouse"].isVisible() and not lived.isVisible()
    assert person.field("spouse.age").accessibleName() == "Spouse's age on December 31"


def test_keyboard_only_mnemonics_reach_the_fields(person, qtbot):
    from PySide6.QtCore import Qt

    to_people(person)
    person.wizard.activateWindow()
    qtbot.waitUntil(person.wizard.isActiveWindow, timeout=2000)
    qtbot.keyClick(person.wizard.currentPage(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert person.field("magi").hasFocus()
    qtbot.keyClicks(person.field("magi"), "300000")
    qtbot.keyClick(person.field("magi"), Qt.Key.Key_Tab)
    assert person.field("magi").message.text() == "" and person.wizard.state.get("magi") == "300000"


def test_tooltips_name_the_rule_and_its_source(qtbot, dialogs):
    import re

    from rothwizard.gui.widgets import NumberEdit

    wizard = create_wizard(EXAMPLE)
    qtbot.addWidget(wizard)
    for edit in wizard.findChildren(NumberEdit):
        tip = edit.toolTip()
        assert re.search(r"IRC|Pub\. 590|Form (8606|W-2)|415\(c\)", tip), (edit.objectName(), tip)


def test_export_paper_choice_and_offer_to_open(wizard, dialogs, tmp_path, monkeypatch):
    """The Save dialog's file type chooses the paper (A4 here); afterwards the app offers to open the PDF
    and opens it when the person says Yes."""
    from pypdf import PdfReader
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    wizard.open_path(EXAMPLE)
    target = tmp_path / "a4-plan"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF on A4 paper (*.pdf)")))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    monkeypatch.setattr("rothwizard.gui.wizard.pdf_viewer_available", lambda: True)
    dialogs["answers"].append(QMessageBox.StandardButton.Yes)
    assert wizard.export_pdf()
    written = tmp_path / "a4-plan.pdf"
    width, height = (float(v) for v in PdfReader(written).pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert dialogs["messages"][-1][1] == "Action plan saved"
    assert opened == [str(written)]
