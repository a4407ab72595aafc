"""The years panel on the summary page: the basis ledger of a plan file's years (year, contributions,
conversions, line 14 carried), and a button that starts the next year from the last one. A thin view
over ``core.ledger``; nothing is worked out here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from rothwizard.core.actionplan import money

HEADERS = ("Year", "Who", "Contributed (line 1)", "After Dec. 31", "Basis in (line 2)", "Converted (line 8)",
           "Taxable", "Line 14 carried")


def ledger_rows(state) -> list:
    """The ledger of the earlier years and the year edited (when complete), from the core."""
    from rothwizard.core.errors import RothWizardError
    from rothwizard.core.ledger import compute_household, entries_of, household_from_data

    years = list(state.earlier_years)
    try:
        years.append(entries_of(state.complete_plan()))
    except (RothWizardError, ValueError, ArithmeticError):
        pass
    if not years:
        return []
    try:
        return compute_household(household_from_data({"schema_version": 1, "years": years},
                                                      strict=False)).ledger
    except (RothWizardError, ValueError, ArithmeticError):
        return []


def year_action_plan(state):
    """The action plan of the year edited as part of its file (``core.actionplan.years``)."""
    import datetime as dt

    from rothwizard.core.actionplan.years import build_years_action_plan
    from rothwizard.core.errors import RothWizardError
    from rothwizard.core.ledger import entries_of, household_from_data

    try:
        years = [*state.earlier_years, entries_of(state.complete_plan())]
        household = household_from_data({"schema_version": 1, "years": years}, strict=False)
        return build_years_action_plan(household, dt.date.today()).years[-1]
    except (RothWizardError, ValueError, ArithmeticError):
        return None


class YearsPanel(QGroupBox):
    def __init__(self, state, parent=None):
        super().__init__("Your years: the Form 8606 basis ledger", parent)
        self.state = state
        self.setObjectName("years")
        box = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setWordWrap(True)
        box.addWidget(self.note)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("years.ledger")
        self.table.setAccessibleName("Basis ledger: each year's contributions, conversions and the basis carried")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control, as on every page
        box.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton("Start the ne&xt year from this one")
        self.add_button.setObjectName("years.add_next")
        self.add_button.setAccessibleName("Add the next tax year, started from this one")
        self.add_button.clicked.connect(self.add_next_year)
        row.addStretch(1)
        row.addWidget(self.add_button)
        box.addLayout(row)

    def refresh(self) -> None:
        rows = ledger_rows(self.state)
        names = {"you": "You", "spouse": "Spouse"}
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (str(r.tax_year), names.get(r.who, r.who), money(r.contributions), money(r.after_year_end),
                     money(r.basis_in), money(r.conversions), money(r.taxable), money(r.basis_carried))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 4 +
                                  sum(self.table.rowHeight(i) for i in range(len(rows))))
        last = rows[-1].tax_year if rows else None
        self.note.setText(
            "Each year's Form 8606 line 14 is the next year's line 2: RothWizard carries it when the next "
            "year's prior basis is left empty. A contribution made January 1 to April 15 for the earlier "
            "year is converted the next year." if rows else "")
        self.add_button.setEnabled(bool(rows))
        if last is not None:
            self.add_button.setText(f"Start {last + 1} from {last} (ne&xt year)")

    def add_next_year(self) -> None:
        from rothwizard.core.errors import RothWizardError

        try:
            self.state.add_next_year()
        except (RothWizardError, ValueError) as exc:
            self.note.setText(f"Finish this year first: {exc}")
            return
        wizard = self.window()
        if hasattr(wizard, "restart"):
            wizard.restart()


def records_html(report, alert_colour: str = "#8a1c1c") -> str:
    """The report's records as HTML for the summary page: the late Forms 8606 with their lines, the
    excess contribution's fix, the forms that arrived checked and the return's lines."""
    from html import escape

    h: list[str] = []
    for role, label in (("you", "You"), ("spouse", "Your spouse")):
        rep = getattr(report, role, None)
        rec = rep.records if rep is not None else None
        if rec is None:
            continue
        rb = rec.basis_rebuild
        if rb is not None:
            h.append(f"<h3>{label}: the basis rebuilt from your records</h3>"
                     f"<p>Forms 8606 to file now: <b>{', '.join(map(str, rb.late_forms)) or 'none'}</b>. "
                     f"Basis carried in: <b>{money(rb.basis)}</b>.</p><p><small>{escape(rb.note)}</small></p>"
                     "<table cellspacing='0' cellpadding='2' border='1'><tr><th>Line</th>"
                     + "".join(f"<th>{y.tax_year}{' (file now)' if y.late else ''}</th>" for y in rb.years)
                     + "</tr>")
            for key in rb.years[0].form_8606:
                values = [y.form_8606.get(key) for y in rb.years]
                if all(v is None for v in values):
                    continue
                cells = "".join("<td align='right'>" + ("" if v is None else f"{v:.3f}" if key == "line_10"
                                                        else money(v)) + "</td>" for v in values)
                h.append(f"<tr><td>{key.removeprefix('line_')}</td>{cells}</tr>")
            h.append("</table>")
        if rec.excess_correction is not None:
            h.append(f"<h3>{label}: fixing the excess Roth contribution</h3>"
                     f"<p>{escape(rec.excess_correction.message)}</p>")
        check = rec.forms_check
        if check is not None:
            h.append(f"<h3>{label}: the forms that arrived</h3>")
            for f in check.findings:
                box = escape(f.box.replace('_', ' '))
                h.append(f"<p style='color:{alert_colour}'><b>Form {escape(f.form)}, {box}:</b> "
                         f"{escape(f.message)}<br>{escape(f.what_to_do)}</p>")
            if not check.findings:
                h.append("<p>Every form entered matches the plan.</p>")
            h.append("<p><b>On your return</b></p><table cellspacing='2'>")
            for r in check.return_lines:
                value = "" if r.amount is None else (f"{r.amount:.3f}" if r.line == "10" else money(r.amount))
                h.append(f"<tr><td>{escape(r.form)}</td><td>line {escape(r.line)}</td>"
                         f"<td align='right'>{value}</td><td><small>{escape(r.note)}</small></td></tr>")
            h.append("</table>")
    return "".join(h)
