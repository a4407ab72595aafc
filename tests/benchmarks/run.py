"""RothWizard's benchmarks: start-up, typing, PDF export, memory and size, each beside a baseline
measured in the same run. Not part of the test suite and never a pass/fail timing test.

    .venv/bin/python tests/benchmarks/run.py [--runs 10] [--json out.json] [--installed /usr/bin/rothwizard]

Prints a table and writes JSON (default: benchmark-results.json in the current folder).

| figure                                   | how                                                    | budget     |
| first page painted, from process start   | median of N alternating runs vs a bare 8-page QWizard  | <= 1.3x    |
| installed bundle to its first page       | same method, when --installed is given or found        | <= 0.6 s   |
| keystroke in a money field -> figures    | median over 200 edits                                  | <= 5 ms    |
| PDF export, full married plan            | median of 20 after a warm-up                           | <= 0.3 s   |
| peak RSS with the wizard open            | max RSS of the same runs vs the bare QWizard           | <= 1.3x    |
| .deb and bundle size                     | bytes, from packaging/dist if built                    | .deb 60 MB |
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
MARRIED = ROOT / "examples" / "married-both-strategies.rothplan.json"
sys.path.insert(0, str(ROOT))


def launch(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Start ``cmd``; return (seconds from spawn to its 'first-paint' line, peak RSS in KiB)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.time()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env, cwd=ROOT)
        out = proc.stdout.read().decode()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    stamps = [float(line.split()[1]) for line in out.splitlines() if line.startswith("first-paint ")]
    if proc.returncode != 0 or not stamps:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode} without painting:\n{stderr[-2000:]}")
    if "Fontconfig error" in stderr:
        raise RuntimeError(f"{' '.join(cmd)}: Fontconfig error: text would be drawn as empty boxes")
    return stamps[0] - t0, usage.ru_maxrss


def alternate(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, dict]:
    """Run each command ``runs`` times, alternating, after one warm-up each (warm file cache)."""
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for cmd in commands.values():
        launch(cmd, env)
    for _ in range(runs):
        for name, cmd in commands.items():
            samples[name].append(launch(cmd, env))
    return {
        name: {
            "median_s": round(statistics.median(t for t, _ in s), 4),
            "min_s": round(min(t for t, _ in s), 4),
            "peak_rss_mib": round(max(r for _, r in s) / 1024, 1),
            "runs": len(s),
        }
        for name, s in samples.items()
    }


def bench_startup(runs: int, installed: str | None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROTHWIZARD_EXIT_AFTER_FIRST_PAINT": "1"}
    # Measure what an installed app does: run from compiled bytecode, as a wheel or the bundle would
    # (a machine with PYTHONDONTWRITEBYTECODE set would otherwise recompile every module each start).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "rothwizard"), str(HERE)], check=True)
    with tempfile.TemporaryDirectory() as data:
        env["ROTHWIZARD_DATA_DIR"] = data  # no autosave to restore, no recent files: a first start
        commands = {
            "bare_qwizard": [sys.executable, str(HERE / "bare_wizard.py")],
            "rothwizard": [sys.executable, "-m", "rothwizard"],
        }
        if installed:
            commands["installed"] = [installed]
        return alternate(commands, runs, env)


def bench_keystroke(edits: int = 200) -> dict:
    """Median time from a key press in a money field to the page's figures being updated (synchronous)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from rothwizard.gui import create_wizard

    app = QApplication.instance() or QApplication([])
    wizard = create_wizard(json.loads(MARRIED.read_text()))
    wizard.show()
    field = wizard.findChild(QLineEdit, "spouse.ira.balance_dec31")
    while not field.isVisible() and wizard.currentId() != -1:
        wizard.next()
        app.processEvents()
    field.setFocus()
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    app.processEvents()
    times = []
    for i in range(edits):
        key = Qt.Key.Key_5 if i % 2 == 0 else Qt.Key.Key_Backspace
        t0 = time.perf_counter()
        QTest.keyClick(field, key)
        app.processEvents()
        times.append(time.perf_counter() - t0)
    report = wizard.state.report
    page = wizard.currentPage().title()
    wizard.state.set_dirty(False)  # the edits are the benchmark's, not a person's: no "discard?" question
    wizard.close()
    return {"median_ms": round(statistics.median(times) * 1000, 3),
            "p95_ms": round(sorted(times)[int(len(times) * 0.95)] * 1000, 3), "edits": edits,
            "page": page, "report_ok": report is not None}


