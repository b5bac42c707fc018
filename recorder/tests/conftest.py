import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
RECORDER = os.path.dirname(HERE)
sys.path.insert(0, RECORDER)
sys.path.insert(0, HERE)

import skewer  # noqa: E402
from skewer.compat import PANDAS_VERSION  # noqa: E402,F401  (tests branch on documented version differences)
from runlog import latest_run  # noqa: E402


try:
    import pyarrow  # noqa: F401
    HAS_PYARROW = True
except ImportError:
    HAS_PYARROW = False
needs_pyarrow = pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow is not installed on this row (Arrow snapshots, parquet, feather)")


@pytest.fixture
def record(tmp_path):
    """record(fn, **start_options) -> Run: runs fn() while recording in-process into tmp_path/runs."""
    def go(fn, **opts):
        out = str(tmp_path / "runs")
        opts.setdefault("script", __file__)
        opts.setdefault("_caller_globals", fn.__globals__)  # names imported by value in the test module
        skewer.start(out=out, **opts)
        try:
            fn()
        except BaseException as e:
            skewer.stop(error=e)
            raise
        skewer.stop()
        return latest_run(out)
    return go


def subprocess_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = RECORDER + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env
