"""The PDF of a plan file with several years, or of a plan with records: the basis ledger, each year's
action plan (``render.StoryBuilder``), and for each year and person the late Forms 8606 to file, the
forms that arrived checked, and the return's lines. Layout only: every figure and sentence comes from
``core.actionplan.years`` and the report's ``records``."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

from reportlab.platypus import PageBreak, Spacer

from rothwizard.core.actionplan import money
from rothwizard.core.actionplan.years import YearsActionPlan, build_years_action_plan
from rothwizard.core.atomic import atomic_write, plain_reason
from rothwizard.core.ledger import Household
from rothwizard.core.models import Plan
from rothwizard.core.years import provisional_mark
from rothwizard.report import ExportError, paper_from_locale
from rothwizard.report.render import B, P, StoryBuilder, _table
from rothwizard.report.styles import FontMissing, stylesheet
from rothwizard.report.templates import PageCountCanvas, PlanDocTemplate

ORIGIN = {"entered": "entered", "carried": "last year's line 14", "rebuilt": "rebuilt from records",
          "none": "none"}
LINE_ORDER = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15c", "16", "17",
              "18")


def _value(v, ratio: bool = False) -> str:
    """A form line's value: line 10 as a decimal to 3 places, dollars as $7,500."""
    if v is None:
        return ""
    return f"{v:.3f}" if ratio else money(v)


class YearsStory:
    def __init__(self, yap: YearsActionPlan, width: float):
        self.yap = yap
        self.w = width
        self.story: list = []

    def add(self, *f) -> None:
        self.story.extend(f)

    def ledger(self) -> None:
        yap = self.yap
        self.add(P(yap.name, "title"),
                 P(f"Action plan for the tax years {', '.join(str(y) for y in yap.tax_years)} · made "
                   f"{yap.made_on:%B} {yap.made_on.day}, {yap.made_on.year}", "subtitle"))
        self.add(P("Basis ledger", "h1"),
                 P("Each person's Form 8606 year by year: the basis (line 14) one year carries is the next "
                   "year's line 2. A contribution made January 1 to April 15 for the earlier year stays in "
                   "that year's line 14 and is converted the next year."))
        head = ["Year", "Who", "Contributed (line 1)", "Made after Dec. 31", "Basis in (line 2)", "From",
                "Converted (line 8)", "Taxable", "Line 14 carried"]
        rows = [[P(h, "head") for h in head]]
        names = {p.role: p.person for ap in yap.years for p in ap.people}
        for r in yap.ledger:
            rows.append([B(str(r.tax_year)), P(names.get(r.who, r.who)), P(money(r.contributions), "num"),
                         P(money(r.after_year_end), "num"), P(money(r.basis_in), "num"),
                         P(ORIGIN.get(r.basis_in_origin, r.basis_in_origin), "small"),
                         P(money(r.conversions), "num"), P(money(r.taxable), "num"),
                         P(money(r.basis_carried), "numbold")])
        w = self.w
        self.add(Spacer(1, 4), _table(rows, [w * 0.07, w * 0.12] + [w * 0.11] * 3 + [w * 0.14] + [w * 0.11] * 3))
        steps = yap.steps()
        if steps:
            self.add(Spacer(1, 8), P("Every step, in order", "h2"))
            rows = [[P(h, "head") for h in ("Year", "Who", "Step", "Amount", "By")]]
            for ys in steps:
                s = ys.step
                rows.append([P(str(ys.tax_year)), P(ys.person), P(s.title), P(s.amount_text, "num"),
                             P(s.by_text if not s.due else f"{s.due:%b} {s.due.day}, {s.due.year}", "small")])
            self.add(_table(rows, [w * 0.07, w * 0.13, w * 0.45, w * 0.15, w * 0.2]))

    def records(self, index: int) -> None:
        ap = self.yap.years[index]
        for p in ap.people:
            rec = self.yap.records(index, p.role)
            if rec is None:
                continue
            if rec.basis_rebuild is not None:
                self.rebuild(p.person, rec.basis_rebuild)
            if rec.excess_correction is not None:
                fix = rec.excess_correction
                self.add(P(f"{p.person}: fixing the excess Roth contribution ({ap.tax_year})", "h2"),
                         P(fix.message), P(f"Source: {fix.source}", "note"))
            if rec.forms_check is not None:
                self.forms(p.person, ap.tax_year, rec.forms_check)

    def rebuild(self, person: str, rb) -> None:
        self.add(PageBreak(), P(f"{person}: the basis rebuilt from your records", "h1"))
        late = ", ".join(str(y) for y in rb.late_forms) or "none"
        self.add(P(f"Forms 8606 to file now: {late}. Basis carried into the plan: {money(rb.basis)}."),
                 P(rb.note, "small"), Spacer(1, 4))
        years = rb.years
        rows = [[P("Line", "head")] + [P(f"{y.tax_year}{' (file now)' if y.late else ''}", "headnum")
                                       for y in years]]
        for line in LINE_ORDER:
            key = f"line_{line}"
            values = [y.form_8606.get(key) for y in years]
            if all(v is None for v in values):
                continue
            rows.append([B(line)] + [P(_value(v, line == "10"), "num") for v in values])
        col = (self.w - 40) / max(1, len(years))
        self.add(_table(rows, [40] + [col] * len(years)), P(f"Source: {rb.source}", "note"))

    def forms(self, person: str, year: int, check) -> None:
        self.add(PageBreak(), P(f"{person}: the forms that arrived for {year}", "h1"))
        for e in check.expected:
            self.add(P(f"Expected: {e}", "bullet"))
        if check.findings:
            rows = [[P(h, "head") for h in ("Form", "Box", "What differs", "What to do")]]
            for f in check.findings:
                rows.append([B(f"{f.form}" + (f" #{f.index + 1}" if f.index >= 0 else "")), P(f.box.replace("_", " ")),
                             P(f.message), P(f.what_to_do, "small")])
            w = self.w
            self.add(Spacer(1, 4), _table(rows, [w * 0.1, w * 0.1, w * 0.38, w * 0.42]))
        else:
            self.add(P("Every form entered matches the plan."))
        rows = [[P(h, "head") for h in ("Form", "Line", "Amount", "")]]
        for r in check.return_lines:
            ratio = r.form == "Form 8606" and r.line == "10"
            rows.append([P(r.form), B(r.line), P(_value(r.amount, ratio), "num"), P(r.note, "small")])
        w = self.w
        self.add(Spacer(1, 6), P("On your return", "h2"), _table(rows, [w * 0.18, w * 0.1, w * 0.17, w * 0.55]))

    def build(self) -> list:
        if self.yap.several:
            self.ledger()
        for i, ap in enumerate(self.yap.years):
            if self.yap.several:
                self.add(PageBreak())
            self.add(*StoryBuilder(ap, self.w).build())
            self.records(i)
        return self.story


