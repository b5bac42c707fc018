"""Skewer's recorder: records pandas / scikit-learn pipeline runs as OpenLineage events with row lineage,
fitted parameters, column statistics and snapshots (see docs/run-log.md).

    python -m skewer record --phase train train.py          # unmodified scripts and notebooks
    import skewer; skewer.start(phase="train"); ...; skewer.stop()
    with skewer.record(phase="serve"): ...
"""
import atexit
import contextlib
import os
import sys

from . import state

__version__ = "0.1.0"
__all__ = ["start", "stop", "record", "active_run_dir", "default_runs_root"]

_patcher = None
_rebound = []


def _rebind(namespaces, fmap):
    """Names imported by value before start() (from sklearn.model_selection import train_test_split)."""
    for ns in namespaces:
        for name, val in list(ns.items()):
            hit = fmap.get(id(val))
            if hit is not None and hit[0] is val:
                ns[name] = hit[1]
                _rebound.append((ns, name, val, hit[1]))


RUNS_ENV = "SKEWER_RUNS_DIR"
_PROJECT_MARKERS = (".git", ".vscode")


def default_runs_root(cwd=None):
    """Where runs go when no `out` is given: $SKEWER_RUNS_DIR; else the nearest `.skewer/runs` in cwd or a parent
    folder; else `.skewer/runs` in the nearest parent holding .git or .vscode (the project root a VS Code window
    opens); else `.skewer/runs` in cwd. A notebook kernel runs in the notebook's folder, so without this walk its
    runs would land in notebooks/.skewer/runs, where the project's Runs view does not look. The walk stops below
    the home folder."""
    env = os.environ.get(RUNS_ENV)
    if env:
        return os.path.abspath(env)
    cwd = os.path.abspath(cwd or os.getcwd())
    home = os.path.abspath(os.path.expanduser("~"))
    chain = [cwd]
    while True:
        parent = os.path.dirname(chain[-1])
        if parent == chain[-1] or parent == home:
            break
        chain.append(parent)
    for d in chain:
        if os.path.isdir(os.path.join(d, ".skewer", "runs")):
            return os.path.join(d, ".skewer", "runs")
    for d in chain:
        if any(os.path.exists(os.path.join(d, m)) for m in _PROJECT_MARKERS):
            return os.path.join(d, ".skewer", "runs")
    return os.path.join(cwd, ".skewer", "runs")


def start(phase="other", out=None, snapshots="sample", row_cap=1000, script=None, argv=None,
          stats_cap=20_000, notebook=False, keys=None, _caller_globals=None):
    """Start recording into `out` (default: default_runs_root()). Returns the run folder and says on stderr where
    the run goes, or returns None when recording is impossible (the reason is printed on stderr and the program
    keeps running unrecorded). `keys`: the columns that identify a record (e.g. ["patient_id"]), kept for every row
    of every step so a record can be traced by key; default: unique id-like columns of the sources read."""
    global _patcher
    if state.ACTIVE is not None:
        print("skewer: already recording; start() ignored", file=sys.stderr)
        return state.ACTIVE.dir
    import pandas  # noqa: F401  (imported before the session so its frames count as library code)
    import sklearn  # noqa: F401
    from .patch_pandas import install as install_pandas
    from .patch_artifacts import install as install_artifacts
    from .patch_sklearn import install as install_sklearn
    from .patching import Patcher, module_function_map
    from .session import Session

    out = os.path.abspath(out) if out else default_runs_root()
    caller_globals = _caller_globals or sys._getframe(1).f_globals
    if script is None:
        # VS Code's Jupyter sets __vsc_ipynb_file__; JupyterLab exports JPY_SESSION_NAME
        nb = caller_globals.get("__vsc_ipynb_file__") or os.environ.get("JPY_SESSION_NAME", "")
        main = sys.modules.get("__main__")
        script = nb if str(nb).endswith(".ipynb") else getattr(main, "__file__", None)
    try:
        s = Session(out, phase=phase, snapshots=snapshots, row_cap=row_cap, script=script, argv=argv,
                    stats_cap=stats_cap, notebook=notebook, keys=keys)
    except OSError as e:
        print(f"skewer: cannot record: run folder under {os.path.abspath(out)} is not writable "
              f"({e.strerror or e}); the script runs unrecorded", file=sys.stderr)
        return None
    p = Patcher()
    try:
        install_pandas(p)
        install_sklearn(p)
        install_artifacts(p)
    except Exception as e:  # an unexpected pandas/sklearn version: never break the user's program
        p.restore()
        print(f"skewer: cannot record: patching failed ({type(e).__name__}: {e}); the script runs unrecorded",
              file=sys.stderr)
        s.finish_run(error=e)
        return None
    _patcher = p
    s.locator.refresh_roots()
    if str(script).endswith(".ipynb") and not notebook and os.path.isfile(str(script)):
        s.locator.live_notebook = os.path.abspath(str(script))
    namespaces = [sys.modules["__main__"].__dict__] if "__main__" in sys.modules else []
    if all(caller_globals is not ns for ns in namespaces):
        namespaces.append(caller_globals)
    _rebind(namespaces, module_function_map(p))
    s.start_run()
    state.ACTIVE = s
    print(f"skewer: recording {s.job} (phase {phase}) into {s.dir}", file=sys.stderr, flush=True)
    return s.dir


def stop(error=None, exit_code=None):
    """Stop recording: remove every patch and write the pipeline COMPLETE (or FAIL when error is given)."""
    global _patcher
    s = state.ACTIVE
    if s is None:
        return None
    state.ACTIVE = None
    if _patcher is not None:
        _patcher.restore()
        _patcher = None
    from . import patch_pandas, patch_sklearn
    patch_pandas.uninstall()
    patch_sklearn.uninstall()
    while _rebound:
        ns, name, orig, wrapper = _rebound.pop()
        if ns.get(name) is wrapper:
            ns[name] = orig
    s.finish_run(error=error, exit_code=exit_code)
    return s.dir


def active_run_dir():
    return state.ACTIVE.dir if state.ACTIVE is not None else None


@contextlib.contextmanager
def record(phase="other", out=None, snapshots="sample", row_cap=1000, **kw):
    """Record the block; an exception inside it ends the run with FAIL and propagates."""
    start(phase=phase, out=out, snapshots=snapshots, row_cap=row_cap, _caller_globals=sys._getframe(2).f_globals, **kw)
    try:
        yield active_run_dir()
    except BaseException as e:
        stop(error=e, exit_code=1)
        raise
    else:
        stop(exit_code=0)


@atexit.register
def _stop_at_exit():
    if state.ACTIVE is not None:
        stop()
