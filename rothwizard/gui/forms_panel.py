"""The "forms that arrived" panel on the summary page: the person types what a Form 1099-R says and
adds it to the plan (``person.forms_1099r``); the summary then shows what differs from the plan, what
to do, and the return's lines (``core.tax_forms_check``). A thin view: nothing is worked out here."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

CODES = ("2", "7", "1", "G", "H", "B", "N", "R", "8", "P", "J", "Q", "T", "3", "4")


def _amount(text: str) -> Decimal | None:
    text = text.strip().replace(",", "").lstrip("$")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount") from None


class FormsPanel(QGroupBox):
    def __init__(self, state, parent=None):
        super().__init__("A Form 1099-R arrived? Check it against the plan", parent)
        self.state = state
        self.setObjectName("forms_1099r")
        grid = QGridLayout(self)
        self.who = QComboBox()
        self.who.setObjectName("forms_1099r.who")
        self.who.setAccessibleName("Whose Form 1099-R")
        self.box_1 = self._edit("forms_1099r.box_1", "Box 1, gross distribution")
        self.box_2a = self._edit("forms_1099r.box_2a", "Box 2a, taxable amount")
        self.box_5 = self._edit("forms_1099r.box_5", "Box 5, employee contributions (after-tax)")
        self.box_7 = QComboBox()
        self.box_7.setObjectName("forms_1099r.box_7")
        self.box_7.setAccessibleName("Box 7, distribution code")
        self.box_7.addItems(CODES)
        self.box_2b = QCheckBox("2b: taxable amount not determined")
        self.box_2b.setObjectName("forms_1099r.box_2b_not_determined")
        self.box_2b.setAccessibleName("Box 2b, taxable amount not determined")
        self.ira = QCheckBox("IRA/SEP/SIMPLE box")
        self.ira.setObjectName("forms_1099r.ira_sep_simple")
        self.ira.setAccessibleName("The IRA/SEP/SIMPLE box is checked")
        self.ira.setChecked(True)
        cells = (("For:", self.who), ("Box 1:", self.box_1), ("Box 2a:", self.box_2a), ("Box 5:", self.box_5),
                 ("Box 7 code:", self.box_7))
        for i, (text, widget) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, 0, 2 * i)
            grid.addWidget(widget, 0, 2 * i + 1)
        grid.addWidget(self.box_2b, 1, 0, 1, 4)
        grid.addWidget(self.ira, 1, 4, 1, 3)
        row = QHBoxLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button = QPushButton("Add this Form 1099-&R")
        self.add_button.setObjectName("forms_1099r.add")
        self.add_button.setAccessibleName("Add this Form 1099-R to the plan")
        self.add_button.clicked.connect(self.add_form)
        self.clear_button = QPushButton("Remove the forms entered")
        self.clear_button.setObjectName("forms_1099r.clear")
        self.clear_button.setAccessibleName("Remove the Forms 1099-R entered")
        self.clear_button.clicked.connect(self.clear_forms)
        row.addWidget(self.message, 1)
        row.addWidget(self.clear_button)
        row.addWidget(self.add_button)
        grid.addLayout(row, 2, 0, 1, 10)

    def _edit(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def refresh(self) -> None:
        roles = self.state.people()
        names = {"you": "You", "spouse": "Your spouse"}
        if [self.who.itemData(i) for i in range(self.who.count())] != roles:
            self.who.clear()
            for role in roles:
                self.who.addItem(names[role], role)
        entered = sum(len(self.state.get(f"{r}.forms_1099r") or []) for r in roles)
        self.clear_button.setEnabled(entered > 0)
        if not self.message.property("error"):
            self.message.setText(f"{entered} form{'s' if entered != 1 else ''} entered." if entered else "")

    def add_form(self) -> None:
        from pydantic import ValidationError

        from rothwizard.core.records import Form1099R

        role = self.who.currentData() or "you"
        try:
            box_1, box_2a, box_5 = (_amount(e.text()) for e in (self.box_1, self.box_2a, self.box_5))
            if box_1 is None:
                raise ValueError("box 1 is needed")
            data = {"box_1": box_1, "box_2a": box_2a, "box_2b_not_determined": self.box_2b.isChecked(),
                    "box_5": box_5 or Decimal(0), "box_7": [self.box_7.currentText()],
                    "ira_sep_simple": self.ira.isChecked()}
            form = Form1099R.model_validate(data)
        except (ValueError, ValidationError) as exc:
            text = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            self.message.setProperty("error", True)
            self.message.setText(f"Not added: {text}.")
            return
        self.message.setProperty("error", False)
        forms = list(self.state.get(f"{role}.forms_1099r") or [])
        forms.append(form.model_dump(mode="json"))
        self.state.set(f"{role}.forms_1099r", forms)
        for edit in (self.box_1, self.box_2a, self.box_5):
            edit.clear()

    def clear_forms(self) -> None:
        self.message.setProperty("error", False)
        for role in self.state.people():
            if self.state.get(f"{role}.forms_1099r"):
                self.state.set(f"{role}.forms_1099r", None)
