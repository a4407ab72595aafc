"""The thin page: widgets bound to plan field paths in the ``WizardState``; completeness from
``core.flow.validate_step``; figures and warnings from the core's report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from rothwizard.core import flow
from rothwizard.core.flow import Step
from rothwizard.gui.state import WizardState
from rothwizard.gui.widgets import ErrorLabel, NumberEdit, TriStateBox, qt

WHO = {"you": "You", "spouse": "Your spouse"}


def plain_name(role: str, name: str) -> str:
    """The accessible name of a field: "IRA balance on December 31" or "Spouse's IRA balance …"."""
    return name if role == "you" or not role else f"Spouse's {name[:1].lower()}{name[1:]}"


class BasePage(QWizardPage):
    step: Step = Step.WELCOME

    def __init__(self, state: WizardState, title: str, subtitle: str = ""):
        super().__init__()
        self.state = state
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        self._bound: list[tuple[Any, str]] = []
        self._validated: tuple[int, flow.Validation] | None = None
        self._columns: dict[str, QGroupBox] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll = scroll  # not a tab stop (keyboard.order_tabs, after the first paint)
        self.body = QWidget()
        self.body.setObjectName("pageBody")
        self.layout_ = QVBoxLayout(self.body)
        scroll.setWidget(self.body)
        outer.addWidget(scroll, 1)
        self.error = ErrorLabel()
        self.error.setProperty("role", "hint")
        self.error.setAccessibleName("What this page still needs")
        outer.addWidget(self.error)
        state.changed.connect(self._on_changed)
        state.reset.connect(self.reload)

    # ------------------------------------------------------------ QWizardPage

    def isComplete(self) -> bool:
        return self.validation().ok

    def validation(self) -> flow.Validation:
        """The core's verdict on this page, computed once per change of the plan."""
        if not self.state.ready:  # the first page is painted before the core is loaded
            return flow.Validation(False, None, "")
        revision = self.state.revision
        if self._validated is None or self._validated[0] != revision:
            self._validated = (revision, flow.validate_step(self.step, self.state.data))
        return self._validated[1]

    def shown(self) -> None:
        """Called by the wizard whenever this page becomes the current one (also going back)."""
        self.refresh()
        self._show_validation()
        self.completeChanged.emit()

    def is_current(self) -> bool:
        wizard = self.wizard()
        return wizard is not None and wizard.currentPage() is self

    def initializePage(self) -> None:
        self.refresh()
        self._show_validation()

    def nextId(self) -> int:
        nxt = flow.next_step(self.step, self.state.data, self.state.skip_backdoor,
                             self.state.direct_open if self.state.ready else None)
        return -1 if nxt is None else int(nxt)

    # ------------------------------------------------------------ hooks

    def refresh(self) -> None:
        """Show figures and warnings from ``self.state.report``; pages override."""
        for role, box in self._columns.items():
            box.setVisible(self.column_visible(role))

    def column_visible(self, role: str) -> bool:
        return role in self.state.people()

    def reload(self) -> None:
        for widget, path in self._bound:
            if isinstance(widget, QCheckBox):
                widget.blockSignals(True)
                value = self.state.get(path)
                widget.setChecked(_truthy(value, widget.property("default")))
                widget.blockSignals(False)
            elif hasattr(widget, "set_value"):
                widget.set_value(self.state.get(path))
        self.refresh()

    def _on_changed(self, path: str) -> None:
        for widget, bound in self._bound:  # the same field on another page (roll-ins)
            if bound == path and not widget.hasFocus() and hasattr(widget, "set_value"):
                widget.set_value(self.state.get(path))
        if not self.is_current():
            return  # the other pages refresh when they are shown (initializePage)
        self.refresh()
        self.completeChanged.emit()
        self._show_validation()

    def _show_validation(self) -> None:
        result = self.validation()
        self.error.show_message("" if result.ok else result.message)

    # ------------------------------------------------------------ building blocks

    def text(self, html: str) -> QLabel:
        # The <div> makes Qt take it as rich text (a tag on the first line) without touching the Qt
        # namespace, whose enums cost about 10 ms to create before the first page is painted.
        label = QLabel(f"<div>{html}</div>")
        label.setWordWrap(True)
        label.setOpenExternalLinks(True)
        return label

    def _bind_common(self, widget, path: str, name: str, tip: str) -> None:
        widget.setObjectName(path)
        widget.setAccessibleName(name)
        if tip:
            widget.setToolTip(tip)
        self._bound.append((widget, path))

    def money(self, path: str, name: str, tip: str = "", *, whole: bool = False) -> NumberEdit:
        edit = NumberEdit(whole=whole)
        self._bind_common(edit, path, name, tip)
        edit.set_value(self.state.get(path))
        edit.valueChanged.connect(lambda v, p=path: self.state.set(p, v))
        return edit

    def tristate(self, path: str, name: str, tip: str = "") -> TriStateBox:
        box = TriStateBox()
        self._bind_common(box, path, name, tip)
        box.set_value(self.state.get(path))
        box.valueChanged.connect(lambda v, p=path: self.state.set(p, v))
        return box

    def choice(self, path: str, name: str, items: list[tuple[str, Any]], tip: str = "") -> QComboBox:
        box = _ChoiceBox(items)
        box.setPlaceholderText("Choose\u2026")
        self._bind_common(box, path, name, tip)
        box.set_value(self.state.get(path))
        box.valueChanged.connect(lambda v, p=path: self.state.set(p, v))
        return box

    def check(self, path: str, text: str, name: str, tip: str = "",
              on_toggle: Callable[[bool], None] | None = None, default: bool = False) -> QCheckBox:
        box = QCheckBox(text)
        self._bind_common(box, path, name, tip)
        box.setProperty("default", default)
        value = self.state.get(path)
        box.setChecked(_truthy(value, default))
        box.toggled.connect(on_toggle or (lambda v, p=path: self.state.set(p, bool(v))))
        return box

    def add_field(self, form: QFormLayout, label: str, widget: QWidget) -> None:
        """A form row whose label is the field's buddy (``&`` gives the mnemonic); a number field
        carries its refusal message underneath."""
        message = getattr(widget, "message", None)
        if message is None:
            form.addRow(label, widget)
            return
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(message)
        form.addRow(label, holder)
        buddy_label = form.labelForField(holder)
        if isinstance(buddy_label, QLabel):
            buddy_label.setBuddy(widget)

    def person_columns(self, build: Callable[[str, QVBoxLayout], None]) -> QHBoxLayout:
        """One group per person ("You", "Your spouse"), side by side; the spouse's only on a joint
        return (``column_visible``)."""
        row = QHBoxLayout()
        for role in flow.ROLES:
            box = QGroupBox(WHO[role])
            box.setObjectName(f"column.{role}")
            inner = QVBoxLayout(box)
            build(role, inner)
            inner.addStretch(1)
            row.addWidget(box, 1)
            self._columns[role] = box
        self.layout_.addLayout(row)
        return row

    def figure(self, name: str, accessible: str) -> QLabel:
        """A read-only figure from the report; ``name`` becomes ``figure.<name>``."""
        label = QLabel("\u2014")
        label.setObjectName(f"figure.{name}")
        label.setAccessibleName(accessible)
        label.setProperty("role", "figure")
        label.setTextInteractionFlags(qt().TextInteractionFlag.TextSelectableByMouse)
        return label

    def warnings_for(self, role: str, codes: tuple[str, ...] | None = None,
                     direct: bool = False) -> list[tuple[str, str, str]]:
        """The core's warnings for one person (only ``codes`` when given), as WarningList items."""
        rep = self.state.person_report(role, direct=direct)
        if rep is None:
            return []
        return [("warning", w.message, w.source) for w in rep.warnings if codes is None or w.code in codes]

    def form(self) -> QFormLayout:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return form  # labels aligned as the platform's style does (left on Linux and Windows)


def _truthy(value: Any, default: Any) -> bool:
    """A check box's state: an employer plan (a dict, even empty) counts as ticked."""
    if isinstance(value, dict):
        return True
    return bool(default if value is None else value)


class _ChoiceBox(QComboBox):
    from PySide6.QtCore import Signal as _Signal

    valueChanged = _Signal(object)

    def __init__(self, items: list[tuple[str, Any]]):
        super().__init__()
        self._values = [v for _t, v in items]
        for text, value in items:
            self.addItem(text, value)
        self.currentIndexChanged.connect(lambda i: self.valueChanged.emit(self._values[i] if i >= 0 else None))

    def value(self):
        i = self.currentIndex()
        return self._values[i] if i >= 0 else None

    def set_value(self, value) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(self._values.index(value) if value in self._values else -1)
        self.blockSignals(False)
