"""Where runs go and where the code runs: notebooks in their own folder, --cwd, the default runs root found by
walking up to the project, the message saying where the run went, cancellation by signal, skewer.start() in a
notebook kernel. Version-agnostic: only plain pandas calls every supported pandas has."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import skewer
from conftest import subprocess_env
from runlog import all_runs, latest_run

PY = sys.executable


def notebook(path, *sources):
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s} for s in sources]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb))
    return path


def cli(cwd, *args, env=None, **kw):
    return subprocess.run([PY, "-m", "skewer", "record", *args], cwd=cwd, env=dict(subprocess_env(), **(env or {})),
                          capture_output=True, text=True, timeout=120, **kw)


@pytest.fixture
def project(tmp_path):
    """A project root (it has .git) with a notebook and a script that read files next to themselves."""
    root = tmp_path / "proj"
    (root / ".git").mkdir(parents=True)
    (root / "notebooks").mkdir()
    (root / "notebooks" / "local.csv").write_text("a,b\n1,x\n,y\n3,z\n")
    notebook(root / "notebooks" / "nb.ipynb", "import os\nimport pandas as pd\ndf = pd.read_csv('local.csv')",
             "clean = df.dropna()\nprint(len(clean), os.path.basename(os.getcwd()))")
    (root / "jobs").mkdir()
    (root / "jobs" / "input.csv").write_text("a\n1\n\n3\n")
    (root / "jobs" / "job.py").write_text("import pandas as pd\nprint(len(pd.read_csv('input.csv').dropna()))\n")
    return root


def test_a_notebook_recorded_from_the_project_root_runs_in_its_own_folder(project):
    out = project / "runs"
    r = cli(project, "--phase", "train", "--out", str(out), "notebooks/nb.ipynb")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["2", "notebooks"]  # read local.csv from its own folder, like Jupyter
    run = latest_run(out)
    assert run.end["eventType"] == "COMPLETE"
    # Named and located relative to where the command was typed, so it groups with the same notebook's other runs.
    assert run.root_start["job"]["name"] == "notebooks/nb.ipynb"
    assert run.root_start["run"]["facets"]["skewer_run"]["cwd"] == str(project)
    op = run.find("DataFrame.dropna")
    assert (op.loc["file"], op.loc["cell"], op.loc["line"]) == ("notebooks/nb.ipynb", 1, 1)
    assert f"skewer: recording notebooks/nb.ipynb (phase train) into {os.path.normpath(run.dir)}" in r.stderr


def test_without_out_runs_go_to_the_project_root_not_the_notebooks_folder(project):
    r = cli(project / "notebooks", "nb.ipynb")
    assert r.returncode == 0, r.stderr
    assert not (project / "notebooks" / ".skewer").exists()
    run = latest_run(project / ".skewer" / "runs")
    assert run.root_start["job"]["name"] == "nb.ipynb"
    assert str(project / ".skewer" / "runs") in r.stderr
    # An existing .skewer/runs is found first, even below the project root.
    (project / "jobs" / ".skewer" / "runs").mkdir(parents=True)
    assert cli(project / "jobs", "job.py").returncode == 0
    assert len(all_runs(project / "jobs" / ".skewer" / "runs")) == 1


def test_default_runs_root_order(project, tmp_path, monkeypatch):
    monkeypatch.delenv(skewer.RUNS_ENV, raising=False)
    assert skewer.default_runs_root(str(project / "notebooks")) == str(project / ".skewer" / "runs")
    lone = tmp_path / "lone" / "deep"
    lone.mkdir(parents=True)
    assert skewer.default_runs_root(str(lone)) == str(lone / ".skewer" / "runs")
    monkeypatch.setenv(skewer.RUNS_ENV, str(tmp_path / "elsewhere"))
    assert skewer.default_runs_root(str(lone)) == str(tmp_path / "elsewhere")
    # --out still wins over the environment.
    r = cli(project, "--out", str(project / "explicit"), "--cwd", str(project / "jobs"), "jobs/job.py",
            env={skewer.RUNS_ENV: str(tmp_path / "elsewhere")})
    assert r.returncode == 0, r.stderr
    assert len(all_runs(project / "explicit")) == 1 and not (tmp_path / "elsewhere").exists()


def test_cwd_option_runs_a_script_in_its_folder_and_keeps_paths_relative_to_the_caller(project):
    out = project / "runs"
    r = cli(project, "--out", str(out), "jobs/job.py")
    assert r.returncode == 1 and "FileNotFoundError" in r.stderr  # input.csv is not in the project root
    failed = latest_run(out)
    assert failed.end["eventType"] == "FAIL"
    r = cli(project, "--out", str(out), "--cwd", "jobs", "jobs/job.py")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "2"
    run = [x for x in all_runs(out) if x.run_id != failed.run_id][0]
    assert run.root_start["job"]["name"] == "jobs/job.py"
    assert run.find("DataFrame.dropna").loc["file"] == "jobs/job.py"
    r = cli(project, "--out", str(out), "--cwd", "nowhere", "jobs/job.py")
    assert r.returncode == 2 and "--cwd nowhere: no such folder" in r.stderr


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_a_terminated_recording_ends_with_fail_not_open(tmp_path, sig):
    (tmp_path / "slow.py").write_text(textwrap.dedent("""
        import time
        import pandas as pd
        pd.DataFrame({"a": [1, None]}).dropna()
        print("ready", flush=True)
        time.sleep(60)
    """))
    out = tmp_path / "runs"
    p = subprocess.Popen([PY, "-m", "skewer", "record", "--out", str(out), "slow.py"], cwd=tmp_path,
                         env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "ready"
        p.send_signal(getattr(signal, sig))
        _, err = p.communicate(timeout=30)
    finally:
        p.kill()
    signum = getattr(signal, sig).value
    assert p.returncode == 128 + signum
    run = latest_run(out)
    assert run.end["eventType"] == "FAIL"
    facets = run.end["run"]["facets"]
    assert facets["skewer_run"]["exitCode"] == 128 + signum
    assert f"stopped by {sig}" in facets["errorMessage"]["message"] and f"stopped by {sig}" in err


def test_start_in_a_notebook_kernel_writes_to_the_project_runs_and_says_where(project, monkeypatch, capsys):
    monkeypatch.delenv(skewer.RUNS_ENV, raising=False)
    nb = project / "notebooks" / "nb.ipynb"
    monkeypatch.chdir(project / "notebooks")  # a kernel runs in the notebook's folder
    kernel_ns = {"__name__": "__main__", "__vsc_ipynb_file__": str(nb)}  # what VS Code's Jupyter defines
    run_dir = skewer.start(phase="train", _caller_globals=kernel_ns)
    try:
        assert run_dir is not None
        exec(compile("import pandas as pd\npd.read_csv('local.csv').dropna()", str(project / "k" / "1.py"), "exec"),
             kernel_ns)
    finally:
        skewer.stop()
    assert os.path.dirname(run_dir) == str(project / ".skewer" / "runs")
    assert f"skewer: recording nb.ipynb (phase train) into {run_dir}" in capsys.readouterr().err
    run = latest_run(project / ".skewer" / "runs")
    assert run.root_start["job"]["name"] == "nb.ipynb"
    assert run.root_start["run"]["facets"]["skewer_run"]["cwd"] == str(project / "notebooks")
    assert run.end["eventType"] == "COMPLETE" and run.find("DataFrame.dropna") is not None
