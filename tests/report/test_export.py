"""The PDF action plan read back: figures, tick boxes and their state, pages, paper, fonts, errors."""

from __future__ import annotations

import datetime as dt
import errno
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from rothwizard.core import compute, load_plan, plan_from_data
from rothwizard.core.actionplan import build_action_plan
from rothwizard.report import ExportError, export_pdf, paper_from_locale

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TODAY = dt.date(2026, 1, 20)


def _export(tmp_path: Path, example: str, paper: str = "letter") -> tuple[Path, object]:
    plan = load_plan(EXAMPLES / example)
    out = tmp_path / "plan.pdf"
    export_pdf(plan, compute(plan), out, paper=paper, today=TODAY)
    return out, plan


def _text(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _boxes(reader: PdfReader) -> dict[str, str]:
    """The tick boxes (button fields) and their state; the "Done on" date fields are text fields."""
    return {name: str(f.get("/V")) for name, f in (reader.get_fields() or {}).items() if f.get("/FT") == "/Btn"}


def test_single_clean_backdoor_no_employer_plan(tmp_path):
    """tax-rules.md E9a: $7,500 contributed and converted, line 18 $0; no employer plan, so no mega steps."""
    out, _plan = _export(tmp_path, "single-backdoor-only.rothplan.json")
    reader = PdfReader(out)
    assert 2 <= len(reader.pages) <= 8
    text = " ".join(_text(reader))
    assert "For 2026, do a Backdoor Roth IRA ($7,500)." in text
    assert "April 15, 2027" in text and "a filing extension does not extend it" in text
    assert "January 31, 2027" in text and "May 31, 2027" in text and "December 31, 2026" in text
    assert "Convert all of it, including any interest" in text
    assert "2: early distribution, exception applies (under 59½)" in text
    assert "no 401(k) or 403(b) was entered" in text
    # The tick boxes carry the JSON export's step ids (plan-file.md, "The action plan as JSON").
    assert _boxes(reader) == {s: "/Off" for s in (
        "you_backdoor_open", "you_backdoor_contribute", "you_backdoor_convert", "you_backdoor_invest")}


def test_married_two_people_ticks_and_figures(tmp_path):
    """Married example: you have $18,700 of mega room (tax-rules.md E14); your spouse converts $8,600 with
    $50,000 pre-tax on Dec. 31: line 10 = 8,600 / 58,600 = 0.147, line 18 = $7,336 (Form 8606 lines 6-18)."""
    out, plan = _export(tmp_path, "married-ticked-pro-rata.rothplan.json")
    reader = PdfReader(out)
    assert 5 <= len(reader.pages) <= 14
    text = " ".join(_text(reader))
    for figure in ("$18,700", "$35,500", "$7,336", "$58,600", "0.147", "$1,264", "$50,000"):
        assert figure in text, figure
    assert "Dr. Rivera and Dr. Chen, 2026" in text
    assert "Your spouse's checklist: Backdoor Roth IRA" in text
    assert "2 or 7: 2 if you convert before the day you turn 59½" in text  # spouse is 60 on Dec. 31
    assert "G: direct rollover" in text and "Employee contributions (after-tax basis)" in text
    assert "Ask: “Does our plan accept after-tax employee contributions" in text
    assert "Done January 6, 2026" in text
    boxes = _boxes(reader)
    ap = build_action_plan(plan, compute(plan), TODAY)
    expected = {s.id: "/Yes" if s.done else "/Off" for p, _c, s in ap.steps()}
    assert boxes == expected
    assert boxes["you_backdoor_contribute"] == "/Yes" and boxes["you_mega_room"] == "/Yes"
    assert boxes["you_backdoor_convert"] == "/Off"
    # No roll-in step: the plan does not say the spouse will roll in (the choice is offered up front);
    # the spouse's plan has after-tax contributions unknown, so one question and no mega money step.
    assert "spouse_backdoor_roll_in" not in boxes and "spouse_mega_contribute" not in boxes
    assert len(boxes) == 4 + 5 + 4 + 1


def test_married_both_employer_plans(tmp_path):
    """The maintainers' married example: both have plans; each gets a mega checklist (E14 room $18,700 for you)."""
    out, _plan = _export(tmp_path, "married-both-strategies.rothplan.json")
    reader = PdfReader(out)
    boxes = _boxes(reader)
    assert {"you_mega_room", "spouse_mega_ask_after_tax_contributions", "you_backdoor_convert",
            "spouse_backdoor_convert"} <= set(boxes)
    assert set(boxes.values()) == {"/Off"}
    text = " ".join(_text(reader))
    # Your plan: in-plan conversion yes, in-service no: the route is the in-plan conversion only.
    assert "Convert the after-tax money to the Roth 401(k) inside the plan" in text
    assert "in-service distribution of the after-tax" not in text


def test_every_page_has_furniture_and_page_x_of_y(tmp_path):
    out, _plan = _export(tmp_path, "married-ticked-pro-rata.rothplan.json")
    n = len(PdfReader(out).pages)
    layout = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                            check=True).stdout.split("\f")
    pages = [p for p in layout if p.strip()]
    assert len(pages) == n
    for i, page in enumerate(pages, 1):
        flat = " ".join(page.split())
        assert f"Page {i} of {n}" in flat
        assert "Not tax advice." in flat
        assert "IR-2025-111" in flat and "Notice 2025-67" in flat  # the 2026 IRS sources


