"""Regenerate the example data and re-record every example run (deterministic apart from run ids, times,
durations, pid/host and absolute paths).

    python record_all.py              # from anywhere; records into examples/.skewer/runs (replacing it)
    python record_all.py --out DIR    # record somewhere else (the freshness test does this)
"""
import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDER = Path(os.environ.get("SKEWER_RECORDER", HERE.parent / "recorder"))
ROW_CAP = "25"
# (phase, script, expected exit code, extra environment)
RUNS = [
    ("train", "churn/train.py", 0, {}),
    ("serve", "churn/serve.py", 0, {}),
    ("train", "notebooks/credit.ipynb", 0, {}),
    ("other", "churn/monthly_report.py", 1, {}),
    ("other", "slow/pipeline.py", 0, {"SKEWER_SLOW_STEP_SECONDS": "0"}),
]


def record_all(out: Path, python: str = sys.executable, quiet: bool = False):
    env = dict(os.environ)
    env["PYTHONPATH"] = str(RECORDER) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONHASHSEED"] = "0"
    io = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL} if quiet else {}
    subprocess.run([python, "make_data.py"], cwd=HERE, env=env, check=True, **io)
    for phase, script, expected, extra in RUNS:
        r = subprocess.run([python, "-m", "skewer", "record", "--phase", phase, "--row-cap", ROW_CAP,
                            "--out", str(out), script], cwd=HERE, env=dict(env, **extra), **io)
        if r.returncode != expected:
            raise SystemExit(f"{script}: exit code {r.returncode}, expected {expected}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=None)
    ns = ap.parse_args()
    out = Path(ns.out).resolve() if ns.out else HERE / ".skewer" / "runs"
    if ns.out is None and out.exists():
        shutil.rmtree(out)
    record_all(out)
    print(f"recorded {len(RUNS)} runs into {out}")


if __name__ == "__main__":
    main()
