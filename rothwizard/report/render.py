"""Story assembly: turns a finished ``ActionPlan`` into platypus flowables. Layout only: every figure
and sentence comes from the view model (``rothwizard.core.actionplan``)."""

from __future__ import annotations

from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from rothwizard.core.actionplan import ActionPlan, Checklist, FormPreview, PersonPlan, long_date
from rothwizard.core.years import provisional_mark
from rothwizard.report.flowables import TickBox
from rothwizard.report.styles import FONT, FONT_BOLD, INK, RULE, SHADE, stylesheet
from rothwizard.report.templates import PlanDocTemplate

GRID = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),  # tables otherwise set Helvetica, an unembedded font
    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]
HEADER_ROW = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK)]


def P(text: str, style: str = "cell") -> Paragraph:  # noqa: N802 - reads like a tag in story code
    return Paragraph(escape(text), stylesheet()[style])


def B(text: str) -> Paragraph:  # noqa: N802
    return P(text, "cellbold")


def _table(rows: list, widths: list[float], header: bool = True, extra: list | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    table.setStyle(TableStyle(GRID + (HEADER_ROW if header else []) + (extra or [])))
    return table


class StoryBuilder:
    def __init__(self, plan: ActionPlan, width: float):
        self.ap = plan
        self.w = width
        self.story: list = []

    def add(self, *flowables) -> None:
        self.story.extend(flowables)

    def heading(self, text: str, level: str = "h1", room: float = 90) -> None:
        """A heading that never sits alone at the foot of a page: it needs ``room`` points below it."""
        self.add(CondPageBreak(room), P(text, level))

    # ------------------------------------------------------------------ cover
    def cover(self) -> None:
        ap = self.ap
        self.add(P(ap.name, "title"),
                 P(f"Backdoor Roth and Mega Backdoor Roth action plan · tax year {ap.tax_year} · "
                   f"made {ap.made_on_text}", "subtitle"))
        box = Table([[P(ap.recommendation, "lead")]], colWidths=[self.w])
        box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("BOX", (0, 0), (-1, -1), 1.2, INK),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 8),
                                 ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        self.add(box, Spacer(1, 8))
        self.read_first()
        self.add(Spacer(1, 4), P("Key figures", "h2"))
        people = ap.people
        label_w = self.w * 0.3
        col = (self.w - label_w) / len(people)
        rows = [[P("", "head")] + [P(p.person, "headnum") for p in people]]
        for i, fig in enumerate(people[0].figures):
            cells = [B(fig.label)]
            for p in people:
                f = p.figures[i]
                cells.append([P(f.text, "numbold"), P(f.note, "note")])
            rows.append(cells)
        self.add(_table(rows, [label_w] + [col] * len(people)))
        skipped = [(p, s) for p in people for s in p.skipped]
        if skipped:
            self.add(Spacer(1, 8), P("Not in this plan", "h2"))
            for p, s in skipped:
                self.add(P(f"{p.person}: {s}", "bullet"))
        self.add(Spacer(1, 8), P("How to use this plan", "h2"))
        for line in (
            "Work through each checklist in order and tick each step when it is done (on screen or with a "
            "pen). The amounts, places and dates are those of your plan.",
            "Read the warnings before you start: they say what could make part of the money taxable.",
            "Keep this plan with your tax records for the year, with the forms listed at the end.",
        ):
            self.add(P(line, "bullet"))

    def read_first(self) -> None:
        """The pro rata tax with its choices, entries that depart from the recommendation, questions
        to settle first: before any checklist."""
        first = ("pro_rata", "entry_differs", "ask_plan", "plan_chosen", "direct_option")
        alerts = [a for a in self.ap.alerts if a.code in first]
        if not alerts:
            return
        self.add(P("Read this first", "h2"))
        rows = []
        for a in alerts:
            cell = [B(f"{a.person}: {a.title}"), P(a.text, "small")]
            cell += [P(f"{n}. {c}", "small") for n, c in enumerate(a.choices, 1)]
            if a.source:
                cell.append(P(f"Source: {a.source}", "note"))
            rows.append([cell])
        table = Table(rows, colWidths=[self.w], hAlign="LEFT")
        table.setStyle(TableStyle(GRID + [("BOX", (0, 0), (-1, -1), 1.2, INK),
                                          ("BACKGROUND", (0, 0), (-1, -1), SHADE)]))
        self.add(table, Spacer(1, 8))

    # ------------------------------------------------------------------ inputs
    def inputs(self) -> None:
        """Every entry, per person with the person's name, so a tax professional can check it."""
        self.add(PageBreak())
        self.heading("Your inputs")
        self.add(P("What the plan was made from, as entered. \u201crecommended\u201d: left empty, so RothWizard "
                   "used its recommendation (shown in the checklists and Form 8606)."))
        w = self.w
        rows = [[B(r.label), P(r.values[0])] for r in self.ap.household]
        self.add(Spacer(1, 4), _table(rows, [w * 0.4, w * 0.6], header=False))
        people = self.ap.people
        col = (w * 0.6) / len(people)
        rows = [[P("Entry", "head")] + [P(p.person, "head") for p in people]]
        rows += [[P(r.label)] + [P(v) for v in r.values] for r in self.ap.inputs]
        self.add(Spacer(1, 8), _table(rows, [w * 0.4] + [col] * len(people)))

    # ------------------------------------------------------------------ checklists
    def checklist(self, person: PersonPlan, cl: Checklist) -> None:
        owner = {"You": "Your", "Your spouse": "Your spouse's"}.get(person.person, f"{person.person}'s")
        self.heading(f"{owner} checklist: {cl.title}", room=230)
        self.add(P(cl.intro), Spacer(1, 4))
        w = self.w
        widths = [18, w * 0.37, w * 0.14, w * 0.2, w * 0.29 - 18]
        rows = [[P("", "head"), P("Step and what to watch", "head"), P("Amount", "head"),
                 P("Where", "head"), P("By when", "head")]]
        for n, step in enumerate(cl.steps, 1):
            what = [B(f"{n}. {step.title}")] + [P(f"• {w_}", "small") for w_ in step.watch]
            what.append(P(f"Source: {step.source}", "note"))
            when = [P(step.by_text)]
            if step.done:
                done = f"Done {long_date(step.done_on)}" if step.done_on else "Done"
                when.append(P(done, "cellbold"))
            elif step.overdue:
                when.append(P("The due date has passed", "cellbold"))
            else:
                when.append(P("Done on: ____________", "note"))
            box = TickBox(step.id, step.done,
                          tooltip=f"{person.person}: {step.title}")
            rows.append([box, what, P(step.amount_text, "numbold" if step.amount else "cell"),
                         P(step.where), when])
        self.add(_table(rows, widths, extra=[("TOPPADDING", (0, 1), (0, -1), 5)]))

    # ------------------------------------------------------------------ plan features
    def features(self) -> None:
        people = [p for p in self.ap.people if p.features]
        if not people:
            return
        self.heading("Employer plan features")
        self.add(P("A Mega Backdoor Roth needs after-tax contributions and a way to move them to Roth. "
                   "Where the answer is “Not sure”, ask HR or the plan administrator the question shown."))
        w = self.w
        for p in people:
            rows = [[P("Question", "head"), P("Answer", "head"), P("Why it matters / ask HR", "head")]]
            for q in p.features:
                detail = [P(q.why, "small")]
                if q.ask_hr:
                    detail.append(P(f"Ask: “{q.ask_hr}”", "cellbold"))
                rows.append([P(q.question), B(q.answer), detail])
            self.add(KeepTogether([P(f"{p.person}: {p.plan_type}", "h2"),
                                   _table(rows, [w * 0.38, w * 0.12, w * 0.5])]))

    # ------------------------------------------------------------------ warnings, timeline
    def warnings(self) -> None:
        self.heading("Warnings")
        if not self.ap.warnings:
            self.add(P("None for this plan."))
            return
        w = self.w
        rows = [[P("Who", "head"), P("Warning", "head"), P("Source", "head")]]
        for n in self.ap.warnings:
            rows.append([B(n.person), P(n.message), P(n.source, "small")])
        self.add(_table(rows, [w * 0.13, w * 0.6, w * 0.27]))

    def timeline(self) -> None:
        self.heading(f"Timeline for tax year {self.ap.tax_year}")
        w = self.w
        rows = [[P("Date", "head"), P("What happens", "head"), P("Source", "head")]]
        for e in self.ap.timeline:
            rows.append([B(e.day_text), [B(e.title), P(e.detail, "small")], P(e.source, "small")])
        self.add(_table(rows, [w * 0.2, w * 0.55, w * 0.25]))

    # ------------------------------------------------------------------ reporting preview
    def reporting(self) -> None:
        self.add(PageBreak())
        self.heading("Reporting preview: what to file and what to expect")
        each = " (one for each spouse)" if len(self.ap.people) > 1 else ""
        self.add(P(f"Form 8606{each}, lines 1 to 18 as they follow from your plan. File it with your "
                   f"Form 1040."))
        people = self.ap.people
        w = self.w
        num_w = w * 0.16
        rows = [[P("Line", "head"), P("What it is", "head")] + [P(p.person, "headnum") for p in people]]
        for i, line in enumerate(people[0].form_8606.lines):
            rows.append([B(line.line), P(line.label)] +
                        [P(p.form_8606.lines[i].value, "num") for p in people])
        label_w = w - 34 - num_w * len(people)
        bold_rows = [i + 1 for i, ln in enumerate(people[0].form_8606.lines) if ln.line in ("14", "18")]
        extra = [("FONTNAME", (2, r), (-1, r), FONT_BOLD) for r in bold_rows]
        extra += [("BACKGROUND", (0, r), (-1, r), SHADE) for r in bold_rows]
        self.add(Spacer(1, 4), _table(rows, [34, label_w] + [num_w] * len(people), extra=extra))
        notes = {}
        for p in people:
            for note in p.form_8606.notes:
                notes.setdefault(note, []).append(p.person)
        for note, who in notes.items():
            prefix = f"{' and '.join(who)}: " if len(people) > 1 and len(who) < len(people) else ""
            self.add(P(f"• {prefix}{note}", "small"))
        for p in people:
            if not p.forms:
                continue
            owner = {"You": "you", "Your spouse": "your spouse"}.get(p.person, p.person)
            self.heading(f"Forms to expect for {owner}", "h2")
            for form in p.forms:
                self.add(self._form(form))

    def _form(self, form: FormPreview) -> KeepTogether:
        w = self.w
        rows = [[P("Box", "head"), P("What it is", "head"), P("Expected", "head")]]
        for line in form.lines:
            rows.append([B(line.line), P(line.label), P(line.value)])
        parts = [P(f"{form.form} {form.title}", "cellbold"), P(f"From the {form.issuer}.", "note"),
                 Spacer(1, 2), _table(rows, [w * 0.08, w * 0.47, w * 0.45]), Spacer(1, 2)]
        parts += [P(f"• {n}", "small") for n in form.notes]
        return KeepTogether(parts + [Spacer(1, 6)])

    # ------------------------------------------------------------------ records, sources
    def records(self) -> None:
        self.heading("Records to keep")
        for r in self.ap.records:
            self.add(P(f"☐ {r}", "bullet"))
        self.heading(f"IRS sources for {self.ap.tax_year}", "h2")
        for s in self.ap.sources:
            self.add(P(f"• {s}", "small"))
        self.add(Spacer(1, 8), P(self.ap.disclaimer, "note"))

    def build(self) -> list:
        self.cover()
        for p in self.ap.people:
            for cl in p.checklists:
                self.checklist(p, cl)
        self.features()
        self.warnings()
        self.timeline()
        self.reporting()
        self.inputs()
        self.records()
        return self.story


def render_pdf(plan: ActionPlan, out: BinaryIO, paper: str = "letter") -> None:
    """Write the PDF for a finished action plan to a binary stream."""
    stylesheet()
    doc = PlanDocTemplate(out, paper, title=f"{plan.name}: action plan {plan.tax_year}",
                          footer_left=f"RothWizard action plan · tax year {plan.tax_year}"
                                      f"{provisional_mark(plan.tax_year)}",
                          footer_sources=plan.footer_sources, disclaimer=plan.disclaimer)
    from rothwizard.report.templates import PageCountCanvas

    doc.build(StoryBuilder(plan, doc.width).build(), canvasmaker=PageCountCanvas)
