"""A checklist step the person ticks and dates; saved in the plan under ``person.checklist[step_id]``
(the same ids as the action plan, so ticks show in the PDF)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QGridLayout, QLabel, QWidget

from rothwizard.gui.pages.base import plain_name
from rothwizard.gui.state import WizardState


class ChecklistItem(QWidget):
    def __init__(self, state: WizardState, role: str, step_id: str, number: int, title: str,
                 detail: str, tip: str = ""):
        super().__init__()
        self.state, self.role, self.step_id = state, role, step_id
        base = f"{role}.checklist.{step_id}"
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        self.box = QCheckBox(f"Step {number}: {title}")
        self.box.setObjectName(f"{base}.done")
        self.box.setAccessibleName(plain_name(role, f"Done: step {number}, {title}"))
        self.box.setProperty("role", "step")
        if tip:
            self.box.setToolTip(tip)
        self.date = QDateEdit()
        self.date.setObjectName(f"{base}.date")
        self.date.setAccessibleName(plain_name(role, f"Date step {number} was done"))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("MMM d, yyyy")
        self.detail = QLabel(detail)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setProperty("role", "detail")
        self.date_label = QLabel("Done on:")
        self.date_label.setBuddy(self.date)
        self.date_label.setProperty("role", "detail")
        grid.addWidget(self.box, 0, 0, 1, 3)
        grid.addWidget(self.date_label, 1, 0)
        grid.addWidget(self.date, 1, 1)
        grid.addWidget(self.detail, 2, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self.reload()
        state.reset.connect(self.reload)  # a plan opened or restored: show its ticks
        self.box.toggled.connect(self._on_toggled)
        self.date.dateChanged.connect(self._on_date)

    def set_detail(self, html: str) -> None:
        self.detail.setText(html)

    def reload(self) -> None:
        tick = self.state.get(f"{self.role}.checklist.{self.step_id}") or {}
        done = bool(tick.get("done"))
        when = tick.get("date")
        self.box.blockSignals(True)
        self.date.blockSignals(True)
        self.box.setChecked(done)
        self._show_date(done)
        self.date.setDate(QDate.fromString(when, "yyyy-MM-dd") if when else QDate.currentDate())
        self.box.blockSignals(False)
        self.date.blockSignals(False)

    def _show_date(self, done: bool) -> None:
        """The date only shows once the step is ticked (an unticked step has no date)."""
        self.date.setVisible(done)
        self.date_label.setVisible(done)

    def _on_toggled(self, done: bool) -> None:
        self._show_date(done)
        value = {"done": True, "date": self.date.date().toString("yyyy-MM-dd")} if done else None
        self.state.set(f"{self.role}.checklist.{self.step_id}", value)

    def _on_date(self, qdate: QDate) -> None:
        if self.box.isChecked():
            self.state.set(f"{self.role}.checklist.{self.step_id}",
                           {"done": True, "date": qdate.toString("yyyy-MM-dd")})


def add_checklist(state: WizardState, role: str, steps, box, *, details: bool = True) -> list[ChecklistItem]:
    """One ChecklistItem per ``(step_id, title, detail)`` in ``steps``, numbered from 1, added to ``box``."""
    items = []
    for n, (step_id, title, detail) in enumerate(steps, start=1):
        item = ChecklistItem(state, role, step_id, n, title, detail if details else "")
        box.addWidget(item)
        items.append(item)
    return items
