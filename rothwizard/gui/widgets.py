"""Small input and display widgets: money and whole-number fields that refuse a bad entry as a whole
with a message, a Yes / No / Not sure box, an inline error label and a warning list."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

_MONEY = re.compile(r"^\$?(?P<int>[0-9]{1,3}(,[0-9]{3})*|[0-9]+)?(\.(?P<cents>[0-9]{0,2}))?(?P<unit>[kKmM])?$")
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000}
MAX_DIGITS = 13  # more digits than any amount a plan can hold ($1,000,000,000.00)
MAX_WHOLE_DIGITS = 4

# Placeholders that fit each field (the last part of its plan path); an example never suggests more
# than the field usually holds.
PLACEHOLDERS = {
    "age": "e.g. 45",
    "magi": "e.g. 250,000",
    "compensation": "e.g. 250,000",
    "roth_contribution": "0 if none",
    "nondeductible_contribution": "e.g. 7,000",
    "contributed_after_year_end": "0 if none",
    "conversion": "e.g. 7,000",
    "prior_basis": "0 if none",
    "distributions": "0 if none",
    "balance_dec31": "0 if none",
    "elective_deferrals": "e.g. 23,000",
    "catch_up": "0 if none",
    "employer_contributions": "e.g. 10,000",
    "after_tax_contributions": "blank: all the room",
    "prior_year_fica_wages": "e.g. 150,000",
    "plan_compensation": "blank: your pay",
}


def qt():
    """``PySide6.QtCore.Qt``, fetched on first use: creating its enums takes about 10 ms, which is kept
    off the first page's paint (no first-page widget needs it)."""
    from PySide6.QtCore import Qt

    return Qt


def parse_money(text: str) -> Decimal | None:
    """"12500", "12,500", "$12,500.50", "310k", "1.2m" -> Decimal; "" -> None; raises ValueError otherwise
    (the whole entry: nothing is kept from a refused one)."""
    s = text.strip().replace(" ", "")
    if not s or s == "$":
        return None
    match = _MONEY.match(s)
    if not match or "-" in s or (match.group("int") is None and not match.group("cents")):
        raise ValueError("format")
    unit = _UNITS[(match.group("unit") or "").lower()]
    digits = (match.group("int") or "0").replace(",", "")
    if len(digits) > MAX_DIGITS:
        raise ValueError("too large")
    cents = match.group("cents")
    try:
        value = Decimal(f"{digits}.{cents}" if cents else digits) * unit
    except InvalidOperation as exc:
        raise ValueError("format") from exc
    if value != value.quantize(Decimal("0.01")):
        raise ValueError("cents")
    if unit != 1 and value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return value


def parse_whole(text: str) -> int | None:
    """"45" -> 45; "" -> None; raises ValueError for anything else (only the digits 0 to 9 count)."""
    s = text.strip()
    if not s:
        return None
    if not (s.isascii() and s.isdigit()):
        raise ValueError("format")
    if len(s.lstrip("0")) > MAX_WHOLE_DIGITS:
        raise ValueError("too large")
    return int(s)


def format_money(value: Decimal | int | float | str | None) -> str:
    if value is None or value == "":
        return ""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not d.is_finite():
        return str(value)
    return f"{d:,.0f}" if d == d.to_integral_value() else f"{d:,.2f}"


def usd(value: Decimal | int | float | str | None) -> str:
    return "—" if value is None else "$" + format_money(value)


def refusal(text: str, *, whole: bool = False) -> str | None:
    """Why ``text`` is not an entry for a number field, in plain words, or ``None`` when it is one."""
    s = text.strip().replace(" ", "")
    if not s:
        return None
    if "-" in s:
        return "cannot be negative"
    if whole:
        try:
            parse_whole(s)
        except ValueError as exc:
            if str(exc) == "too large":
                return "is too large"
            if "." in s or "," in s:
                return "takes a whole number, like 45"
            return "takes digits only, like 45"
        return None
    try:
        parse_money(s)
    except ValueError as exc:
        if str(exc) == "too large":
            return "is too large for an amount"
        if str(exc) == "cents" or (s.count(".") == 1 and len(s.split(".")[1].rstrip("kKmM")) > 2):
            return "takes at most two decimals (cents)"
        if any(c.isalpha() for c in s):
            return "takes digits only, no letters (310k is read as 310,000)"
        return "takes an amount like 12,500 or $12,500.50"
    return None


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
        if text != self.text():
            self.setText(text)
        self.setVisible(bool(text))


class NumberEdit(QLineEdit):
    """A money (or whole-number) field. Whatever is typed stays as typed: an entry that is not an
    amount is refused as a whole, with a message naming the field in ``self.message`` (placed beside
    the field by the page) that stays until the entry is fixed. ``valueChanged`` carries the amount,
    ``None`` when empty, or the refused text itself (the page then stays incomplete)."""

    valueChanged = Signal(object)  # Decimal | int | None | str (refused text)

    def __init__(self, *, whole: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.whole = whole
        self.message = ErrorLabel()
        self.setPlaceholderText("e.g. 45" if whole else "")
        self.setAlignment(qt().AlignmentFlag.AlignRight)
        self.setMaximumWidth(90 if whole else 150)
        self.textEdited.connect(self._on_edited)
        self.editingFinished.connect(self._tidy)

    def setObjectName(self, name: str) -> None:  # noqa: N802 - Qt API
        """The plan path names the field: its placeholder fits it."""
        super().setObjectName(name)
        placeholder = PLACEHOLDERS.get(name.rsplit(".", 1)[-1])
        if placeholder is not None:
            self.setPlaceholderText(placeholder)

    def _field_name(self) -> str:
        return self.accessibleName() or "This field"

    def _show_refusal(self) -> None:
        reason = refusal(self.text(), whole=self.whole)
        self.message.show_message(f"{self._field_name()} {reason}." if reason else "")

    def _on_edited(self, _text: str) -> None:
        self._show_refusal()
        self.valueChanged.emit(self.entry())

    def _tidy(self) -> None:
        value = self.value()
        if value is not None and not self.whole:
            tidy = format_money(value)
            if tidy != self.text():
                self.blockSignals(True)
                self.setText(tidy)
                self.blockSignals(False)

    def value(self) -> Decimal | int | None:
        """The amount, or ``None`` when empty or refused."""
        try:
            return parse_whole(self.text()) if self.whole else parse_money(self.text())
        except ValueError:
            return None

    def entry(self) -> Decimal | int | str | None:
        """What goes into the plan: the amount, ``None`` when empty, the text itself when refused."""
        text = self.text()
        try:
            return parse_whole(text) if self.whole else parse_money(text)
        except ValueError:
            return text.strip()

    def set_value(self, value) -> None:
        self.blockSignals(True)
        if value is None:
            self.setText("")
        elif isinstance(value, bool):
            self.setText("")
        elif isinstance(value, str):
            try:
                parsed = parse_whole(value) if self.whole else parse_money(value)
            except ValueError:
                parsed = None
            self.setText(value if parsed is None else str(parsed) if self.whole else format_money(parsed))
        elif self.whole:
            self.setText(str(value) if isinstance(value, int) else format_money(value))
        else:
            self.setText(format_money(value))
        self.blockSignals(False)
        self._show_refusal()


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
