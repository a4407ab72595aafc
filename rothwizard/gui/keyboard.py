"""Keyboard use of the wizard: one Alt+letter per control on a page (the wizard's own buttons included),
the page's fields before the wizard's buttons in tab order, and the first field focused on each page.

Labels choose their letters (``&`` in the text); where two controls on a page would share a letter, the
later one (in reading order) takes another letter of its own text, or none if every letter is taken, so
Alt+letter never cycles between controls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QTextEdit,
    QWidget,
    QWizard,
)

# The wizard's buttons in the order they sit in the button row (RothWizard.setButtonLayout).
BUTTON_ORDER = (
    QWizard.WizardButton.HelpButton, QWizard.WizardButton.CustomButton1, QWizard.WizardButton.CustomButton2,
    QWizard.WizardButton.CustomButton3, QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
    QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton,
)


def mnemonic(text: str) -> str | None:
    """The lower-case letter after a single ``&`` ("Save &As" -> "a"); ``&&`` is a literal ampersand."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def strip_mnemonic(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            out.append("&" if text[i + 1] == "&" else "")
            i += 2 if text[i + 1] == "&" else 1
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with its ``&`` on a letter not in ``taken``: its own if free, else a word's first letter,
    else any letter; none if every letter is taken."""
    plain = strip_mnemonic(text)
    own = mnemonic(text)
    if own is not None and own not in taken:
        return text
    starts = [i for i, c in enumerate(plain) if c.isalpha() and (i == 0 or not plain[i - 1].isalnum())]
    rest = [i for i, c in enumerate(plain) if c.isalpha() and i not in starts]
    for i in starts + rest:
        if plain[i].lower() not in taken and plain[i].isascii():
            return _insert(plain, i)
    return plain.replace("&", "&&")


def _insert(plain: str, i: int) -> str:
    escaped_before = plain[:i].replace("&", "&&")
    escaped_after = plain[i:].replace("&", "&&")
    return escaped_before + "&" + escaped_after


def _text_of(widget: QWidget) -> str | None:
    if isinstance(widget, QAbstractButton | QLabel):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return None


def _set_text(widget: QWidget, text: str) -> None:
    if isinstance(widget, QGroupBox):
        widget.setTitle(text)
    else:
        widget.setText(text)


def wizard_buttons(wizard: QWizard) -> list[QAbstractButton]:
    """The wizard's buttons, in the order of the button row. Each shows on some page (Back and Finish
    not on every one), so each keeps its letter on every page."""
    return [b for b in (wizard.button(which) for which in BUTTON_ORDER) if b is not None and b.text()]


def page_controls(page: QWidget) -> list[QWidget]:
    """The page's controls that can carry a mnemonic: buttons, group boxes, and labels with a buddy."""
    out = []
    for widget in page.findChildren(QWidget):
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        text = _text_of(widget)
        if text and "&" in text:
            out.append(widget)
    return out


def make_unique(page: QWidget, reserved: set[str]) -> None:
    """Give every control on ``page`` its own letter, ``reserved`` (the wizard's buttons) excluded."""
    taken = set(reserved)
    for widget in page_controls(page):
        text = _text_of(widget) or ""
        fixed = with_mnemonic(text, taken)
        if fixed != text:
            _set_text(widget, fixed)
        letter = mnemonic(fixed)
        if letter:
            taken.add(letter)


def reserved_letters(wizard: QWizard) -> set[str]:
    return {m for b in wizard_buttons(wizard) if (m := mnemonic(b.text()))}


def focus_chain(start: QWidget) -> list[QWidget]:
    out, widget = [], start.nextInFocusChain()
    while widget is not None and widget is not start and len(out) < 10000:
        out.append(widget)
        widget = widget.nextInFocusChain()
    return out


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def order_tabs(wizard: QWizard) -> None:
    """Tab order: each page's fields in reading order, then the wizard's buttons in the row's order."""
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        scroll = getattr(page, "scroll", None)
        if scroll is not None:  # the page's scroll area is no tab stop: Tab goes to the first field
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for text in page.findChildren(QTextEdit):  # Tab leaves a text view (not: next link, or a tab)
            text.setTabChangesFocus(True)
        for view in page.findChildren(QAbstractItemView):  # and a table or list (arrows move inside)
            view.setTabKeyNavigation(False)
    chain = focus_chain(wizard)
    buttons = [b for b in (wizard.button(w) for w in BUTTON_ORDER) if b is not None]
    ordered: list[QWidget] = []
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        ordered += [w for w in chain if page.isAncestorOf(w) and takes_tab(w)]
    ordered += buttons
    for first, second in zip(ordered, ordered[1:], strict=False):
        QWidget.setTabOrder(first, second)


def first_field(page: QWidget) -> QWidget | None:
    """The first control on the page a person would fill in (visible, enabled, takes Tab)."""
    for widget in focus_chain(page):
        if not page.isAncestorOf(widget):
            continue
        if takes_tab(widget) and widget.isVisibleTo(page) and widget.isEnabled():
            return widget
    return None