def bench_pdf(runs: int = 20) -> dict:
    from rothwizard.core import compute, load_plan
    from rothwizard.report import export_pdf

    plan = load_plan(MARRIED)
    report = compute(plan)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plan.pdf"
        export_pdf(plan, report, out)  # warm-up: fonts registered, modules imported
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            export_pdf(plan, report, out)
            times.append(time.perf_counter() - t0)
        size = out.stat().st_size
    return {"median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4), "runs": runs,
            "pdf_bytes": size}


def bench_sizes() -> dict:
    dist = ROOT / "packaging" / "dist"
    debs = sorted(dist.glob("rothwizard_*.deb")) if dist.is_dir() else []
    bundle = dist / "rothwizard"
    out: dict[str, object] = {}
    if debs:
        out["deb"] = debs[-1].name
        out["deb_bytes"] = debs[-1].stat().st_size
    if bundle.is_dir():
        # Symbolic links (Qt's library aliases) are not counted twice.
        out["bundle_bytes"] = sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    if not out:
        out["note"] = "not built: run `python packaging/build.py deb` first"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="start-up runs per command (>= 10)")
    ap.add_argument("--installed", default=None, help="the installed launcher, e.g. /usr/bin/rothwizard")
    ap.add_argument("--json", default="benchmark-results.json")
    args = ap.parse_args(argv)
    installed = args.installed or (shutil.which("rothwizard", path="/usr/bin") and "/usr/bin/rothwizard")
    if installed and not Path("/opt/rothwizard").is_dir():
        installed = args.installed
    results: dict[str, object] = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    results["startup"] = bench_startup(max(args.runs, 1), installed)
    results["keystroke"] = bench_keystroke()
    results["pdf_export"] = bench_pdf()
    results["sizes"] = bench_sizes()

    s = results["startup"]
    bare, app = s["bare_qwizard"], s["rothwizard"]
    rows = [
        ("first page painted (median)", f"{app['median_s'] * 1000:.0f} ms vs bare {bare['median_s'] * 1000:.0f} ms",
         f"{app['median_s'] / bare['median_s']:.2f}x", "<= 1.3x"),
        ("peak RSS, wizard open", f"{app['peak_rss_mib']} MiB vs bare {bare['peak_rss_mib']} MiB",
         f"{app['peak_rss_mib'] / bare['peak_rss_mib']:.2f}x", "<= 1.3x"),
    ]
    if "installed" in s:
        inst = s["installed"]
        rows.append(("installed bundle, first page", f"{inst['median_s'] * 1000:.0f} ms (bare "
                     f"{bare['median_s'] * 1000:.0f} ms)", f"{inst['median_s']:.3f} s", "<= 0.6 s"))
    k, p, z = results["keystroke"], results["pdf_export"], results["sizes"]
    rows.append(("keystroke -> figures (median)", f"{k['median_ms']} ms (p95 {k['p95_ms']} ms)",
                 f"{k['median_ms']} ms", "<= 5 ms"))
    rows.append(("PDF export, married plan", f"{p['median_s'] * 1000:.0f} ms (min {p['min_s'] * 1000:.0f} ms)",
                 f"{p['median_s']:.3f} s", "<= 0.3 s"))
    if "deb_bytes" in z:
        rows.append((".deb size", f"{z['deb_bytes'] / 1e6:.1f} MB", f"{z['deb_bytes'] / 1e6:.1f} MB", "<= 60 MB"))
    if "bundle_bytes" in z:
        rows.append(("bundle size", f"{z['bundle_bytes'] / 1e6:.1f} MB", "", ""))
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':{width}}  {'measured':42}  {'figure vs budget':18}  budget")
    for name, measured, value, budget in rows:
        print(f"{name:{width}}  {measured:42}  {value:18}  {budget}")
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