def render_years_pdf(yap: YearsActionPlan, out, paper: str = "letter") -> None:
    stylesheet()
    first = yap.years[0]
    span = sorted({yap.tax_years[0], yap.tax_years[-1]})
    years = "-".join(str(y) for y in span)
    marks = "".join(dict.fromkeys(provisional_mark(y) for y in yap.tax_years))
    doc = PlanDocTemplate(out, paper, title=f"{yap.name}: action plan {years}",
                          footer_left=f"RothWizard action plan · tax year{'s' if len(span) > 1 else ''} {years}{marks}",
                          footer_sources=yap.years[-1].footer_sources, disclaimer=first.disclaimer)
    doc.build(YearsStory(yap, doc.width).build(), canvasmaker=PageCountCanvas)


def export_years_pdf(doc: Plan | Household, path: str | os.PathLike[str], paper: str | None = None,
                     today: dt.date | None = None) -> Path:
    """Write the PDF whole or not at all; ``ExportError`` with one sentence when it cannot."""
    target = Path(path)
    paper = paper or paper_from_locale()
    if paper not in ("letter", "a4"):
        raise ExportError(f"Unknown paper size {paper!r}: use letter or a4.")
    if target.is_dir():
        raise ExportError(f"Cannot write the PDF to {target}: it is a folder.")
    buffer = io.BytesIO()
    try:
        render_years_pdf(build_years_action_plan(doc, today), buffer, paper)
    except FontMissing as exc:
        raise ExportError(f"Cannot make the PDF: {exc}") from exc
    try:
        atomic_write(target, buffer.getvalue())
    except OSError as exc:
        raise ExportError(f"Cannot write the PDF to {target}: {plain_reason(exc)}.") from exc
    return target


def export_for_wizard(earlier: list, plan: Plan, compute_plan, path: str, paper: str) -> Path:
    """The wizard's Export PDF: the year edited alone, or with the earlier years of its file."""
    if not earlier:
        from rothwizard.core.actionplan.years import needs_years_export
        from rothwizard.report import export_pdf

        report = compute_plan(plan)
        if not needs_years_export(plan, report):
            return export_pdf(plan, report, path, paper=paper)
        return export_years_pdf(plan, path, paper=paper)
    from rothwizard.core.ledger import entries_of, household_from_data

    year = entries_of(plan)
    household = household_from_data({"schema_version": 1, "years": [*earlier, year]}, strict=False)
    return export_years_pdf(household, path, paper=paper)
