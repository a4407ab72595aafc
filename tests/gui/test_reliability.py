"""The wizard never crashes and never loses work: regressions for each fault found, autosave per
window, plan locks, changes on disk, drafts and plain-word messages."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from rothwizard.core import load_plan
from rothwizard.core.flow import Step
from rothwizard.gui import create_wizard, storage
from rothwizard.gui.widgets import NumberEdit
from tests.conftest import person as make_person
from tests.conftest import plan as make_plan

B = QMessageBox.StandardButton


def roll_in_with_cents() -> dict:
    return make_plan(you=make_person(
        ira={"nondeductible_contribution": 7500, "conversion": 7500, "balance_dec31": 100.5},
        employer_plan={"type": "401k", "elective_deferrals": 24500,
                       "features": {"accepts_roll_ins": True, "after_tax_contributions": False}}))


def test_a_plan_with_cents_and_a_roll_in_opens_shows_its_fields_and_goes_on(qtbot, dialogs, tmp_path):
    path = tmp_path / "cents.rothplan.json"
    path.write_text(json.dumps(roll_in_with_cents()))
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    assert wizard.open_path(path)
    wizard.go_to(Step.SUMMARY)
    assert wizard.currentId() == int(Step.SUMMARY)
    balance = wizard.findChild(NumberEdit, "you.ira.balance_dec31")
    assert balance.text() == "100.50"
    assert wizard.state.report is not None and wizard.state.report.you.line_18_after_roll_in == 0


def test_ticking_the_spouses_plan_after_opening_a_single_plan_is_stored(person, dialogs, tmp_path):
    """A single plan has "spouse": null; made joint, the spouse's 401(k) box used to raise
    AttributeError and show ticked with nothing stored."""
    path = tmp_path / "single.rothplan.json"
    path.write_text(json.dumps(make_plan()))
    wizard = person.wizard
    assert wizard.open_path(path)
    wizard.restart()  # back to the first page
    person.next()
    person.pick("filing_status", "Married filing jointly")
    person.tick("spouse.employer_plan")
    assert wizard.state.get("spouse.employer_plan") == {}
    person.tick("spouse.employer_plan", False)
    assert wizard.state.get("spouse.employer_plan") is None


def test_a_joint_plan_with_a_null_spouse_saves_as_it_was(wizard, dialogs, tmp_path):
    raw = make_plan(filing_status="married_filing_jointly", spouse=None)
    path = tmp_path / "joint.rothplan.json"
    path.write_text(json.dumps(raw))
    assert wizard.open_path(path)
    assert wizard.save_to(tmp_path / "again.rothplan.json")
    assert load_plan(tmp_path / "again.rothplan.json") == load_plan(path)


def test_separate_return_keeps_the_spouse_and_lived_with_spouse(wizard, dialogs, tmp_path):
    raw = make_plan(filing_status="married_filing_separately", lived_with_spouse=True,
                    spouse=make_person(age=58))
    path = tmp_path / "mfs.rothplan.json"
    path.write_text(json.dumps(raw))
    assert wizard.open_path(path)
    wizard.state.set("magi", "9000")
    assert wizard.save()
    saved = load_plan(path)
    assert saved.spouse is not None and saved.spouse.age == 58 and saved.lived_with_spouse


def test_the_error_dialog_shows_text_after_a_less_than_sign(qtbot):
    from rothwizard.gui.dialogs import ErrorDialog

    dialog = ErrorDialog("ValueError: 3 < 5 and <b>not bold</b>", "details", "/tmp/a<b>.log")
    qtbot.addWidget(dialog)
    label = dialog.findChild(QWidget, "errorSummary")
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(label.text())
    shown = doc.toPlainText()
    assert "3 < 5 and <b>not bold</b>" in shown and "/tmp/a<b>.log" in shown


def test_save_errors_are_said_in_plain_words(wizard, dialogs, tmp_path):
    wizard.state.set("magi", "100")
    dialogs["files"].append(tmp_path / "no-such-folder" / "plan.rothplan.json")
    assert not wizard.save()
    kind, title, text = dialogs["messages"][-1]
    assert (kind, title) == ("warning", "Cannot save")
    assert "its folder does not exist" in text and ".tmp" not in text and "Errno" not in text
    assert wizard.isWindowModified()


def test_autosave_keeps_up_with_steady_typing_and_page_changes(person, data_dir):
    """The autosave timer is started by the first change and not restarted by the next ones, so a
    person typing steadily is saved at least every second; a page change saves at once."""
    wizard = person.wizard
    starts = []
    timer = wizard._autosave_timer
    real_start = timer.start
    timer.start = lambda *a: (starts.append(1), real_start(*a))
    for n in range(1, 11):
        wizard.state.set("magi", str(n * 1000))
    assert len(starts) == 1 and timer.isActive() and timer.interval() <= 2000
    timer.timeout.emit()
    assert json.loads(wizard._autosave.file.read_text())["data"]["magi"] == "10000"
    wizard.state.set("tax_year", 2025)
    person.next()
    assert json.loads(wizard._autosave.file.read_text())["page"] == int(Step.PEOPLE)


def test_two_windows_keep_their_own_autosaves(qtbot, dialogs, data_dir):
    first, second = create_wizard(), create_wizard()
    for w in (first, second):
        qtbot.addWidget(w)
    first.state.set("magi", "111")
    second.state.set("magi", "222")
    first.autosave_now()
    second.autosave_now()
    assert first._autosave.file != second._autosave.file
    third = create_wizard()
    qtbot.addWidget(third)
    assert not third.offer_restore()  # both windows are open: nothing is offered, nothing deleted
    assert not dialogs["messages"]
    second.state.set_dirty(False)
    second.show()
    second.close()
    assert first._autosave.file.exists() and not second._autosave.file.exists()
    assert json.loads(first._autosave.file.read_text())["data"]["magi"] == "111"


def test_answering_no_discards_only_the_orphaned_autosave(qtbot, dialogs, data_dir):
    live = create_wizard()
    qtbot.addWidget(live)
    live.state.set("magi", "1")
    live.autosave_now()
    orphan = data_dir / storage.AUTOSAVES / "12345-dead.json"
    orphan.write_text(json.dumps({"data": {"magi": "2"}, "dirty": True}))
    other = create_wizard()
    qtbot.addWidget(other)
    dialogs["answers"].append(B.No)
    assert not other.offer_restore()
    assert not orphan.exists() and live._autosave.file.exists()


def test_hand_edited_autosaves_start_cleanly(qtbot, dialogs, data_dir):
    folder = data_dir / storage.AUTOSAVES
    folder.mkdir(parents=True)
    bad = [
        "not json", "[]", '{"data": 5}', "{" * 5000,
        json.dumps({"data": {"you": 5, "magi": [1, 2], "filing_status": 3, "tax_year": "x"}, "page": "x"}),
        json.dumps({"data": {"you": {"checklist": {"backdoor.convert": 5, "mega.room": {"done": "y", "date": 7}},
                                     "age": {"a": 1}, "employer_plan": [], "ira": "x"}},
                    "page": 99, "path": 5, "skip_backdoor": "no"}),
        json.dumps({"data": {"spouse": {"employer_plan": {"features": {"accepts_roll_ins": "maybe"}}},
                             "filing_status": "married_filing_jointly", "magi": "9" * 200}, "page": 7}),
    ]
    for i, text in enumerate(bad):
        (folder / f"{i}-gone.json").write_text(text)
        wizard = create_wizard()
        qtbot.addWidget(wizard)
        dialogs["answers"].append(B.Yes)
        wizard.offer_restore()
        wizard.go_to(Step.SUMMARY)
        wizard.state.set_dirty(False)
    assert not list(folder.glob("*-gone.json"))


def test_a_plan_open_in_another_window_says_so(qtbot, dialogs, tmp_path):
    path = tmp_path / "p.rothplan.json"
    path.write_text(json.dumps(make_plan()))
    first, second = create_wizard(), create_wizard()
    for w in (first, second):
        qtbot.addWidget(w)
    assert first.open_path(path)
    dialogs["answers"].append(B.Cancel)
    assert not second.open_path(path)
    assert dialogs["messages"][-1][1] == "This plan is open in another window"
    first.show()
    first.close()
    assert second.open_path(path)  # closed in the first window: no question
    assert dialogs["messages"][-1][1] == "This plan is open in another window" and len(dialogs["messages"]) == 1


def test_a_plan_changed_on_disk_is_not_overwritten_silently(wizard, dialogs, tmp_path):
    path = tmp_path / "p.rothplan.json"
    path.write_text(json.dumps(make_plan()))
    assert wizard.open_path(path)
    wizard.state.set("magi", "123456")
    elsewhere = json.dumps(make_plan(magi=777777, name="edited elsewhere"))
    path.write_text(elsewhere)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    dialogs["answers"].append(B.Cancel)
    assert not wizard.save()
    assert dialogs["messages"][-1][1] == "The plan changed on disk" and path.read_text() == elsewhere
    dialogs["answers"].append(B.Save)
    assert wizard.save()
    assert load_plan(path).magi == 123456
    assert load_plan(Path(f"{path}.1.bak")).name == "edited elsewhere"  # the other version is kept


def test_the_command_line_plan_after_a_restore_asks_first(qtbot, dialogs, data_dir, tmp_path):
    path = tmp_path / "p.rothplan.json"
    path.write_text(json.dumps(make_plan()))
    (data_dir / storage.AUTOSAVES).mkdir(parents=True)
    (data_dir / storage.AUTOSAVES / "1-gone.json").write_text(json.dumps({"data": {"magi": "5"}, "dirty": True}))
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    dialogs["answers"] += [B.Yes, B.Cancel]
    assert wizard.offer_restore()
    assert not wizard.open_path(path)  # the restored work is not replaced without asking
    assert dialogs["messages"][-1][1] == "Save your changes?" and wizard.state.get("magi") == "5"


def test_no_figures_or_verdicts_before_any_input(person):
    person.pick("tax_year", "2026")
    person.next()
    person.pick("filing_status", "Single")
    person.type("magi", "400000")
    person.type("you.age", "45")
    person.type("you.compensation", "400000")
    person.tick("you.employer_plan")
    person.next()
    person.next()
    assert person.figure("you.form_8606.line_18") == "\u2014"
    person.type("you.ira.balance_dec31", "0")
    person.next()
    person.next()
    assert person.wizard.currentId() == int(Step.EMPLOYER)
    assert person.figure("you.mega_backdoor.room") == "\u2014"
    page = person.wizard.currentPage()
    assert not [w for w in page.findChildren(QWidget) if w.property("role") in ("blocker", "warning")
                and w.isVisible()]
    person.pick("you.employer_plan.type", "401(k)")
    person.type("you.employer_plan.elective_deferrals", "24500")
    assert person.figure("you.mega_backdoor.room") != "\u2014"


def test_placeholders_fit_their_fields(qtbot, dialogs):
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    holders = {e.objectName(): e.placeholderText() for e in wizard.findChildren(NumberEdit)}
    assert holders["you.age"] == "e.g. 45"
    assert holders["you.ira.balance_dec31"] == "0 if none"
    assert all(h for h in holders.values()), holders


def test_steady_typing_then_a_kill_keeps_recent_work(qtbot, dialogs, data_dir):
    """A person types a key every 100 ms and the process is killed after the 30th: the autosave, started
    by the first key and never pushed back by the next ones, holds what was typed (it used to wait for
    300 ms of quiet, so a steady typist was never saved)."""
    import subprocess
    import sys

    code = (
        "import os, signal; from PySide6.QtCore import QTimer; from PySide6.QtWidgets import QApplication\n"
        "from rothwizard.gui import create_wizard\n"
        "w = create_wizard(); w.show(); w.state.set('filing_status', 'single')\n"
        "typed = []\n"
        "def key():\n"
        "    typed.append('1')\n"
        "    w.state.set('magi', ''.join(typed))\n"
        "    if len(typed) == 30:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "t = QTimer(); t.timeout.connect(key); t.start(100)\n"
        "QApplication.instance().exec()\n"
    )
    env = {**os.environ, "ROTHWIZARD_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, timeout=60, capture_output=True)
    assert proc.returncode == -9, proc.stderr
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    dialogs["answers"].append(B.Yes)
    assert wizard.offer_restore()
    assert len(wizard.state.get("magi")) >= 10  # at least the keys typed before the first second


def test_a_change_on_disk_before_a_crash_is_still_noticed_after_the_restore(qtbot, dialogs, data_dir, tmp_path):
    path = tmp_path / "p.rothplan.json"
    path.write_text(json.dumps(make_plan()))
    first = create_wizard()
    qtbot.addWidget(first)
    assert first.open_path(path)
    first.state.set("magi", "5")
    first.autosave_now()
    first._autosave._lock.unlock()  # the window is killed
    first._autosave._lock = None
    first._plan_lock.release()
    first._autosave.id = "gone"
    path.write_text(json.dumps(make_plan(magi=9, name="edited elsewhere")))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    second = create_wizard()
    qtbot.addWidget(second)
    dialogs["answers"] += [B.Yes, B.Cancel]
    assert second.offer_restore()
    assert not second.save()
    assert dialogs["messages"][-1][1] == "The plan changed on disk"
    first.state.set_dirty(False)
