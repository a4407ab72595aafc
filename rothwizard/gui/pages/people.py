"""Page 2: filing status, MAGI, and for each person age, compensation and workplace plans."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from rothwizard.core import flow
from rothwizard.core.flow import JOINT, Step
from rothwizard.gui.pages.base import BasePage, plain_name

STATUSES = [
    ("Single", "single"),
    ("Married filing jointly", "married_filing_jointly"),
    ("Married filing separately", "married_filing_separately"),
    ("Head of household", "head_of_household"),
    ("Qualifying surviving spouse", "qualifying_surviving_spouse"),
]

LIVED = [
    ("Yes, at some time in the year", True),
    ("No, we lived apart all year", False),
]
SPOUSE_COVERED = [
    ("Yes, my spouse is covered at work", True),
    ("No, my spouse is not covered", False),
]

MAGI_HELP = (
    "<small><b>MAGI</b> (modified adjusted gross income) is the income figure that decides whether you "
    "may contribute to a Roth IRA directly. Start from your adjusted gross income (Form 1040, line 11), "
    "add back a few deductions and leave out any Roth conversion (Pub. 590-A, Worksheet 2-1). On a joint "
    "return it is the household's. Your estimate for the year is fine.</small>"
)


class PeoplePage(BasePage):
    step = Step.PEOPLE

    def __init__(self, state):
        super().__init__(state, "You and your spouse",
                         "Your tax return and the income figures that decide which strategies fit.")
        form = self.form()
        self.status = self.choice("filing_status", "Filing status", STATUSES,
                                  "The filing status on your federal return for the tax year "
                                  "(Form 1040). It sets the Roth IRA income range (Pub. 590-A, Table 2-1).")
        self.add_field(form, "F&iling status:", self.status)
        # Married filing separately: both asked, never defaulted (IRC 408A(c)(3)(D), 219(g)(4)).
        self.lived = self.choice("lived_with_spouse", "Lived with your spouse at any time in the year", LIVED,
                                 "Married filing separately: if you lived with your spouse at any time in the "
                                 "year, the Roth IRA and deduction ranges are $0 to $10,000 (Pub. 590-A, "
                                 "Tables 1-2 and 2-1); apart all year, the single ranges apply.")
        self.add_field(form, "&Lived together:", self.lived)
        self.spouse_covered = self.choice(
            "spouse_covered_by_workplace_plan", "Spouse covered by a workplace retirement plan", SPOUSE_COVERED,
            "Your spouse's Form W-2 box 13. If you are not covered but your spouse is, and you lived together, "
            "the deduction range is $0 to $10,000 (Pub. 590-A, Table 1-3).")
        self.add_field(form, "Spo&use covered:", self.spouse_covered)
        self.magi = self.money("magi", "Modified adjusted gross income (MAGI)",
                               "Modified AGI for Roth IRA purposes, Pub. 590-A Worksheet 2-1: conversions "
                               "are left out. For the household on a joint return.")
        self.add_field(form, "&MAGI:", self.magi)
        self._form = form
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.text(MAGI_HELP))
        self.person_columns(self._person)
        self.layout_.addStretch(1)

    def _person(self, role: str, box: QVBoxLayout) -> None:
        form = self.form()
        age = self.money(f"{role}.age", plain_name(role, "Age on December 31"),
                         "Age on December 31 of the tax year: 50 or more adds the IRA catch-up (IRC 219(b)(5)(B)) "
                         "and the plan catch-up (IRC 414(v)); 60 to 63 the larger plan catch-up from 2025.",
                         whole=True)
        self.add_field(form, "&Age on December 31:", age)
        comp = self.money(f"{role}.compensation", plain_name(role, "Compensation for the year"),
                          "Taxable pay for the year: wages plus net self-employment earnings. It caps the IRA "
                          "limit (IRC 219(b)(1)) and the 415(c) limit for the mega backdoor.")
        self.add_field(form, "&Compensation:", comp)
        covered = self.check(f"{role}.covered_by_workplace_plan", "Covered by a workplace retirement plan",
                             plain_name(role, "Covered by a workplace retirement plan"),
                             "Form W-2 box 13 \u201cRetirement plan\u201d is checked. When neither spouse is "
                             "covered, a traditional IRA contribution may be deductible (IRC 219(g)).",
                             default=True)
        form.addRow("", covered)
        has_plan = self.check(f"{role}.employer_plan", "Has a 401(k) or 403(b) at work",
                              plain_name(role, "Has a 401(k) or 403(b) at work"),
                              "Needed for the Mega Backdoor Roth, and for the roll-in fix to the pro rata rule.",
                              on_toggle=lambda on, r=role: self.state.set_employer_plan(r, on))
        form.addRow("", has_plan)
        box.addLayout(form)

    def refresh(self) -> None:
        super().refresh()
        status = self.state.get("filing_status")
        asked = flow.separate_questions(self.state.data)
        self._form.setRowVisible(self.lived, "lived_with_spouse" in asked)
        self._form.setRowVisible(self.spouse_covered, "spouse_covered_by_workplace_plan" in asked)
        self._columns["you"].setTitle("You" if status == JOINT else "You (the person filing)")
