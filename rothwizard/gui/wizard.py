"""The wizard window: the pages in ``core.flow`` order, Open / Save / Save As / recent plans, autosave,
help, export and the unsaved-changes question. No tax rule and no figure is made here."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from rothwizard.core import flow
from rothwizard.core.errors import InvalidInput, PlanFileError, RothWizardError
from rothwizard.core.flow import Step
from rothwizard.core.years import provisional_mark
from rothwizard.gui import screen, storage
from rothwizard.gui.pages.welcome import WelcomePage
from rothwizard.gui.progress import PageList
from rothwizard.gui.state import WizardState


def page_classes() -> dict:
    """Every page, in ``core.flow`` order. Imported on demand: the summary page pulls in the core."""
    from rothwizard.gui.pages.backdoor import BackdoorPage
    from rothwizard.gui.pages.direct import DirectPage
    from rothwizard.gui.pages.employer import EmployerPage
    from rothwizard.gui.pages.iras import IrasPage
    from rothwizard.gui.pages.mega import MegaPage
    from rothwizard.gui.pages.people import PeoplePage
    from rothwizard.gui.pages.summary import SummaryPage

    return {
        Step.WELCOME: WelcomePage, Step.PEOPLE: PeoplePage, Step.DIRECT: DirectPage, Step.IRAS: IrasPage,
        Step.BACKDOOR: BackdoorPage, Step.EMPLOYER: EmployerPage, Step.MEGA: MegaPage,
        Step.SUMMARY: SummaryPage,
    }

PLAN_FILTER = "RothWizard plans (*.rothplan.json *.json);;All files (*)"
OPEN, SAVE, SAVE_AS = (QWizard.WizardButton.CustomButton1, QWizard.WizardButton.CustomButton2,
                       QWizard.WizardButton.CustomButton3)


class RothWizard(QWizard):
    """The wizard. With ``lazy=True`` only the welcome page is built, so it can be painted at once;
    ``finish_loading()`` (the app calls it right after the first paint) loads the core and the other
    pages. Otherwise everything is built here."""

    def __init__(self, state: WizardState | None = None, *, lazy: bool = False):
        super().__init__()
        if sys.platform == "win32":  # the default Aero style misplaces the button row (Wine) and has known Qt bugs
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.state = state or WizardState(self, ready=not lazy)
        self.ready = False
        self.setObjectName("rothwizard")
        self.setOption(QWizard.WizardOption.HaveHelpButton, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for which, text in ((OPEN, "&Open\u2026"), (SAVE, "&Save"), (SAVE_AS, "Save &As\u2026")):
            self.setOption(getattr(QWizard.WizardOption, f"HaveCustomButton{int(which.value) - 5}"), True)
            self.setButtonText(which, text)
        self.setButtonLayout([
            QWizard.WizardButton.HelpButton, OPEN, SAVE, SAVE_AS, QWizard.WizardButton.Stretch,
            QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton,
        ])
        self.customButtonClicked.connect(self._custom_button)
        self.helpRequested.connect(self.show_help)
        self.pages = {Step.WELCOME: WelcomePage(self.state)}
        self.setPage(int(Step.WELCOME), self.pages[Step.WELCOME])
        self.setStartId(int(Step.WELCOME))
        self.pages[Step.WELCOME].open_requested.connect(self.open_dialog)
        self.pages[Step.WELCOME].recent_requested.connect(self.open_path)
        self.pages[Step.WELCOME].set_recent(storage.recent_plans())
        self.currentIdChanged.connect(self._page_shown)
        for keys, slot in ((QKeySequence.StandardKey.Open, self.open_dialog),
                           (QKeySequence.StandardKey.Save, self.save),
                           (QKeySequence.StandardKey.SaveAs, self.save_as),
                           (QKeySequence.StandardKey.HelpContents, self.show_help)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        if QKeySequence(QKeySequence.StandardKey.HelpContents).toString() != "F1":
            QShortcut(QKeySequence("F1"), self, activated=self.show_help)
        self.progress = PageList()
        self.setSideWidget(self.progress)
        self.progress.show_progress(Step.WELCOME, list(Step))
        # Autosave at most every second while changes keep coming (a steady typist is saved too), and
        # at once on a page change; each window has its own autosave file and holds its plan's lock.
        self._autosave = storage.Autosave()
        self._plan_lock = storage.PlanLock()
        self._autosave_timer = QTimer(self, singleShot=True, interval=storage.AUTOSAVE_INTERVAL_MS)
        self._autosave_timer.timeout.connect(self.autosave_now)
        self.state.changed.connect(self._on_state_changed)
        self.state.dirty_changed.connect(lambda _d: self.update_title())
        self.currentIdChanged.connect(lambda _i: self.state.dirty and self.autosave_now())
        screen.restore(self)
        self._help = None
        self.update_title()
        if not lazy:
            self.finish_loading()

    def finish_loading(self) -> None:
        """Load the core and build the pages after the first (once)."""
        if self.ready:
            return
        self.state.start()
        for step, cls in page_classes().items():
            if step not in self.pages:
                self.pages[step] = cls(self.state)
                self.setPage(int(step), self.pages[step])
        self.pages[Step.SUMMARY].export_requested.connect(self.export_pdf)
        self.pages[Step.SUMMARY].save_requested.connect(self.save)
        from rothwizard.gui import keyboard

        reserved = keyboard.reserved_letters(self)
        for page in self.pages.values():
            keyboard.make_unique(page, reserved)
        keyboard.order_tabs(self)
        self.state.changed.connect(lambda _p: self.update_progress())
        self.ready = True
        self._page_shown(self.currentId())

    def _page_shown(self, page_id: int) -> None:
        page = self.page(page_id)
        if page is not None and self.ready:
            page.shown()
            self.update_progress()
            from rothwizard.gui import keyboard

            keyboard.make_unique(page, keyboard.reserved_letters(self))
            keyboard.order_tabs(self)  # controls a page added since still come before the buttons
            first = keyboard.first_field(page)
            if first is not None:
                first.setFocus()

    def update_progress(self) -> None:
        """The step list: the pages on the person's path, the current one marked."""
        if not self.ready or self.currentId() < 0:
            return
        # Before MAGI is entered the direct route is not known: count the backdoor pages in.
        known = self.state.get("magi") is not None
        path = flow.path_through(self.state.data, self.state.skip_backdoor,
                                 direct_open=self.state.direct_open and known)
        self.progress.show_progress(Step(self.currentId()), path)

    # ------------------------------------------------------------ title, autosave

    def update_title(self) -> None:
        mark = provisional_mark(self.state.get("tax_year"))  # a year not published yet, on every page
        draft = " (draft)" if self.state.draft else ""
        self.setWindowTitle(f"{self.state.display_name()}{draft}[*]{mark} \u2014 RothWizard")
        self.setWindowModified(self.state.dirty)

    def _on_state_changed(self, _path: str) -> None:
        self.update_title()
        if self.state.dirty and not self._autosave_timer.isActive():
            self._autosave_timer.start()

    def snapshot(self) -> dict:
        return {"autosave_version": 1, "data": self.state.data, "skip_backdoor": self.state.skip_backdoor,
                "path": str(self.state.path) if self.state.path else None,
                "page": self.currentId() if self.currentId() >= 0 else 0, "dirty": self.state.dirty,
                "draft": self.state.draft, "disk_stamp": self.state.disk_stamp,
                "earlier_years": self.state.earlier_years}

    def autosave_now(self) -> None:
        self._autosave_timer.stop()
        try:
            self._autosave.write(self.snapshot())
        except (OSError, ValueError):
            pass  # the data folder is not writable: the plan itself is unaffected

    def offer_restore(self) -> bool:
        """After a crash or kill: offer the work a window that is gone left in its autosave (never the
        autosave of a window still open). True when restored."""
        orphans = storage.orphaned_autosaves()
        if not orphans:
            return False
        orphan, others = orphans[0], orphans[1:]
        for other in others:  # offered on a later start
            if other.lock is not None:
                other.lock.unlock()
        snap = orphan.snapshot
        answer = QMessageBox.question(
            self, "Restore your unsaved plan?",
            "RothWizard did not close normally last time. Restore the plan you were working on?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            orphan.discard()
            return False
        path = Path(snap["path"]) if snap.get("path") else None
        try:  # a file with several years: the earlier ones come back with the year being edited
            self.state.set_earlier_years(snap.get("earlier_years") or [], snap["data"])
        except (RothWizardError, ValueError):
            self.state.set_earlier_years([])
        self.state.load(snap["data"], path, dirty=bool(snap.get("dirty", True)),
                        skip_backdoor=bool(snap.get("skip_backdoor", True)), draft=bool(snap.get("draft")))
        self.state.disk_stamp = snap.get("disk_stamp")  # a change on disk since then is still noticed
        if path is not None:
            self._plan_lock.acquire(path)
        self.autosave_now()  # the work now lives in this window's autosave
        orphan.discard()
        self.restart()
        self.go_to(Step(snap.get("page", 0)) if snap.get("page", 0) in iter(Step) else Step.WELCOME)
        return True

    def land(self) -> None:
        """After a plan is opened: go where the person left off, the first page that still needs
        something, or the action plan when every page is complete."""
        self.go_to(Step.SUMMARY)

    def go_to(self, target: Step) -> None:
        """Walk back to ``target`` if it was passed, else forward with Next until ``target`` (or the first
        incomplete page on the way)."""
        if int(target) in self.visitedIds()[:-1]:
            while self.currentId() != int(target):
                self.back()
            return
        while self.currentId() != int(target) and self.currentPage() and self.currentPage().isComplete():
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

    # ------------------------------------------------------------ files

    def _custom_button(self, which: int) -> None:
        {OPEN: self.open_dialog, SAVE: self.save, SAVE_AS: self.save_as}[QWizard.WizardButton(which)]()

    def open_dialog(self) -> bool:
        if not self.confirm_discard():
            return False
        path, _ = QFileDialog.getOpenFileName(self, "Open a saved plan", str(self._folder()), PLAN_FILTER)
        return bool(path) and self._open_file(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a plan file as Open… and the recent list do (the command line too): unsaved changes are
        asked about first. A corrupt or too-new file gives a message and nothing changes."""
        if not self.confirm_discard():
            return False
        return self._open_file(path)

    def _open_file(self, path: str | Path) -> bool:
        from rothwizard.core.planfile import read_plan_data

        path = Path(path)
        try:
            raw = read_plan_data(path)
            earlier: list = []
            years_file = isinstance(raw, dict) and "years" in raw
            if years_file:  # several years: the last one is edited
                from rothwizard.core.ledger import split_for_editing

                earlier, raw = split_for_editing(raw)
            data, draft = flow.open_data(raw)
            if earlier or _has_history(raw):  # a left-out prior basis stays left out: it is carried
                from rothwizard.core.ledger import forget_unset_basis

                data = forget_unset_basis(raw, data)
        except (PlanFileError, InvalidInput, ValueError) as exc:
            QMessageBox.warning(self, "Cannot open this plan",
                                f"{path.name} could not be opened:\n\n{exc}\n\nYour current plan is unchanged.")
            return False
        if self._plan_lock.held_elsewhere(path):
            answer = QMessageBox.question(
                self, "This plan is open in another window",
                f"{path.name} is already open in another RothWizard window. Open it here as well?\n\n"
                "If both windows save, RothWizard asks before one replaces the other's changes.",
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Open:
                return False
        self.state.set_earlier_years(earlier, raw, years_file=years_file)
        self.state.load(data, path, draft=draft)
        self.state.disk_stamp = storage.disk_stamp(path)
        self._plan_lock.acquire(path)
        self._autosave.clear()
        self.pages[Step.WELCOME].set_recent(storage.add_recent(path))
        self.restart()
        self.land()  # a draft stops on the first page still to be filled in
        self.update_title()
        return True

    def save(self) -> bool:
        if self.state.path is None:
            return self.save_as()
        stamp = storage.disk_stamp(self.state.path)
        if stamp is not None and self.state.disk_stamp not in (None, stamp):
            answer = QMessageBox.question(
                self, "The plan changed on disk",
                f"{self.state.path.name} was changed on disk after you opened it (in another window or "
                "program). Replace it with the plan shown here? The other version is kept as "
                f"{self.state.path.name}.1.bak.",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Save:
                return False
        return self._write(self.state.path)

    def save_as(self) -> bool:
        suggested = self._folder() / f"{self.state.display_name()}.rothplan.json"
        path, _ = QFileDialog.getSaveFileName(self, "Save the plan", str(suggested), PLAN_FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".rothplan.json"
        return self._write(Path(path))

    def save_to(self, path: str | Path) -> bool:
        """Write the plan file to ``path`` without a dialog: the complete plan, or a draft of what was
        entered so far. Returns True; raises ``OSError`` (``core.atomic.plain_reason`` words it)."""
        from rothwizard.core.planfile import save_text

        path = Path(path)
        text, draft = self.state.file_content()
        save_text(text, path)
        self.state.path = path
        self.state.draft = draft
        self.state.disk_stamp = storage.disk_stamp(path)
        self._plan_lock.acquire(path)
        self.state.set_dirty(False)
        self._autosave.clear()  # nothing unsaved is left
        self.pages[Step.WELCOME].set_recent(storage.add_recent(path))
        self.update_title()
        return True

    def _write(self, path: Path) -> bool:
        from rothwizard.core.atomic import plain_reason

        try:
            return self.save_to(path)
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save",
                                f"The plan could not be saved to {path}: {plain_reason(exc)}.\n\n"
                                "Your work is kept. Try Save As\u2026 to save it somewhere else.")
            return False

    def _folder(self) -> Path:
        return self.state.path.parent if self.state.path else Path.home()

    def export_pdf(self) -> bool:
        """A Save dialog (the paper size is chosen with the file type, the locale's first), the PDF written
        atomically, then an offer to open it."""
        try:
            plan = self.state.complete_plan()
        except InvalidInput as exc:
            QMessageBox.information(self, "The plan is not complete yet", f"Still needed: {exc}")
            return False
        from rothwizard.core.ledger import compute_plan
        from rothwizard.report import ExportError, paper_from_locale  # reportlab only now
        from rothwizard.report.years import export_for_wizard

        papers = {"letter": "PDF on US Letter paper (*.pdf)", "a4": "PDF on A4 paper (*.pdf)"}
        default = paper_from_locale()
        suggested = self._folder() / f"{self.state.display_name()}.pdf"
        path, chosen = QFileDialog.getSaveFileName(self, "Export the action plan", str(suggested),
                                                   ";;".join(papers.values()), papers[default])
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        paper = next((key for key, text in papers.items() if text == chosen), default)
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # writing takes up to a second
        try:
            export_for_wizard(self.state.earlier_years, plan, compute_plan, path, paper)
        except (ExportError, RothWizardError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            from rothwizard.core.atomic import plain_reason

            text = f"Cannot write the PDF to {path}: {plain_reason(exc)}." if isinstance(exc, OSError) else str(exc)
            QMessageBox.warning(self, "Cannot export the PDF", text)
            return False
        QApplication.restoreOverrideCursor()
        self.offer_to_open(path)
        return True

    def offer_to_open(self, path: str) -> None:
        """Offer to open the exported PDF; say so plainly when this computer has no PDF viewer."""
        saved = f"The action plan was saved to\n{path}"
        if not pdf_viewer_available():
            QMessageBox.information(self, "Action plan saved",
                                    f"{saved}\n\nNo PDF viewer was found on this computer, so RothWizard "
                                    "cannot open it for you. Open the file with any PDF reader, or print it.")
            return
        answer = QMessageBox.question(self, "Action plan saved", f"{saved}\n\nOpen it now?",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes and not open_file(path):
            QMessageBox.information(self, "Cannot open the PDF",
                                    f"{saved}\n\nNo program could open it. Open the file with any PDF reader.")

    # ------------------------------------------------------------ help, closing

    def show_help(self) -> None:
        """Help for the current page, in one window reused for every page (F1 or the Help button)."""
        page = Step(self.currentId()) if self.currentId() >= 0 else Step.WELCOME
        from rothwizard.gui.dialogs import HelpDialog

        if self._help is None:
            self._help = HelpDialog(page.name.lower(), self)
        else:
            self._help.show_page(page.name.lower())
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()

    def confirm_discard(self) -> bool:
        """True when it is fine to drop the current plan (saved, or the person said so)."""
        if not self.state.dirty:
            return True
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.question(self, "Save your changes?",
                                      f"{self.state.display_name()} has changes that are not saved.",
                                      buttons, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def done(self, result: int) -> None:
        if not self.confirm_discard():
            return
        self._autosave_timer.stop()
        self._autosave.clear()
        self._plan_lock.release()
        screen.save(self)
        super().done(result)


def _has_history(raw) -> bool:
    return isinstance(raw, dict) and any(isinstance(raw.get(r), dict) and raw[r].get("basis_history")
                                         for r in ("you", "spouse"))


def pdf_viewer_available() -> bool:
    """Whether the desktop can open a PDF. On Linux: ``xdg-open`` and a default application for PDFs
    (``xdg-mime``); Windows and macOS always have one."""
    import shutil
    import subprocess
    import sys

    if not sys.platform.startswith("linux"):
        return True
    if shutil.which("xdg-open") is None:
        return False
    if shutil.which("xdg-mime") is None:
        return True  # cannot tell: let xdg-open try
    try:
        out = subprocess.run(["xdg-mime", "query", "default", "application/pdf"], capture_output=True,
                             text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return True
    return bool(out.stdout.strip())


def open_file(path: str) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(path)))
