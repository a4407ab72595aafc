"""Page 4: traditional, SEP and SIMPLE IRAs per person; the pro rata warning the moment it applies."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QVBoxLayout

from rothwizard.core import flow
from rothwizard.core.flow import Step
from rothwizard.gui.pages.base import BasePage, plain_name
from rothwizard.gui.widgets import NumberEdit, WarningList, usd

INTRO = (
    "<p>The IRS treats all your traditional, SEP and SIMPLE IRAs as one pot. If that pot holds pre-tax "
    "money on December 31, part of your conversion is taxable: the <b>pro rata rule</b>. Roth IRAs, "
    "inherited IRAs and 401(k)s do not count. Enter 0 if you have none.</p>"
)


class IrasPage(BasePage):
    step = Step.IRAS

    def __init__(self, state):
        super().__init__(state, "Your traditional, SEP and SIMPLE IRAs",
                         "What is already in them decides whether the backdoor is tax-free.")
        self.layout_.addWidget(self.text(INTRO))
        self.taxable = {}
        self.lists = {}
        self.roll_ins = {}
        self.person_columns(self._person)
        self.layout_.addStretch(1)

    def _person(self, role: str, box: QVBoxLayout) -> None:
        form = self.form()
        bal = self.money(f"{role}.ira.balance_dec31",
                         plain_name(role, "IRA balance expected on December 31"),
                         "Form 8606 line 6: the value of all traditional, SEP and SIMPLE IRAs on December 31, "
                         "after the conversion, plus rollovers in transit. Form 8606 instructions, line 6.")
        self.add_field(form, "Balance on &December 31:", bal)
        basis = self.money(f"{role}.ira.prior_basis",
                           plain_name(role, "Basis from earlier years (last Form 8606 line 14)"),
                           "Form 8606 line 2: nondeductible contributions from earlier years not yet "
                           "recovered: line 14 of last year's Form 8606. 0 if you never filed one.")
        self.add_field(form, "Prior &basis (last 8606 line 14):", basis)
        dist = self.money(f"{role}.ira.distributions",
                          plain_name(role, "Other IRA withdrawals this year"),
                          "Form 8606 line 7: traditional IRA distributions this year that were not "
                          "converted or rolled over. Usually 0.")
        self.add_field(form, "Other &withdrawals this year:", dist)
        roll = self.tristate(f"{role}.employer_plan.features.accepts_roll_ins",
                             plain_name(role, "Employer plan accepts roll-ins of IRA money"),
                             "Rolling pre-tax IRA money into the employer plan before December 31 takes it "
                             "out of line 6 (IRC 408(d)(3)(A)(ii)). Ask HR: \u201cDoes the plan accept "
                             "roll-ins of pre-tax IRA money?\u201d")
        self.add_field(form, "Plan accepts &roll-ins:", roll)
        planned = self.check(f"{role}.ira.roll_in_planned", "I will roll it in b&y December 31",
                             plain_name(role, "I will roll my pre-tax IRA money into the employer plan by "
                                              "December 31"),
                             "Tick when you will move all pre-tax IRA money into the employer plan before "
                             "December 31: the plan then has the roll-in as a step, and Form 8606 line 6 is "
                             "figured as if it is done (IRC 408(d)(3)(A)(ii)).")
        form.addRow("", planned)
        form.addRow("", self.check(
            f"{role}.ira.sep_or_simple_ira", "I have, or will open, a SEP or SIMPLE IRA (side income)",
            plain_name(role, "I have or will open a SEP or SIMPLE IRA"),
            "A SEP or SIMPLE IRA counts on Form 8606 line 6 like any traditional IRA: for side income a solo "
            "401(k) keeps the backdoor clean."))
        self.roll_ins[role] = (form, roll, planned)
        self.taxable[role] = self.figure(f"{role}.form_8606.line_18",
                                         plain_name(role, "Taxable part of the conversion"))
        form.addRow("Taxable part of the conversion:", self.taxable[role])
        box.addLayout(form)
        self.lists[role] = WarningList()
        box.addWidget(self.lists[role])

    def refresh(self) -> None:
        super().refresh()
        for role in flow.ROLES:
            form, roll, planned = self.roll_ins[role]
            has_plan = flow.has_employer_plan(self.state.data, role)
            # several plans: each plan's roll-in question is on the employer page
            form.setRowVisible(roll, has_plan and not flow.several_plans(self.state.data, role))
            answers = [self.state.get(f"{where}.features.accepts_roll_ins")
                       for where in flow.plan_paths(self.state.data, role)]
            accepts = False if answers and all(a is False for a in answers) else None
            balance = self.state.get(f"{role}.ira.balance_dec31")
            try:
                has_money = Decimal(str(balance or 0)) > 0
            except ArithmeticError:
                has_money = False
            has_money = has_money or bool(self.state.get(f"{role}.ira.roll_in_planned"))
            form.setRowVisible(planned, has_plan and accepts is not False and has_money)
            basis = self.findChild(NumberEdit, f"{role}.ira.prior_basis")
            if basis is not None:  # a file with several years: left empty, last year's line 14 is used
                carried = self.state.carried.get(role)
                basis.setPlaceholderText("0 if none" if carried is None else f"{usd(carried)} carried")
            rep = self.state.person_report(role)
            if not flow.entered(self.state.data, self.step, role):
                rep = None  # nothing shown before the balance is entered
            self.taxable[role].setText(usd(rep.form_8606.line_18) if rep else "\u2014")
            if rep is None:
                self.lists[role].show_items([])
                continue
            self.lists[role].show_items(self.warnings_for(
                role, ("pro_rata", "roll_in_fix", "earnings_taxable", "deductible_contribution", "sep_simple_ira")))
