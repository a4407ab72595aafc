"""Page 1: the two strategies in the article's plain words, the tax year, Open a saved plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton

from rothwizard.core.flow import Step
from rothwizard.core.years import is_provisional, latest_year, plannable_years
from rothwizard.gui.pages.base import BasePage

INTRO = (
    "<p>RothWizard walks you through two legal ways for a high earner to put money into Roth "
    "accounts, where it grows and comes out in retirement free of income tax.</p>"
    "<p><b>Backdoor Roth IRA.</b> Your income is too high to contribute to a Roth IRA directly, so you "
    "put money into a <i>traditional</i> IRA and then convert it to a Roth IRA. Four steps: open a "
    "traditional IRA, contribute up to the IRA limit, convert it to a Roth IRA, invest.</p>"
    "<p><b>Mega Backdoor Roth.</b> If your 401(k) or 403(b) accepts <i>after-tax</i> contributions, you "
    "can contribute beyond the usual employee maximum, up to the combined employer and employee limit, "
    "and then move that money into a Roth IRA or Roth 401(k). Five steps: find your room, contribute "
    "after tax, take it out (or convert it inside the plan) quickly, move it to a Roth account, "
    "invest.</p>"
    "<p>You can do both in the same year. Every figure comes from the IRS rules for the year you "
    "choose, and every warning names its source.</p>"
)


class WelcomePage(BasePage):
    step = Step.WELCOME
    open_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, state):
        super().__init__(state, "Welcome to RothWizard",
                         "From \u201ccan I put money straight into a Roth IRA?\u201d to a complete plan.")
        self.layout_.addWidget(self.text(INTRO))
        form = self.form()
        years = [(f"{y} (provisional: {latest_year()} IRS figures)" if is_provisional(y) else str(y), y)
                 for y in plannable_years()]
        self.year = self.choice("tax_year", "Tax year", years,
                                "The year the contributions are for. A year the IRS has not published yet is "
                                "planned on the latest published figures and marked provisional.")
        self.add_field(form, "Tax &year:", self.year)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setAccessibleName("Plan name")
        self.name.setPlaceholderText("e.g. Dr. Rivera 2026 (optional)")
        self.name.setToolTip("A name for this plan, shown in the window title and on the PDF.")
        self.name.setText(state.get("name") or "")
        self.name.textEdited.connect(lambda t: state.set("name", t.strip() or None))
        self.add_field(form, "&Plan name:", self.name)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.text(
            "<p><b>Not tax advice.</b> RothWizard computes from what you enter and the IRS figures it "
            "cites; check with a tax professional before acting.</p>"))
        row = QHBoxLayout()
        self.open_button = QPushButton("Op&en a saved plan\u2026")
        self.open_button.setAccessibleName("Open a saved plan")
        self.open_button.clicked.connect(self.open_requested.emit)
        row.addWidget(self.open_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.recent = QListWidget()
        self.recent.setObjectName("recentPlans")
        self.recent.setAccessibleName("Recent plans")
        self.recent.setMaximumHeight(90)
        self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(item.toolTip()))
        self.layout_.addWidget(self.recent)
        self.layout_.addStretch(1)

    def reload(self) -> None:
        super().reload()
        self.name.setText(self.state.get("name") or "")

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(Path(path).name)  # the file's name, whatever the separator (C:\...)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
