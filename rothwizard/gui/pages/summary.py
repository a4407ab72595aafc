"""Page 8: the action plan (``core.actionplan``, the same view model as the PDF), Export PDF, Save."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser

from rothwizard.core import RothWizardError, compute
from rothwizard.core.actionplan import ActionPlan, build_action_plan
from rothwizard.core.flow import Step
from rothwizard.gui.pages.base import BasePage


def action_plan_html(ap: ActionPlan) -> str:
    """The view model as HTML; every figure and sentence is the view model's own text."""
    h = [f"<h2>{escape(ap.name)}</h2>", f"<p><b>{escape(ap.recommendation)}</b></p>"]
    for person in ap.people:
        h.append(f"<h3>{escape(person.person)}</h3><table cellspacing='4'>")
        for fig in person.figures:
            h.append(f"<tr><td>{escape(fig.label)}</td><td align='right'><b>{escape(fig.text)}</b></td>"
                     f"<td><small>{escape(fig.note)}</small></td></tr>")
        h.append("</table>")
        for sentence in person.skipped:
            h.append(f"<p><i>{escape(sentence)}</i></p>")
        for checklist in person.checklists:
            h.append(f"<p><b>{escape(checklist.title)}</b></p><ol>")
            for step in checklist.steps:
                tick = "\u2611" if step.done else "\u2610"
                done = f" \u2014 done {step.done_on:%b %d, %Y}" if step.done and step.done_on else ""
                amount = f": <b>{escape(step.amount_text)}</b>" if step.amount_text else ""
                h.append(f"<li>{tick} {escape(step.title)}{amount}<br><small>When: {escape(step.by_text)}"
                         f"{done}</small></li>")
            h.append("</ol>")
        form = person.form_8606
        h.append(f"<p><b>{escape(form.form)} preview</b> <small>{escape(form.title)}</small></p>"
                 "<table cellspacing='2'>")
        for line in form.lines:
            h.append(f"<tr><td>Line {escape(line.line)}</td><td>{escape(line.label)}</td>"
                     f"<td align='right'>{escape(line.value)}</td></tr>")
        h.append("</table>")
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
    h.append(f"<p><small>{escape(ap.disclaimer)}</small></p>")
    return "".join(h)


class SummaryPage(BasePage):
    step = Step.SUMMARY
    export_requested = Signal()
    save_requested = Signal()

    def __init__(self, state):
        super().__init__(state, "Your plan", "The recommendation, Form 8606 preview, warnings and dates.")
        self.view = QTextBrowser()
        self.view.setObjectName("summary")
        self.view.setAccessibleName("Your action plan")
        self.view.setOpenExternalLinks(True)
        self.layout_.addWidget(self.view, 1)
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
        try:
            plan = self.state.complete_plan()
            self.action_plan = build_action_plan(plan, compute(plan))
        except RothWizardError as exc:
            self.action_plan = None
            self.view.setHtml(f"<p>The plan is not complete yet: {escape(str(exc))}</p>")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        self.view.setHtml(action_plan_html(self.action_plan))
