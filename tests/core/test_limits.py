"""The yearly limits data under resources/limits: complete, cited, and checked against tax-rules.md 1.2."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from rothwizard.core.errors import LimitsDataError, UnsupportedTaxYear
from rothwizard.core.limits import PARAMETERS, limits_dir, load_limits, parse_limits_file, supported_years

RULE_MODULES = [Path("rothwizard/core/rules.py"), Path("rothwizard/core/calculator.py")]


def test_ships_2024_to_2026_and_not_2027():
    """tax-rules.md 1.4: 2027 figures are not published, so no 2027 file ships."""
    assert supported_years() == (2024, 2025, 2026)
    with pytest.raises(UnsupportedTaxYear) as exc:
        load_limits(2027)
    assert str(exc.value) == (
        "tax_year: RothWizard has no IRS limits for 2027; the years it knows are 2024, 2025, 2026"
    )


@pytest.mark.parametrize("year", supported_years())
def test_every_year_has_every_parameter_each_with_a_source(year):
    raw = (limits_dir() / f"{year}.toml").read_text()
    limits = load_limits(year)
    for name in PARAMETERS:
        assert f"[{name}]" in raw, f"{year}.toml lacks {name}"
        entry = getattr(limits, name)
        assert len(entry.source) >= 10, f"{year} {name} has no real source"
    assert limits.notice.startswith("Notice ")
    assert limits.news_release.startswith("IRS News Release IR-")


def test_every_parameter_is_used_by_a_rule():
    """A parameter no rule reads is dead data (architecture.md, point 9)."""
    source = "\n".join(p.read_text() for p in RULE_MODULES)
    attrs = {node.attr for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Attribute)}
    unused = [p for p in PARAMETERS if p not in attrs]
    assert unused == []


# tax-rules.md section 1.2, the main table (S1, S2, S3).
TABLE_1_2 = {
    2024: dict(ira_limit=7000, ira_catch_up=1000, roth_single=(146000, 161000), roth_joint=(230000, 240000),
               elective=23000, cu50=7500, cu60=None, c415=69000, comp=345000, hce=155000,
               wage=(145000, False), ded_single=(77000, 87000), ded_joint=(123000, 143000),
               ded_spouse=(230000, 240000), deadline="2025-04-15"),
    2025: dict(ira_limit=7000, ira_catch_up=1000, roth_single=(150000, 165000), roth_joint=(236000, 246000),
               elective=23500, cu50=7500, cu60=11250, c415=70000, comp=350000, hce=160000,
               wage=(145000, False), ded_single=(79000, 89000), ded_joint=(126000, 146000),
               ded_spouse=(236000, 246000), deadline="2026-04-15"),
    2026: dict(ira_limit=7500, ira_catch_up=1100, roth_single=(153000, 168000), roth_joint=(242000, 252000),
               elective=24500, cu50=8000, cu60=11250, c415=72000, comp=360000, hce=160000,
               wage=(150000, True), ded_single=(81000, 91000), ded_joint=(129000, 149000),
               ded_spouse=(242000, 252000), deadline="2027-04-15"),
}


@pytest.mark.parametrize("year", sorted(TABLE_1_2))
def test_values_match_tax_rules_table_1_2(year):
    t, lim = TABLE_1_2[year], load_limits(year)
    rng = lambda p: (p.lower, p.upper)  # noqa: E731
    assert (lim.ira_limit.value, lim.ira_catch_up.value) == (t["ira_limit"], t["ira_catch_up"])
    assert rng(lim.roth_phaseout_single) == t["roth_single"]
    assert rng(lim.roth_phaseout_joint) == t["roth_joint"]
    assert rng(lim.roth_phaseout_separate_lived_with_spouse) == (0, 10000)
    assert lim.elective_deferral_limit.value == t["elective"]
    assert (lim.catch_up_50.value, lim.catch_up_60_63.value) == (t["cu50"], t["cu60"])
    assert lim.annual_additions_limit.value == t["c415"]
    assert lim.compensation_limit.value == t["comp"]
    assert lim.hce_threshold.value == t["hce"]
    w = lim.roth_catch_up_wage_threshold
    assert (w.value, w.enforced) == t["wage"]
    assert rng(lim.deduction_phaseout_single_covered) == t["ded_single"]
    assert rng(lim.deduction_phaseout_joint_covered) == t["ded_joint"]
    assert rng(lim.deduction_phaseout_joint_spouse_covered) == t["ded_spouse"]
    assert rng(lim.deduction_phaseout_separate) == (0, 10000)
    assert lim.contribution_deadline.value.isoformat() == t["deadline"]


def _copy_year(tmp_path: Path, year: int = 2026) -> Path:
    folder = tmp_path / "limits"
    folder.mkdir()
    shutil.copy(limits_dir() / f"{year}.toml", folder / f"{year}.toml")
    return folder / f"{year}.toml"


def test_extra_key_is_refused_naming_file_and_field(tmp_path):
    path = _copy_year(tmp_path)
    path.write_text(path.read_text().replace("[ira_limit]\n", "[ira_limit]\nvalu = 1\n"))
    with pytest.raises(LimitsDataError, match=r"2026.toml is invalid at ira_limit.valu"):
        parse_limits_file(path)


def test_missing_source_is_refused(tmp_path):
    path = _copy_year(tmp_path)
    text = path.read_text()
    start = text.index("[ira_catch_up]")
    end = text.index("\n\n", start)
    block = text[start:end]
    path.write_text(text.replace(block, "\n".join(x for x in block.splitlines() if "source" not in x)))
    with pytest.raises(LimitsDataError, match=r"ira_catch_up.source"):
        parse_limits_file(path)


def test_adding_a_year_is_adding_a_file(tmp_path):
    """A new file is picked up with no code change (here a copy of 2026 relabelled as 2030)."""
    src = limits_dir() / "2026.toml"
    folder = tmp_path / "limits"
    folder.mkdir()
    (folder / "2030.toml").write_text(src.read_text().replace("tax_year = 2026", "tax_year = 2030"))
    assert supported_years(folder) == (2030,)
    assert load_limits(2030, folder).ira_limit.value == 7500


def test_file_name_and_year_must_agree(tmp_path):
    folder = tmp_path / "limits"
    folder.mkdir()
    (folder / "2031.toml").write_text((limits_dir() / "2026.toml").read_text())
    with pytest.raises(LimitsDataError, match="says tax_year = 2026"):
        load_limits(2031, folder)
