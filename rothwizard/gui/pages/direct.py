"""Page 3: can you contribute to a Roth IRA directly? Full, reduced (the amount) or not at all."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QVBoxLayout

from rothwizard.core import flow
from rothwizard.core.flow import Step
from rothwizard.gui.pages.base import BasePage, plain_name
from rothwizard.gui.pages.checklist import StepList, steps_of
from rothwizard.gui.widgets import WarningList, usd

VERDICT = {
    "full": "Yes, fully: you can contribute {limit} straight into a Roth IRA. A backdoor is not needed.",
    "partial": "Partly: your income allows up to {limit} straight into a Roth IRA. Enter it below to split "
               "your IRA limit; left at 0, the Backdoor Roth IRA takes the whole limit (one limit for both).",
    "none": "No: your income is above the Roth IRA range, so a direct contribution is not allowed. The "
            "Backdoor Roth IRA is the way in.",
}


class DirectPage(BasePage):
    step = Step.DIRECT

    def __init__(self, state):
        super().__init__(state, "Can you contribute to a Roth IRA directly?",
                         "Your MAGI decides: fully, a reduced amount, or not at all.")
        self.verdicts = {}
        self.limits = {}
        self.ira_limits = {}
        self.lists = {}
        self.items: dict[str, StepList] = {}
        self.person_columns(self._person)
        self.skip = QCheckBox("Skip &the Backdoor Roth IRA pages: the direct route is open to us")
        self.skip.setObjectName("skip_backdoor")
        self.skip.setAccessibleName("Skip the Backdoor Roth IRA pages")
        self.skip.setToolTip("Offered only while your MAGI is under the Roth IRA phase-out "
                             "(Pub. 590-A, Worksheet 2-2).")
        self.skip.setChecked(state.skip_backdoor)
        self.skip.toggled.connect(state.set_skip_backdoor)
        self.layout_.addWidget(self.skip)
        self.layout_.addStretch(1)

    def _person(self, role: str, box: QVBoxLayout) -> None:
        verdict = self.text("")
        verdict.setObjectName(f"figure.{role}.roth_direct_status")
        box.addWidget(verdict)
        self.verdicts[role] = verdict
        form = self.form()
        self.ira_limits[role] = self.figure(f"{role}.ira_limit", plain_name(role, "IRA limit"))
        form.addRow("IRA limit:", self.ira_limits[role])
        self.limits[role] = self.figure(f"{role}.roth_direct_limit",
                                        plain_name(role, "Direct Roth IRA limit"))
        form.addRow("Direct Roth limit (before a backdoor):", self.limits[role])
        self.limits[role].setToolTip("What may go straight into a Roth IRA before any traditional "
                                     "contribution, which shares the IRA limit (Pub. 590-A, Worksheet 2-2).")
        roth = self.money(f"{role}.ira.roth_contribution",
                          plain_name(role, "Direct Roth IRA contribution you plan"),
                          "A contribution straight to a Roth IRA for the year (optional). It reduces the "
                          "backdoor amount: both share one IRA limit (IRC 408A(c)(2)).")
        self.add_field(form, "&Direct Roth contribution:", roth)
        box.addLayout(form)
        self.items[role] = StepList(self.state, role, ("direct.", "fix.recharacterize", "fix.remove_roth_excess"))
        box.addWidget(self.items[role])
        self.lists[role] = WarningList()
        box.addWidget(self.lists[role])

    def refresh(self) -> None:
        super().refresh()
        for role in flow.ROLES:
            rep = self.state.person_report(role, direct=True)
            if rep is None:
                self.verdicts[role].setText("")
                continue
            limit = usd(rep.roth_direct_limit)
            self.verdicts[role].setText(f"<b>{VERDICT[rep.roth_direct_status].format(limit=limit)}</b>")
            self.limits[role].setText(limit)
            self.ira_limits[role].setText(usd(rep.ira_limit))
            self.items[role].show_steps(steps_of(self.state, role, "direct"))
            self.lists[role].show_items(self.warnings_for(
                role, ("roth_direct_available", "roth_partial", "excess_contribution"), direct=True))
        open_ = self.state.direct_open
        self.skip.setVisible(open_)
        self.skip.blockSignals(True)
        self.skip.setChecked(self.state.skip_backdoor)
        self.skip.blockSignals(False)
