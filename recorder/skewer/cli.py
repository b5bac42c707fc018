"""python -m skewer record [--phase train|serve|other] [--out DIR] [--cwd DIR] [--snapshots all|sample|off]
[--row-cap N] [--keys COL[,COL...] | --no-keys] script.py|notebook.ipynb [args...]

Scripts run in the current folder, like `python script.py`; notebooks run in their own folder, like a Jupyter
kernel, so their relative paths work from wherever the command is typed. The run's job name and
code locations are relative to the folder the command is typed in (recorded as the run's cwd). Runs go to
--out, else to skewer.default_runs_root() of that folder (never the notebook's folder)."""
import argparse
import builtins
import io
import os
import sys
import traceback
import types

USAGE = "python -m skewer record [options] script.py|notebook.ipynb [args...]"


def _parser():
    p = argparse.ArgumentParser(prog="python -m skewer", description="Record a pandas / scikit-learn pipeline run.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("record", usage=USAGE, help="run a script or notebook and record it")
    r.add_argument("--phase", choices=("train", "serve", "other"), default="other")
    r.add_argument("--out", default=None,
                   help="runs root (default: $SKEWER_RUNS_DIR, else the nearest .skewer/runs in this folder or a "
                        "parent, else .skewer/runs in the project root (a parent holding .git or .vscode), "
                        "else ./.skewer/runs)")
    r.add_argument("--cwd", default=None,
                   help="folder the code runs in (default: the current folder for scripts, the notebook's own "
                        "folder for notebooks)")
    r.add_argument("--snapshots", choices=("all", "sample", "off"), default="sample")
    r.add_argument("--row-cap", type=int, default=1000,
                   help="evenly spaced rows per snapshot in sample mode, plus up to as many traced rows (default 1000)")
    k = r.add_mutually_exclusive_group()
    k.add_argument("--keys", default=None, metavar="COL[,COL...]",
                   help="columns that identify a record (e.g. patient_id), kept for every row of every step so a "
                        "record can be traced by key (default: unique id-like columns of the sources read)")
    k.add_argument("--no-keys", action="store_true", help="keep no key columns")
    r.add_argument("--stats-cap", type=int, default=20_000, help="rows used for column statistics (default 20000)")
    r.add_argument("script")
    r.add_argument("args", nargs=argparse.REMAINDER)
    return p


def _print_user_traceback(e, locator):
    """Like Python's own report, without the recorder's frames."""
    from .session import format_user_traceback
    tb = e.__traceback__
    while tb is not None and not locator.is_user(tb.tb_frame.f_code.co_filename):
        tb = tb.tb_next
    e = e.with_traceback(tb)
    sys.stderr.write(format_user_traceback(e))


def _run_script(path):
    """Like `python path`: a fresh __main__ module, __file__ absolute, sys.argv[0] as the user typed it."""
    with io.open_code(path) as f:
        source = f.read()
    code = compile(source, path, "exec")
    mod = types.ModuleType("__main__")
    mod.__dict__.update({"__file__": path, "__builtins__": builtins, "__spec__": None, "__loader__": None})
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = mod
    try:
        exec(code, mod.__dict__)
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved


def main(argv=None):
    ns = _parser().parse_args(argv)
    if ns.row_cap < 1:
        print("skewer: --row-cap must be at least 1", file=sys.stderr)
        return 2
    keys = [] if ns.no_keys else None
    if ns.keys is not None:
        keys = [k.strip() for k in ns.keys.split(",")]
        if not all(keys):
            print(f"skewer: --keys {ns.keys!r}: expected comma-separated column names", file=sys.stderr)
            return 2
    script = ns.script
    if not os.path.isfile(script):
        print(f"skewer: {script}: no such file", file=sys.stderr)
        return 2
    import skewer
    is_nb = script.endswith(".ipynb")
    if is_nb:
        from .notebook import NotebookError, load_cells
        try:
            load_cells(script)
        except NotebookError as e:
            print(f"skewer: {e}", file=sys.stderr)
            return 2
    # Resolved before moving into the notebook's folder: runs land where the project keeps them.
    out = os.path.abspath(ns.out) if ns.out else skewer.default_runs_root()
    workdir = ns.cwd if ns.cwd is not None else (os.path.dirname(os.path.abspath(script)) if is_nb else None)
    if workdir is not None and not os.path.isdir(workdir):
        print(f"skewer: --cwd {workdir}: no such folder", file=sys.stderr)
        return 2
    sys.argv = [script] + list(ns.args)
    # Like `python script.py` and a Jupyter kernel: the code's own folder first on the import path.
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    # The run starts in the folder the command was typed in, so its job name and code locations are relative
    # to that folder (the project root when VS Code records), wherever the code itself then runs.
    skewer.start(phase=ns.phase, out=out, snapshots=ns.snapshots, row_cap=ns.row_cap, script=script,
                 argv=list(sys.argv), stats_cap=ns.stats_cap, notebook=is_nb, keys=keys)
    saved_cwd = os.getcwd()
    script = os.path.abspath(script)
    _end_on_termination()
    if workdir is not None:
        os.chdir(workdir)
    try:
        return _run_recorded(script, is_nb)
    finally:
        os.chdir(saved_cwd)


class Terminated(KeyboardInterrupt):
    """SIGTERM / SIGHUP (a cancelled VS Code task, `kill`): ends the run with FAIL instead of leaving it open."""

    def __init__(self, signum):
        import signal
        self.signum = signum
        super().__init__(f"recording stopped by {signal.Signals(signum).name} (cancelled)")


def _end_on_termination():
    import signal

    def handler(signum, _frame):
        raise Terminated(signum)
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) in (signal.SIG_DFL, None):
            try:
                signal.signal(sig, handler)
            except ValueError:  # not the main thread (main() called from a thread)
                pass


def _run_recorded(script, is_nb):
    import skewer
    from . import state
    session = state.ACTIVE
    code = 0
    try:
        if is_nb:
            from .notebook import run_notebook
            run_notebook(script, session.locator if session else None,
                         session.locator.rel(script) if session else None)
        else:
            _run_script(script)
    except SystemExit as e:
        c = e.code
        code = c if isinstance(c, int) else (0 if c is None else 1)
        if c is not None and not isinstance(c, int):
            print(c, file=sys.stderr)
        skewer.stop(error=e if code != 0 else None, exit_code=code)
        return code
    except KeyboardInterrupt as e:
        code = 128 + e.signum if isinstance(e, Terminated) else 130
        skewer.stop(error=e, exit_code=code)
        _print_user_traceback(e, session.locator) if session else traceback.print_exc()
        return code
    except BaseException as e:
        skewer.stop(error=e, exit_code=1)
        if session is not None:
            _print_user_traceback(e, session.locator)
        else:
            traceback.print_exc()
        return 1
    skewer.stop(exit_code=0)
    return code


def record_entry():
    """Console script `skewer-record [options] script.py [args...]` (= python -m skewer record ...)."""
    sys.exit(main(["record"] + sys.argv[1:]))
