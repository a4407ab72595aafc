"""Page 7: the Mega Backdoor Roth, the article's five steps, each a checklist item."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from rothwizard.core import flow
from rothwizard.core.flow import Step
from rothwizard.gui.pages.base import BasePage, plain_name
from rothwizard.gui.pages.checklist import ChecklistItem, add_checklist
from rothwizard.gui.pages.employer import blocker_items
from rothwizard.gui.widgets import WarningList, usd

SPLIT = (
    "When after-tax money leaves the plan it carries its share of earnings. IRS Notice 2014-54 lets you "
    "send the after-tax part to a Roth IRA and the pre-tax earnings to a traditional IRA (or pay tax on "
    "them), in one distribution."
)
STEPS = (
    ("mega.room", "Find your room: {room}",
     "The annual additions limit ({limit}) less your deferrals and your employer's contributions; "
     "catch-ups do not count. That is the most after-tax money you can put in this year."),
    ("mega.after_tax", "Contribute {planned} after tax",
     "Ask payroll to take after-tax (not Roth) contributions from each paycheck, up to {planned} for the "
     "year. If that is less than the IRA limit and you have not done a Backdoor Roth IRA, do that first."),
    ("mega.distribute_or_convert", "{how}, quickly",
     "{how_detail} Do it soon after each contribution (some plans can do it automatically), so little "
     "earnings build up: they are taxable."),
    ("mega.move", "Move it to a Roth IRA or the {roth_account}",
     SPLIT + " Talk to your plan provider and a tax professional about which account fits."),
    ("mega.invest", "Invest the new Roth money",
     "Invest only once the money sits in the Roth account."),
)
HOW = {
    "in_plan": ("Convert it to Roth inside the plan",
                "Ask the plan for an in-plan Roth conversion of your after-tax money."),
    "in_service": ("Take an in-service distribution",
                   "Request an in-service withdrawal of the after-tax money (online or by phone)."),
}
WARN = ("acp_testing", "roth_catch_up_required", "excess_after_tax", "excess_deferral", "excess_catch_up")


class MegaPage(BasePage):
    step = Step.MEGA

    def __init__(self, state):
        super().__init__(state, "Mega Backdoor Roth: five steps",
                         "Tick each step and date it as you do it; the ticks are saved with your plan.")
        self.fig = {}
        self.after_tax_rows = {}
        self.items: dict[str, list[ChecklistItem]] = {}
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
        self.items[role] = add_checklist(self.state, role, STEPS, box, details=False)
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
            room.setText(usd(mega.room))
            planned.setText(usd(mega.after_tax_planned))
            plan_type = self.state.get(f"{role}.employer_plan.type") or "401k"
            roth_account = "Roth 403(b)" if plan_type == "403b" else "Roth 401(k)"
            in_plan = self.state.get(f"{role}.employer_plan.features.in_plan_roth_conversion")
            in_service = self.state.get(f"{role}.employer_plan.features.in_service_distributions")
            how, how_detail = HOW["in_plan" if in_plan and not in_service else "in_service"]
            if in_plan and in_service:
                how, how_detail = ("Convert in the plan or take it out",
                                   f"Your plan offers both: an in-plan Roth conversion keeps it in the "
                                   f"{roth_account}; an in-service withdrawal moves it to a Roth IRA.")
            fmt = {"room": usd(mega.room), "limit": usd(mega.annual_additions_limit), "roth_account": roth_account,
                   "planned": usd(mega.after_tax_planned), "how": how, "how_detail": how_detail}
            for n, (item, (_sid, title, detail)) in enumerate(zip(self.items[role], STEPS, strict=True), 1):
                item.box.setText(f"Step {n}: {title.format(**fmt)}")
                item.box.setAccessibleName(plain_name(role, f"Done: step {n}, {title.format(**fmt)}"))
                item.set_detail(detail.format(**fmt))
            self.lists[role].show_items(blocker_items(mega.blockers) + self.warnings_for(role, WARN))
