"""Record the test pipelines under test/pipelines/<name>/ into test/fixtures/runs/<stack>/<name>/ (committed).

Each pipeline folder holds a seeded `make_data.py` (writes its input data into the folder; the facts it plants —
which record is dropped where, which entity lands in which split — are what the tests expect), its scripts, and
`runs.json`: [{"phase": "train", "script": "train.py", "exit": 0, "args": ["--keys", "id"], "env": {}}, ...].
Scripts run in their pipeline folder, in the order listed (a serve script can load what a train script saved).

    python test/pipelines/record.py                      # every pipeline, on every stack (oldest and current)
    python test/pipelines/record.py --stack oldest NAME  # one pipeline on Debian's pandas 1.5.3 / sklearn 1.2.1
    python test/pipelines/record.py --python PY --out DIR NAME   # somewhere else (the freshness test does this)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RECORDER = Path(os.environ.get("SKEWER_RECORDER", ROOT / "recorder"))
FIXTURES = ROOT / "test" / "fixtures" / "runs"
STACKS = ("oldest", "current")
ROW_CAP = "25"


def pipelines():
    return sorted(p.parent.name for p in HERE.glob("*/runs.json"))


def stack_python(stack):
    """The interpreter of a support-matrix row (test/tooling/python.mjs builds the venv when missing)."""
    if stack == "oldest":
        return "/usr/bin/python3"
    r = subprocess.run(["node", str(ROOT / "test" / "tooling" / "python.mjs"), stack], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"cannot get the {stack} python: {r.stderr.strip()[-500:]}")
    return r.stdout.strip().splitlines()[-1].split()[-1]


def record(name, out, python=sys.executable, quiet=False):
    """Regenerate the pipeline's data and record each of its runs into `out` (created; not emptied)."""
    folder = HERE / name
    runs = json.loads((folder / "runs.json").read_text())
    env = dict(os.environ, PYTHONHASHSEED="0", SKEWER_RUNS_DIR=str(out))
    env["PYTHONPATH"] = str(RECORDER) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    io = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL} if quiet else {}
    out.mkdir(parents=True, exist_ok=True)
    if (folder / "make_data.py").exists():
        subprocess.run([python, "make_data.py"], cwd=folder, env=env, check=True, **io)
    for run in runs:
        cmd = [python, "-m", "skewer", "record", "--phase", run.get("phase", "other"), "--row-cap",
               str(run.get("rowCap", ROW_CAP)), "--out", str(out), *run.get("args", []), run["script"]]
        r = subprocess.run(cmd, cwd=folder, env=dict(env, **run.get("env", {})), **io)
        if r.returncode != run.get("exit", 0):
            raise SystemExit(f"{name}/{run['script']}: exit code {r.returncode}, expected {run.get('exit', 0)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="pipelines to record (default: all)")
    ap.add_argument("--stack", choices=(*STACKS, "all"), default="all")
    ap.add_argument("--python", help="record with this interpreter instead of a stack's (needs --out)")
    ap.add_argument("--out", help="record into DIR/<name> instead of test/fixtures/runs/<stack>/<name>")
    ns = ap.parse_args()
    names = ns.names or pipelines()
    unknown = sorted(set(names) - set(pipelines()))
    if unknown:
        raise SystemExit(f"no pipeline {', '.join(unknown)} (known: {', '.join(pipelines())})")
    if ns.python:
        if not ns.out:
            raise SystemExit("--python needs --out (the committed fixtures are recorded per stack)")
        for name in names:
            record(name, Path(ns.out).resolve() / name, ns.python)
        return
    for stack in STACKS if ns.stack == "all" else (ns.stack,):
        python = stack_python(stack)
        for name in names:
            out = Path(ns.out).resolve() / stack / name if ns.out else FIXTURES / stack / name
            if not ns.out and out.exists():
                shutil.rmtree(out)
            record(name, out, python)
            print(f"{stack}: recorded {name} into {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
