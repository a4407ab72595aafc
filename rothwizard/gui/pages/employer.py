"""Page 6: the employer plan per person: contributions and the four feature questions."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from rothwizard.core import flow
from rothwizard.core.actionplan.reporting import QUESTIONS
from rothwizard.core.actionplan.steps import blocker_items
from rothwizard.core.flow import Step
from rothwizard.gui.pages.base import BasePage, plain_name
from rothwizard.gui.widgets import WarningList, usd

FEATURES = (  # the label (with its mnemonic) per feature; the questions are the core's
    ("after_tax_contributions", "Accepts after-tax &contributions"),
    ("in_service_distributions", "&In-service withdrawals (any reason)"),
    ("in_plan_roth_conversion", "In-plan &Roth conversion"),
    ("accepts_roll_ins", "Accepts roll-ins of IRA &money"),
)
WARN = ("excess_deferral", "excess_catch_up", "roth_catch_up_required", "excess_after_tax")


class EmployerPage(BasePage):
    step = Step.EMPLOYER

    def __init__(self, state):
        super().__init__(state, "Your employer plan",
                         "Your 401(k) or 403(b): what goes in this year, and what the plan allows.")
        self.rooms = {}
        self.lists = {}
        self.person_columns(self._person)
        self.layout_.addStretch(1)

    def column_visible(self, role: str) -> bool:
        return super().column_visible(role) and flow.has_employer_plan(self.state.data, role)

    def _person(self, role: str, box: QVBoxLayout) -> None:
        p = f"{role}.employer_plan"
        form = self.form()
        kind = self.choice(f"{p}.type", plain_name(role, "Plan type"), [("401(k)", "401k"), ("403(b)", "403b")],
                           "401(k) (companies) or 403(b) (hospitals, universities, non-profits).")
        self.add_field(form, "Plan &type:", kind)
        self.add_field(form, "&Deferrals (pre-tax + Roth):", self.money(
            f"{p}.elective_deferrals", plain_name(role, "Elective deferrals for the year"),
            "Your pre-tax plus Roth 401(k) contributions for the year, catch-up excluded. One limit across "
            "all your plans (IRC 402(g)(1))."))
        self.add_field(form, "Catch-&up (age 50+):", self.money(
            f"{p}.catch_up", plain_name(role, "Catch-up contributions"),
            "Age-50 (or age 60-63) catch-up deferrals, which sit outside the 415(c) limit (IRC 414(v))."))
        self.add_field(form, "&Employer contributions:", self.money(
            f"{p}.employer_contributions", plain_name(role, "Employer contributions"),
            "Match, profit-sharing and other employer contributions for the year. They use up 415(c) room."))
        self.add_field(form, "&Last year's FICA wages:", self.money(
            f"{p}.prior_year_fica_wages", plain_name(role, "Last year's FICA wages from this employer"),
            "Form W-2 box 3 from this employer last year. Above the year's threshold, catch-ups must be Roth "
            "(IRC 414(v)(7)(A), SECURE 2.0 sec. 603)."))
        room = self.figure(f"{role}.mega_backdoor.room", plain_name(role, "Mega backdoor room"))
        form.addRow("Room for after-tax money:", room)
        box.addLayout(form)
        feats = self.form()
        questions = {key: (question, ask, why) for key, question, ask, why in QUESTIONS}
        for key, label in FEATURES:
            question, ask, why = questions[key]
            tip = f"Ask HR: \u201c{ask}\u201d {why}"
            widget = self.tristate(f"{p}.features.{key}", plain_name(role, question.rstrip("?")), tip)
            feats.addRow(label + ":", widget)
            hint = QLabel(f"<small>{question} {tip}</small>")
            hint.setWordWrap(True)
            hint.setProperty("role", "detail")
            feats.addRow(hint)
        box.addLayout(feats)
        self.rooms[role] = room
        self.lists[role] = WarningList()
        box.addWidget(self.lists[role])

    def refresh(self) -> None:
        super().refresh()
        for role in flow.ROLES:
            rep = self.state.person_report(role)
            if rep is None or not flow.has_employer_plan(self.state.data, role) \
                    or not flow.entered(self.state.data, self.step, role):
                self.rooms[role].setText("\u2014")  # nothing shown before the plan's figures are entered
                self.lists[role].show_items([])
                continue
            mega = rep.mega_backdoor
            usable = set(mega.blockers) <= {"feature_unknown"}
            self.rooms[role].setText(usd(mega.room) + ("" if usable else " (not usable)"))
            items = blocker_items(mega.blockers)
            if mega.available:
                items.insert(0, ("info", f"The Mega Backdoor Roth is open to you: up to {usd(mega.room)} "
                                         "of after-tax money this year.", ""))
            self.lists[role].show_items(items + self.warnings_for(role, WARN))
