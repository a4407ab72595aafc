"""Page 8: the action plan (``core.actionplan``, the same view model as the PDF), Export PDF, Save."""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser

from rothwizard.core import RothWizardError
from rothwizard.core.actionplan import ActionPlan, build_action_plan
from rothwizard.core.actionplan.model import money
from rothwizard.core.flow import Step
from rothwizard.core.ledger import compute_plan
from rothwizard.gui.pages.base import BasePage


def _alerts_html(alerts, colour: str = "#8a1c1c") -> list[str]:
    h = []
    for a in alerts:
        h.append(f"<p style='color:{colour}'><b>{escape(a.person)}: {escape(a.title)}.</b> {escape(a.text)}</p>")
        if a.choices:
            h.append("<ol>" + "".join(f"<li>{escape(c)}</li>" for c in a.choices) + "</ol>")
        if a.source:
            h.append(f"<p><small>Source: {escape(a.source)}</small></p>")
    return h


def _link(text: str, url: str) -> str:
    """A link the text browser opens in the system browser (the app itself connects to nothing)."""
    if not url:
        return escape(text)
    return f"<a href='{escape(url, quote=True)}'>{escape(text)}</a>"


_TABLE = "<table cellspacing='0' cellpadding='3' border='1' width='100%'>"


def _money_html(person, ex) -> list[str]:
    """Money for the year and the conversion tax (``printed``), as the PDF shows them."""
    m, tax = ex.money.get(person.role), ex.tax.get(person.role)
    h: list[str] = []
    if m is not None and (m.additions or m.cash):
        if m.additions:
            h.append(f"{_TABLE}<tr><th align='left' width='78%'>Annual additions to the "
                     f"{escape(m.plan_label or '')} (IRC 415(c))</th><th align='right'>Amount</th></tr>")
            h += [f"<tr><td>{escape(r.label)}</td><td align='right'>{escape(r.text)}</td></tr>" for r in m.additions]
            h.append(f"<tr><td><b>= annual additions limit</b></td><td align='right'><b>{money(m.limit)}</b></td></tr>")
            if m.catch_up:
                h.append("<tr><td>Catch-up contributions, on top of the limit (IRC 414(v))</td>"
                         f"<td align='right'>{money(m.catch_up)}</td></tr><tr><td><b>Total into the plan</b></td>"
                         f"<td align='right'><b>{money(m.total_into_plan)}</b></td></tr>")
            h.append(f"</table><p><small>{escape(m.sum_text)}</small></p>")
            if m.per_paycheck is not None:
                how = (f"{m.paychecks} biweekly paychecks left (assumed; enter the paychecks left for "
                       f"your own figure)" if m.paychecks_assumed else f"{m.paychecks} paychecks left")
                h.append(f"<p><b>After-tax contribution per paycheck: {money(m.per_paycheck)} "
                         f"({money(m.after_tax)} over {escape(how)}).</b></p>")
        if m.cash:
            h.append(f"{_TABLE}<tr><th align='left' width='78%'>Cash needed for the year, besides the deferrals "
                     "payroll takes</th><th align='right'>Amount</th></tr>")
            h += [f"<tr><td>{escape(r.label + (f' ({r.note})' if r.note else ''))}</td>"
                  f"<td align='right'>{escape(r.text)}</td></tr>" for r in m.cash]
            total = money(m.cash_total) + (f" to {money(m.cash_total_high)}" if m.cash_total_high is not None else "")
            h.append(f"<tr><td><b>Total cash needed</b></td><td align='right'><b>{total}</b></td></tr></table>")
    if tax is not None:
        h.append(f"<p><b>Tax on the taxable conversion of {money(tax.taxable)}: {escape(tax.cost_text)}</b></p><ul>"
                 + "".join(f"<li><small>{escape(t)}</small></li>" for t in tax.how_to_pay) + "</ul>")
    if h:
        h.insert(0, f"<p><b>Money for the year ({escape(person.person)})</b><br>"
                    "<small>The sums behind the checklists, so each figure can be checked.</small></p>")
    return h


def _hr_html(person, ex) -> list[str]:
    """The questions for HR and the Roth destination choice (``printed``), as the PDF shows them."""
    h: list[str] = []
    questions = ex.hr_questions.get(person.role, ())
    if questions:
        h.append(f"<p><b>Also ask HR ({escape(person.person)}):</b></p><ol>"
                 + "".join(f"<li><small>{escape(q)}</small></li>" for q in questions) + "</ol>")
    choice = ex.destination.get(person.role)
    if choice:
        h.append(f"<p><b>{escape(person.person)}: Roth IRA or the plan's Roth account? Your plan offers both.</b></p>"
                 "<ul>" + "".join(f"<li><small>{escape(c)}</small></li>" for c in choice) + "</ul>")
    return h


def _rules_html(ex) -> list[str]:
    if not ex.rules:
        return []
    h = ["<h3>Rules to know before you start</h3><table cellspacing='0' cellpadding='3' border='1' width='100%'>"]
    for r in ex.rules:
        h.append(f"<tr><td width='25%'><b>{escape(r.title)}</b></td><td>{escape(r.text)}"
                 f"<br><small>{_link(r.source, r.url)}</small></td></tr>")
    return h + ["</table>"]


