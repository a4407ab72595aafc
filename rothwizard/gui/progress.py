"""Where the person is: the position on the path (worded by ``core.flow.position_text``) above the
list of the pages they will walk, the current one
marked. Pages that do not apply (``core.flow.path_through``) are left out of the list and the count."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rothwizard.core.flow import Step, position_text

NAMES = {
    Step.WELCOME: "Welcome",
    Step.PEOPLE: "You and your spouse",
    Step.DIRECT: "Direct Roth IRA",
    Step.IRAS: "Your IRAs",
    Step.BACKDOOR: "Backdoor Roth IRA",
    Step.EMPLOYER: "Employer plan",
    Step.MEGA: "Mega Backdoor Roth",
    Step.SUMMARY: "Your plan",
}


class PageList(QWidget):
    """The wizard's side widget. Not a tab stop: it only tells."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("progress")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 12, 8)
        self.count = QLabel()
        self.count.setObjectName("progressCount")
        self.count.setProperty("role", "progress")
        layout.addWidget(self.count)
        self.steps = QLabel()
        self.steps.setObjectName("progressSteps")
        self.steps.setWordWrap(False)
        layout.addWidget(self.steps)
        layout.addStretch(1)
        self.path: list[Step] = list(Step)
        self.current = Step.WELCOME
        self._width_set = False

    def show_progress(self, current: Step, path: list[Step]) -> None:
        self.current, self.path = current, list(path)
        text = position_text(current, self.path)
        self.count.setText(f"<div><b>{text}</b></div>")
        rows = []
        for step in self.path:
            name = NAMES[step]
            rows.append(f"<b>\u25b6 {name}</b>" if step == current else f"<span>\u2003{name}</span>")
        self.steps.setText("<div style='line-height: 140%'>" + "<br>".join(rows) + "</div>")
        if not self._width_set:  # wide enough for any name in bold, whichever is current
            from PySide6.QtGui import QFont, QFontMetrics

            bold = QFont(self.steps.font())
            bold.setBold(True)
            metrics = QFontMetrics(bold)
            widest = max(metrics.horizontalAdvance(f"\u25b6 {n}") for n in NAMES.values())
            self.steps.setMinimumWidth(widest + metrics.averageCharWidth() * 2)
            self._width_set = True
        self.setAccessibleName(f"{text}: {NAMES[current]}")
        self.count.setAccessibleName(f"{text}: {NAMES[current]}")
