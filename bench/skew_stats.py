"""Half of `npm run bench skew`: the recorder's column statistics of a 1M-row x 20-column training frame and a
serving frame (the stats every recorded model input gets), timed, written as JSON for bench/skew.ts.

    python bench/skew_stats.py OUT.json [--rows 1000000] [--cap 20000]

Baseline in the same run: pandas' own DataFrame.describe() of the same frames (numeric columns).
"""
import argparse
import json
import time

import numpy as np
import pandas as pd

from skewer.stats import table_stats
from skewer.tables import TableView


def frame(rng, n, shift):
    """20 columns the way feature matrices look: 8 continuous, 6 small counts / codes, 3 wide integers, 3 text."""
    cols = {}
    for i in range(8):
        x = rng.lognormal(3 + 0.1 * i, 0.5, n) if i % 2 else rng.normal(50 + shift * i, 10, n)
        x[rng.random(n) < 0.02] = np.nan
        cols[f"cont_{i}"] = x
    for i in range(6):
        cols[f"count_{i}"] = rng.poisson(1.5 + 0.3 * i + shift, n)
    for i in range(3):
        cols[f"wide_{i}"] = rng.integers(0, 10_000 * (i + 1), n)
    for i in range(3):
        cols[f"text_{i}"] = rng.choice([f"v{k}" for k in range(5 + 10 * i)], n)
    return pd.DataFrame(cols)


def best(f, repeat=5):
    """(best wall, median wall, median CPU, result): CPU time says more than wall time on a loaded machine."""
    ts, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        out = f()
        ts.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(ts), sorted(ts)[len(ts) // 2], sorted(cpu)[len(cpu) // 2], out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cap", type=int, default=20_000)
    ns = ap.parse_args()
    rng = np.random.default_rng(0)
    train, serve = frame(rng, ns.rows, 0.0), frame(rng, ns.rows, 0.05)
    stats_best, stats_med, stats_cpu, (a, b) = best(lambda: (table_stats(TableView(train, "X"), ns.cap), table_stats(TableView(serve, "X"), ns.cap)))
    _, full_med, _, _ = best(lambda: (table_stats(TableView(train, "X"), ns.rows), table_stats(TableView(serve, "X"), ns.rows)), repeat=1)
    _, describe_med, describe_cpu, _ = best(lambda: (train.describe(), serve.describe()), repeat=3)
    with open(ns.out, "w") as f:
        json.dump({"train": a, "serve": b, "statsMs": stats_med * 1e3, "statsBestMs": stats_best * 1e3,
                   "statsCpuMs": stats_cpu * 1e3, "statsAllRowsMs": full_med * 1e3, "describeMs": describe_med * 1e3,
                   "describeCpuMs": describe_cpu * 1e3, "rows": ns.rows, "cap": ns.cap,
                   "versions": {"pandas": pd.__version__, "numpy": np.__version__}}, f)


if __name__ == "__main__":
    main()
