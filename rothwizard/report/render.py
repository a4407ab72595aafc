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

from rothwizard import __version__
from rothwizard.core.actionplan import ActionPlan, Checklist, FormPreview, PersonPlan, long_date, money
from rothwizard.core.years import provisional_mark
from rothwizard.report.flowables import DateField, TickBox
from rothwizard.report.styles import FONT, FONT_BOLD, INK, RULE, SHADE, UNPRINTABLE, printable, stylesheet
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


_LOST: list[bool] = []  # set while a story is built: some text could not be printed


def P(text: str, style: str = "cell") -> Paragraph:  # noqa: N802 - reads like a tag in story code
    markup, lost = printable(text)
    if lost:
        _LOST.append(True)
    return Paragraph(markup, stylesheet()[style])


def link(text: str, url: str, style: str = "small") -> Paragraph:
    """A source with its irs.gov address as a link annotation (the address printed too)."""
    return Paragraph(f'{escape(text)}: <a href="{escape(url)}" color="black"><u>{escape(url)}</u></a>',
                     stylesheet()[style])


def keep(*flowables) -> KeepTogether:
    return KeepTogether(list(flowables))


def B(text: str) -> Paragraph:  # noqa: N802
    return P(text, "cellbold")


def _table(rows: list, widths: list[float], header: bool = True, extra: list | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    table.setStyle(TableStyle(GRID + (HEADER_ROW if header else []) + (extra or [])))
    return table


class StoryBuilder:
    def __init__(self, plan: ActionPlan, width: float, height: float = 600):
        self.ap = plan
        self.w = width
        self.h = height
        self.story: list = []

    def add(self, *flowables) -> None:
        self.story.extend(flowables)

    def heading(self, text: str, level: str = "h1", room: float = 90) -> None:
        """A heading that never sits alone at the foot of a page: it needs ``room`` points below it."""
        self.add(CondPageBreak(room), P(text, level))

    def section(self, head: list, table: Table | None = None, rows_kept: int = 2, whole: float = 0.45) -> None:
        """A heading (and its intro) kept with what follows: a short table whole, a long one with at
        least its header and ``rows_kept`` rows (its header repeats on every page it runs to)."""
        if table is None:
            self.add(KeepTogether(head))
            return
        _w, total = table.wrap(self.w, self.h)
        need_all = total + sum(f.wrap(self.w, self.h)[1] for f in head)
        if total <= self.h * whole and need_all <= self.h:
            self.add(KeepTogether(head + [table]))
            return
        need = sum(f.wrap(self.w, self.h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
        need += sum(table._rowHeights[: rows_kept + 1]) + 6
        self.add(CondPageBreak(need), *head, table)

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
        self.section([Spacer(1, 4), P("Key figures", "h2")], _table(rows, [label_w] + [col] * len(people)))
        skipped = [(p, s) for p in people for s in p.skipped]
        if skipped:
            self.add(KeepTogether([Spacer(1, 8), P("Not in this plan", "h2")]
                                  + [P(f"{p.person}: {s}", "bullet") for p, s in skipped]))
        lines = [
            "Work through each checklist in order. Tick each step when it is done and write the date in "
            "\u201cDone on\u201d (on screen or with a pen). The amounts, places and dates are those of your plan.",
            "Read the warnings and the rules before you start: they say what could make part of the money "
            "taxable.",
            "Keep this plan with your tax records for the year, with the forms listed at the end.",
        ]
        self.add(KeepTogether([Spacer(1, 8), P("How to use this plan", "h2")] + [P(x, "bullet") for x in lines]))

    def read_first(self) -> None:
        """The pro rata tax with its choices, entries that depart from the recommendation, questions
        to settle first: before any checklist."""
        first = ("pro_rata", "entry_differs", "ask_plan", "plan_chosen", "direct_option")
        alerts = [a for a in self.ap.alerts if a.code in first]
        if not alerts:
            return
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
        self.section([P("Read this first", "h2")], table, rows_kept=1)
        self.add(Spacer(1, 8))

    # ------------------------------------------------------------------ inputs
    def inputs(self) -> None:
        """Every entry, per person with the person's name, so a tax professional can check it."""
        self.add(PageBreak())
        w = self.w
        rows = [[B(r.label), P(r.values[0])] for r in self.ap.household]
        head = [P("Your inputs", "h1"),
                P("What the plan was made from, as entered. \u201crecommended\u201d: left empty, so RothWizard "
                  "used its recommendation (shown in the checklists and Form 8606)."), Spacer(1, 4),
                _table(rows, [w * 0.4, w * 0.6], header=False), Spacer(1, 8)]
        people = self.ap.people
        col = (w * 0.6) / len(people)
        rows = [[P("Entry", "head")] + [P(p.person, "head") for p in people]]
        rows += [[P(r.label)] + [P(v) for v in r.values] for r in self.ap.inputs]
        self.section(head, _table(rows, [w * 0.4] + [col] * len(people)))

    # ------------------------------------------------------------------ checklists
    def checklist(self, person: PersonPlan, cl: Checklist) -> None:
        """One row per step: the tick box with its "Done on" date field, then the step read top to
        bottom (title, amount, where, by when, what to watch, source), so copied text and screen
        readers take each step whole."""
        owner = {"You": "Your", "Your spouse": "Your spouse's"}.get(person.person, f"{person.person}'s")
        w = self.w
        left = 62
        rows = [[P("Done", "head"), P("Step, amount, where, by when, and what to watch", "head")]]
        for n, step in enumerate(cl.steps, 1):
            what = [B(f"{n}. {step.title}")]
            facts = []
            if step.amount_text:
                facts.append(f"Amount: {step.amount_text}")
            facts.append(f"Where: {step.where}")
            facts.append(f"By: {step.by_text}")
            what.append(P(" · ".join(facts), "cell"))
            if step.done:
                what.append(P(f"Done {long_date(step.done_on)}" if step.done_on else "Done", "cellbold"))
            elif step.overdue:
                what.append(P("The due date has passed.", "cellbold"))
            what += [P(f"• {w_}", "small") for w_ in step.watch]
            what.append(P(f"Source: {step.source}", "note"))
            done_on = long_date(step.done_on) if step.done and step.done_on else ""
            box = [TickBox(step.id, step.done, tooltip=f"{person.person}: {step.title}"), Spacer(1, 3),
                   P("Done on", "note"),
                   DateField(f"{step.id}_done_on", done_on, width=left - 8,
                             tooltip=f"Date done: {step.title}")]
            rows.append([box, what])
        table = _table(rows, [left, w - left], extra=[("TOPPADDING", (0, 1), (0, -1), 5)])
        # A checklist that fits on a page is never split (no step alone on a page).
        self.section([P(f"{owner} checklist: {cl.title}", "h1"), P(cl.intro), Spacer(1, 4)], table, whole=1.0)

    # ------------------------------------------------------------------ money, tax, rules
    def money(self) -> None:
        ex = self.ap.extras
        if ex is None:
            return
        w = self.w
        first = True
        for p in self.ap.people:
            m = ex.money.get(p.role)
            tax = ex.tax.get(p.role)
            if m is None or (not m.additions and not m.cash):
                continue
            parts = []
            if first:
                parts += [P("Money for the year", "h1"),
                          P("The sums behind the checklists, so each figure can be checked.")]
                first = False
            parts.append(P(f"{p.person}", "h2"))
            if m.additions:
                rows = [[P(f"Annual additions to the {m.plan_label} (IRC 415(c))", "head"), P("Amount", "headnum")]]
                rows += [[P(r.label), P(r.text, "num")] for r in m.additions]
                rows.append([B("= annual additions limit"), P(money(m.limit), "numbold")])
                if m.catch_up:
                    rows.append([P("Catch-up contributions, on top of the limit (IRC 414(v))"),
                                 P(money(m.catch_up), "num")])
                    rows.append([B("Total into the plan"), P(money(m.total_into_plan), "numbold")])
                parts += [_table(rows, [w * 0.75, w * 0.25],
                                 extra=[("LINEABOVE", (0, len(m.additions) + 1), (-1, len(m.additions) + 1),
                                         0.8, INK)]),
                          P(m.sum_text, "small")]
                if m.per_paycheck is not None:
                    how = (f"{m.paychecks} biweekly paychecks left (assumed; enter the paychecks left for "
                           f"your own figure)" if m.paychecks_assumed else f"{m.paychecks} paychecks left")
                    parts.append(P(f"After-tax contribution per paycheck: {money(m.per_paycheck)} "
                                   f"({money(m.after_tax)} over {how}).", "cellbold"))
                parts.append(Spacer(1, 4))
            if m.cash:
                rows = [[P("Cash needed for the year, besides the deferrals payroll takes", "head"),
                         P("Amount", "headnum")]]
                rows += [[P(r.label + (f" ({r.note})" if r.note else "")), P(r.text, "num")] for r in m.cash]
                total = money(m.cash_total)
                if m.cash_total_high is not None:
                    total += f" to {money(m.cash_total_high)}"
                rows.append([B("Total cash needed"), P(total, "numbold")])
                parts.append(_table(rows, [w * 0.7, w * 0.3]))
            if tax is not None:
                parts += [Spacer(1, 4),
                          B(f"Tax on the taxable conversion of {money(tax.taxable)}: {tax.cost_text}")]
                parts += [P(f"• {t}", "small") for t in tax.how_to_pay]
            self.add(KeepTogether(parts + [Spacer(1, 6)]))

    def rules(self) -> None:
        ex = self.ap.extras
        if ex is None or not ex.rules:
            return
        w = self.w
        rows = [[P("Rule", "head"), P("What it means for you", "head")]]
        for r in ex.rules:
            src = [P(r.source, "note")]
            rows.append([B(r.title), [P(r.text, "small")] + src])
        self.section([P("Rules to know before you start", "h1")], _table(rows, [w * 0.25, w * 0.75]))

    # ------------------------------------------------------------------ plan features
    def features(self) -> None:
        people = [p for p in self.ap.people if p.features]
        if not people:
            return
        ex = self.ap.extras
        w = self.w
        first = True
        for p in people:
            rows = [[P("Question", "head"), P("Answer", "head"), P("Why it matters / ask HR", "head")]]
            for q in p.features:
                detail = [P(q.why, "small")]
                if q.ask_hr:
                    detail.append(P(f"Ask: \u201c{q.ask_hr}\u201d", "cellbold"))
                rows.append([P(q.question), B(q.answer), detail])
            head = []
            if first:
                head += [P("Employer plan features and questions for HR", "h1"),
                         P("A Mega Backdoor Roth needs after-tax contributions and a way to move them to Roth. "
                           "Where the answer is \u201cNot sure\u201d, ask HR or the plan administrator the "
                           "question shown.")]
                first = False
            head.append(P(f"{p.person}: {p.plan_type}", "h2"))
            self.add(KeepTogether(head + [_table(rows, [w * 0.38, w * 0.12, w * 0.5])]))
            questions = ex.hr_questions.get(p.role, ()) if ex else ()
            if questions:
                self.add(KeepTogether([Spacer(1, 4), B(f"Also ask HR ({p.person}):")]
                                      + [P(f"{n}. {q}", "small") for n, q in enumerate(questions, 1)]))
            choice = ex.destination.get(p.role) if ex else None
            if choice:
                self.add(KeepTogether([Spacer(1, 4),
                                       B(f"{p.person}: Roth IRA or the plan's Roth account? Your plan offers both.")]
                                      + [P(f"• {c}", "small") for c in choice]))

    # ------------------------------------------------------------------ warnings, timeline
    def warnings(self) -> None:
        if not self.ap.warnings:
            self.add(KeepTogether([P("Warnings", "h1"), P("None for this plan.")]))
            return
        w = self.w
        rows = [[P("Who", "head"), P("Warning", "head"), P("Source", "head")]]
        for n in self.ap.warnings:
            rows.append([B(n.person), P(n.message), P(n.source, "small")])
        self.section([P("Warnings", "h1")], _table(rows, [w * 0.13, w * 0.6, w * 0.27]))

    def timeline(self) -> None:
        w = self.w
        rows = [[P("Date", "head"), P("What happens", "head"), P("Source", "head")]]
        for e in self.ap.timeline:
            rows.append([B(e.day_text), [B(e.title), P(e.detail, "small")], P(e.source, "small")])
        self.section([P(f"Timeline for tax year {self.ap.tax_year}", "h1")],
                     _table(rows, [w * 0.2, w * 0.55, w * 0.25]), whole=1.0)

    # ------------------------------------------------------------------ reporting preview
    def reporting(self) -> None:
        self.add(PageBreak())
        each = " (one for each spouse)" if len(self.ap.people) > 1 else ""
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
        self.add(P("Reporting preview: what to file and what to expect", "h1"),
                 P(f"Form 8606{each}, lines 1 to 18 as they follow from your plan. File it with your "
                   f"Form 1040."),
                 Spacer(1, 4), _table(rows, [34, label_w] + [num_w] * len(people), extra=extra))
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
            forms = [self._form(f) for f in p.forms]
            self.add(KeepTogether([P(f"Forms to expect for {owner}", "h2"), forms[0]]), *forms[1:])

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
        self.add(KeepTogether([P("Records to keep", "h1")] + [P(f"☐ {r}", "bullet") for r in self.ap.records]))
        ex = self.ap.extras
        head = P(f"IRS sources for {self.ap.tax_year}", "h2")
        if ex is not None and ex.sources:
            items = [link(f"• {s.text}", s.url) for s in ex.sources]
        else:
            items = [P(f"• {s}", "small") for s in self.ap.sources]
        self.add(KeepTogether([head] + items[:3]), *items[3:])
        self.add(Spacer(1, 8), P(self.ap.disclaimer, "note"))
        if _LOST:
            self.add(Spacer(1, 4), P(
                f"Some characters of the names in this plan could not be printed and show as {UNPRINTABLE}: "
                f"no font on this computer has them.", "note"))

    def build(self) -> list:
        _LOST.clear()
        self.cover()
        for p in self.ap.people:
            for cl in p.checklists:
                self.checklist(p, cl)
        self.money()
        self.rules()
        self.features()
        self.warnings()
        self.timeline()
        self.reporting()
        self.inputs()
        self.records()
        return self.story


def doc_title(plan: ActionPlan) -> str:
    """The document title, with the year once: "Roth plan for 2026: action plan"."""
    year = str(plan.tax_year)
    return f"{plan.name}: action plan" + ("" if year in plan.name else f" {year}")


def render_pdf(plan: ActionPlan, out: BinaryIO, paper: str = "letter") -> None:
    """Write the PDF for a finished action plan to a binary stream."""
    stylesheet()
    limits_file = f"resources/limits/{plan.tax_year}.toml"
    doc = PlanDocTemplate(out, paper, title=doc_title(plan),
                          footer_left=f"RothWizard action plan · tax year {plan.tax_year}"
                                      f"{provisional_mark(plan.tax_year)}",
                          footer_sources=plan.footer_sources, disclaimer=plan.disclaimer,
                          lang="en-US", creator=f"RothWizard {__version__}",
                          keywords=f"RothWizard {__version__}; tax year {plan.tax_year}; tax-year data: "
                                   f"{limits_file} ({plan.footer_sources})")
    from rothwizard.report.templates import PageCountCanvas

    doc.build(StoryBuilder(plan, doc.width, doc.height).build(), canvasmaker=PageCountCanvas)
