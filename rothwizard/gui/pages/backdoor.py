"""Page 5: the Backdoor Roth IRA: the amounts (empty = the recommendation), what to read first, and
the action plan's steps, each a checklist item. The steps and their texts come from the core."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from rothwizard.core import flow
from rothwizard.core.flow import Step
from rothwizard.core.warning_codes import WarningCode as W
from rothwizard.gui.pages.base import BasePage, plain_name
from rothwizard.gui.pages.checklist import StepList, alert_items, notice_items, person_plan, steps_of
from rothwizard.gui.widgets import WarningList, usd

WARN = (W.EARNINGS_TAXABLE, W.EXCESS_CONTRIBUTION, W.DEDUCTIBLE_CONTRIBUTION, W.NOT_DEDUCTIBLE,
        W.RMD_BEFORE_CONVERSION)


class BackdoorPage(BasePage):
    step = Step.BACKDOOR

    def __init__(self, state):
        super().__init__(state, "Backdoor Roth IRA: the steps",
                         "Leave an amount empty to use the recommendation. Tick each step and date it as "
                         "you do it; the ticks are saved with your plan.")
        self.fig: dict[str, dict[str, object]] = {}
        self.steps: dict[str, StepList] = {}
        self.amount_edits = {}
        self.alerts = {}
        self.lists = {}
        self.person_columns(self._person)
        self.layout_.addStretch(1)

    def _person(self, role: str, box: QVBoxLayout) -> None:
        form = self.form()
        f = {
            "ira_limit": self.figure(f"{role}.ira_limit", plain_name(role, "IRA limit")),
            "backdoor_contribution": self.figure(f"{role}.backdoor_contribution",
                                                 plain_name(role, "Recommended backdoor contribution")),
            "line_18": self.figure(f"{role}.form_8606.line_18_backdoor",
                                   plain_name(role, "Taxable part of the conversion")),
        }
        form.addRow("Your IRA limit:", f["ira_limit"])
        form.addRow("Recommended contribution:", f["backdoor_contribution"])
        contrib = self.money(f"{role}.ira.nondeductible_contribution",
                             plain_name(role, "Amount contributed to the traditional IRA"),
                             "Form 8606 line 1: nondeductible contributions for the year, including those made "
                             "from January 1 to April 15 of the next year. Leave empty for the recommendation.")
        self.add_field(form, "Amount &you contribute:", contrib)
        later = self.money(f"{role}.ira.contributed_after_year_end",
                           plain_name(role, "Part contributed after December 31"),
                           "Form 8606 line 4: the part of line 1 made from January 1 to April 15 of the next "
                           "year. It is converted in the next year.")
        self.add_field(form, "Part made after &Dec 31:", later)
        conv = self.money(f"{role}.ira.conversion", plain_name(role, "Amount converted to the Roth IRA"),
                          "Form 8606 line 8: conversions made during the calendar year, interest included. "
                          "Leave empty to convert the recommended amount (all of it).")
        self.add_field(form, "Amount you &convert:", conv)
        form.addRow("Taxable (8606 line 18):", f["line_18"])
        box.addLayout(form)
        self.fig[role] = f
        self.amount_edits[role] = (contrib, conv)
        self.alerts[role] = WarningList()
        self.alerts[role].setObjectName(f"alerts.{role}")
        box.addWidget(self.alerts[role])
        self.steps[role] = StepList(self.state, role, ("backdoor.", "fix.remove_excess"))
        box.addWidget(self.steps[role])
        self.lists[role] = WarningList()
        box.addWidget(self.lists[role])

    def refresh(self) -> None:
        super().refresh()
        refused = self._refused()
        for role in flow.ROLES:
            rep = self.state.person_report(role)
            person = person_plan(self.state, role)
            if rep is None or person is None:
                mine = refused is not None and refused.field.startswith(f"{role}.")
                text = f"Part made after December 31: {refused.problem}." if mine else ""
                self.alerts[role].show_items([("blocker", text, "")] if mine else [])
                continue
            dec = person.decision
            self.fig[role]["ira_limit"].setText(usd(dec.ira_limit))
            self.fig[role]["backdoor_contribution"].setText(usd(dec.contribution.recommended))
            self.fig[role]["line_18"].setText(usd(rep.form_8606.line_18))
            contrib, conv = self.amount_edits[role]
            contrib.setPlaceholderText(f"{usd(dec.contribution.recommended)} (recommended)")
            conv.setPlaceholderText(f"{usd(dec.conversion.recommended)} (recommended)")
            alerts = [a for a in person.alerts if a.code in ("pro_rata", "direct_option")
                      or (a.code == "entry_differs" and ".ira." in a.field)]
            self.alerts[role].show_items(alert_items(alerts))
            self.steps[role].show_steps(steps_of(self.state, role, "backdoor"))
            self.lists[role].show_items(notice_items(self.state, role, WARN))

    def _refused(self):
        """The core's refusal of an entry on this page (e.g. a part made after December 31 above the
        contribution), to show where the figures would be; ``None`` when the core accepts the plan."""
        if self.state.plan is None or self.state.report is not None:
            return None
        from rothwizard.core.decisions import decide
        from rothwizard.core.errors import InvalidInput

        try:
            decide(self.state.plan)
        except InvalidInput as exc:
            return exc
        return None
