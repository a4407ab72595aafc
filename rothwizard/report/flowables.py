"""Small flowables: an interactive tick box that also prints as a box, and a fillable date field."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFString
from reportlab.platypus import Flowable

from rothwizard.report.styles import INK


def checkbox_name(role: str, step_id: str) -> str:
    """The AcroForm field name of a step's tick box: ``you_backdoor_convert``.

    Dots would make a field hierarchy in PDF, so they become underscores."""
    return f"{role}_{step_id.replace('.', '_')}"


class TickBox(Flowable):
    """An AcroForm checkbox with a visible border, ticked when the step is done.

    A plain square is drawn underneath as well, so the box prints even from a viewer that drops
    form fields."""

    def __init__(self, name: str, checked: bool, size: float = 12, tooltip: str | None = None):
        super().__init__()
        self.name = name
        self.checked = checked
        self.size = size
        self.tooltip = tooltip or name
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.8)
        canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        canv.restoreState()
        canv.acroForm.checkbox(
            name=self.name, tooltip=self.tooltip, checked=self.checked, buttonStyle="check",
            size=self.size, x=0, y=0, relative=True, borderColor=INK, fillColor=colors.white,
            textColor=INK, borderWidth=0.8, forceBorder=True, fieldFlags="",
        )


def _js(code: str) -> PDFDictionary:
    return PDFDictionary({"S": PDFName("JavaScript"), "JS": PDFString(code)})


class DateField(Flowable):
    """A fillable "Done on" date field (AcroForm text field with the viewer's date format and keystroke
    check, mm/dd/yyyy), prefilled with the date a ticked step was done. A line is drawn under it so a
    pen has a place on paper."""

    FORMAT = "mm/dd/yyyy"

    def __init__(self, name: str, value: str = "", width: float = 54, height: float = 12,
                 tooltip: str | None = None):
        super().__init__()
        self.name, self.value, self.tooltip = name, value, tooltip or name
        self.width, self.height = width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.5)
        canv.line(0, 0, self.width, 0)
        canv.restoreState()
        form = canv.acroForm
        original = canv._addAnnotation

        def add_with_date_actions(annotation, name=None, addtopage=1):
            annotation.dict["AA"] = PDFDictionary({
                "F": _js(f'AFDate_FormatEx("{self.FORMAT}");'),
                "K": _js(f'AFDate_KeystrokeEx("{self.FORMAT}");'),
            })
            return original(annotation, name, addtopage)

        canv._addAnnotation = add_with_date_actions
        try:
            form.textfield(name=self.name, value=self.value, tooltip=self.tooltip, x=0, y=0, relative=True,
                           width=self.width, height=self.height, fontSize=7, borderWidth=0,
                           fillColor=colors.white, textColor=INK, maxlen=20, fieldFlags="")
        finally:
            canv._addAnnotation = original
