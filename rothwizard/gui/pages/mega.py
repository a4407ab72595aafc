"""Page 7: the Mega Backdoor Roth: the room, the after-tax amount, and the action plan's steps (the
questions first while a plan feature is unknown; no money step where the plan does not allow it)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from rothwizard.core import flow
from rothwizard.core.actionplan.steps import blocker_items
from rothwizard.core.flow import Step
from rothwizard.core.warning_codes import WarningCode as W
from rothwizard.gui.pages.base import BasePage, plain_name
from rothwizard.gui.pages.checklist import StepList, alert_items, notice_items, person_plan, steps_of
from rothwizard.gui.widgets import WarningList, usd

WARN = (W.ACP_TESTING, W.ROTH_CATCH_UP_REQUIRED, W.EXCESS_AFTER_TAX, W.EXCESS_DEFERRAL, W.EXCESS_CATCH_UP,
        W.CATCH_UP_FROM_DEFERRALS)


class MegaPage(BasePage):
    step = Step.MEGA

    def __init__(self, state):
        super().__init__(state, "Mega Backdoor Roth: the steps",
                         "Tick each step and date it as you do it; the ticks are saved with your plan.")
        self.fig = {}
        self.after_tax_rows = {}
        self.steps: dict[str, StepList] = {}
        self.blockers = {}
        self.lists = {}
        self.person_columns(self._person)
        self.layout_.addStretch(1)

    def column_visible(self, role: str) -> bool:
        return super().column_visible(role) and flow.has_employer_plan(self.state.data, role)

    def _person(self, role: str, box: QVBoxLayout) -> None:
        form = self.form()
        room = self.figure(f"{role}.mega_room", plain_name(role, "Room for after-tax money"))
        planned = self.figure(f"{role}.mega_after_tax_planned", plain_name(role, "After-tax amount planned"))
        form.addRow("Room for after-tax money:", room)
        edit = self.money(
            f"{role}.employer_plan.after_tax_contributions", plain_name(role, "After-tax amount you plan"),
            "Leave empty for as much as the room allows (IRC 415(c)(1)). Your plan may set a lower cap.")
        self.add_field(form, "After-&tax amount you plan:", edit)
        self.after_tax_rows[role] = (form, edit.parentWidget())
        form.addRow("After-tax contributions:", planned)
        box.addLayout(form)
        self.fig[role] = (room, planned, edit)
        self.blockers[role] = WarningList()
        box.addWidget(self.blockers[role])
        self.steps[role] = StepList(self.state, role, ("mega.",))
        box.addWidget(self.steps[role])
        self.lists[role] = WarningList()
        box.addWidget(self.lists[role])

    def refresh(self) -> None:
        super().refresh()
        for role in flow.ROLES:
            rep = self.state.person_report(role)
            if rep is None or not flow.has_employer_plan(self.state.data, role):
                continue
            mega = rep.mega_backdoor
            room, planned, edit = self.fig[role]
            edit.setPlaceholderText("all the room")
            form, holder = self.after_tax_rows[role]  # several plans: asked per plan on the employer page
            form.setRowVisible(holder, not flow.several_plans(self.state.data, role))
            steps = steps_of(self.state, role, "mega")
            usable = set(mega.blockers) <= {"feature_unknown"}
            room.setText(usd(mega.room) + ("" if usable else " (not usable)"))
            moves = any(s.action == "contribute" for s in steps)
            planned.setText(usd(mega.after_tax_planned) if moves else "none yet")
            person = person_plan(self.state, role)
            differs = [a for a in person.alerts if a.code == "plan_chosen" or (a.code == "entry_differs"
                       and a.field.endswith("after_tax_contributions"))] if person else []
            # The questions are the steps; the blockers and an entry that departs from the room show here.
            self.blockers[role].show_items(blocker_items(mega.blockers) + alert_items(differs))
            self.steps[role].show_steps(steps)
            self.lists[role].show_items(notice_items(self.state, role, WARN))
