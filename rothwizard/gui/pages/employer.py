"""Page 6: the employer plans per person: contributions and the feature questions, one section per plan
(add, name and remove plans)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from rothwizard.core import flow
from rothwizard.core.actionplan.reporting import QUESTIONS
from rothwizard.core.actionplan.steps import blocker_items
from rothwizard.core.flow import Step
from rothwizard.gui import keyboard
from rothwizard.gui.pages.base import BasePage, plain_name
from rothwizard.gui.widgets import WarningList, usd

FEATURES = (  # the label (with its mnemonic) per feature; the questions are the core's
    ("after_tax_contributions", "Accepts after-tax &contributions"),
    ("in_service_distributions", "&In-service withdrawals (any reason)"),
    ("in_plan_roth_conversion", "In-plan &Roth conversion"),
    ("accepts_roll_ins", "Accepts roll-ins of IRA &money"),
)
WARN = ("excess_deferral", "excess_catch_up", "roth_catch_up_required", "excess_after_tax")
EXTRA_WARN = ("excess_annual_additions", "excess_employer_contribution", "solo_401k_document")


PLAN_TYPES = [("401(k)", "401k"), ("403(b)", "403b"), ("457(b), governmental", "457b"),
              ("Solo 401(k), own practice", "solo_401k")]
ROTH_DEFERRALS = ("Does the plan offer Roth deferrals?",
                  "Ask HR: \u201cDoes the plan offer Roth (designated Roth) deferrals?\u201d Someone whose "
                  "FICA wages from this employer last year were above the threshold can make catch-ups only "
                  "as Roth (IRC 414(v)(7)).")


class _TextEdit(QLineEdit):
    """A text field bound like the page's other inputs (``set_value``; empty text is "not entered")."""

    valueChanged = Signal(object)

    def __init__(self):
        super().__init__()
        self.textEdited.connect(lambda t: self.valueChanged.emit(t.strip() or None))

    def set_value(self, value) -> None:
        if (self.text().strip() or None) != value:
            self.setText(value or "")


