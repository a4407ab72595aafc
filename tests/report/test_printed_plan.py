"""The printed plan read back (pypdf and pdftotext): every figure a tax professional checks, what a
physician needs to follow it, and the layout rules. Expected figures are worked by hand from the
sources named in each test (tax-rules.md; Form 8606; IRC 415(c); Notice 2025-67)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from rothwizard.core import compute, load_plan, plan_from_data
from rothwizard.core.actionplan import build_action_plan
from rothwizard.report import export_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TODAY = dt.date(2026, 1, 20)
NEW_EXAMPLES = ("single-pre-tax-ira", "married-two-plans", "age-61-catch-up", "resident")
ALL_EXAMPLES = sorted(p.name.removesuffix(".rothplan.json") for p in EXAMPLES.glob("*.rothplan.json")
                      if not p.name.startswith("years-"))


def _pdf(tmp_path: Path, example: str, paper: str = "letter", plan=None) -> tuple[Path, PdfReader]:
    plan = plan or load_plan(EXAMPLES / f"{example}.rothplan.json")
    out = tmp_path / f"{example}-{paper}.pdf"
    export_pdf(plan, compute(plan), out, paper=paper, today=TODAY)
    return out, PdfReader(out)


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def okafor(tmp_path_factory):
    return _pdf(tmp_path_factory.mktemp("okafor"), "single-pre-tax-ira")


def test_415c_sum_per_paycheck_and_cash(okafor):
    """Dr. Okafor, 2026: IRC 415(c) limit $72,000 (Notice 2025-67). Deferrals $24,500 + employer $21,600
    leave 72,000 − 24,500 − 21,600 = $25,900 after-tax. Over the 24 paychecks entered: 25,900 / 24 =
    $1,079.17. Cash for the year: IRA $7,500 + after-tax $25,900 + tax $2,284 (below) = $35,684."""
    _path, reader = okafor
    text = _text(reader)
    assert "$24,500 + $21,600 + $25,900 = $72,000" in text
    assert "After-tax contribution per paycheck: $1,079.17 ($25,900 over 24 paychecks left)" in text
    assert "Total cash needed $35,684" in text
    # The inputs behind them, so a tax professional can check each one.
    assert "Federal marginal tax rate 35%" in text and "Paychecks left in the year 24" in text
    assert "IRA balance on December 31 (line 6) $50,000" in text


def test_conversion_tax_at_the_marginal_rate_and_how_to_pay(okafor):
    """Form 8606 by hand: line 9 = 50,000 + 7,500 = 57,500; line 10 = 7,500 / 57,500 = 0.130; line 11 =
    975; line 18 = 6,525. At the 35% entered: 6,525 × 0.35 = 2,283.75, $2,284. Estimated tax dates for
    2026 (Form 1040-ES; IRC 6654(c)(2)): April 15, June 15, September 15, 2026 and January 15, 2027."""
    _path, reader = okafor
    text = _text(reader)
    assert "Tax on the taxable conversion of $6,525: $2,284 at your marginal rate of 35%" in text
    assert "never from the conversion" in text
    assert "Form W-4" in text and "Form 1040-ES" in text
    assert "April 15, 2026, June 15, 2026, September 15, 2026, January 15, 2027" in text


def test_rules_irrevocable_five_years_and_no_pre_tax_ira_money(okafor):
    """TCJA §13611 (IRC 408A(d)(6)(B)(iii)): no recharacterizing a conversion since 2018. Five-year rules
    (Treas. Reg. 1.408A-6 Q&A-5; Pub. 590-B): contributions first, each conversion its own clock for the
    10% tax, earnings after 59½ and five years. Form 8606 line 6: pre-tax IRA money on December 31."""
    _path, reader = okafor
    text = _text(reader)
    assert "Since 2018 a conversion to a Roth IRA cannot be recharacterized" in text and "§13611" in text
    assert "Your own contributions come out of a Roth IRA first, tax-free" in text
    assert "Each conversion has its own five-year clock" in text and "10% additional tax" in text
    assert "Earnings are tax-free only after 59½" in text
    assert "Create no pre-tax IRA money before December 31, 2026" in text
    assert "Rolling an old 401(k) or 403(b) into an IRA" in text and "SEP IRA" in text


def test_hr_questions_complete_and_destination_choice(okafor):
    """The plan offers both in-service withdrawals and in-plan conversions: the Roth IRA / plan Roth choice
    is shown. The HR questions: Roth deferrals, Notice 2014-54 split, ACP refunds, plan year, true-up and
    profit sharing, payroll stopping at the limit."""
    _path, reader = okafor
    text = _text(reader)
    for asked in ("offer Roth (designated Roth) deferrals", "Notice 2014-54", "failed ACP test",
                  "What is the plan year", "true-up and profit-sharing contributions land",
                  "Does payroll stop after-tax contributions automatically"):
        assert asked in text, asked
    assert "Roth IRA or the plan's Roth account? Your plan offers both." in text
    assert "no lifetime required distributions" in text


def test_irs_sources_are_links(okafor):
    _path, reader = okafor
    uris = {a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])
            if a.get_object().get("/Subtype") == "/Link"}
    assert uris and all(u.startswith("https://www.irs.gov/") for u in uris)
    for needed in ("https://www.irs.gov/forms-pubs/about-form-8606", "https://www.irs.gov/pub/irs-drop/n-14-54.pdf",
                   "https://www.irs.gov/pub/irs-drop/n-25-67.pdf", "https://www.irs.gov/publications/p590b"):
        assert needed in uris, needed


def test_document_info_language_version_and_data(okafor):
    from rothwizard import __version__

    _path, reader = okafor
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    info = reader.metadata
    assert info["/Title"] == "Dr. Okafor, single, with a pre-tax IRA: action plan 2026"
    assert __version__ in info["/Creator"]
    assert "resources/limits/2026.toml" in info["/Keywords"] and "Notice 2025-67" in info["/Keywords"]


def test_title_has_the_year_once(tmp_path):
    data = json.loads((EXAMPLES / "single-backdoor-only.rothplan.json").read_text())
    data.pop("name")
    _path, reader = _pdf(tmp_path, "unnamed", plan=plan_from_data(data))
    assert reader.metadata["/Title"] == "Roth plan for 2026: action plan"


def test_done_on_is_a_date_field_beside_each_tick_box(tmp_path):
    """Each tick box has a "<id>_done_on" text field with the viewer's date format; a ticked step's
    field holds its date (married-ticked-pro-rata: contribution done January 6, 2026)."""
    _path, reader = _pdf(tmp_path, "married-ticked-pro-rata")
    fields = reader.get_fields()
    boxes = [n for n, f in fields.items() if f.get("/FT") == "/Btn"]
    assert boxes
    for name in boxes:
        field = fields[f"{name}_done_on"]
        assert field.get("/FT") == "/Tx"
    assert fields["you_backdoor_contribute_done_on"]["/V"] == "January 6, 2026"
    widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])
               if a.get_object().get("/FT") == "/Tx"]
    assert widgets and all("AFDate_FormatEx" in w["/AA"]["/F"]["/JS"] for w in widgets)


def test_checklist_reading_order(okafor):
    """pdftotext reads each step whole: its title, then its amount, place and date, then its bullets,
    before the next step begins."""
    path, _reader = okafor
    text = _pdftotext(path)
    start = text.index("1. Open a traditional IRA and a Roth IRA")
    step2 = text.index("2. Contribute to the traditional IRA", start)
    first = text[start:step2]
    assert "Where: IRA custodian (brokerage)" in first
    assert "Already hold traditional, SEP or SIMPLE IRA money?" in first
    after = text[step2:text.index("3. Convert", step2)]
    assert "Amount: $7,500" in after and "nondeductible: report it on Form 8606 line 1" in after


def test_tax_range_without_a_marginal_rate(tmp_path):
    """married-both-strategies, spouse: line 18 $4,545 (Form 8606, line 10 = 5,000 / 55,000 = 0.091). No
    rate entered: 4,545 × 22% = 999.90 ($1,000) to 4,545 × 37% = 1,681.65 ($1,682)."""
    _path, reader = _pdf(tmp_path, "married-both-strategies")
    assert "$1,000 at 22% to $1,682 at 37%" in _text(reader)


def test_couple_on_two_plans_inputs_by_name(tmp_path):
    """Dr. Novak's 403(b) takes no after-tax money: 24,500 + 11,500 + 36,000 unused = 72,000 (IRC 415(c));
    both names head the inputs; Dr. Park's plan does the Mega Backdoor, so the plan sends a Form 1099-R."""
    _path, reader = _pdf(tmp_path, "married-two-plans")
    text = _text(reader)
    assert "$24,500 + $11,500 + $0 + $36,000 = $72,000" in text
    assert "$24,500 + $18,000 + $29,500 = $72,000" in text
    inputs = next(" ".join(p.extract_text().split()) for p in reader.pages if "Your inputs" in p.extract_text())
    assert "Entry Dr. Park Dr. Novak" in inputs and "$380,000 $230,000" in inputs
    assert "Forms 1099-R for 2026 from the IRA custodian and the plan" in text
    assert "Roth IRA or the plan's Roth account?" not in text  # neither plan offers both routes


