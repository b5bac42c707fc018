"""The example workspace: recording never changes results, the committed runs are current, and every skewer_
facet they contain validates against docs/schemas."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import RECORDER, subprocess_env

ROOT = os.path.dirname(RECORDER)
EXAMPLES = os.path.join(ROOT, "examples")
COMMITTED = os.path.join(EXAMPLES, ".skewer", "runs")
PY = sys.executable
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
VOLATILE = {"eventTime", "durationMs", "recorderMs", "startedAt", "endedAt", "pid", "host", "python", "stackTrace",
            "refit_time_", "mean_fit_time", "std_fit_time", "mean_score_time", "std_score_time"}  # wall-clock values


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A private copy of examples/ with freshly generated data."""
    ws = tmp_path_factory.mktemp("ws") / "examples"
    shutil.copytree(EXAMPLES, ws, ignore=shutil.ignore_patterns(".skewer", "*.csv", "*.pkl", "__pycache__"))
    subprocess.run([PY, "make_data.py"], cwd=ws, check=True, capture_output=True)
    return ws


def _run(ws, target, recorded, out=None, phase="other"):
    if not recorded:
        if target.endswith(".ipynb"):
            cmd = [PY, "-c", f"from skewer.notebook import run_notebook; run_notebook({target!r})"]
        else:
            cmd = [PY, target]
    else:
        cmd = [PY, "-m", "skewer", "record", "--phase", phase, "--out", str(out), target]
    r = subprocess.run(cmd, cwd=ws, env=dict(subprocess_env(), PYTHONHASHSEED="0"), capture_output=True,
                       text=True, timeout=120)
    # The recorder's own "skewer: recording <job> into <dir>" line is not the program's output.
    err = [l for l in r.stderr.strip().splitlines() if not l.startswith("skewer: recording ")]
    last_err = err[-1] if err else ""
    return r.returncode, r.stdout, last_err


def _read(ws, rel):
    with open(os.path.join(ws, rel), "rb") as f:
        return f.read()


def test_recording_does_not_change_results(workspace, tmp_path):
    out = tmp_path / "runs"
    cases = [("churn/train.py", "train", "data/churn_model.pkl"), ("churn/serve.py", "serve", "data/churn_scores.csv"),
             ("notebooks/credit.ipynb", "train", None), ("churn/monthly_report.py", "other", None)]
    for target, phase, artefact in cases:
        plain = _run(workspace, target, False)
        plain_bytes = _read(workspace, artefact) if artefact else None
        rec = _run(workspace, target, True, out, phase)
        assert rec[:2] == plain[:2], f"{target}: exit code or stdout changed by recording"
        assert rec[2] == plain[2], f"{target}: last stderr line changed: {plain[2]!r} -> {rec[2]!r}"
        if artefact:
            assert _read(workspace, artefact) == plain_bytes, f"{target}: {artefact} differs bit for bit"
    assert len(os.listdir(out)) == len(cases)
    assert "test AUC: logreg=" in _run(workspace, "churn/train.py", False)[1]


def _normalise(run_dir):
    ids = {}

    def sub_ids(s):
        return UUID.sub(lambda m: ids.setdefault(m.group(0), f"<id{len(ids)}>"), s)
    lines = open(os.path.join(run_dir, "events.ndjson"), encoding="utf-8").read().splitlines()
    cwd = json.loads(lines[0])["run"]["facets"]["skewer_run"]["cwd"]

    def walk(v):
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items() if k not in VOLATILE}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, str):
            return sub_ids(v.replace(cwd, "<cwd>"))
        return v
    events = [walk(json.loads(l)) for l in lines]
    files = {}
    for sub in ("lineage", "snapshots"):
        for p in sorted(glob.glob(os.path.join(run_dir, sub, "*"))):
            with open(p, "rb") as f:
                files[f"{sub}/{os.path.basename(p)}"] = f.read()
    return events[0]["job"]["name"], events, files


def test_committed_example_runs_are_current(workspace, tmp_path):
    out = tmp_path / "fresh"
    env = dict(subprocess_env(), SKEWER_RECORDER=RECORDER)
    r = subprocess.run([PY, "record_all.py", "--out", str(out)], cwd=workspace, env=env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    fresh = dict((name, (ev, files)) for name, ev, files in map(_normalise, glob.glob(str(out / "*/"))))
    committed = dict((name, (ev, files)) for name, ev, files in map(_normalise, glob.glob(COMMITTED + "/*/")))
    assert sorted(fresh) == sorted(committed), "regenerate with: python examples/record_all.py"
    for name in fresh:
        ev_new, files_new = fresh[name]
        ev_old, files_old = committed[name]
        assert len(ev_new) == len(ev_old), f"{name}: event count changed; run python examples/record_all.py"
        for i, (a, b) in enumerate(zip(ev_new, ev_old)):
            assert a == b, f"{name}: event {i + 1} differs; run python examples/record_all.py"
        assert sorted(files_new) == sorted(files_old), f"{name}: side files differ"
        for k in files_new:
            assert files_new[k] == files_old[k], f"{name}: {k} differs"


def test_committed_runs_are_small_and_cover_the_planted_bugs():
    total = sum(os.path.getsize(p) for p in glob.glob(COMMITTED + "/**/*", recursive=True) if os.path.isfile(p))
    assert total < 2_000_000, total
    bugs = []
    for p in glob.glob(EXAMPLES + "/**/*.py", recursive=True) + glob.glob(EXAMPLES + "/**/*.ipynb", recursive=True):
        bugs += re.findall(r"# BUG\(([a-z]+/[a-z-]+)\): \S", open(p, encoding="utf-8").read())
    assert sorted(set(bugs)) == sorted(["leakage/preprocessing", "leakage/overlap", "leakage/multi-test",
                                        "leakage/target", "mismatch/refit-at-inference", "mismatch/column-order"])


@pytest.mark.skipif(shutil.which("node") is None or not os.path.isdir(os.path.join(ROOT, "node_modules", "ajv")),
                    reason="node or ajv not available")
def test_every_skewer_facet_validates_against_its_schema():
    files = sorted(glob.glob(COMMITTED + "/*/events.ndjson"))
    assert files
    r = subprocess.run(["node", os.path.join(os.path.dirname(__file__), "validate_facets.cjs"), ROOT, *files],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    summary = json.loads(r.stdout)
    for facet in ("skewer_run", "skewer_operator", "skewer_codeLocation", "skewer_fittedTransformer", "skewer_stats",
                  "skewer_rowLineage", "skewer_snapshot"):
        assert summary["counts"].get(facet, 0) > 0, facet
