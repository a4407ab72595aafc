"""Build RothWizard's installers. One entry point per target; see packaging/README.md.

    python packaging/build.py deb          Linux: PyInstaller bundle -> packaging/dist/rothwizard_<v>_<arch>.deb
    python packaging/build.py bundle       only the PyInstaller one-folder bundle (packaging/dist/rothwizard/)
    python packaging/build.py windows      Windows bundle + NSIS setup.exe: on Debian/Ubuntu under Wine (a Windows
                                           CPython and the pinned wheels in ~/.cache/rothwizard-wine), or on Windows
    python packaging/build.py macos        on macOS: RothWizard.app + .dmg (needs hdiutil)
    python packaging/build.py nsis-check   anywhere with makensis: compile the NSIS script against a stand-in
    python packaging/build.py check-deps   Linux: which system libraries the built bundle still needs

The last line printed is the path of what was built. On a clean clone of a Debian/Ubuntu machine it first
installs what the build needs (Debian packages with apt-get, then .venv with the project and PyInstaller),
exactly as scripts/dev.sh does, and re-runs itself inside .venv.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _project import APP_ID, APP_NAME, EXE_NAME, PACKAGING, ROOT, SUMMARY, read_version  # noqa: E402

BUILD = PACKAGING / "build"
DIST = PACKAGING / "dist"
SPEC = PACKAGING / "rothwizard.spec"

# What the built bundle still needs from the system (measured with `check-deps`, see packaging.md).
# Fonts: without fontconfig-config and a font, Qt and the PDF draw empty boxes, silently.
DEB_DEPENDS = "libc6 (>= 2.36), libegl1, libgl1, libxcb1, fontconfig-config, fonts-dejavu-core"
# Debian packages the *build* needs: tools, and the libraries PyInstaller copies into the bundle (it takes
# them from the build machine, so they must be installed here; the same list as scripts/dev.sh).
BUILD_APT = [
    "python3", "python3-venv", "binutils", "dpkg-dev",
    "libegl1", "libgl1", "libglib2.0-0", "libfontconfig1", "libfreetype6", "libxkbcommon0", "libdbus-1-3",
    "fontconfig-config", "fonts-dejavu-core",
    "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0",
    "libxcb-randr0", "libxcb-render-util0", "libxcb-image0", "libxcb-xkb1", "libx11-xcb1",
]
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def log(msg: str) -> None:
    print(f"build.py: {msg}", file=sys.stderr, flush=True)


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    log("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


# --- set-up on a clean clone ---------------------------------------------------------------------------------
def ensure_build_env(target: str) -> None:
    """Install missing Debian packages and .venv, then re-exec inside .venv (Linux targets only)."""
    if os.environ.get("ROTHWIZARD_BUILD_REEXEC") == "1":
        return
    if sys.platform.startswith("linux") and shutil.which("dpkg-query"):
        missing = [p for p in BUILD_APT if subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True).stdout
            != "install ok installed"]
        if target == "nsis-check" and not shutil.which("makensis"):
            missing.append("nsis")
        if missing:
            sudo = [] if os.geteuid() == 0 else ["sudo"]
            log(f"installing Debian packages: {' '.join(missing)}")
            run(sudo + ["apt-get", "update", "-qq"])
            run(sudo + ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                        "--no-install-recommends", *missing])
    if target == "nsis-check":
        return  # needs no Python packages
    venv_py = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not venv_py.exists():
        run([sys.executable, "-m", "venv", ROOT / ".venv"])
    probe = subprocess.run([venv_py, "-c", "import PyInstaller, PySide6, reportlab, pydantic, rothwizard"],
                           capture_output=True, cwd=ROOT)
    if probe.returncode != 0:
        run([venv_py, "-m", "pip", "install", "-q", "--upgrade", "pip"])
        run([venv_py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[package]"])
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        env = dict(os.environ, ROTHWIZARD_BUILD_REEXEC="1")
        sys.stdout.flush()
        sys.exit(subprocess.run([venv_py, __file__, *sys.argv[1:]], env=env).returncode)


# --- PyInstaller ---------------------------------------------------------------------------------------------
def build_bundle(version: str) -> Path:
    t0 = time.monotonic()
    env = dict(os.environ, ROTHWIZARD_VERSION=version)
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", DIST, "--workpath", BUILD / "pyinstaller", SPEC], env=env, cwd=ROOT)
    bundle = DIST / (f"{APP_NAME}.app" if sys.platform == "darwin" else EXE_NAME)
    dangling = [str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    if dangling:
        raise SystemExit(f"build.py: the bundle has dangling symlinks: {dangling}")
    log(f"bundle {bundle} built in {time.monotonic() - t0:.0f} s, {du_mb(bundle):.1f} MB")
    return bundle


def du_mb(path: Path) -> float:
    return sum(f.lstat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def system_libs_needed(bundle: Path) -> dict[str, str]:
    """{soname: path} of libraries outside the bundle that its ELF files load (ldd, bundle on the path)."""
    libdirs = sorted({str(f.parent) for f in bundle.rglob("*.so*")})
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(libdirs))
    found: dict[str, str] = {}
    missing: dict[str, set[str]] = {}
    for f in sorted(bundle.rglob("*")):
        if not f.is_file() or f.is_symlink():
            continue
        with open(f, "rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["ldd", str(f)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            parts = line.split()
            if "=>" not in parts:
                continue
            name, target = parts[0], parts[2]
            if target == "not":
                missing.setdefault(name, set()).add(str(f.relative_to(bundle)))
            elif not target.startswith(str(bundle)):
                found[name] = target
    if missing:
        for name, users in sorted(missing.items()):
            log(f"NOT FOUND: {name} (needed by {', '.join(sorted(users)[:3])})")
        raise SystemExit("build.py: the bundle needs libraries that are neither in it nor on this system")
    return found


def check_deps(bundle: Path) -> None:
    """Fail if the bundle loads a system library from a package that DEB_DEPENDS does not pull in."""
    libs = system_libs_needed(bundle)
    owners = {}
    for name, path in libs.items():
        real = os.path.realpath(path)
        out = ""
        for p in (path, real, real.replace("/usr/lib/", "/lib/"), real.replace("/lib/", "/usr/lib/", 1)):
            r = subprocess.run(["dpkg-query", "-S", p], capture_output=True, text=True)
            if r.returncode == 0:
                out = r.stdout
                break
        owners[name] = out.split(":")[0] if out else "?"
    allowed = dependency_closure([d.split()[0] for d in DEB_DEPENDS.split(",")])
    for name in sorted(libs):
        log(f"  needs {name:32} from {owners[name]}")
    bad = {n: o for n, o in owners.items() if o not in allowed}
    if bad:
        raise SystemExit(f"build.py: Depends ({DEB_DEPENDS}) does not cover {bad}")
    log("every system library the bundle loads comes from Depends (or what they depend on)")


def dependency_closure(pkgs: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(pkgs)
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        r = subprocess.run(["dpkg-query", "-W", "-f=${Depends},${Pre-Depends}", p], capture_output=True,
                           text=True)
        for alt in r.stdout.split(","):
            for name in alt.split("|"):
                name = name.strip().split(" ")[0].split(":")[0]
                if name:
                    todo.append(name)
    return seen


# --- Linux .deb ----------------------------------------------------------------------------------------------
def release_date() -> str:
    r = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "rothwizard/__init__.py"],
                       capture_output=True, text=True, cwd=ROOT)
    return r.stdout.strip() or dt.date.today().isoformat()


def fill(template: Path, dest: Path, version: str, mode: int = 0o644) -> None:
    text = template.read_text(encoding="utf-8")
    for key, value in {"@VERSION@": version, "@DATE@": release_date(), "@APP_ID@": APP_ID,
                       "@SUMMARY@": SUMMARY, "@DEPENDS@": DEB_DEPENDS}.items():
        text = text.replace(key, value)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    dest.chmod(mode)


def copyright_text() -> str:
    text = (PACKAGING / "linux" / "copyright").read_text(encoding="utf-8")
    fonts = ROOT / "resources" / "fonts"
    licences = sorted(p for p in fonts.glob("*") if p.is_file() and p.suffix.lower() not in (".ttf", ".otf")) \
        if fonts.is_dir() else []
    for lic in licences:
        body = "\n".join(" " + (line if line.strip() else ".") for line in
                         lic.read_text(encoding="utf-8", errors="replace").splitlines())
        text += f"\nFiles: opt/rothwizard/_internal/resources/fonts/*\nComment: {lic.name}, shipped as is\n" \
                f"License: see-below\n{body}\n"
    return text


def build_deb(version: str, bundle: Path) -> Path:
    t0 = time.monotonic()
    check_deps(bundle)
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    root = BUILD / "deb" / f"rothwizard_{version}_{arch}"
    if root.exists():
        shutil.rmtree(root)
    (root / "opt").mkdir(parents=True)
    run(["cp", "-a", bundle, root / "opt" / "rothwizard"])
    lin = PACKAGING / "linux"
    usr = root / "usr"
    fill(lin / "rothwizard.sh", usr / "bin" / "rothwizard", version, 0o755)
    fill(lin / "rothwizard.desktop", usr / "share" / "applications" / f"{APP_ID}.desktop", version)
    fill(lin / "rothwizard.metainfo.xml", usr / "share" / "metainfo" / f"{APP_ID}.metainfo.xml", version)
    # The plan file type (*.rothplan.json), and fontconfig caches kept per user (not under /var/cache).
    fill(lin / "rothwizard-mime.xml", usr / "share" / "mime" / "packages" / f"{APP_ID}.xml", version)
    fill(lin / "fonts.conf", root / "opt" / "rothwizard" / "fonts.conf", version)
    icons = ROOT / "resources" / "icons"
    hicolor = usr / "share" / "icons" / "hicolor"
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copyfile(icons / "rothwizard.svg", hicolor / "scalable" / "apps" / "rothwizard.svg")
    for size in PNG_SIZES:
        d = hicolor / f"{size}x{size}" / "apps"
        d.mkdir(parents=True)
        shutil.copyfile(icons / "png" / f"rothwizard-{size}.png", d / "rothwizard.png")
    doc = usr / "share" / "doc" / "rothwizard"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
    with gzip.GzipFile(doc / "changelog.gz", "wb", mtime=0) as gz:
        gz.write(f"rothwizard ({version}) stable; urgency=low\n\n  * Release {version}.\n".encode())
    for p in root.rglob("*"):  # regular permissions whatever the umask or the checkout did
        if p.is_symlink():
            continue
        if p.is_dir():
            p.chmod(0o755)
        else:
            p.chmod(0o755 if os.access(p, os.X_OK) else 0o644)
    installed_kb = sum(f.lstat().st_size for f in root.rglob("*") if f.is_file()) // 1024
    fill(lin / "control", root / "DEBIAN" / "control", version)
    control = root / "DEBIAN" / "control"
    control.write_text(control.read_text().replace("@ARCH@", arch).replace("@SIZE@", str(installed_kb)))
    validate(root)
    DIST.mkdir(exist_ok=True)
    out = DIST / f"rothwizard_{version}_{arch}.deb"
    compression = os.environ.get("ROTHWIZARD_DEB_COMPRESSION", "xz")
    run(["dpkg-deb", "--build", "--root-owner-group", f"-Z{compression}", root, out])
    log(f".deb {out.stat().st_size / 1e6:.1f} MB ({compression}), installed {installed_kb / 1024:.0f} MiB, "
        f"packed in {time.monotonic() - t0:.0f} s")
    return out


def validate(root: Path) -> None:
    """desktop-file-validate and appstreamcli validate, when installed (CI installs them)."""
    desktop = next((root / "usr/share/applications").glob("*.desktop"))
    metainfo = next((root / "usr/share/metainfo").glob("*.xml"))
    if shutil.which("desktop-file-validate"):
        run(["desktop-file-validate", desktop])
    else:
        log("desktop-file-validate not installed: .desktop file not validated")
    if shutil.which("appstreamcli"):
        run(["appstreamcli", "validate", "--no-net", "--explain", metainfo], stdout=sys.stderr)
    else:
        log("appstreamcli not installed: metainfo not validated")


# --- Windows and macOS ---------------------------------------------------------------------------------------
def build_nsis(version: str, bundle: Path) -> Path:
    makensis = shutil.which("makensis")
    if not makensis:
        raise SystemExit("build.py: makensis not found (Windows: choco install nsis; Debian: apt install nsis)")
    DIST.mkdir(exist_ok=True)
    out = DIST / f"RothWizard-{version}-setup.exe"
    sep = "/" if os.name == "nt" else "-"
    numbers = [int("".join(ch for ch in part if ch.isdigit()) or 0) for part in version.split(".")[:4]]
    vi_version = ".".join(str(n) for n in (numbers + [0, 0, 0, 0])[:4])  # Windows wants exactly a.b.c.d
    run([makensis, f"{sep}V2", f"{sep}DVERSION={version}", f"{sep}DVIVERSION={vi_version}",
         f"{sep}DBUNDLE={bundle}", f"{sep}DOUTFILE={out}",
         f"{sep}DICON={ROOT / 'resources' / 'icons' / 'rothwizard.ico'}", PACKAGING / "windows" / "rothwizard.nsi"])
    return out


def nsis_stand_in() -> Path:
    """A folder shaped like the Windows bundle (rothwizard.exe + _internal/) to compile the script against."""
    stand = BUILD / "nsis-stand-in" / EXE_NAME
    if stand.exists():
        shutil.rmtree(stand)
    (stand / "_internal" / "resources").mkdir(parents=True)
    (stand / "rothwizard.exe").write_bytes(b"MZ stand-in: the real bundle is built under Wine or on Windows\n")
    (stand / "rothwizard-cli.exe").write_bytes(b"MZ stand-in\n")
    (stand / "_internal" / "python311.dll").write_bytes(b"stand-in\n")
    shutil.copytree(ROOT / "resources", stand / "_internal" / "resources", dirs_exist_ok=True)
    return stand


def build_dmg(version: str, app: Path) -> Path:
    if sys.platform != "darwin":
        raise SystemExit("build.py: a .dmg can only be made on macOS (hdiutil)")
    out = DIST / f"RothWizard-{version}.dmg"
    run(["bash", PACKAGING / "macos" / "make-dmg.sh", app, out, version])
    return out


WIN_DIST = DIST / "windows"  # the Windows bundle, apart from the Linux one in dist/rothwizard


def build_windows_under_wine(reuse_bundle: bool) -> int:
    """Linux: the Windows bundle built by the Windows CPython under Wine (packaging/windows/wine.py), then
    setup.exe with Debian's makensis. Anywhere else that is not Windows: refuse, never wrap another bundle."""
    sys.path.insert(0, str(PACKAGING / "windows"))
    import wine

    reason = wine.refuse_reason()
    if reason:
        raise SystemExit(f"build.py: cannot build the Windows installer here: {reason}")
    t0 = time.monotonic()
    version = read_version()
    log(f"RothWizard {version}: Windows bundle under Wine, cache {wine.cache_dir()}")
    bundle = WIN_DIST / EXE_NAME
    if reuse_bundle and bundle.exists():
        wine.check_bundle(bundle)
    else:
        bundle = wine.build_bundle(version, WIN_DIST, BUILD / "pyinstaller-windows")
    result = build_nsis(version, bundle)
    log(f"setup.exe {result.stat().st_size / 1e6:.1f} MB; Windows build took {time.monotonic() - t0:.0f} s")
    print(result)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", choices=["deb", "bundle", "windows", "macos", "nsis-check", "check-deps"])
    parser.add_argument("--reuse-bundle", action="store_true",
                        help="use packaging/dist/rothwizard from an earlier build instead of running PyInstaller")
    args = parser.parse_args()
    if args.target in ("deb", "check-deps") and not sys.platform.startswith("linux"):
        parser.error(f"{args.target} is built on Linux")
    if args.target == "windows" and sys.platform != "win32":
        return build_windows_under_wine(args.reuse_bundle)
    ensure_build_env(args.target)
    version = read_version()
    log(f"RothWizard {version}, {platform.system()} {platform.machine()}, Python {platform.python_version()}")

    if args.target == "nsis-check":
        result = build_nsis(version, nsis_stand_in())
    else:
        bundle = DIST / (f"{APP_NAME}.app" if sys.platform == "darwin" else EXE_NAME)
        if not (args.reuse_bundle and bundle.exists()) and args.target != "check-deps":
            bundle = build_bundle(version)
        if args.target == "deb":
            result = build_deb(version, bundle)
        elif args.target == "check-deps":
            check_deps(bundle)
            result = bundle
        elif args.target == "windows":
            result = build_nsis(version, bundle)
        elif args.target == "macos":
            result = build_dmg(version, bundle)
        else:
            result = bundle
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
