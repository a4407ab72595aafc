"""packaging/build.py windows and packaging/windows/wine.py, checked on Linux without running Wine: it refuses
where it cannot build, it never ships a Linux or Wine-only file in the Windows bundle, its downloads are
pinned, and its Wine calls avoid the traps in the packaging guide (windows-wine.md)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "windows"))
import wine  # noqa: E402


def test_refuses_off_linux(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    reason = wine.refuse_reason()
    assert reason and "Wine on Linux" in reason and "darwin" in reason


def test_refuses_without_wine_or_apt(monkeypatch):
    monkeypatch.setattr(wine.shutil, "which", lambda name: None)
    assert "Wine is not installed" in wine.refuse_reason()


def test_build_py_windows_refuses_instead_of_wrapping_the_linux_bundle(tmp_path):
    """Run as on a Mac: build.py must stop with one clear line and build nothing."""
    script = (f"import sys, runpy; sys.platform = 'darwin'; sys.argv = ['build.py', 'windows'];"
              f"runpy.run_path({str(ROOT / 'packaging' / 'build.py')!r}, run_name='__main__')")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert r.returncode != 0
    assert "cannot build the Windows installer here" in r.stderr
    assert "makensis" not in r.stderr and "PyInstaller" not in r.stderr


def _bundle(tmp_path: Path) -> Path:
    b = tmp_path / "rothwizard"
    (b / "_internal").mkdir(parents=True)
    for exe in ("rothwizard.exe", "rothwizard-cli.exe"):
        (b / exe).write_bytes(b"MZ\x90\x00 a PE file")
    (b / "_internal" / "python311.dll").write_bytes(b"MZ\x90\x00")
    return b


def test_check_bundle_accepts_a_windows_bundle(tmp_path):
    wine.check_bundle(_bundle(tmp_path))


@pytest.mark.parametrize("name, content, words", [
    ("_internal/icuuc.dll", b"MZ", "stand-in DLL"),
    ("_internal/BCRYPTPRIMITIVES.DLL", b"MZ", "stand-in DLL"),
    ("_internal/libQt6Core.so.6", b"\x7fELF\x02\x01", "Linux (ELF) file"),
])
def test_check_bundle_rejects_wine_stand_ins_and_linux_files(tmp_path, name, content, words):
    b = _bundle(tmp_path)
    (b / name).write_bytes(content)
    with pytest.raises(SystemExit, match=re.escape(words)):
        wine.check_bundle(b)


def test_check_bundle_rejects_an_elf_executable(tmp_path):
    b = _bundle(tmp_path)
    (b / "rothwizard.exe").write_bytes(b"\x7fELF\x02\x01")
    with pytest.raises(SystemExit, match="not a Windows executable"):
        wine.check_bundle(b)


def test_wine_environment_avoids_the_known_traps(tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("DISPLAY", ":0")
    env = wine.wine_env(tmp_path)
    assert "winedbg.exe=d" in env["WINEDLLOVERRIDES"]  # a crash must not open the debugger and hang
    assert "winemenubuilder.exe=d" in env["WINEDLLOVERRIDES"]  # nothing written to the real ~/.local
    assert env["HOME"] == str(tmp_path / "home")  # Wine links Desktop/Documents to $HOME
    assert env["WINEARCH"] == "win64" and env["WINEPREFIX"] == str(tmp_path / "prefix")
    assert "DISPLAY" not in env and not any(k.startswith("QT_") for k in env)


def test_wine_calls_pipe_their_output(monkeypatch):
    """Windows Python under Wine 8 aborts when stdout is a regular file: every call must use a pipe."""
    seen = []

    def fake_run(cmd, **kw):
        seen.append(kw)
        return subprocess.CompletedProcess(cmd, 0, stdout="")

    monkeypatch.setattr(wine.subprocess, "run", fake_run)
    wine.wine(["python.exe", "-V"], {})
    assert seen[0]["stdout"] is subprocess.PIPE and seen[0]["stderr"] is subprocess.STDOUT


def test_cache_is_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv("ROTHWIZARD_WINE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert wine.cache_dir() == tmp_path / "rothwizard-wine"
    assert ROOT not in wine.cache_dir().parents


def test_every_wheel_is_pinned_with_a_hash():
    lines = [line for line in wine.REQUIREMENTS.read_text().splitlines() if line and not line.startswith("#")]
    names = set()
    for line in lines:
        assert re.fullmatch(r"[a-z0-9\-]+==[0-9][\w.]* --hash=sha256:[0-9a-f]{64}", line), line
        names.add(line.split("==")[0])
    # what the app and PyInstaller need on Windows, including the two Windows-only dependencies
    assert {"pyside6-essentials", "shiboken6", "pydantic", "pydantic-core", "reportlab", "pillow",
            "pyinstaller", "pefile", "pywin32-ctypes"} <= names
    pyside = next(line for line in lines if line.startswith("pyside6-essentials=="))
    assert "==6.12.0 " not in pyside  # pyproject.toml excludes 6.12.0 (it aborts on Python 3.11)


def test_stand_ins_export_what_windows_has_and_wine_lacks():
    """The 20 ucnv_* symbols Qt6Core.dll imports from icuuc.dll, and ProcessPrng (windows-wine.md)."""
    icu = (wine.STAND_INS / "icuuc.c").read_text()
    names = set(re.findall(r"^\w[\w *]*?\b(u?c?n?v?_?\w+)\(", icu, re.M))
    expected = {"ucnv_open", "ucnv_close", "ucnv_reset", "ucnv_getMaxCharSize", "ucnv_getName",
                "ucnv_getStandardName", "ucnv_getAvailableName", "ucnv_countAvailable", "ucnv_toUnicode",
                "ucnv_fromUnicode", "ucnv_toUCountPending", "ucnv_fromUCountPending", "ucnv_getToUCallBack",
                "ucnv_getFromUCallBack", "ucnv_setToUCallBack", "ucnv_setFromUCallBack", "ucnv_cbToUWriteUChars",
                "ucnv_cbFromUWriteUChars", "UCNV_TO_U_CALLBACK_SUBSTITUTE", "UCNV_FROM_U_CALLBACK_SUBSTITUTE"}
    assert expected <= names
    assert "ProcessPrng" in (wine.STAND_INS / "bcryptprimitives.def").read_text()


def test_the_spec_keeps_stand_ins_and_dropped_parts_out():
    spec = (ROOT / "packaging" / "rothwizard.spec").read_text()
    assert "opengl32sw" in spec and '"PIL._avif"' in spec and '"setuptools"' in spec
    assert "stand-ins" not in spec and "icuuc" not in spec


def test_without_dpkg_the_missing_tools_are_named(monkeypatch):
    present = {"wine", "wineserver"}
    monkeypatch.setattr(wine.shutil, "which", lambda name: f"/usr/bin/{name}" if name in present else None)
    with pytest.raises(SystemExit, match="missing makensis, x86_64-w64-mingw32-gcc"):
        wine.ensure_apt()
