"""Every view shows the action plan's steps, no more and no fewer: the direct, backdoor and mega pages,
the summary page and the PDF, for the married example and a phase-out case."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from rothwizard.core import compute, plan_from_data
from rothwizard.core.actionplan import build_action_plan
from rothwizard.core.flow import Step
from rothwizard.report import render_bytes

REPO = Path(__file__).resolve().parents[2]
PHASE_OUT = {"schema_version": 1, "tax_year": 2026, "filing_status": "single", "magi": 160000,
             "you": {"age": 45, "compensation": 200000, "ira": {"balance_dec31": 0}}}
PAGES = {Step.DIRECT: "direct", Step.BACKDOOR: "backdoor", Step.MEGA: "mega"}  # the checklist each page shows


def _cases():
    married = json.loads((REPO / "examples" / "married-both-strategies.rothplan.json").read_text())
    return [pytest.param(married, id="married"), pytest.param(PHASE_OUT, id="phase-out")]


def _shown(page, role: str) -> list[str]:
    """The step titles the page shows for one person, as a person sees them (visible check boxes)."""
    steps = page.steps[role] if hasattr(page, "steps") else page.items[role]
    return [t for t, tick in zip(steps.titles(), steps.shown, strict=True)
            if steps.items[tick].isVisibleTo(page)]


@pytest.mark.parametrize("data", _cases())
def test_each_page_shows_exactly_the_action_plan_steps(qtbot, dialogs, data):
    from rothwizard.gui import create_wizard

    wizard = create_wizard(data)
    qtbot.addWidget(wizard)
    plan = plan_from_data(data)
    ap = build_action_plan(plan, compute(plan), dt.date.today())
    for step, checklist in PAGES.items():
        wizard.go_to(step)
        if wizard.currentId() != step:
            assert not any(c.strategy == checklist for _p, c, _s in ap.steps())
            continue
        page = wizard.currentPage()
        for person in ap.people:
            expected = [s for c in person.checklists if c.strategy == checklist for s in c.steps]
            titles = [f"Step {n}: {s.title}" + (f": {s.amount_text}" if s.amount is not None and s.amount_text
                                               else "") for n, s in enumerate(expected, 1)]
            assert _shown(page, person.role) == titles, (step, person.role)
    wizard.go_to(Step.SUMMARY)
    assert wizard.currentId() == Step.SUMMARY
    text = wizard.currentPage().view.toPlainText()
    assert ap.recommendation in text
    for _person, _c, s in ap.steps():
        assert s.title in text and s.by_text in text and s.where in text, s.id
        for watch in s.watch:
            assert watch in text
    for a in ap.alerts:
        assert a.text in text
    for row in ap.inputs:
        assert row.label in text
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(render_bytes(ap))).pages)
    for _p, _c, s in ap.steps():
        assert " ".join(s.title.split()) in pdf, s.id
    assert ap.recommendation.split(".")[0] in pdf
    for row in ap.inputs:
        assert row.label in pdf


def test_reopened_plan_follows_a_changed_age_on_every_page(qtbot, dialogs, tmp_path):
    """The wizard saves no computed amount: a plan saved at 45 and reopened at 50 contributes and
    converts $8,600 (2026: $7,500 + $1,100 catch-up, IR-2025-111) on the backdoor page, Form 8606 line 1
    and line 8, and the summary; nothing stays at $7,500."""
    from rothwizard.gui import create_wizard

    data = {"schema_version": 1, "tax_year": 2026, "filing_status": "single", "magi": 400000,
            "you": {"age": 45, "compensation": 400000, "ira": {"balance_dec31": 0}}}
    first = create_wizard(data)
    qtbot.addWidget(first)
    target = tmp_path / "plan.rothplan.json"
    assert first.save_to(target)
    saved = json.loads(target.read_text())
    assert saved["you"]["ira"].get("nondeductible_contribution") is None
    assert saved["you"]["ira"].get("conversion") is None

    from PySide6.QtWidgets import QMessageBox

    dialogs["answers"].append(QMessageBox.StandardButton.Open)  # open it here as well
    wizard = create_wizard()
    qtbot.addWidget(wizard)
    assert wizard.open_path(target), dialogs["messages"]
    wizard.state.set("you.age", 50)
    wizard.go_to(Step.BACKDOOR)
    page = wizard.currentPage()
    assert _shown(page, "you")[1:3] == ["Step 2: Contribute to the traditional IRA: $8,600",
                                        "Step 3: Convert the traditional IRA money to the Roth IRA: $8,600"]
    assert wizard.state.report.you.form_8606.line_1 == wizard.state.report.you.form_8606.line_8 == 8600
    wizard.go_to(Step.SUMMARY)
    text = wizard.currentPage().view.toPlainText()
    assert "Backdoor Roth IRA ($8,600)" in text and "$7,500" not in text


def test_a_late_part_above_the_recommended_contribution_is_said_on_the_backdoor_page(qtbot, dialogs):
    """Form 8606 line 4 is part of line 1: $9,000 made after December 31 cannot sit in a $7,500
    recommended contribution (2026 limit); the page says so instead of showing stale figures."""
    from rothwizard.gui import create_wizard

    wizard = create_wizard({"schema_version": 1, "tax_year": 2026, "filing_status": "single", "magi": 400000,
                            "you": {"age": 45, "compensation": 400000, "ira": {"balance_dec31": 0}}})
    qtbot.addWidget(wizard)
    wizard.go_to(Step.BACKDOOR)
    wizard.state.set("you.ira.contributed_after_year_end", "9000")
    page = wizard.currentPage()
    assert page.alerts["you"].texts() == [
        "Part made after December 31: cannot be more than the contribution of $7,500 (Form 8606 line 4 is "
        "part of line 1)."]
    wizard.state.set("you.ira.contributed_after_year_end", "7500")
    assert page.alerts["you"].texts() == []
    assert _shown(page, "you")[-2] == "Step 3: Convert the part contributed in 2027 to the Roth IRA: $7,500"
