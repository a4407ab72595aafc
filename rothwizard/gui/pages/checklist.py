"""A checklist step the person ticks and dates; saved in the plan under ``person.checklist[step_id]``
(the same ids as the action plan, so ticks show in the PDF)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QGridLayout, QLabel, QWidget

from rothwizard.core.actionplan.model import step_heading
from rothwizard.gui.pages.base import plain_name
from rothwizard.gui.state import WizardState


class _ClickLabel(QLabel):
    """A step's title: clicking it ticks the step, as clicking a check box's own text does."""

    def __init__(self, box: QCheckBox):
        super().__init__()
        self._box = box
        self.setTextFormat(Qt.TextFormat.RichText)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._box.click()


class ChecklistItem(QWidget):
    def __init__(self, state: WizardState, role: str, step_id: str, number: int, title: str,
                 detail: str, tip: str = ""):
        super().__init__()
        self.state, self.role, self.step_id = state, role, step_id
        base = f"{role}.checklist.{step_id}"
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        # The check box says "Step n:"; the title beside it wraps, so a long title never widens the page.
        self.box = QCheckBox()
        self.box.setObjectName(f"{base}.done")
        self.box.setProperty("role", "step")
        self.title = _ClickLabel(self.box)
        self.title.setObjectName(f"{base}.title")
        self.title.setWordWrap(True)
        self.title.setProperty("role", "step")
        self.set_title(number, title)
        if tip:
            self.box.setToolTip(tip)
        self.date = QDateEdit()
        self.date.setObjectName(f"{base}.date")
        self.date.setAccessibleName(plain_name(role, f"Date step {number} was done"))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("MMM d, yyyy")
        self.detail = QLabel(detail)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setProperty("role", "detail")
        self.date_label = QLabel("Done on:")
        self.date_label.setBuddy(self.date)
        self.date_label.setProperty("role", "detail")
        grid.addWidget(self.box, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.title, 0, 1, 1, 2)
        grid.addWidget(self.date_label, 1, 0)
        grid.addWidget(self.date, 1, 1)
        grid.addWidget(self.detail, 2, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        self.reload()
        state.reset.connect(self.reload)  # a plan opened or restored: show its ticks
        self.box.toggled.connect(self._on_toggled)
        self.date.dateChanged.connect(self._on_date)

    def set_title(self, number: int, title: str) -> None:
        heading = step_heading(number)
        self.title_text = f"{heading}: {title}"
        self.box.setText(f"{heading}:")
        self.title.setText(f"<b>{_esc(title)}</b>")
        self.box.setAccessibleName(plain_name(self.role, f"Done: step {number}, {title}"))

    def text(self) -> str:
        """The step as shown: its heading and the action plan's title."""
        return self.title_text

    def set_detail(self, html: str) -> None:
        self.detail.setText(html)

    def reload(self) -> None:
        tick = self.state.get(f"{self.role}.checklist.{self.step_id}") or {}
        done = bool(tick.get("done"))
        when = tick.get("date")
        self.box.blockSignals(True)
        self.date.blockSignals(True)
        self.box.setChecked(done)
        self._show_date(done)
        self.date.setDate(QDate.fromString(when, "yyyy-MM-dd") if when else QDate.currentDate())
        self.box.blockSignals(False)
        self.date.blockSignals(False)

    def _show_date(self, done: bool) -> None:
        """The date only shows once the step is ticked (an unticked step has no date)."""
        self.date.setVisible(done)
        self.date_label.setVisible(done)

    def _on_toggled(self, done: bool) -> None:
        self._show_date(done)
        value = {"done": True, "date": self.date.date().toString("yyyy-MM-dd")} if done else None
        self.state.set(f"{self.role}.checklist.{self.step_id}", value)

    def _on_date(self, qdate: QDate) -> None:
        if self.box.isChecked():
            self.state.set(f"{self.role}.checklist.{self.step_id}",
                           {"done": True, "date": qdate.toString("yyyy-MM-dd")})


# ------------------------------------------------------------------ the action plan, rendered

def action_plan_for(state: WizardState):
    """The core's action plan for what is entered so far (``None`` while it cannot be built), made once
    per change of the plan. Every page shows its steps from it; no page makes a step of its own."""
    cached = getattr(state, "_action_plan_cache", None)
    if cached is not None and cached[0] == state.revision:
        return cached[1]
    ap = None
    if state.plan is not None and state.report is not None:
        import datetime as dt

        from rothwizard.core.actionplan import build_action_plan
        from rothwizard.core.errors import RothWizardError

        try:
            ap = build_action_plan(state.plan, state.report, dt.date.today())
        except RothWizardError:
            ap = None
    state._action_plan_cache = (state.revision, ap)
    return ap


