"""Small input and display widgets: money and whole-number fields that refuse bad keys in place,
a Yes / No / Not sure box, an inline error label and a warning list."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

_MONEY_CHARS = re.compile(r"^\$?[\d,]*(\.\d{0,2})?$")



def qt():
    """``PySide6.QtCore.Qt``, fetched on first use: creating its enums takes about 10 ms, which is kept
    off the first page's paint (no first-page widget needs it)."""
    from PySide6.QtCore import Qt

    return Qt

def parse_money(text: str) -> Decimal | None:
    """"12500", "12,500", "$12,500.50" -> Decimal; "" -> None; raises ValueError otherwise."""
    s = text.strip().replace(" ", "")
    if not s or s == "$":
        return None
    if s.startswith("-") or "-" in s:
        raise ValueError("negative")
    if not _MONEY_CHARS.match(s):
        raise ValueError("format")
    s = s.lstrip("$").replace(",", "")
    if s in ("", "."):
        return None
    try:
        return Decimal(s)
    except InvalidOperation as exc:
        raise ValueError("format") from exc


def format_money(value: Decimal | int | float | str | None) -> str:
    if value is None or value == "":
        return ""
    d = Decimal(str(value))
    return f"{d:,.0f}" if d == d.to_integral_value() else f"{d:,.2f}"


def usd(value: Decimal | int | float | str | None) -> str:
    return "—" if value is None else "$" + format_money(value)


def refusal(text: str, *, whole: bool = False) -> str | None:
    """Why ``text`` cannot be typed into a number field, in plain words, or ``None``."""
    s = text.strip().replace(" ", "")
    if "-" in s:
        return "cannot be negative"
    if any(c.isalpha() for c in s):
        return "takes digits only, no letters"
    if whole:
        return None if s.isdigit() or s == "" else "takes a whole number"
    if s.count(".") > 1 or (("." in s) and len(s.split(".")[1]) > 2):
        return "takes at most two decimals (cents)"
    if not _MONEY_CHARS.match(s):
        return "takes an amount like 12,500 or $12,500.50"
    return None


class _RefusingValidator(QValidator):
    refused = Signal(str)

    def __init__(self, whole: bool, parent=None):
        super().__init__(parent)
        self.whole = whole

    def validate(self, text: str, pos: int):  # noqa: D401 - Qt API
        reason = refusal(text, whole=self.whole)
        if reason:
            self.refused.emit(reason)
            return QValidator.State.Invalid
        return QValidator.State.Acceptable


class ErrorLabel(QLabel):
    """A red, word-wrapped line under a field or at the foot of a page; hidden while empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("")
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, text: str) -> None:
        if text and self.textFormat() != qt().TextFormat.PlainText:  # set here, not at start-up
            self.setTextFormat(qt().TextFormat.PlainText)
        self.setText(text)
        self.setVisible(bool(text))


class NumberEdit(QLineEdit):
    """A money (or whole-number) field. Letters and negatives are refused as they are typed, with a
    message naming the field in ``self.message`` (placed beside the field by the page)."""

    valueChanged = Signal(object)  # Decimal | int | None

    def __init__(self, *, whole: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.whole = whole
        self.message = ErrorLabel()
        self._validator = _RefusingValidator(whole, self)
        self._validator.refused.connect(self._on_refused)
        self.setValidator(self._validator)
        self.setPlaceholderText("e.g. 45" if whole else "e.g. 12,500")
        self.setAlignment(qt().AlignmentFlag.AlignRight)
        self.setMaximumWidth(90 if whole else 150)
        self.textEdited.connect(self._on_edited)
        self.editingFinished.connect(self._tidy)

    def _field_name(self) -> str:
        return self.accessibleName() or "This field"

    def _on_refused(self, reason: str) -> None:
        self.message.show_message(f"{self._field_name()} {reason}.")

    def _on_edited(self, text: str) -> None:
        if not text:  # starting again clears the refusal; otherwise it stays until focus leaves
            self.message.show_message("")
        self.valueChanged.emit(self.value())

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.message.show_message("")
        super().focusOutEvent(event)

    def _tidy(self) -> None:
        value = self.value()
        if value is not None and not self.whole:
            self.blockSignals(True)
            self.setText(format_money(value))
            self.blockSignals(False)

    def value(self) -> Decimal | int | None:
        text = self.text()
        if self.whole:
            s = text.strip()
            return int(s) if s.isdigit() else None
        try:
            return parse_money(text)
        except ValueError:
            return None

    def set_value(self, value) -> None:
        self.blockSignals(True)
        if value is None:
            self.setText("")
        elif self.whole:
            self.setText(str(int(value)))
        else:
            self.setText(format_money(value))
        self.blockSignals(False)


class TriStateBox(QComboBox):
    """Yes / No / Not sure, for the employer plan's features (``True`` / ``False`` / ``None``)."""

    valueChanged = Signal(object)
    CHOICES = (("Not sure", None), ("Yes", True), ("No", False))

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for text, value in self.CHOICES:
            self.addItem(text, value)
        self.currentIndexChanged.connect(lambda _i: self.valueChanged.emit(self.value()))

    def value(self):
        return self.CHOICES[self.currentIndex()][1]

    def set_value(self, value) -> None:
        self.blockSignals(True)
        self.setCurrentIndex([v for _t, v in self.CHOICES].index(value if value is not None else None))
        self.blockSignals(False)


class WarningList(QFrame):
    """The core's warnings (and blockers), each with the source it rests on."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "warnings")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._labels: list[QLabel] = []
        self._count = 0
        self.hide()

    def show_items(self, items: list[tuple[str, str, str]]) -> None:
        """``items``: (kind, message, source) with kind "warning", "blocker" or "info"."""
        while len(self._labels) < len(items):  # labels are reused: no churn while the person types
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(qt().TextFormat.RichText)
            label.setTextInteractionFlags(qt().TextInteractionFlag.TextSelectableByMouse)
            self._layout.addWidget(label)
            self._labels.append(label)
        for label, (kind, message, source) in zip(self._labels, items, strict=False):
            if label.property("role") != kind:
                label.setProperty("role", kind)
                label.style().unpolish(label)
                label.style().polish(label)
            label.setText(_html(message) + (f"<br><small>Source: {_html(source)}</small>" if source else ""))
            label.setAccessibleName(message)
            label.show()
        for label in self._labels[len(items):]:
            label.hide()
            label.setAccessibleName("")
        self._count = len(items)
        self.setVisible(bool(items))

    def texts(self) -> list[str]:
        return [label.accessibleName() for label in self._labels[: self._count]]


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