def _sources_html(ap: ActionPlan, ex) -> list[str]:
    items = ([_link(s.text, s.url) for s in ex.sources] if ex is not None and ex.sources
             else [escape(s) for s in ap.sources])
    if not items:
        return []
    return [f"<h3>IRS sources for {ap.tax_year}</h3><ul>" + "".join(f"<li><small>{i}</small></li>" for i in items)
            + "</ul>"]


def action_plan_html(ap: ActionPlan, alert_colour: str = "#8a1c1c") -> str:
    """The view model as HTML; every figure and sentence is the view model's own text, in the PDF's
    order: headline, what to read first, key figures, checklists (what, amount, where, by when, what to
    watch), money for the year and the conversion tax, plan features, questions for HR and the Roth
    destination, the rules, warnings, dates, Form 8606 and the forms to expect, the inputs, the IRS
    sources with their irs.gov addresses."""
    ex = ap.extras  # ``printed.PrintedExtras``: the sections the PDF adds, shown here too
    h = [f"<h2>{escape(ap.name)}</h2>", f"<p><b>{escape(ap.recommendation)}</b></p>"]
    first = [a for a in ap.alerts if a.code in ("pro_rata", "entry_differs", "ask_plan", "plan_chosen",
                                                "direct_option")]
    if first:
        h.append("<h3>Read this first</h3>")
        h += _alerts_html(first, alert_colour)
    for person in ap.people:
        h.append(f"<h3>{escape(person.person)}</h3><table cellspacing='4'>")
        for fig in person.figures:
            h.append(f"<tr><td>{escape(fig.label)}</td><td align='right'><b>{escape(fig.text)}</b></td>"
                     f"<td><small>{escape(fig.note)}</small></td></tr>")
        h.append("</table>")
        for sentence in person.skipped:
            h.append(f"<p><i>{escape(sentence)}</i></p>")
        for checklist in person.checklists:
            h.append(f"<p><b>{escape(checklist.title)}</b><br><small>{escape(checklist.intro)}</small></p>"
                     "<table cellspacing='0' cellpadding='3' border='1' width='100%'>"
                     "<tr><th width='3%'></th><th align='left' width='42%'>Step and what to watch</th>"
                     "<th width='12%'>Amount</th><th align='left' width='18%'>Where</th>"
                     "<th align='left' width='25%'>By when</th></tr>")
            for n, step in enumerate(checklist.steps, 1):
                tick = "\u2611" if step.done else "\u2610"
                done = f"<br>Done {step.done_on:%b %d, %Y}" if step.done and step.done_on else ""
                late = "<br><b>Due date passed</b>" if step.overdue else ""
                watch = "".join(f"<br><small>\u2022 {escape(w)}</small>" for w in step.watch)
                h.append(f"<tr><td>{tick}</td><td><b>{n}. {escape(step.title)}</b>{watch}</td>"
                         f"<td align='right'><b>{escape(step.amount_text)}</b></td><td>{escape(step.where)}</td>"
                         f"<td>{escape(step.by_text)}{done}{late}</td></tr>")
            h.append("</table>")
        if ex is not None:
            h += _money_html(person, ex)
        if person.features:
            h.append(f"<p><b>Employer plan features ({escape(person.plan_type or '')})</b></p>"
                     "<table cellspacing='4'>")
            for q in person.features:
                ask = f"<br><small>Ask: \u201c{escape(q.ask_hr)}\u201d</small>" if q.ask_hr else ""
                h.append(f"<tr><td>{escape(q.question)}{ask}</td><td><b>{escape(q.answer)}</b></td></tr>")
            h.append("</table>")
        if ex is not None:
            h += _hr_html(person, ex)
    if ex is not None:
        h += _rules_html(ex)
    if ap.warnings:
        h.append("<h3>Warnings</h3><ul>")
        for w in ap.warnings:
            who = f"{escape(w.person)}: " if len(ap.people) > 1 else ""
            h.append(f"<li>{who}{escape(w.message)}<br><small>Source: {escape(w.source)}</small></li>")
        h.append("</ul>")
    if ap.timeline:
        h.append("<h3>Dates that matter</h3><table cellspacing='4'>")
        for event in ap.timeline:
            h.append(f"<tr><td><b>{escape(event.day_text)}</b></td><td>{escape(event.title)}"
                     f"<br><small>{escape(event.detail)}</small></td></tr>")
        h.append("</table>")
    for person in ap.people:
        form = person.form_8606
        h.append(f"<p><b>{escape(person.person)}: {escape(form.form)} preview</b> "
                 f"<small>{escape(form.title)}</small></p><table cellspacing='2'>")
        for line in form.lines:
            h.append(f"<tr><td>Line {escape(line.line)}</td><td>{escape(line.label)}</td>"
                     f"<td align='right'>{escape(line.value)}</td></tr>")
        h.append("</table>")
        h += [f"<p><small>{escape(n)}</small></p>" for n in form.notes]
        for f in person.forms:
            rows = "".join(f"<tr><td>{escape(ln.line)}</td><td>{escape(ln.label)}</td><td>{escape(ln.value)}</td></tr>"
                           for ln in f.lines)
            h.append(f"<p><b>{escape(f.form)} {escape(f.title)}</b> <small>from the {escape(f.issuer)}</small></p>"
                     f"<table cellspacing='2'>{rows}</table>")
    h.append("<h3>Your inputs</h3><table cellspacing='4'>")
    for row in ap.household:
        h.append(f"<tr><td>{escape(row.label)}</td><td><b>{escape(row.values[0])}</b></td></tr>")
    h.append("</table><table cellspacing='4'><tr><th></th>"
             + "".join(f"<th align='left'>{escape(p.person)}</th>" for p in ap.people) + "</tr>")
    for row in ap.inputs:
        h.append(f"<tr><td>{escape(row.label)}</td>"
                 + "".join(f"<td>{escape(v)}</td>" for v in row.values) + "</tr>")
    h.append("</table>")
    h += _sources_html(ap, ex)
    h.append(f"<p><small>{escape(ap.disclaimer)}</small></p>")
    return "".join(h)