@pytest.mark.parametrize("paper,size", [("letter", (612, 792)), ("a4", (595, 842))])
def test_paper_size_and_embedded_font(tmp_path, paper, size):
    out, _plan = _export(tmp_path, "single-backdoor-only.rothplan.json", paper)
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [f.get_object().get("/FontDescriptor") for f in fonts.values()]
    assert len(descriptors) == 2 and None not in descriptors  # no standard-14 (unembedded) font
    assert all("/FontFile2" in d for d in descriptors)  # embedded TrueType
    assert sorted(str(d["/FontName"]).split("+")[1] for d in descriptors) == ["DejaVuSans", "DejaVuSans-Bold"]


@pytest.mark.parametrize("env,paper", [
    ({"LANG": "en_US.UTF-8"}, "letter"), ({"LANG": "fr_CA.UTF-8"}, "letter"),
    ({"LANG": "en_GB.UTF-8"}, "a4"), ({"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, "a4"),
    ({"LC_ALL": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, "letter"), ({"LANG": "C.UTF-8"}, "letter"), ({}, "letter"),
])
def test_paper_from_locale(env, paper):
    assert paper_from_locale(env) == paper


def _plan_and_report():
    plan = load_plan(EXAMPLES / "single-backdoor-only.rothplan.json")
    return plan, compute(plan)


def test_missing_folder_is_a_clear_error_and_leaves_nothing(tmp_path):
    plan, report = _plan_and_report()
    target = tmp_path / "nope" / "plan.pdf"
    with pytest.raises(ExportError, match=r"^Cannot write the PDF to .*plan\.pdf: its folder does not exist\.$"):
        export_pdf(plan, report, target)
    assert list(tmp_path.iterdir()) == []


def test_folder_as_target_and_path_under_a_file(tmp_path):
    plan, report = _plan_and_report()
    with pytest.raises(ExportError, match="it is a folder"):
        export_pdf(plan, report, tmp_path)
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="part of the path is not a folder"):
        export_pdf(plan, report, blocker / "plan.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_disk_full_leaves_old_file_untouched_and_no_temp(tmp_path, monkeypatch):
    plan, report = _plan_and_report()
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("rothwizard.core.planfile.os.fsync", full)
    with pytest.raises(ExportError, match="the disk is full"):
        export_pdf(plan, report, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_cli_export_exit_codes(tmp_path):
    exe = [sys.executable, "-m", "rothwizard", "export"]
    ok = subprocess.run(exe + [str(EXAMPLES / "single-backdoor-only.rothplan.json"), "-o",
                               str(tmp_path / "a.pdf"), "--paper", "a4"], capture_output=True, text=True)
    assert ok.returncode == 0 and (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    bad_out = subprocess.run(exe + [str(EXAMPLES / "single-backdoor-only.rothplan.json"), "-o",
                                    str(tmp_path / "missing" / "a.pdf")], capture_output=True, text=True)
    assert bad_out.returncode == 1
    assert bad_out.stderr.count("\n") == 1 and "its folder does not exist" in bad_out.stderr
    bad_plan = tmp_path / "bad.rothplan.json"
    bad_plan.write_text('{"tax_year": 2026}')
    bad_in = subprocess.run(exe + [str(bad_plan), "-o", str(tmp_path / "b.pdf")], capture_output=True, text=True)
    assert bad_in.returncode == 2 and not (tmp_path / "b.pdf").exists()


def test_core_and_cli_do_not_import_reportlab():
    code = ("import sys, rothwizard.core, rothwizard.core.actionplan, rothwizard.cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'PySide6'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_pro_rata_e8_in_the_pdf(tmp_path):
    """tax-rules.md E8 (2024): $5,000 converted with $50,000 pre-tax: line 10 0.091, line 18 $4,545."""
    plan = plan_from_data({"tax_year": 2024, "filing_status": "single", "magi": 400000, "you": {
        "age": 45, "compensation": 400000,
        "ira": {"nondeductible_contribution": 5000, "conversion": 5000, "balance_dec31": 50000}}})
    out = tmp_path / "e8.pdf"
    export_pdf(plan, compute(plan), out, paper="letter", today=TODAY)
    text = " ".join(_text(PdfReader(out)))
    assert "0.091" in text and "$4,545" in text and "$455" in text
    assert "IR-2023-203" in text or "Notice 2023-75" in text  # the 2024 sources on the pages


def test_every_page_text_font_is_embedded(tmp_path):
    """The text of every page is drawn in embedded TrueType fonts (never a standard-14 font the viewer
    substitutes); only the fillable "Done on" fields name Helvetica, in the form's own resources."""
    out, _plan = _export(tmp_path, "married-both-strategies.rothplan.json")
    reader = PdfReader(out)
    for number, page in enumerate(reader.pages, 1):
        fonts = page["/Resources"].get("/Font", {})
        for name, ref in fonts.items():
            descriptor = ref.get_object().get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor, f"page {number}: {name} not embedded"
