"""The example workspace: recording never changes results, the committed runs are current, and every skewer_
facet they contain validates against docs/schemas."""
import csv
import glob
import io
import json
import math
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
VOLATILE |= {"sha256"}  # model-artifact hashes: the pickled bytes hold floats that differ in their last bits between BLAS builds


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


@pytest.fixture(scope="module")
def fresh(workspace, tmp_path_factory):
    """Every example recorded afresh on this row's stack: {pipeline name: (events, side files, run dir)}."""
    out = tmp_path_factory.mktemp("fresh")
    env = dict(subprocess_env(), SKEWER_RECORDER=RECORDER)
    r = subprocess.run([PY, "record_all.py", "--out", str(out)], cwd=workspace, env=env, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    return {name: (ev, files, d) for d in glob.glob(str(out / "*/")) for name, ev, files in [_normalise(d)]}


def _committed():
    return {name: (ev, files, d) for d in glob.glob(COMMITTED + "/*/") for name, ev, files in [_normalise(d)]}


def _stack(events):
    v = events[0]["run"]["facets"]["skewer_run"]["versions"]
    return {k: v.get(k) for k in ("pandas", "sklearn", "numpy", "pyarrow")}


# Recorded numbers that come out of floating-point work (fitted coefficients, means, standard deviations, scaled
# values in snapshots) differ in their last bits between CPUs and BLAS builds; compare those with a relative
# tolerance far below any real drift, and everything else (counts, names, types, lineage, ints) exactly.
REL_TOL, ABS_TOL = 1e-9, 1e-12


def _num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _diff(a, b, where="", rel_tol=REL_TOL):
    """Where a and b differ (None when equal): floats within tolerance, everything else exactly."""
    if _num(a) and _num(b) and (isinstance(a, float) or isinstance(b, float)):
        return None if math.isclose(a, b, rel_tol=rel_tol, abs_tol=ABS_TOL) else f"{where}: {a!r} != {b!r}"
    if isinstance(a, dict) and isinstance(b, dict):
        if sorted(a) != sorted(b):
            return f"{where}: keys {sorted(set(a) ^ set(b))} on one side only"
        float_digest = a.get("truncated") is True and str(a.get("dtype", "")).startswith("float")
        for k in a:
            if k == "sha256" and float_digest:
                continue  # digest of float bytes: the head and shape are compared, with tolerance
            d = _diff(a[k], b[k], f"{where}/{k}", rel_tol)
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = _diff(x, y, f"{where}[{i}]", rel_tol)
            if d:
                return d
        return None
    return None if a == b and type(a) is type(b) else f"{where}: {a!r} != {b!r}"


def _csv_diff(a: bytes, b: bytes, where):
    ra, rb = list(csv.reader(io.StringIO(a.decode()))), list(csv.reader(io.StringIO(b.decode())))
    if len(ra) != len(rb):
        return f"{where}: {len(ra)} != {len(rb)} lines"
    for i, (x, y) in enumerate(zip(ra, rb)):
        cells = [_float(c) if _float(c) is not None and _float(d) is not None else c for c, d in zip(x, y)]
        other = [_float(d) if _float(c) is not None and _float(d) is not None else d for c, d in zip(x, y)]
        d = _diff(cells, other, f"{where} line {i + 1}") if len(x) == len(y) else f"{where} line {i + 1}: width"
        if d:
            return d
    return None


def _float(cell):
    try:
        return float(cell)
    except ValueError:
        return None


def test_committed_example_runs_are_current(fresh):
    committed = _committed()
    assert sorted(fresh) == sorted(committed), "regenerate with: python examples/record_all.py"
    any_run = next(iter(committed.values()))[0]
    this = _stack(next(iter(fresh.values()))[0])
    if _stack(any_run) != this:
        pytest.skip(f"the committed runs are recorded on {_stack(any_run)}, this row is {this}: "
                    "test_example_runs_mean_the_same_on_every_row compares them")
    for name in fresh:
        ev_new, files_new, _ = fresh[name]
        ev_old, files_old, _ = committed[name]
        assert len(ev_new) == len(ev_old), f"{name}: event count changed; run python examples/record_all.py"
        for i, (a, b) in enumerate(zip(ev_new, ev_old)):
            d = _diff(a, b, f"event {i + 1}")
            assert d is None, f"{name}: {d}; run python examples/record_all.py"
        assert sorted(files_new) == sorted(files_old), f"{name}: side files differ"
        for k in files_new:
            if k.endswith(".csv"):
                d = _csv_diff(files_new[k], files_old[k], k)
                assert d is None, f"{name}: {d}"
            else:
                assert files_new[k] == files_old[k], f"{name}: {k} differs"


def _outputs(events):
    """Per operator (job name): what it is and what each output means, without volatile or version-bound parts.
    Numbers that a model produced (its fit, its predictions and everything computed from them) legitimately change
    with the scikit-learn version, and float sums with pandas' summation order, so column statistics keep their
    type and null count everywhere, and their values only for steps before the first scikit-learn step (floats
    with a tolerance, distinct counts of non-float columns exactly)."""
    ops = {}
    data_prep = True
    # datasets and lineage files are named by operator seq, and a library may order its nested steps differently
    # (scikit-learn >= 1.4 selects every ColumnTransformer column subset before fitting any): name them by job
    jobs = {str(e["run"]["facets"]["skewer_operator"]["seq"]): e["job"]["name"] for e in events[1:]
            if "skewer_operator" in e["run"]["facets"]}

    def by_job(name):
        run, _, rest = name.rpartition("/")
        seq, _, port = rest.partition(".")
        return f"{jobs[seq]}.{port}" if seq in jobs else name
    for e in events[1:]:
        op = e["run"]["facets"].get("skewer_operator")
        if op is None or e["eventType"] == "START":
            continue
        data_prep = data_prep and op["library"] == "pandas"
        outs = []
        for ds in e.get("outputs", []):
            f, of = ds.get("facets", {}), ds.get("outputFacets", {})
            lin = dict(of.get("skewer_rowLineage", {}))
            lin.pop("_producer", None)
            if "inputs" in lin:
                lin["inputs"] = [by_job(n) for n in lin["inputs"]]
                lin["arrays"] = sorted(lin["arrays"])
            stats = {}
            for c, v in f.get("skewer_stats", {}).get("columns", {}).items():
                keys = ["dtype", "nulls"]
                if data_prep:
                    keys += ["min", "max", "mean", "std"] + ([] if v["dtype"].startswith("float") else ["distinct"])
                stats[c] = {k: v.get(k) for k in keys}
            outs.append({"name": by_job(ds["name"]), "schema": f.get("schema", {}).get("fields"), "stats": stats,
                         "rows": of.get("outputStatistics", {}).get("rowCount"), "lineage": lin})
        fitted = e["run"]["facets"].get("skewer_fittedTransformer", {})
        ops[e["job"]["name"]] = {"status": e["eventType"], "function": op["function"], "kind": op["kind"],
                                 "outputs": outs, "fitted": {k: fitted.get(k) for k in ("class", "role", "nFitRows")}}
    return ops, by_job


def test_example_runs_mean_the_same_on_every_row(fresh):
    """Whatever the pandas / numpy / scikit-learn / pyarrow versions, recording an example gives the same steps,
    types, row counts, row lineage (to the byte) and column statistics (within float tolerance) as the committed
    runs recorded on the oldest supported stack."""
    committed = _committed()
    assert sorted(fresh) == sorted(committed)
    for name in fresh:
        ev_new, files_new, _ = fresh[name]
        ev_old, files_old, _ = committed[name]
        (new, new_job), (old, old_job) = _outputs(ev_new), _outputs(ev_old)
        assert sorted(new) == sorted(old), f"{name}: different operators"
        for job in new:
            d = _diff(new[job], old[job], f"{name} {job}", rel_tol=1e-6)
            assert d is None, d

        def lineage(files, job_of):
            return {job_of("x/" + k[len("lineage/"):-len(".npy")]): v for k, v in files.items() if k.startswith("lineage/")}
        lin_new, lin_old = lineage(files_new, new_job), lineage(files_old, old_job)
        assert sorted(lin_new) == sorted(lin_old), name
        for k in lin_old:
            assert lin_new[k] == lin_old[k], f"{name}: lineage array {k} differs"


@pytest.mark.skipif(shutil.which("node") is None or not os.path.isdir(os.path.join(ROOT, "node_modules", "ajv")),
                    reason="node or ajv not available")
def test_fresh_runs_on_this_row_validate_against_the_schemas(fresh):
    files = [os.path.join(d, "events.ndjson") for _, _, d in fresh.values()]
    r = subprocess.run(["node", os.path.join(os.path.dirname(__file__), "validate_facets.cjs"), ROOT, *files],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


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
                  "skewer_rowLineage", "skewer_snapshot", "skewer_keys"):
        assert summary["counts"].get(facet, 0) > 0, facet
