"""The test pipelines (test/pipelines/<name>/): their committed runs (test/fixtures/runs/<stack>/<name>/, what the
TypeScript tests read) are what recording them on this row's stack gives today, and every skewer_ facet validates."""
import glob
import os
import shutil
import subprocess
import sys

import pytest

from conftest import RECORDER
from test_examples import _csv_diff, _diff, _normalise, _outputs

ROOT = os.path.dirname(RECORDER)
PIPELINES = os.path.join(ROOT, "test", "pipelines")
FIXTURES = os.path.join(ROOT, "test", "fixtures", "runs")
ROW = os.environ.get("SKEWER_PYTHON_ROW", "oldest")
# rows without fixtures of their own are compared, by meaning, with the oldest stack's
STACK = ROW if os.path.isdir(os.path.join(FIXTURES, ROW)) else "oldest"
NAMES = sorted(os.path.basename(os.path.dirname(p)) for p in glob.glob(os.path.join(PIPELINES, "*", "runs.json")))
HAS_NODE = shutil.which("node") is not None and os.path.isdir(os.path.join(ROOT, "node_modules", "ajv"))


def _runs(folder):
    return {(name, ev[0]["run"]["facets"]["skewer_run"].get("phase")): (ev, files, d)
            for d in sorted(glob.glob(os.path.join(folder, "*/"))) for name, ev, files in [_normalise(d)]}


@pytest.mark.parametrize("name", NAMES)
def test_committed_pipeline_runs_are_current(name, tmp_path):
    committed_dir = os.path.join(FIXTURES, STACK, name)
    if not os.path.isdir(committed_dir):
        pytest.fail(f"no committed runs for {name} on {STACK}: python test/pipelines/record.py --stack {STACK} {name}")
    r = subprocess.run([sys.executable, os.path.join(PIPELINES, "record.py"), "--python", sys.executable,
                        "--out", str(tmp_path), name], capture_output=True, text=True, timeout=600,
                       env=dict(os.environ, SKEWER_RECORDER=RECORDER))
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    fresh, committed = _runs(tmp_path / name), _runs(committed_dir)
    hint = f"re-record with: python test/pipelines/record.py --stack {STACK} {name}"
    assert sorted(fresh) == sorted(committed), hint
    for key in fresh:
        (ev_new, files_new, _), (ev_old, files_old, _) = fresh[key], committed[key]
        if STACK != ROW:  # another stack: same steps, types, counts, lineage; data-prep statistics within 1e-6
            new, old = _outputs(ev_new)[0], _outputs(ev_old)[0]
            assert sorted(new) == sorted(old), f"{key}: different operators"
            for job in new:
                d = _diff(new[job], old[job], f"{key} {job}", rel_tol=1e-6)
                assert d is None, d
            continue
        assert len(ev_new) == len(ev_old), f"{key}: event count changed; {hint}"
        for i, (a, b) in enumerate(zip(ev_new, ev_old)):
            d = _diff(a, b, f"event {i + 1}")
            assert d is None, f"{key}: {d}; {hint}"
        assert sorted(files_new) == sorted(files_old), f"{key}: side files differ; {hint}"
        for k in files_new:
            d = _csv_diff(files_new[k], files_old[k], k) if k.endswith(".csv") else \
                _arrow_diff(files_new[k], files_old[k], k) if k.endswith(".arrow") else \
                (None if files_new[k] == files_old[k] else f"{k} differs")
            assert d is None, f"{key}: {d}; {hint}"


def _arrow_diff(a: bytes, b: bytes, where):
    """Arrow snapshots: the same bytes, or (with pyarrow) the same schema and values, floats within tolerance.
    A model's probabilities differ in their last bits from one CPU to another (BLAS, SIMD paths)."""
    if a == b:
        return None
    try:
        import pyarrow as pa
    except ImportError:
        return f"{where} differs"
    ta, tb = (pa.ipc.open_file(pa.BufferReader(x)).read_all() for x in (a, b))
    if not ta.schema.equals(tb.schema):
        return f"{where}: schema {ta.schema} != {tb.schema}"
    return _diff(ta.to_pydict(), tb.to_pydict(), where)


@pytest.mark.skipif(not HAS_NODE, reason="node or ajv not available")
def test_committed_pipeline_runs_validate_against_the_schemas():
    files = sorted(glob.glob(os.path.join(FIXTURES, "*", "*", "*", "events.ndjson")))
    if not files:
        pytest.skip("no committed pipeline runs yet")
    r = subprocess.run(["node", os.path.join(os.path.dirname(__file__), "validate_facets.cjs"), ROOT, *files],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
