"""The excess direct Roth contribution panel on the summary page: the Roth IRA's values that give the
net income attributable (Treas. Reg. 1.408-11) and the choice recharacterize / remove
(``person.excess_fix``, ``core.records.ExcessFix``). Shown only while a direct Roth contribution is
above what MAGI allows; the sentence shown is the core's (``core.corrections``)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit

from rothwizard.gui.forms_panel import _amount

NAMES = {"you": "You", "spouse": "Your spouse"}
FIELDS = (
    ("value_before", "Roth IRA before:", "The Roth IRA's value just before the excess contribution"),
    ("value_now", "Roth IRA now:", "The Roth IRA's value now, just before the money moves"),
    ("other_contributions", "Other money in:", "Other contributions to that Roth IRA since then"),
    ("distributions", "Money out:", "Distributions from that Roth IRA since then"),
)
METHODS = (("RothWizard's recommendation", None), ("Recharacterize, then convert", "recharacterize"),
           ("Remove it with its net income", "remove"))


class ExcessPanel(QGroupBox):
    def __init__(self, state, parent=None):
        super().__init__("Fixing the excess Roth contribution: the Roth IRA's values", parent)
        self.state = state
        self.setObjectName("excess_fix")
        grid = QGridLayout(self)
        self.who = QComboBox()
        self.who.setObjectName("excess_fix.who")
        self.who.setAccessibleName("Whose excess Roth contribution")
        self.who.currentIndexChanged.connect(lambda _i: self._load())
        self.edits: dict[str, QLineEdit] = {}
        for field, _label, accessible in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"excess_fix.{field}")
            edit.setAccessibleName(accessible)
            edit.editingFinished.connect(lambda f=field: self._store(f))
            self.edits[field] = edit
        self.method = QComboBox()
        self.method.setObjectName("excess_fix.method")
        self.method.setAccessibleName("How to correct the excess")
        for text, value in METHODS:
            self.method.addItem(text, value)
        self.method.activated.connect(lambda _i: self._store_method())
        cells = [("For:", self.who)] + [(label, self.edits[f]) for f, label, _a in FIELDS] + [("Fix:", self.method)]
        for i, (text, widget) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, i // 3, 2 * (i % 3))
            grid.addWidget(widget, i // 3, 2 * (i % 3) + 1)
        self.message = QLabel()
        self.message.setObjectName("excess_fix.message")
        self.message.setWordWrap(True)
        grid.addWidget(self.message, 2, 0, 1, 6)
        self.error = ""

    def role(self) -> str:
        return self.who.currentData() or "you"

    def _excess_roles(self) -> list[str]:
        roles = []
        for role in self.state.people():
            rep = self.state.person_report(role)
            entered = self.state.get(f"{role}.ira.roth_contribution")
            try:
                if rep is not None and entered is not None and float(entered) > float(rep.roth_direct_limit):
                    roles.append(role)
            except (TypeError, ValueError):
                continue
        return roles

    def refresh(self) -> None:
        roles = self._excess_roles()
        self.setVisible(bool(roles))
        if [self.who.itemData(i) for i in range(self.who.count())] != roles:
            self.who.blockSignals(True)
            self.who.clear()
            for role in roles:
                self.who.addItem(NAMES[role], role)
            self.who.blockSignals(False)
        if roles:
            self._load()

    def _load(self) -> None:
        role = self.role()
        for field, edit in self.edits.items():
            if not edit.hasFocus():
                value = self.state.get(f"{role}.excess_fix.{field}")
                edit.setText("" if value is None else f"{value}")
        index = self.method.findData(self.state.get(f"{role}.excess_fix.method"))
        self.method.setCurrentIndex(max(index, 0))
        self._show()

    def _store(self, field: str) -> None:
        try:
            value = _amount(self.edits[field].text())
        except ValueError as exc:
            self.error = f"{self.edits[field].accessibleName()}: {exc}."
            self._show()
            return
        self.error = ""
        stored = None if value is None else (int(value) if value == value.to_integral_value() else float(value))
        if stored is not None and stored < 0:
            self.error = f"{self.edits[field].accessibleName()}: cannot be below 0."
            self._show()
            return
        if self.state.get(f"{self.role()}.excess_fix") is None and stored is None:
            return
        self.state.set(f"{self.role()}.excess_fix.{field}", stored)
        self._show()

    def _store_method(self) -> None:
        value = self.method.currentData()
        if self.state.get(f"{self.role()}.excess_fix") is None and value is None:
            return
        self.state.set(f"{self.role()}.excess_fix.method", value)
        self._show()

    def _show(self) -> None:
        """The core's sentence for the fix (the net income, the amount to move, the due date)."""
        if self.error:
            self.message.setText(self.error)
            return
        fix = None
        if self.state.plan is not None:
            from rothwizard.core import RothWizardError
            from rothwizard.core.ledger import compute_plan

            try:
                rep = getattr(compute_plan(self.state.plan), self.role(), None)
                fix = rep.records.excess_correction if rep is not None and rep.records is not None else None
            except (RothWizardError, ValueError, ArithmeticError):
                fix = None
        self.message.setText(fix.message if fix is not None else "")