class EmployerPage(BasePage):
    step = Step.EMPLOYER

    def __init__(self, state):
        super().__init__(state, "Your employer plans",
                         "Each 401(k), 403(b), 457(b) or solo 401(k): what goes in this year, and what the "
                         "plan allows.")
        self.rooms = {}
        self.lists = {}
        self.plan_rooms: dict[str, list[QLabel]] = {}
        self.sections: dict[str, tuple[QVBoxLayout, list[QWidget]]] = {}
        self._built: dict[str, tuple[str, ...]] = {}
        self.add_buttons: dict[str, QPushButton | None] = {}
        # per plan of several: the rows about after-tax money, hidden for a 457(b) (it takes none)
        self.mega_rows: dict[str, list[tuple[str, QFormLayout, list[QWidget]]]] = {}
        # per plan: the S corporation box (a solo 401(k) only) and the plan's age 60-63 catch-up (ages 60-63)
        self.only_when: dict[str, list[tuple[str, QFormLayout, QWidget, QWidget]]] = {}
        self.person_columns(self._person)
        self.layout_.addStretch(1)

    def column_visible(self, role: str) -> bool:
        return super().column_visible(role) and flow.has_employer_plan(self.state.data, role)

    def _person(self, role: str, box: QVBoxLayout) -> None:
        holder = QVBoxLayout()
        box.addLayout(holder)
        self.sections[role] = (holder, [])
        self.add_buttons[role] = None
        self._build(role)
        add = QPushButton("Add another plan")
        add.setObjectName(f"{role}.add_plan")
        add.setAccessibleName(plain_name(role, "Add another employer plan"))
        add.setToolTip("A second job, a 457(b) beside a 403(b), or a solo 401(k) for your own practice or "
                       "moonlighting income.")
        add.clicked.connect(lambda _=False, r=role: self.state.add_plan(r))
        box.addWidget(add)
        self.add_buttons[role] = add
        self.lists[role] = WarningList()
        box.addWidget(self.lists[role])

    # ------------------------------------------------------------ one section per plan

    def _build(self, role: str) -> None:
        paths = tuple(flow.plan_paths(self.state.data, role)) or (f"{role}.employer_plan",)
        if self._built.get(role) == paths:
            return
        holder, widgets = self.sections[role]
        if widgets:
            gone = set(map(id, self._section_inputs(widgets)))
            self._bound = [(w, p) for w, p in self._bound if id(w) not in gone]
            for widget in widgets:
                holder.removeWidget(widget)
                widget.hide()
                widget.setParent(None)  # off the page at once: no stale input is found by its name
                widget.deleteLater()
        widgets.clear()
        self.plan_rooms[role] = []
        self.mega_rows[role] = []
        self.only_when[role] = []
        for i, path in enumerate(paths):
            widget = self._single(role, path) if len(paths) == 1 else self._section(role, i, path)
            holder.addWidget(widget)
            widget.show()  # at once, not after the next event loop turn (a layout shows new children later)
            widgets.append(widget)
        self._built[role] = paths
        add = self.add_buttons.get(role)
        if add is not None:  # Tab walks the new sections before the button, as they are shown
            inputs = [w for w in self._section_inputs(widgets) if w.focusPolicy() & Qt.FocusPolicy.TabFocus
                      and w.window() is add.window()]  # not a combo box's pop-up list
            for first, second in zip(inputs, [*inputs[1:], add], strict=True):
                QWidget.setTabOrder(first, second)
        wizard = self.wizard()
        if wizard is not None:  # new labels get their own Alt+letter, and Tab walks them in order
            keyboard.make_unique(self, keyboard.reserved_letters(wizard))
            keyboard.order_tabs(wizard)

    @staticmethod
    def _section_inputs(widgets: list[QWidget]) -> list[QWidget]:
        return [c for w in widgets for c in [w, *w.findChildren(QWidget)]]

    def text_field(self, path: str, name: str, tip: str = "", placeholder: str = "") -> _TextEdit:
        edit = _TextEdit()
        self._bind_common(edit, path, name, tip)
        edit.setPlaceholderText(placeholder)
        edit.set_value(self.state.get(path))
        edit.valueChanged.connect(lambda v, p=path: self.state.set(p, v))
        return edit

    def _money_rows(self, form: QFormLayout, role: str, p: str, mnemonics: bool) -> None:
        def label(text: str) -> str:
            return text if mnemonics else text.replace("&", "")

        self.add_field(form, label("&Deferrals (pre-tax + Roth):"), self.money(
            f"{p}.elective_deferrals", plain_name(role, "Elective deferrals for the year"),
            "Your pre-tax plus Roth contributions for the year, catch-up excluded. One limit for you across "
            "all your 401(k), 403(b) and solo 401(k) plans (IRC 402(g)(1)); a governmental 457(b) has its own."))
        self.add_field(form, label("Catch-&up (age 50+):"), self.money(
            f"{p}.catch_up", plain_name(role, "Catch-up contributions"),
            "Age-50 (or age 60-63) catch-up deferrals, which sit outside the 415(c) limit (IRC 414(v))."))
        self.add_field(form, label("&Employer contributions:"), self.money(
            f"{p}.employer_contributions", plain_name(role, "Employer contributions"),
            "Match, profit-sharing and other employer contributions for the year. They use up 415(c) room. "
            "For a solo 401(k): what your practice contributes as employer."))
        self.add_field(form, "Plan compensation:", self.money(
            f"{p}.plan_compensation", plain_name(role, "Compensation from this employer"),
            "Pay from this employer including pre-tax deferrals (IRC 415(c)(3)); for a solo 401(k), net "
            "earnings from self-employment less half the self-employment tax (Pub. 560). Empty: your "
            "compensation."))
        s_corp = self.check(
            f"{p}.s_corporation", "My S corporation's plan (plan pay = my W-2 wages)",
            plain_name(role, "Solo 401(k) of an S corporation you own"),
            "A solo 401(k) of an S corporation you own: plan compensation is your W-2 pay from it and the "
            "employer may add 25% of it (IRC 404(a)(3)). A sole proprietor's is net self-employment earnings "
            "less half the self-employment tax, and 20% of that (Pub. 560; IRC 404(a)(8)(D), 1402(a)(12)).")
        form.addRow("", s_corp)
        super_catch_up = self.tristate(
            f"{p}.features.super_catch_up", plain_name(role, "The plan offers the age 60 to 63 catch-up"),
            "From 2025 a plan may let those who turn 60, 61, 62 or 63 in the year catch up more than at 50 "
            "(IRC 414(v)(2)(E), SECURE 2.0 sec. 109); each plan chooses whether to offer it. Ask HR.")
        form.addRow("Age 60-63 catch-up offered:", super_catch_up)
        self.only_when.setdefault(role, []).append((p, form, s_corp, super_catch_up))
        self.add_field(form, label("&Last year's FICA wages:"), self.money(
            f"{p}.prior_year_fica_wages", plain_name(role, "Last year's FICA wages from this employer"),
            "Form W-2 box 3 from this employer last year. Above the year's threshold, catch-ups must be Roth "
            "(IRC 414(v)(7)(A), SECURE 2.0 sec. 603)."))

    def _single(self, role: str, p: str) -> QWidget:
        """One plan: the page as it always was, with the employer's name and the Roth question."""
        widget = QWidget()
        box = QVBoxLayout(widget)
        box.setContentsMargins(0, 0, 0, 0)
        form = self.form()
        self.add_field(form, "Employer:", self.text_field(
            f"{p}.employer", plain_name(role, "Employer's name"), "Named in the checklist and questions.",
            "e.g. County Hospital"))
        kind = self.choice(f"{p}.type", plain_name(role, "Plan type"), PLAN_TYPES,
                           "401(k) (companies), 403(b) (hospitals, universities, non-profits), a governmental "
                           "457(b), or a solo 401(k) of your own practice.")
        self.add_field(form, "Plan &type:", kind)
        self._money_rows(form, role, p, True)
        room = self.figure(f"{role}.mega_backdoor.room", plain_name(role, "Mega backdoor room"))
        form.addRow("Room for after-tax money:", room)
        self.rooms[role] = room
        box.addLayout(form)
        feats = self.form()
        questions = {key: (question, ask, why) for key, question, ask, why in QUESTIONS}
        for key, label in FEATURES:
            question, ask, why = questions[key]
            tip = f"Ask HR: \u201c{ask}\u201d {why}"
            widget_ = self.tristate(f"{p}.features.{key}", plain_name(role, question.rstrip("?")), tip)
            feats.addRow(label + ":", widget_)
            hint = QLabel(f"<small>{question} {tip}</small>")
            hint.setWordWrap(True)
            hint.setProperty("role", "detail")
            feats.addRow(hint)
        feats.addRow("Roth deferrals:", self.tristate(
            f"{p}.features.roth_deferrals", plain_name(role, ROTH_DEFERRALS[0].rstrip("?")), ROTH_DEFERRALS[1]))
        box.addLayout(feats)
        return widget

    def _section(self, role: str, i: int, p: str) -> QWidget:
        """Plan ``i`` of several: every field of the plan, the room under its (shared) 415(c) limit, and
        a button that removes it."""
        group = QGroupBox(f"Plan {i + 1}")
        group.setObjectName(f"section.{p}")
        form = self.form()
        group.setLayout(form)
        self.add_field(form, "Employer:", self.text_field(
            f"{p}.employer", plain_name(role, f"Plan {i + 1}: employer's name"),
            "Named in the checklist and questions.", "e.g. County Hospital"))
        self.add_field(form, "Plan type:", self.choice(
            f"{p}.type", plain_name(role, f"Plan {i + 1}: plan type"), PLAN_TYPES,
            "A governmental 457(b) has its own deferral limit; a solo 401(k) belongs to your own practice."))
        self._money_rows(form, role, p, False)
        self.add_field(form, "Same employer group as:", self.text_field(
            f"{p}.controlled_group", plain_name(role, f"Plan {i + 1}: controlled group"),
            "Give plans of one employer (or its controlled group), or a 403(b) and the plan of a practice you "
            "control (more than 50%), the same word: they share one 415(c) limit (Treas. Reg. "
            "1.415(f)-1(f)(2)).", "e.g. my practice"))
        after_tax = self.money(
            f"{p}.after_tax_contributions", plain_name(role, f"Plan {i + 1}: after-tax amount you plan"),
            "Leave empty for as much as the room allows (IRC 415(c)(1)).")
        self.add_field(form, "After-tax amount you plan:", after_tax)
        mega_rows: list[QWidget] = [after_tax.parentWidget()]
        questions = {key: (question, ask, why) for key, question, ask, why in QUESTIONS}
        for key, label in FEATURES:
            question, ask, why = questions[key]
            box = self.tristate(f"{p}.features.{key}", plain_name(role, f"Plan {i + 1}: {question.rstrip('?')}"),
                                f"Ask HR: \u201c{ask}\u201d {why}")
            form.addRow(label.replace("&", "") + ":", box)
            if key != "accepts_roll_ins":
                mega_rows.append(box)
        self.mega_rows.setdefault(role, []).append((p, form, mega_rows))
        form.addRow("Roth deferrals:", self.tristate(
            f"{p}.features.roth_deferrals", plain_name(role, f"Plan {i + 1}: {ROTH_DEFERRALS[0].rstrip('?')}"),
            ROTH_DEFERRALS[1]))
        room = self.figure(f"{role}.plans.{i}.room", plain_name(role, f"Plan {i + 1}: room for after-tax money"))
        form.addRow("Room for after-tax money:", room)
        self.plan_rooms[role].append(room)
        remove = QPushButton("Remove this plan")
        remove.setObjectName(f"remove.{p}")
        remove.setAccessibleName(plain_name(role, f"Remove plan {i + 1}"))
        remove.clicked.connect(lambda _=False, r=role, n=i: self.state.remove_plan(r, n))
        form.addRow(remove)
        return group

    # ------------------------------------------------------------ figures

    def refresh(self) -> None:
        for role in flow.ROLES:
            self._build(role)
            for path, form, rows in self.mega_rows.get(role, []):
                for row in rows:
                    form.setRowVisible(row, self.state.get(f"{path}.type") != "457b")
            age = self.state.get(f"{role}.age")
            for path, form, s_corp, super_catch_up in self.only_when.get(role, []):
                form.setRowVisible(s_corp, self.state.get(f"{path}.type") == "solo_401k")
                form.setRowVisible(super_catch_up, isinstance(age, int) and 60 <= age <= 63)
        super().refresh()
        for role in flow.ROLES:
            rep = self.state.person_report(role)
            several = flow.several_plans(self.state.data, role)
            labels = self.plan_rooms.get(role, []) if several else [self.rooms[role]]
            if rep is None or not flow.has_employer_plan(self.state.data, role) \
                    or not flow.entered(self.state.data, self.step, role):
                for label in labels:
                    label.setText("\u2014")  # nothing shown before the plan's figures are entered
                self.lists[role].show_items([])
                continue
            mega = rep.mega_backdoor
            if not several:
                usable = set(mega.blockers) <= {"feature_unknown"}
                self.rooms[role].setText(usd(mega.room) + ("" if usable else " (not usable)"))
                items = blocker_items(mega.blockers)
                if mega.available:
                    items.insert(0, ("info", f"The Mega Backdoor Roth is open to you: up to {usd(mega.room)} "
                                             "of after-tax money this year.", ""))
                questions = [("warning", q, "") for r in rep.plans for q in r.questions]
                self.lists[role].show_items(items + questions + self.warnings_for(role, WARN + EXTRA_WARN))
                continue
            items = []
            if mega.chosen_because:
                items.append(("info", "Mega Backdoor Roth: " + mega.chosen_because, ""))
            for label, plan in zip(labels, rep.plans, strict=False):
                shared = (" (shared with plan " + ", ".join(str(j + 1) for j in plan.shares_415c_with) + ")"
                          if plan.shares_415c_with else "")
                label.setText(usd(plan.room) + shared)
                name = f"Plan {plan.index + 1} ({plan.employer or plan.type})"
                items += [(kind, f"{name}: {text}", src) for kind, text, src in blocker_items(plan.blockers)
                          if not (plan.type == "457b" and kind == "blocker")]
                items += [("warning", q, "") for q in plan.questions]
            self.lists[role].show_items(items + self.warnings_for(role, WARN + EXTRA_WARN))