def test_age_61_catch_up_on_top_and_code_7(tmp_path):
    """Age 61 in 2026: catch-up $11,250 (ages 60 to 63, Notice 2025-67) outside 415(c); 24,500 + 20,000 +
    27,500 = 72,000, plus 11,250 = $83,250 into the plan. Form 1099-R code 7 at 59½ or older."""
    _path, reader = _pdf(tmp_path, "age-61-catch-up")
    text = _text(reader)
    assert "$24,500 + $20,000 + $27,500 = $72,000; catch-ups on top: $11,250, $83,250 in all" in text
    assert "7: normal distribution (59½ or older)" in text
    assert "Tax on the taxable conversion" not in text  # line 18 is $0


def test_resident_plan_is_limited_to_what_it_does(tmp_path):
    """A resident contributing $7,500 directly: no conversion, so no Form 1099-R, no conversion rules, no
    payroll records; the October 15, 2027 correction date applies (Pub. 590-A)."""
    _path, reader = _pdf(tmp_path, "resident")
    text = _text(reader)
    assert "For 2026, do a direct Roth IRA contribution ($7,500)." in text
    assert "Forms 1099-R arrive" not in text and "Forms 1099-R for 2026" not in text
    assert "payroll records" not in text and "Form 8606 you file" not in text
    assert "A conversion cannot be undone" not in text
    assert "October 15, 2027" in text and "Last day to fix a contribution" in text