class PlanView(QTextBrowser):
    """The action plan's text. The horizontal scroll bar follows the laid-out text: after the view
    narrows, Qt can keep the range of the wider layout and show a scroll bar although the text fits."""

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_scroll_bar()

    def fit_scroll_bar(self) -> None:
        doc = self.document()
        wide = math.ceil(max(doc.size().width(), doc.idealWidth()))
        bar = self.horizontalScrollBar()
        bar.setRange(0, max(0, wide - self.viewport().width()))
        bar.setPageStep(self.viewport().width())


class SummaryPage(BasePage):
    step = Step.SUMMARY
    export_requested = Signal()
    save_requested = Signal()

    def __init__(self, state):
        super().__init__(state, "Your plan", "The recommendation, Form 8606 preview, warnings and dates.")
        self.view = PlanView()
        self.view.setObjectName("summary")
        self.view.setAccessibleName("Your action plan")
        self.view.setOpenExternalLinks(True)  # the sources' irs.gov links open in the system browser
        # Tab walks the page's controls, not the plan's links (a click opens them).
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.view.setMinimumHeight(440)  # the plan stays readable; the page scrolls to the panels below
        self.layout_.addWidget(self.view, 1)
        from rothwizard.gui.years_panel import YearsPanel

        self.years = YearsPanel(state)
        self.layout_.addWidget(self.years)
        from rothwizard.gui.forms_panel import FormsPanel

        self.forms = FormsPanel(state)
        self.layout_.addWidget(self.forms)
        from rothwizard.gui.forms5498_panel import Forms5498Panel

        self.forms_5498 = Forms5498Panel(state)
        self.layout_.addWidget(self.forms_5498)
        from rothwizard.gui.basis_panel import BasisPanel

        self.basis = BasisPanel(state)
        self.layout_.addWidget(self.basis)
        from rothwizard.gui.excess_panel import ExcessPanel

        self.excess = ExcessPanel(state)
        self.layout_.addWidget(self.excess)
        row = QHBoxLayout()
        self.export_button = QPushButton("&Export PDF\u2026")
        self.export_button.setObjectName("exportPdf")
        self.export_button.setAccessibleName("Export the action plan as a PDF")
        self.export_button.clicked.connect(self.export_requested.emit)
        self.save_button = QPushButton("Sa&ve plan\u2026")
        self.save_button.setObjectName("savePlan")
        self.save_button.setAccessibleName("Save the plan")
        self.save_button.clicked.connect(self.save_requested.emit)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.export_button)
        self.layout_.addLayout(row)
        self.action_plan: ActionPlan | None = None

    def refresh(self) -> None:
        super().refresh()
        if self.wizard() is not None and self.wizard().currentPage() is not self:
            return
        self.years.refresh()
        self.forms.refresh()
        self.forms_5498.refresh()
        self.basis.refresh()
        self.excess.refresh()
        try:
            plan = self.state.complete_plan(carried=True)  # the basis carried from earlier years
            self.action_plan = build_action_plan(plan, compute_plan(plan), dt.date.today())
            if self.state.earlier_years:  # the year within its file: a carried contribution is said
                from rothwizard.gui.years_panel import year_action_plan

                self.action_plan = year_action_plan(self.state) or self.action_plan
        except RothWizardError as exc:
            self.action_plan = None
            self.view.setHtml(f"<p>The plan is not complete yet: {escape(str(exc))}</p>")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        from rothwizard.gui.style import palette_colour  # readable on this palette, light or dark
        from rothwizard.gui.years_panel import records_html

        alert = palette_colour("alert", self.view.palette())
        html, records = action_plan_html(self.action_plan, alert), records_html(compute_plan(plan), alert)
        at = html.find("<h3>Your inputs</h3>")  # the records before the inputs, as in the PDF
        self.view.setHtml(html[:at] + records + html[at:] if at >= 0 else html + records)
        self.view.fit_scroll_bar()
