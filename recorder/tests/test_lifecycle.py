"""Whole runs through the CLI: exit codes, FAIL events and their lines, per-line flushing, unwritable output,
concurrent recordings, notebooks, snapshot modes."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd
import pytest

import skewer
from skewer.session import FORMAT_VERSION
from conftest import HAS_PYARROW, subprocess_env
from runlog import Run, all_runs, latest_run

PY = sys.executable


def script(tmp_path, body, name="job.py"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(body))
    return p


def record_cli(tmp_path, path, *opts, args=(), env=None):
    cmd = [PY, "-m", "skewer", "record", "--out", str(tmp_path / "runs"), *opts, str(path.name), *args]
    return subprocess.run(cmd, cwd=tmp_path, env=dict(subprocess_env(), **(env or {})), capture_output=True,
                          text=True, timeout=120)


def test_argv_name_and_exit_code_zero(tmp_path):
    p = script(tmp_path, """
        import sys
        import pandas as pd
        assert __name__ == "__main__"
        df = pd.DataFrame({"a": [1, 2, 3]})
        print(sys.argv, len(df[df["a"] > 1]))
    """)
    r = record_cli(tmp_path, p, "--phase", "serve", args=["--flag", "x"])
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "['job.py', '--flag', 'x'] 2"
    run = latest_run(tmp_path / "runs")
    facet = run.root_start["run"]["facets"]["skewer_run"]
    assert facet["phase"] == "serve" and facet["argv"] == ["job.py", "--flag", "x"] and facet["formatVersion"] == FORMAT_VERSION
    assert run.root_start["job"] == {"namespace": "skewer", "name": "job.py"}
    assert run.end["eventType"] == "COMPLETE" and run.end["run"]["facets"]["skewer_run"]["exitCode"] == 0
    op = run.ops[0]
    assert op.job == "job.py/DataFrame.__getitem__@job.py:6" and op.op["phase"] == "serve"
    assert op.facets["parent"]["run"]["runId"] == run.run_id and op.facets["parent"]["job"]["name"] == "job.py"


def test_operator_failure_gives_operator_and_pipeline_fail_at_the_user_line(tmp_path):
    p = script(tmp_path, """
        import pandas as pd

        def enrich(df):
            return df.merge(df, on="missing_key")

        df = pd.DataFrame({"a": [1, 2]})
        enrich(df)
        print("not reached")
    """)
    r = record_cli(tmp_path, p)
    assert r.returncode == 1 and "KeyError: 'missing_key'" in r.stderr and "not reached" not in r.stdout
    assert "skewer/" not in r.stderr  # the user's traceback, without the recorder's frames
    run = latest_run(tmp_path / "runs")
    merge = run.find("DataFrame.merge")
    assert merge.status == "FAIL" and merge.error["message"] == "KeyError: 'missing_key'"
    assert merge.loc["line"] == 5 and merge.loc["code"] == 'return df.merge(df, on="missing_key")'
    assert run.end["eventType"] == "FAIL"
    f = run.end["run"]["facets"]
    assert f["errorMessage"]["programmingLanguage"] == "python" and "missing_key" in f["errorMessage"]["stackTrace"]
    assert f["skewer_codeLocation"]["line"] == 5 and f["skewer_codeLocation"]["file"] == "job.py"
    assert run.lines[-2].startswith('{"eventType":"FAIL"')  # the pipeline FAIL is the last line


def test_user_exception_and_sys_exit(tmp_path):
    p = script(tmp_path, """
        import pandas as pd
        df = pd.DataFrame({"a": [1, 2]}).dropna()
        x = 1
        raise ValueError("bad threshold")
    """)
    r = record_cli(tmp_path, p)
    assert r.returncode == 1
    run = latest_run(tmp_path / "runs")
    assert run.ops[0].status == "COMPLETE"
    assert run.end["run"]["facets"]["skewer_codeLocation"]["line"] == 5
    assert run.end["run"]["facets"]["errorMessage"]["message"] == "ValueError: bad threshold"
    q = script(tmp_path, "import sys\nsys.exit(3)\n", name="exit3.py")
    r = record_cli(tmp_path, q)
    assert r.returncode == 3
    end = [x for x in all_runs(tmp_path / "runs") if x.root_start["job"]["name"] == "exit3.py"][0].end
    assert end["eventType"] == "FAIL" and end["run"]["facets"]["skewer_run"]["exitCode"] == 3


def test_events_are_flushed_line_by_line_and_a_killed_run_stays_readable(tmp_path):
    p = script(tmp_path, """
        import time
        import pandas as pd
        df = pd.DataFrame({"a": range(100)})
        df = df[df["a"] > 10]
        df = df.sort_values("a", ascending=False)
        time.sleep(60)
    """)
    proc = subprocess.Popen([PY, "-m", "skewer", "record", "--out", str(tmp_path / "runs"), p.name], cwd=tmp_path,
                            env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 30
        events = None
        while time.time() < deadline:
            files = list((tmp_path / "runs").glob("*/events.ndjson"))
            if files and files[0].read_text().count("\n") >= 5:
                events = files[0]
                break
            time.sleep(0.1)
        assert events is not None, "events were not flushed while the script runs"
        text = events.read_text()
        assert text.endswith("\n")
        assert [json.loads(l)["eventType"] for l in text.splitlines()] == ["START"] + ["START", "COMPLETE"] * 2
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    run = Run(str(events.parent))
    assert run.end is None and [o.status for o in run.ops] == ["COMPLETE", "COMPLETE"]


def test_unwritable_output_directory_runs_the_script_unrecorded(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the runs folder should go")
    p = script(tmp_path, """
        import pandas as pd
        print(pd.DataFrame({"a": [1, 2, 3]}).dropna()["a"].sum())
    """)
    r = subprocess.run([PY, "-m", "skewer", "record", "--out", str(blocker / "runs"), p.name], cwd=tmp_path,
                       env=subprocess_env(), capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "6"
    assert "skewer: cannot record" in r.stderr and "not writable" in r.stderr and str(blocker) in r.stderr


def test_two_recordings_at_once_produce_two_intact_runs(tmp_path):
    p = script(tmp_path, """
        import time
        import pandas as pd
        df = pd.DataFrame({"a": range(50)})
        for i in range(4):
            df = df[df["a"] != i]
            time.sleep(0.3)
        df.sort_values("a")
    """)
    cmd = [PY, "-m", "skewer", "record", "--out", str(tmp_path / "runs"), p.name]
    procs = [subprocess.Popen(cmd, cwd=tmp_path, env=subprocess_env()) for _ in range(2)]
    assert [pr.wait(timeout=60) for pr in procs] == [0, 0]
    runs = all_runs(tmp_path / "runs")
    assert len(runs) == 2 and runs[0].run_id != runs[1].run_id
    for run in runs:
        assert os.path.basename(os.path.normpath(run.dir)) == run.run_id
        assert run.end["eventType"] == "COMPLETE" and len(run.ops) == 5
        assert [o.seq for o in run.ops] == list(range(5))
        assert all(o.status == "COMPLETE" for o in run.ops)


def test_notebook_cells_are_recorded_with_cell_locations(tmp_path):
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# title"]},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": ["%matplotlib inline\n", "import pandas as pd\n", "df = pd.DataFrame({'a': [1, None, 3]})"]},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": ["\n", "clean = df.dropna()\n", "print(len(clean))"]},
    ]}
    (tmp_path / "nb.ipynb").write_text(json.dumps(nb))
    r = subprocess.run([PY, "-m", "skewer", "record", "--out", str(tmp_path / "runs"), "nb.ipynb"], cwd=tmp_path,
                       env=subprocess_env(), capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "2"
    run = latest_run(tmp_path / "runs")
    op = run.find("DataFrame.dropna")
    assert (op.loc["file"], op.loc["cell"], op.loc["line"]) == ("nb.ipynb", 2, 2)
    assert op.loc["code"] == "clean = df.dropna()" and op.job == "nb.ipynb/DataFrame.dropna@nb.ipynb[2]:2"
    assert run.root_start["run"]["facets"]["skewer_run"]["notebook"] is True
    (tmp_path / "bad.ipynb").write_text("{not json")
    r = subprocess.run([PY, "-m", "skewer", "record", "bad.ipynb"], cwd=tmp_path, env=subprocess_env(),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "bad.ipynb:1: not valid JSON" in r.stderr


def test_context_manager_records_failure_and_removes_patches(tmp_path):
    from sklearn.base import BaseEstimator, TransformerMixin
    from sklearn.preprocessing import StandardScaler
    out = str(tmp_path / "runs")
    original = pd.DataFrame.dropna
    before = [dict(vars(c)) for c in (pd.DataFrame, BaseEstimator, TransformerMixin, StandardScaler)]
    try:
        with skewer.record(phase="train", out=out):
            assert pd.DataFrame.dropna is not original
            pd.DataFrame({"a": [1.0, None]}).dropna()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert pd.DataFrame.dropna is original and skewer.active_run_dir() is None
    for cls, d in zip((pd.DataFrame, BaseEstimator, TransformerMixin, StandardScaler), before):
        after = {k: v for k, v in vars(cls).items() if k != "__slotnames__"}
        assert after == {k: v for k, v in d.items() if k != "__slotnames__"}, cls
    assert StandardScaler(with_mean=False).with_mean is False  # construction still works after unpatching
    run = latest_run(out)
    assert run.end["eventType"] == "FAIL" and run.ops[0].function == "DataFrame.dropna"
    assert run.end["run"]["facets"]["skewer_codeLocation"]["line"] > 0


def test_snapshot_modes_and_row_cap(record):
    df = pd.DataFrame({"a": np.arange(100), "b": np.arange(100) * 0.5, "s": ["x", "y"] * 50})
    run = record(lambda: df.sort_values("a", ascending=False), snapshots="sample", row_cap=10)
    snap = run.ops[0].out().snapshot
    assert snap["rows"] == 10 and snap["totalRows"] == 100 and snap["sampled"] is True
    assert snap["format"] == ("arrow" if HAS_PYARROW else "csv")  # Arrow IPC whenever pyarrow is importable
    pos = np.load(os.path.join(run.dir, snap["positions"]))
    np.testing.assert_array_equal(pos, np.arange(10) * 10)
    got = run.ops[0].out().snapshot_frame()
    expected = df.sort_values("a", ascending=False).iloc[pos]
    assert list(got.columns) == ["__index__", "a", "b", "s"] and snap["indexColumns"] == ["__index__"]
    np.testing.assert_array_equal(got["a"].to_numpy(), expected["a"].to_numpy())
    np.testing.assert_array_equal(got["__index__"].to_numpy(), expected.index.to_numpy())

    run = record(lambda: df.dropna(), snapshots="all", row_cap=10)
    snap = run.ops[0].out().snapshot
    assert snap["rows"] == 100 and snap["sampled"] is False and "positions" not in snap
    pd.testing.assert_frame_equal(run.ops[0].out().snapshot_frame(), df)

    run = record(lambda: df.dropna(), snapshots="off")
    assert run.ops[0].out().snapshot is None
    assert os.listdir(os.path.join(run.dir, "snapshots")) == []
    assert run.root_start["run"]["facets"]["skewer_run"]["snapshots"] == {
        "mode": "off", "rowCap": 1000, "format": "arrow" if HAS_PYARROW else "csv"}


def test_stats_are_capped_and_say_so(record):
    n = 50_000
    df = pd.DataFrame({"x": np.arange(n, dtype=float), "c": np.where(np.arange(n) % 3 == 0, "a", "b")})
    run = record(lambda: df.dropna(), stats_cap=1000)
    st = run.ops[0].out().stats
    assert st["rowCount"] == n and st["sampledRows"] == 1000
    x = st["columns"]["x"]
    assert x["min"] == 0 and x["max"] == 49950 and sum(x["hist"]["counts"]) == 1000 and len(x["hist"]["edges"]) == 21
    assert st["columns"]["c"]["top"][0] == {"value": "b", "count": 666}


def test_live_kernel_cells_map_to_the_saved_notebook(tmp_path):
    import linecache
    sources = ["import pandas as pd\ndf = pd.DataFrame({'a': [1, None, 3]})", "\nclean = df.dropna()"]
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# live"}] + [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s} for s in sources]}
    path = tmp_path / "live.ipynb"
    path.write_text(json.dumps(nb))
    kernel_ns = {"__name__": "__main__", "__vsc_ipynb_file__": str(path)}  # what VS Code's kernel defines
    out = str(tmp_path / "runs")
    skewer.start(out=out, _caller_globals=kernel_ns)
    try:
        for i, src in enumerate(sources):  # a kernel compiles every cell into its own file
            fname = str(tmp_path / "ipykernel_42" / f"{1000 + i}.py")
            linecache.cache[fname] = (len(src), None, src.splitlines(True), fname)
            exec(compile(src, fname, "exec"), kernel_ns)
    finally:
        skewer.stop()
    run = latest_run(out)
    op = run.find("DataFrame.dropna")
    assert op.loc["file"].endswith("live.ipynb") and op.loc["cell"] == 2 and op.loc["line"] == 2
    assert run.root_start["job"]["name"].endswith("live.ipynb")


def test_forked_children_do_not_write_into_the_parents_run(tmp_path):
    p = script(tmp_path, """
        import multiprocessing as mp
        import pandas as pd

        def work(i):
            return len(pd.DataFrame({"a": [i, None]}).dropna())

        if __name__ == "__main__":
            df = pd.DataFrame({"a": [1.0, None]}).dropna()
            with mp.get_context("fork").Pool(2) as pool:
                print(sum(pool.map(work, range(4))))
    """)
    r = record_cli(tmp_path, p)
    assert r.returncode == 0 and r.stdout.strip() == "4", r.stderr
    run = latest_run(tmp_path / "runs")
    assert run.functions() == ["DataFrame.dropna"] and run.end["eventType"] == "COMPLETE"
    assert sum(1 for e in run.events if e["run"]["runId"] == run.run_id) == 2


def test_syntax_error_fails_the_run_at_the_offending_line(tmp_path):
    p = script(tmp_path, "import pandas as pd\nx = (1,\ny = 2 +\n")
    r = record_cli(tmp_path, p)
    assert r.returncode == 1 and "SyntaxError" in r.stderr
    run = latest_run(tmp_path / "runs")
    loc = run.end["run"]["facets"]["skewer_codeLocation"]
    assert run.end["eventType"] == "FAIL" and loc["file"] == "job.py" and loc["line"] in (2, 3)


def test_a_call_site_in_a_long_loop_is_capped(record, capsys):
    from skewer import session
    df = pd.DataFrame({"a": np.arange(10.0)})

    def go():
        for i in range(session.CALLSITE_CAP + 20):
            df.iloc[i % 10:i % 10 + 1]
    run = record(go, snapshots="off")
    assert len(run.ops) == session.CALLSITE_CAP
    assert run.ops[-1].job.endswith(f"#{session.CALLSITE_CAP}")
    assert run.end["run"]["facets"]["skewer_run"]["skippedCalls"] == 20
    assert "further calls from there are not recorded" in capsys.readouterr().err


def test_recorder_adds_no_warnings_to_the_users_output(record, recwarn, monkeypatch):
    import warnings
    from skewer import stats

    real = stats.column_stats

    def noisy(s, *rest):  # stands in for any library warning raised while the recorder computes its facets
        warnings.warn("internal recorder warning", RuntimeWarning)
        return real(s, *rest)
    monkeypatch.setattr(stats, "column_stats", noisy)
    df = pd.DataFrame({"huge": [-1e308, 1e308, np.nan], "x": [1.0, 2.0, 3.0], "mixed": [1, "a", None]})
    warnings.simplefilter("always")
    run = record(lambda: (df.dropna(how="all"), df.fillna(0)))
    assert len(run.ops) == 2 and [str(w.message) for w in recwarn.list] == []
    huge = run.ops[0].out().stats["columns"]["huge"]
    assert huge["min"] == -1e308 and huge["max"] == 1e308 and "hist" not in huge
    with pytest.warns(RuntimeWarning):  # the user's own warnings still reach them
        record(lambda: warnings.warn("user warning", RuntimeWarning))
