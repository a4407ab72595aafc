"""Page 5: the Backdoor Roth IRA, the article's four steps, each a checklist item."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from rothwizard.core import flow
from rothwizard.core.flow import Step
from rothwizard.gui.pages.base import BasePage, plain_name
from rothwizard.gui.pages.checklist import ChecklistItem, add_checklist
from rothwizard.gui.widgets import WarningList, usd

STEPS = (
    ("backdoor.open_ira", "Open a traditional IRA",
     "At any brokerage (Schwab, Fidelity, Vanguard\u2026), with a Roth IRA beside it. If you already "
     "hold a traditional IRA with pre-tax money, read the pro rata warning first."),
    ("backdoor.contribute", "Contribute {amount}",
     "Contribute {amount} to the traditional IRA for tax year {year} (you have until the April filing "
     "deadline of {next_year}). Leave it in cash. It is nondeductible: it goes on Form 8606 line 1."),
    ("backdoor.roll_in", "Roll {roll_in} of pre-tax IRA money into your employer plan",
     "Your plan accepts roll-ins: move the pre-tax {roll_in} from your traditional, SEP and SIMPLE IRAs into "
     "it by <b>December 31, {year}</b>, before you convert (only pre-tax money may roll in). The taxable part "
     "of the conversion then falls to {after}."),
    ("backdoor.convert", "Convert it all to the Roth IRA",
     "Wait until the money has settled (a few business days), then convert <b>all</b> of it, including any "
     "interest, to the Roth IRA. Choose <b>no tax withholding</b>. Do it quickly: earnings before the "
     "conversion are taxed."),
    ("backdoor.invest", "Invest only after converting",
     "Invest the money inside the Roth IRA, and only after the conversion: if you invest first, the gains "
     "are taxed when you convert."),
)
WARN = ("pro_rata", "roll_in_fix", "earnings_taxable", "excess_contribution", "deductible_contribution")


ROLL_IN = "backdoor.roll_in"  # shown only when the report offers the roll-in fix


class BackdoorPage(BasePage):
    step = Step.BACKDOOR

    def __init__(self, state):
        super().__init__(state, "Backdoor Roth IRA: the steps",
                         "Tick each step and date it as you do it; the ticks are saved with your plan.")
        self.fig: dict[str, dict[str, object]] = {}
        self.items: dict[str, list[ChecklistItem]] = {}
        self.amount_edits = {}
        self.lists = {}
        self.person_columns(self._person)
        self.layout_.addStretch(1)

    def _person(self, role: str, box: QVBoxLayout) -> None:
        form = self.form()
        f = {
            "ira_limit": self.figure(f"{role}.ira_limit", plain_name(role, "IRA limit")),
            "backdoor_contribution": self.figure(f"{role}.backdoor_contribution",
                                                 plain_name(role, "Backdoor contribution")),
            "line_18": self.figure(f"{role}.form_8606.line_18_backdoor",
                                   plain_name(role, "Taxable part of the conversion")),
        }
        form.addRow("Your IRA limit:", f["ira_limit"])
        form.addRow("Contribute (computed):", f["backdoor_contribution"])
        contrib = self.money(f"{role}.ira.nondeductible_contribution",
                             plain_name(role, "Amount contributed to the traditional IRA"),
                             "Form 8606 line 1: nondeductible contributions for the year, including those made "
                             "from January 1 to April 15 of the next year. Leave empty to use the computed "
                             "amount.")
        self.add_field(form, "Amount &you contribute:", contrib)
        later = self.money(f"{role}.ira.contributed_after_year_end",
                           plain_name(role, "Part contributed after December 31"),
                           "Form 8606 line 4: the part of line 1 made from January 1 to April 15 of the next "
                           "year.")
        self.add_field(form, "Part made after &Dec 31:", later)
        conv = self.money(f"{role}.ira.conversion", plain_name(role, "Amount converted to the Roth IRA"),
                          "Form 8606 line 8: conversions made during the calendar year, interest included. "
                          "Leave empty to convert the computed amount.")
        self.add_field(form, "Amount you &convert:", conv)
        form.addRow("Taxable (8606 line 18):", f["line_18"])
        box.addLayout(form)
        self.fig[role] = f
        self.amount_edits[role] = (contrib, conv)
        self.items[role] = add_checklist(self.state, role, STEPS, box)
        self.lists[role] = WarningList()
        box.addWidget(self.lists[role])

    def refresh(self) -> None:
        super().refresh()
        year = self.state.get("tax_year") or 0
        for role in flow.ROLES:
            rep = self.state.person_report(role)
            if rep is None:
                continue
            amount = usd(rep.backdoor_contribution)
            self.fig[role]["ira_limit"].setText(usd(rep.ira_limit))
            self.fig[role]["backdoor_contribution"].setText(amount)
            self.fig[role]["line_18"].setText(usd(rep.form_8606.line_18))
            contrib, conv = self.amount_edits[role]
            contrib.setPlaceholderText(f"{amount} (computed)")
            conv.setPlaceholderText(f"{amount} (computed)")
            fmt = {"amount": amount, "year": year, "next_year": year + 1, "roll_in": usd(rep.roll_in_amount),
                   "after": usd(rep.line_18_after_roll_in)}
            number = 0
            for item, (sid, title, detail) in zip(self.items[role], STEPS, strict=True):
                shown = sid != ROLL_IN or rep.roll_in_amount is not None
                item.setVisible(shown)
                if not shown:
                    continue
                number += 1
                item.box.setText(f"Step {number}: {title.format(**fmt)}")
                item.box.setAccessibleName(plain_name(role, f"Done: step {number}, {title.format(**fmt)}"))
                item.set_detail(detail.format(**fmt))
            self.lists[role].show_items(self.warnings_for(role, WARN))
