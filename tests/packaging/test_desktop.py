"""A newcomer's first steps and the desktop: dev.sh explains itself before installing anything, no display
gives a plain message, the plan file type, per-user font caches, one data folder, and an install with
``pip install --prefix`` that finds its tax years."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
MIME_TYPE = "application/x-rothplan+json"


# ------------------------------------------------------------------ scripts/dev.sh


@pytest.mark.parametrize("word", ["--help", "-h", "help", "frobnicate"])
def test_dev_sh_prints_usage_before_installing_anything(tmp_path, word):
    """Every command dev.sh could run to install (apt-get, sudo, dpkg-query, python3, pip) is a stub here
    that records its call: none may be called."""
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "dev.sh", clone / "scripts" / "dev.sh")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    calls = tmp_path / "calls.log"
    for name in ("apt-get", "sudo", "dpkg-query", "python3", "pip", "dpkg"):
        stub = stubs / name
        stub.write_text(f"#!/bin/sh\necho {name} \"$@\" >> {calls}\n")
        stub.chmod(0o755)
    env = {"PATH": f"{stubs}:/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(["bash", str(clone / "scripts" / "dev.sh"), word], capture_output=True, text=True,
                         env=env, timeout=30)
    text = out.stdout + out.stderr
    assert "usage: scripts/dev.sh run [PLAN]" in text and "scripts/dev.sh test" in text
    assert out.returncode == (2 if word == "frobnicate" else 0)
    assert not calls.exists(), calls.read_text()
    assert not (clone / ".venv").exists()


# ------------------------------------------------------------------ no display


def test_no_display_says_a_graphical_session_is_needed(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["ROTHWIZARD_DATA_DIR"] = str(tmp_path)
    out = subprocess.run([sys.executable, "-m", "rothwizard"], capture_output=True, text=True, env=env,
                         timeout=60, cwd=tmp_path)
    assert out.returncode == 1
    assert "needs a graphical session" in out.stderr and "rothwizard compute PLAN" in out.stderr
    assert "xcb" not in out.stderr and "reinstalling" not in out.stderr and out.stdout == ""


# ------------------------------------------------------------------ the plan file type


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="shared-mime-info not installed")
def test_the_plan_file_type_claims_rothplan_json_only(tmp_path):
    mime = tmp_path / "mime"
    (mime / "packages").mkdir(parents=True)
    shutil.copy2(LINUX / "rothwizard-mime.xml", mime / "packages" / "org.rothwizard.RothWizard.xml")
    subprocess.run(["update-mime-database", str(mime)], check=True, capture_output=True, timeout=60)
    globs = [line.split(":") for line in (mime / "globs2").read_text().splitlines() if not line.startswith("#")]
    assert globs == [["60", MIME_TYPE, "*.rothplan.json"]]  # no "*.json"
    assert f"{MIME_TYPE} application/json" in (mime / "subclasses").read_text()


def test_the_desktop_entry_opens_plan_files():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / "rothwizard.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["MimeType"] == f"{MIME_TYPE};"  # its own type, not application/json
    assert "%f" in desktop["Exec"]
    assert f"<mediatype>{MIME_TYPE}</mediatype>" in (LINUX / "rothwizard.metainfo.xml").read_text()


def test_the_deb_installs_the_file_type_and_the_font_set_up():
    build = (REPO / "packaging" / "build.py").read_text(encoding="utf-8")
    assert '"rothwizard-mime.xml", usr / "share" / "mime" / "packages"' in build
    assert '"fonts.conf", root / "opt" / "rothwizard" / "fonts.conf"' in build
    launcher = (LINUX / "rothwizard.sh").read_text(encoding="utf-8")
    assert "FONTCONFIG_FILE=/opt/rothwizard/fonts.conf" in launcher


# ------------------------------------------------------------------ font caches per user


@pytest.mark.skipif(shutil.which("fc-cache") is None, reason="fontconfig not installed")
def test_font_caches_go_to_the_users_cache_folder(tmp_path):
    """With RothWizard's fonts.conf, fontconfig writes its caches to ~/.cache/rothwizard/fontconfig, even
    as root, and nothing under /var/cache (which would survive a purge)."""
    system = Path("/var/cache/fontconfig")

    def listing() -> list[tuple[str, int]]:
        return sorted((p.name, p.stat().st_mtime_ns) for p in system.iterdir()) if system.is_dir() else []

    before = listing()
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy2(REPO / "resources" / "fonts" / "DejaVuSans.ttf", fonts)
    conf = tmp_path / "fonts.conf"  # the package's file, plus one font folder nobody has cached yet
    conf.write_text((LINUX / "fonts.conf").read_text().replace(
        "</fontconfig>", f"  <dir>{fonts}</dir>\n</fontconfig>"))
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    subprocess.run(["fc-cache", "-f"], check=True, env=env, capture_output=True, timeout=120)
    written = list((tmp_path / "cache" / "rothwizard" / "fontconfig").glob("*.cache-*"))
    assert written, "fontconfig wrote no cache to the user's folder"
    assert listing() == before


# ------------------------------------------------------------------ the data folder


def test_the_data_folder_is_one_level_and_the_old_one_is_moved(tmp_path, monkeypatch):
    pytest.importorskip("PySide6")
    from rothwizard.gui import storage

    if sys.platform == "win32":
        monkeypatch.setenv("APPDATA", str(tmp_path / "share"))
    monkeypatch.delenv("ROTHWIZARD_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    old = tmp_path / "share" / "RothWizard" / "RothWizard"  # what earlier versions wrote
    old.mkdir(parents=True)
    (old / "recent.json").write_text('["/plans/a.rothplan.json"]\n')
    (old / "rothwizard.log").write_text("old log\n")
    folder = storage.data_dir()
    assert folder == tmp_path / "share" / "RothWizard"
    assert (folder / "recent.json").read_text() == '["/plans/a.rothplan.json"]\n'
    assert (folder / "rothwizard.log").read_text() == "old log\n"
    assert not old.exists()


# ------------------------------------------------------------------ an install anywhere


def test_a_prefix_install_finds_its_resources(tmp_path):
    """``pip install --prefix``: the tax years, help and styles come from inside the installed package.
    (``--ignore-installed``: pip must not uninstall the project from the environment running the tests.)"""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "rothwizard", source / "rothwizard", ignore=ignore)
    shutil.copytree(REPO / "resources", source / "resources", ignore=ignore)
    prefix = tmp_path / "prefix"
    out = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                          "--ignore-installed", "--no-index", "--prefix", str(prefix), str(source)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix), "platbase": str(prefix)}))
    assert (site / "rothwizard" / "resources" / "limits").is_dir()
    assert not (prefix / "share" / "rothwizard").exists()  # nothing left outside the package
    probe = ("import json, rothwizard, rothwizard.paths as p; from rothwizard.core.years import supported_years;"
             "print(json.dumps([rothwizard.__file__, str(p.resources_dir()), supported_years(),"
             " p.resource_path('help', 'welcome.md').is_file(), p.resource_path('styles', 'app.qss').is_file()]))")
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("ROTHWIZARD_RESOURCES", None)
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    import json

    module, resources, years, has_help, has_style = json.loads(run.stdout)
    assert Path(module).is_relative_to(site), module  # the installed copy, not this checkout
    assert Path(resources) == site / "rothwizard" / "resources"
    shipped = sorted(int(p.stem) for p in (REPO / "resources" / "limits").glob("*.toml"))
    assert years == shipped and has_help and has_style
    example = REPO / "examples" / "spec-example.rothplan.json"
    compute = subprocess.run([sys.executable, "-m", "rothwizard", "compute", str(example)], capture_output=True,
                             text=True, env=env, timeout=60, cwd=tmp_path)
    assert compute.returncode == 0, compute.stderr
    assert json.loads(compute.stdout)["tax_year"] == 2026