def person_plan(state: WizardState, role: str):
    ap = action_plan_for(state)
    if ap is None:
        return None
    return next((p for p in ap.people if p.role == role), None)


def steps_of(state: WizardState, role: str, checklist: str):
    """The steps of one person's checklist (``direct``, ``backdoor`` or ``mega``), in order, fixes
    included (a recharacterization in the direct one, an excess withdrawal in the backdoor one)."""
    person = person_plan(state, role)
    if person is None:
        return []
    return [s for c in person.checklists if c.strategy == checklist for s in c.steps]


def step_title(step) -> str:
    amount = f": {step.amount_text}" if step.amount is not None and step.amount_text else ""
    return f"{step.title}{amount}"


def step_detail(step) -> str:
    """The step's where, when and what to watch, as the action plan words them."""
    esc = _esc
    parts = [f"<b>Where:</b> {esc(step.where)}. <b>When:</b> {esc(step.by_text)}."]
    if step.amount is None and step.amount_text:
        parts.append(f"<b>Amount:</b> {esc(step.amount_text)}.")
    if step.overdue:
        parts.append("<b>The due date has passed.</b>")
    parts += [f"\u2022 {esc(w)}" for w in step.watch]
    return "<br>".join(parts)


def alert_items(alerts) -> list[tuple[str, str, str]]:
    """The action plan's alerts (pro rata, entries that differ, questions first) as WarningList items."""
    out = []
    for a in alerts:
        text = f"{a.title}. {a.text}"
        if a.choices:
            text += " Your choices: " + " ".join(f"({n}) {c}" for n, c in enumerate(a.choices, 1))
        kind = "blocker" if a.code == "pro_rata" else "info" if a.code == "plan_chosen" else "warning"
        out.append((kind, text, a.source))
    return out


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class StepList(QWidget):
    """The checklist of one person: exactly the action plan's steps, numbered, tickable. Items are
    kept per tick key, so a tick survives the list changing (a roll-in planned, a feature answered)."""

    def __init__(self, state: WizardState, role: str, prefixes: tuple[str, ...] = ()):
        super().__init__()
        from PySide6.QtWidgets import QVBoxLayout

        from rothwizard.core.actionplan import STEP_IDS

        self.state, self.role = state, role
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.items: dict[str, ChecklistItem] = {}
        self.shown: list[str] = []
        # Every step the page may show is made now, in the action plan's order, so the focus chain (Tab)
        # follows the page's reading order; ``show_steps`` shows the plan's and hides the others.
        for n, tick in enumerate(t for t in STEP_IDS if t.startswith(prefixes) and prefixes):
            item = ChecklistItem(state, role, tick, n + 1, tick, "")
            item.hide()
            self.items[tick] = item
            self._layout.addWidget(item)

    def show_steps(self, steps) -> None:
        order = list(self.items)
        ticks = [s.tick for s in steps]
        # Only a step the page did not make in advance, or a new order, moves widgets (and Tab order).
        changed = any(t not in self.items for t in ticks) or \
            [t for t in order if t in ticks] != ticks
        for n, step in enumerate(steps, 1):
            item = self.items.get(step.tick)
            title = step_title(step)
            if item is None:
                item = ChecklistItem(self.state, self.role, step.tick, n, title, "")
                self.items[step.tick] = item
            if changed:
                self._layout.removeWidget(item)
                self._layout.insertWidget(n - 1, item)
            item.set_title(n, title)
            item.set_detail(step_detail(step))
            item.show()
        self.shown = [s.tick for s in steps]
        for tick, item in self.items.items():
            if tick not in self.shown:
                item.hide()
        self.setVisible(bool(steps))
        if changed:  # new or moved steps: Tab keeps the page's reading order
            from PySide6.QtWidgets import QWizard

            from rothwizard.gui.keyboard import order_tabs

            wizard = self.window()
            if isinstance(wizard, QWizard):
                order_tabs(wizard)

    def titles(self) -> list[str]:
        return [self.items[t].text() for t in self.shown]


def notice_items(state: WizardState, role: str, codes: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The action plan's warnings for one person (the report's, plus deadlines passed)."""
    ap = action_plan_for(state)
    if ap is None:
        return []
    return [("warning", w.message, w.source) for w in ap.warnings if w.role == role and w.code in codes]