def test_no_plan_records_without_a_mega_backdoor(tmp_path):
    _path, reader = _pdf(tmp_path, "single-backdoor-only")
    text = _text(reader)
    assert "Forms 1099-R for 2026 from the IRA custodian." in text
    assert "the plan (after-tax money)" not in text and "payroll records" not in text


def test_action_plan_json_carries_the_figures():
    plan = load_plan(EXAMPLES / "single-pre-tax-ira.rothplan.json")
    data = build_action_plan(plan, compute(plan), TODAY).to_json()
    money = data["money_for_the_year"]["you"]
    assert money["per_paycheck"] == 1079.17 and money["cash_total"] == 35684
    assert data["conversion_tax"]["you"]["tax"] == 2284


def test_a_name_in_chinese_with_an_emoji_prints(tmp_path):
    """Characters DejaVu lacks print in a system font that has them, or show as [?] with a note."""
    from rothwizard.report.styles import fallback_font

    data = json.loads((EXAMPLES / "single-backdoor-only.rothplan.json").read_text())
    data["name"] = "王医生的计划 🩺"
    _path, reader = _pdf(tmp_path, "cjk", plan=plan_from_data(data))
    text = _text(reader)
    if fallback_font("王"):
        assert "王医生的计划" in text
    else:
        assert "[?][?][?][?][?][?]" in text
    if not (fallback_font("王") and fallback_font("🩺")):
        assert "could not be printed and show as [?]" in text
    assert reader.metadata["/Title"].startswith("王医生的计划 🩺")


@pytest.mark.parametrize("example", ALL_EXAMPLES)
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_layout_no_stranded_heading_no_lone_step(tmp_path, example, paper):
    """Every heading has its content below it on the same page, and a checklist that runs onto a page
    never leaves a single step alone there."""
    path, reader = _pdf(tmp_path, example, paper)
    headings = ("Read this first", "Key figures", "checklist:", "Money for the year", "Rules to know",
                "Employer plan features", "Warnings", "Timeline for tax year", "Reporting preview",
                "Forms to expect", "Your inputs", "Records to keep", "IRS sources")
    for number, page in enumerate(reader.pages, 1):
        lines = [ln.strip() for ln in page.extract_text().splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith(("Not tax advice", "RothWizard action plan", "Page "))]
        for i, line in enumerate(body):
            if any(line.startswith(h) or h in line and line.endswith(h) for h in headings if h != "checklist:") \
                    or re.match(r".*checklist: ", line) and len(line) < 80:
                assert len(" ".join(body[i + 1:])) > 12, f"page {number}: heading {line!r} stranded"
        steps = [ln for ln in body if re.match(r"^\d+\. [A-Z]", ln)]
        if "Step, amount, where, by when" in " ".join(body) and not any("checklist:" in ln for ln in body):
            assert len(steps) != 1, f"page {number}: one step alone"
