"""The summary page and the PDF say the same plan: every section the printed plan adds (money for the
year with the IRC 415(c) sum, per paycheck and cash needed; the conversion tax and how to pay it; the
rules; the questions for HR; the Roth destination choice; the IRS sources) is on the summary page with
the same words and amounts, each amount the summary page shows is in the PDF, the sources are links, and
the page shows no horizontal scroll bar when its text fits."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from rothwizard.core.actionplan.model import money
from rothwizard.core.flow import Step
from rothwizard.report import render_bytes

REPO = Path(__file__).resolve().parents[2]
# The single-year examples (the years-* files hold several years, each with its own plan).
EXAMPLES = sorted(p for p in (REPO / "examples").glob("*.rothplan.json") if "years" not in json.loads(p.read_text()))
AMOUNT = re.compile(r"\$\d[\d,]*(?:\.\d\d)?")


def _flat(text: str) -> str:
    """Text without its line breaks, spaces or soft characters: the PDF wraps lines where the page ends."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def _printed_items(ap) -> tuple[list[str], list[str]]:
    """Every sentence and every amount of the printed sections (``ap.extras``), as the PDF prints them."""
    ex = ap.extras
    texts, amounts = [], []
    for person in ap.people:
        m, tax = ex.money.get(person.role), ex.tax.get(person.role)
        if m is not None and (m.additions or m.cash):
            for row in m.additions + m.cash:
                texts.append(row.label + (f" ({row.note})" if row.note else ""))
                amounts.append(row.text)
            if m.additions:
                texts.append(m.sum_text)
                amounts += [money(m.limit)] + ([money(m.total_into_plan)] if m.catch_up else [])
                if m.per_paycheck is not None:
                    amounts.append(money(m.per_paycheck))
            if m.cash:
                amounts.append(money(m.cash_total))
        if tax is not None:
            texts += [tax.cost_text, *tax.how_to_pay]
            amounts.append(money(tax.taxable))
        if person.features:  # the PDF prints the HR questions with the plan's features
            texts += list(ex.hr_questions.get(person.role, ()))
            texts += list(ex.destination.get(person.role) or ())
    for rule in ex.rules:
        texts += [rule.title, rule.text, rule.source]
    texts += [s.text for s in ex.sources]
    return texts, amounts


def _summary(qtbot, path: Path):
    from rothwizard.gui import create_wizard

    wizard = create_wizard(json.loads(path.read_text()))
    qtbot.addWidget(wizard)
    wizard.go_to(Step.SUMMARY)
    assert wizard.currentId() == Step.SUMMARY
    return wizard, wizard.currentPage()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.removesuffix(".rothplan.json"))
def test_summary_shows_what_the_pdf_prints(qtbot, dialogs, path):
    _wizard, page = _summary(qtbot, path)
    ap = page.action_plan
    assert ap is not None and ap.extras is not None
    shown = " ".join(page.view.toPlainText().split())
    pdf = _flat(" ".join(pg.extract_text() for pg in PdfReader(io.BytesIO(render_bytes(ap))).pages))
    texts, amounts = _printed_items(ap)
    assert texts and amounts
    for text in texts:  # the PDF prints it, and the summary page shows it in the same words
        assert _flat(text) in pdf, text
        assert " ".join(text.split()) in shown, text
    for amount in amounts:
        assert amount in pdf and amount in shown, amount
    # Vice versa: every amount on the summary page's plan text is in the PDF.
    missing = sorted({a for a in AMOUNT.findall(shown) if a not in pdf})
    assert not missing, missing
    # The sources open in the system browser: links on the page, none fetched by the app.
    html = page.view.toHtml()
    for source in ap.extras.sources:
        assert f'href="{source.url}"' in html, source.url
    assert page.view.openExternalLinks()


def test_the_married_example_shows_both_people_money_and_the_tax_range(qtbot, dialogs):
    """Figures worked by hand from the example's entries (tax-rules.md; IRC 415(c), IRC 1(j) brackets)."""
    _wizard, page = _summary(qtbot, REPO / "examples" / "married-both-strategies.rothplan.json")
    shown = " ".join(page.view.toPlainText().split())
    # You: deferrals $24,500 + employer $28,800 + after-tax $18,700 = the 2026 415(c) limit of $72,000
    # (IRS Notice 2025-67), with the $8,000 catch-up on top (IRC 414(v)): $80,000 into the 401(k).
    assert "$24,500 + $28,800 + $18,700 = $72,000; catch-ups on top: $8,000, $80,000 in all" in shown
    # Your spouse: $4,545 of the conversion is taxable (Form 8606 line 18); no marginal rate entered,
    # so 22% and 37% of it: $999.90 -> $1,000 and $1,681.65 -> $1,682.
    assert "Tax on the taxable conversion of $4,545: $1,000 at 22% to $1,682 at 37%" in shown
    # Cash: the $5,000 IRA contribution plus the tax: $6,000 to $6,682.
    assert "Total cash needed $6,000 to $6,682" in shown
    assert "Rules to know before you start" in shown and "A conversion cannot be undone" in shown


def test_no_horizontal_scroll_bar_when_the_plan_fits(qtbot, dialogs):
    wizard, page = _summary(qtbot, REPO / "examples" / "single-pre-tax-ira.rothplan.json")
    wizard.show()
    bar = page.view.horizontalScrollBar()
    for width in (1300, 1000, 800, 1100, 900):  # narrowing after a wider layout once left a stale range
        wizard.resize(width, 800)
        qtbot.waitUntil(lambda w=width: wizard.width() == w or wizard.width() > w)
        doc = page.view.document()
        assert doc.idealWidth() <= page.view.viewport().width()  # the text fits
        assert bar.maximum() == 0, width


def test_a_source_link_opens_in_the_system_browser(qtbot, dialogs):
    """A click on a source hands its irs.gov address to the desktop (QDesktopServices); the page itself
    loads nothing and keeps showing the plan."""
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices, QTextCursor

    class Catcher(QObject):
        def __init__(self):
            super().__init__()
            self.urls = []

        @Slot(QUrl)
        def open(self, url):
            self.urls.append(url.toString())

    wizard, page = _summary(qtbot, REPO / "examples" / "single-pre-tax-ira.rothplan.json")
    wizard.resize(1000, 800)
    wizard.show()
    source = page.action_plan.extras.sources[2]  # Form 8606 and its instructions
    view = page.view
    view.moveCursor(QTextCursor.MoveOperation.Start)
    assert view.find(source.text)
    view.ensureCursorVisible()
    rect = view.cursorRect()
    before = view.toPlainText()
    catcher = Catcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    try:
        from PySide6.QtCore import QPoint, Qt

        at = QPoint(rect.left() - 40, rect.center().y())  # within the link's words
        assert view.anchorAt(at) == source.url
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert catcher.urls == [source.url]
    assert view.toPlainText() == before and view.source().isEmpty()
