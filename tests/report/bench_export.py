"""Time the PDF export of the full married plan: median of 20 after a warm-up (a script, not a test).

Run: .venv/bin/python tests/report/bench_export.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from rothwizard.core import compute, load_plan
from rothwizard.report import export_pdf

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "married-ticked-pro-rata.rothplan.json"
    plan = load_plan(ROOT / "examples" / name)
    report = compute(plan)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plan.pdf"
        export_pdf(plan, report, out, paper="letter")  # warm-up: imports, fonts, limits
        times = []
        for _ in range(20):
            start = time.perf_counter()
            export_pdf(plan, report, out, paper="letter")
            times.append(time.perf_counter() - start)
    print(f"{name}: median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over 20 runs")


if __name__ == "__main__":
    main()
