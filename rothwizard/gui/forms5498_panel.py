"""The Form 5498 panel on the summary page, beside the Form 1099-R one: the person types what a Form 5498
says (``person.forms_5498``, ``core.records.Form5498``); the summary then shows what differs from the
plan (``core.tax_forms_check``). A thin view: nothing is worked out here."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton

from rothwizard.gui.forms_panel import _amount

NAMES = {"you": "You", "spouse": "Your spouse"}
ACCOUNTS = (("Traditional IRA", "traditional_ira"), ("Roth IRA", "roth_ira"))
BOXES = (
    ("box_1", "Box 1:", "Box 1, traditional IRA contributions"),
    ("box_2", "Box 2:", "Box 2, rollover contributions"),
    ("box_3", "Box 3:", "Box 3, Roth IRA conversion amount"),
    ("box_4", "Box 4:", "Box 4, recharacterized contributions"),
    ("box_5", "Box 5:", "Box 5, fair market value on December 31"),
    ("box_10", "Box 10:", "Box 10, Roth IRA contributions"),
)


class Forms5498Panel(QGroupBox):
    def __init__(self, state, parent=None):
        super().__init__("A Form 5498 arrived? Check it against the plan", parent)
        self.state = state
        self.setObjectName("forms_5498")
        grid = QGridLayout(self)
        self.who = QComboBox()
        self.who.setObjectName("forms_5498.who")
        self.who.setAccessibleName("Whose Form 5498")
        self.account = QComboBox()
        self.account.setObjectName("forms_5498.account")
        self.account.setAccessibleName("The account the Form 5498 is for")
        for text, value in ACCOUNTS:
            self.account.addItem(text, value)
        self.boxes: dict[str, QLineEdit] = {}
        for field, _label, accessible in BOXES:
            edit = QLineEdit()
            edit.setObjectName(f"forms_5498.{field}")
            edit.setAccessibleName(accessible)
            self.boxes[field] = edit
        cells = [("For:", self.who), ("Account:", self.account)]
        cells += [(label, self.boxes[f]) for f, label, _a in BOXES]
        for i, (text, widget) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, i // 4, 2 * (i % 4))
            grid.addWidget(widget, i // 4, 2 * (i % 4) + 1)
        row = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("forms_5498.message")
        self.message.setWordWrap(True)
        self.add_button = QPushButton("Add this Form &5498")
        self.add_button.setObjectName("forms_5498.add")
        self.add_button.setAccessibleName("Add this Form 5498 to the plan")
        self.add_button.clicked.connect(self.add_form)
        self.clear_button = QPushButton("Remove the Forms 5498 entered")
        self.clear_button.setObjectName("forms_5498.clear")
        self.clear_button.setAccessibleName("Remove the Forms 5498 entered")
        self.clear_button.clicked.connect(self.clear_forms)
        row.addWidget(self.message, 1)
        row.addWidget(self.clear_button)
        row.addWidget(self.add_button)
        grid.addLayout(row, 2, 0, 1, 8)
        self.error = ""

    def refresh(self) -> None:
        roles = self.state.people()
        if [self.who.itemData(i) for i in range(self.who.count())] != roles:
            self.who.clear()
            for role in roles:
                self.who.addItem(NAMES[role], role)
        entered = sum(len(self.state.get(f"{r}.forms_5498") or []) for r in roles)
        self.clear_button.setEnabled(entered > 0)
        if not self.error:
            self.message.setText(f"{entered} Form{'s' if entered != 1 else ''} 5498 entered; what differs from "
                                 "the plan is listed above." if entered else "")

    def add_form(self) -> None:
        from pydantic import ValidationError

        from rothwizard.core.records import Form5498

        role = self.who.currentData() or "you"
        try:
            data = {"account": self.account.currentData()}
            for field, edit in self.boxes.items():
                value = _amount(edit.text())
                if value is not None:
                    data[field] = value
            form = Form5498.model_validate(data)
        except (ValueError, ValidationError) as exc:
            if isinstance(exc, ValidationError):
                err = exc.errors()[0]
                text = f"{'.'.join(map(str, err['loc'])).replace('_', ' ')} {err['msg'].lower()}"
            else:
                text = str(exc)
            self.error = f"Not added: {text}."
            self.message.setText(self.error)
            return
        self.error = ""
        forms = list(self.state.get(f"{role}.forms_5498") or [])
        forms.append(form.model_dump(mode="json", exclude_defaults=True) | {"account": form.account})
        self.state.set(f"{role}.forms_5498", forms)
        for edit in self.boxes.values():
            edit.clear()
        self.refresh()

    def clear_forms(self) -> None:
        self.error = ""
        for role in self.state.people():
            if self.state.get(f"{role}.forms_5498"):
                self.state.set(f"{role}.forms_5498", None)
        self.refresh()
