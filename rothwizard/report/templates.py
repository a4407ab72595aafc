"""The page template: margins, and the furniture drawn on every page in ``onPage``: the plan's name,
"not tax advice", the year's IRS sources and "Page x of y"."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from rothwizard import __version__
from rothwizard.report.styles import FONT, FONT_BOLD, GREY, RULE

PAPERS = {"letter": LETTER, "a4": A4}
MARGIN = 16 * mm
FOOTER = 15 * mm
TOTAL_FORM = "rw_page_total"


class PageCountCanvas(Canvas):
    """Writes the page total into a form XObject at the end, so "of y" needs only one pass.

    Starts in the bundled font, so no unembedded Helvetica is referenced on any page."""

    def __init__(self, *args, **kw):
        kw["initialFontName"] = kw.get("initialFontName") or FONT
        super().__init__(*args, **kw)

    def save(self) -> None:
        total = self.getPageNumber() - 1
        self.beginForm(TOTAL_FORM)
        self.setFont(FONT, 7)
        self.setFillColor(GREY)
        self.drawString(0, 0, str(total))
        self.endForm()
        super().save()


class PlanDocTemplate(BaseDocTemplate):
    def __init__(self, out, paper: str, title: str, footer_left: str, footer_sources: str,
                 disclaimer: str, **kw):
        size = PAPERS[paper]
        super().__init__(out, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN + FOOTER, title=title, author="RothWizard",
                         subject=footer_left,
                         **{"creator": f"RothWizard {__version__}", "lang": "en-US", **kw})
        self.footer_left = footer_left
        self.footer_sources = footer_sources
        self.disclaimer = disclaimer
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._furniture)])

    def _furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, _height = doc.pagesize
        left, right = doc.leftMargin, width - doc.rightMargin
        top = MARGIN + FOOTER - 4 * mm
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(left, top, right, top)
        canv.setFillColor(GREY)
        canv.setFont(FONT_BOLD, 7)
        canv.drawString(left, top - 9, _fit(canv, self.disclaimer, right - left - 70, FONT_BOLD))
        canv.setFont(FONT, 7)
        canv.drawString(left, top - 18, _fit(canv, f"{self.footer_left} · IRS sources: {self.footer_sources}",
                                             right - left))
        label = f"Page {canv.getPageNumber()} of "
        x = right - canv.stringWidth("999", FONT, 7) - canv.stringWidth(label, FONT, 7)
        canv.drawString(x, top - 9, label)
        canv.translate(x + canv.stringWidth(label, FONT, 7), top - 9)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()


def _fit(canv: Canvas, text: str, width: float, font: str = FONT) -> str:
    """Shorten a footer line with an ellipsis so it never runs into the page number."""
    if canv.stringWidth(text, font, 7) <= width:
        return text
    while text and canv.stringWidth(text + "…", font, 7) > width:
        text = text[:-1]
    return text + "…"
