"""How long `compute()` takes for a two-person plan once loaded (issue: the calculation core).

Run: .venv/bin/python tests/benchmarks/bench_compute.py
Not a test: it prints the median and the 95th percentile of 2,000 runs, beside a baseline measured in
the same run (validating the plan alone), so a slow machine shows up in both figures.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rothwizard.core import compute, plan_from_data  # noqa: E402


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> dict:
    data = json.loads((ROOT / "examples/married-both-strategies.rothplan.json").read_text())
    plan = plan_from_data(data)
    compute(plan)  # load the limits file once
    runs = 2000
    validate = timed(lambda: plan_from_data(data), runs)
    calc = timed(lambda: compute(plan), runs)
    both = timed(lambda: compute(plan_from_data(data)), runs)

    def ms(xs):
        return round(statistics.median(xs) * 1000, 3), round(sorted(xs)[int(len(xs) * 0.95)] * 1000, 3)

    result = {"runs": runs, "validate_ms": ms(validate), "compute_ms": ms(calc), "validate_and_compute_ms": ms(both)}
    print(f"two-person plan, {runs} runs (median ms, p95 ms)")
    for key in ("validate_ms", "compute_ms", "validate_and_compute_ms"):
        print(f"  {key:26} {result[key][0]:8.3f} {result[key][1]:8.3f}")
    return result


if __name__ == "__main__":
    main()
