"""The "lost your Form 8606 basis?" panel on the summary page: the person types, year by year, what
the earlier years' Forms 5498 and 1099-R say (``person.basis_history``, ``core.records.BasisYear``);
the core rebuilds each year's Form 8606 (``core.basis_rebuild``) and the plan's line 2 takes the
rebuilt basis. A thin view: nothing is worked out here; the figures shown are the report's."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from rothwizard.gui.forms_panel import _amount

NAMES = {"you": "You", "spouse": "Your spouse"}
# (field, label, accessible name): the BasisYear fields the person types
AMOUNTS = (
    ("contributions", "5498 box 1:", "Form 5498 box 1, traditional IRA contributions for the year"),
    ("deducted", "Deducted:", "The part of those contributions deducted on the return"),
    ("conversions", "Converted:", "Forms 1099-R box 1, converted to a Roth IRA in the year"),
    ("distributions", "Taken out:", "Forms 1099-R box 1, distributions taken and kept in the year"),
    ("value_dec31", "Dec 31 value:", "Form 5498 box 5, every traditional, SEP and SIMPLE IRA on December 31"),
)
FILED = (("Not known", None), ("Yes", True), ("No", False))


class BasisPanel(QGroupBox):
    def __init__(self, state, parent=None):
        super().__init__("Lost your Form 8606 basis? Rebuild it from earlier years' Forms 5498 and 1099-R",
                         parent)
        self.state = state
        self.setObjectName("basis_history")
        grid = QGridLayout(self)
        self.who = QComboBox()
        self.who.setObjectName("basis_history.who")
        self.who.setAccessibleName("Whose earlier year")
        self.who.currentIndexChanged.connect(lambda _i: self._show())
        self.tax_year = self._edit("basis_history.tax_year", "The earlier tax year")
        self.amounts = {f: self._edit(f"basis_history.{f}", acc) for f, _l, acc in AMOUNTS}
        self.filed = QComboBox()
        self.filed.setObjectName("basis_history.form_8606_filed")
        self.filed.setAccessibleName("Form 8606 filed for that year")
        for text, value in FILED:
            self.filed.addItem(text, value)
        cells = [("For:", self.who), ("Tax year:", self.tax_year)]
        cells += [(label, self.amounts[f]) for f, label, _a in AMOUNTS]
        cells.append(("8606 filed:", self.filed))
        for i, (text, widget) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, i // 4, 2 * (i % 4))
            grid.addWidget(widget, i // 4, 2 * (i % 4) + 1)
        row = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("basis_history.message")
        self.message.setWordWrap(True)
        self.add_button = QPushButton("Add this year's recor&ds")
        self.add_button.setObjectName("basis_history.add")
        self.add_button.setAccessibleName("Add this earlier year's records to the plan")
        self.add_button.clicked.connect(self.add_year)
        self.remove_button = QPushButton("Remove this tax year")
        self.remove_button.setObjectName("basis_history.remove")
        self.remove_button.setAccessibleName("Remove the records of the tax year typed")
        self.remove_button.clicked.connect(self.remove_year)
        row.addWidget(self.message, 1)
        row.addWidget(self.remove_button)
        row.addWidget(self.add_button)
        grid.addLayout(row, 2, 0, 1, 8)
        self.error = ""

    def _edit(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def role(self) -> str:
        return self.who.currentData() or "you"

    def history(self, role: str | None = None) -> list:
        return list(self.state.get(f"{role or self.role()}.basis_history") or [])

    def refresh(self) -> None:
        roles = self.state.people()
        if [self.who.itemData(i) for i in range(self.who.count())] != roles:
            self.who.blockSignals(True)
            self.who.clear()
            for role in roles:
                self.who.addItem(NAMES[role], role)
            self.who.blockSignals(False)
        self._show()

    def _show(self) -> None:
        """What is entered for the person and the basis the core rebuilt from it (line 2)."""
        history = self.history()
        self.remove_button.setEnabled(bool(history))
        if not self.tax_year.text().strip():
            year = self.state.get("tax_year")
            first = history[0].get("tax_year") if history else None
            if isinstance(first, int):
                self.tax_year.setText(str(first - 1))
            elif isinstance(year, int):
                self.tax_year.setText(str(year - 1))
        if self.error:
            self.message.setText(self.error)
            return
        if not history:
            self.message.setText("No earlier year entered. Enter the year before the plan's first, then "
                                 "each year back to the first nondeductible contribution.")
            return
        years = [y.get("tax_year") for y in history]
        text = f"{NAMES[self.role()]}: {len(history)} year{'s' if len(history) != 1 else ''} entered " \
               f"({years[0]}\u2013{years[-1]})." if len(history) > 1 else \
               f"{NAMES[self.role()]}: {years[0]} entered."
        rb, problem = _rebuilt(history, self.state.get("tax_year"))
        if rb is not None:
            late = ", ".join(map(str, rb.late_forms)) or "none"
            text += f" Basis rebuilt (Form 8606 line 2): {_money(rb.basis)}. Forms 8606 to file now: {late}."
        else:
            text += f" Not rebuilt yet: {problem}."
        self.message.setText(text)

    def add_year(self) -> None:
        from pydantic import ValidationError

        from rothwizard.core.records import BasisYear

        role = self.role()
        try:
            year_text = self.tax_year.text().strip()
            if not year_text.isdigit():
                raise ValueError("the tax year is needed (four digits)")
            data = {"tax_year": int(year_text), "form_8606_filed": self.filed.currentData()}
            for field, _l, _a in AMOUNTS:
                value = _amount(self.amounts[field].text())
                if value is not None:
                    data[field] = value
            record = BasisYear.model_validate(data)
        except (ValueError, ValidationError) as exc:
            if isinstance(exc, ValidationError):
                err = exc.errors()[0]
                where = ".".join(map(str, err["loc"])) or "the year"
                text = f"{where.replace('_', ' ')} {err['msg'].lower()}"
            else:
                text = str(exc)
            self.error = f"Not added: {text}."
            self.message.setText(self.error)
            return
        self.error = ""
        history = [y for y in self.history(role) if y.get("tax_year") != record.tax_year]
        history.append(record.model_dump(mode="json", exclude_defaults=True) | {"tax_year": record.tax_year})
        history.sort(key=lambda y: y.get("tax_year") or 0)
        for edit in self.amounts.values():
            edit.clear()
        self.tax_year.setText(str(history[0]["tax_year"] - 1))
        self.filed.setCurrentIndex(0)
        self.state.set(f"{role}.basis_history", history)
        self._show()

    def remove_year(self) -> None:
        self.error = ""
        text = self.tax_year.text().strip()
        history = self.history()
        kept = [y for y in history if str(y.get("tax_year")) != text]
        if len(kept) == len(history):
            self.error = f"Not removed: {text or 'no tax year'} is not among the years entered."
        else:
            self.state.set(f"{self.role()}.basis_history", kept or None)
        self._show()


def _money(value) -> str:
    from rothwizard.core.actionplan import money

    return money(value)


def _rebuilt(history: list, plan_year):
    """(the core's rebuild of the records typed in, or None while they are not usable; the reason)."""
    from pydantic import ValidationError

    from rothwizard.core import RothWizardError, basis_rebuild
    from rothwizard.core.records import BasisYear

    try:
        years = [BasisYear.model_validate(y) for y in history]
        if isinstance(plan_year, int):
            basis_rebuild.check_history(years, plan_year, "basis_history")
        return basis_rebuild.rebuild(years), ""
    except RothWizardError as exc:
        import re

        found = re.search(r"\[(\d+)\]\.(\w+)$", getattr(exc, "field", "") or "")
        if found and int(found.group(1)) < len(history):
            where = f"the year entered as {history[int(found.group(1))].get('tax_year')}: " \
                    f"{found.group(2).replace('_', ' ')}"
            return None, f"{where} {getattr(exc, 'problem', exc)}"
        return None, str(exc)
    except (ValidationError, ValueError) as exc:
        return None, str(exc).splitlines()[0]
