"""One recording: owns the run folder, writes events, tracks datasets and estimators by object identity,
and brackets every recorded operator with START and COMPLETE/FAIL."""
import json
import math
import os
import platform
import socket
import sys
import threading
import time
import traceback
import weakref

import numpy as np
import pandas as pd

from . import lineage as L
from .ids import iso_now, uuid7
from .keys import KeyTracker, key_frame
from .location import Locator
from .stats import table_stats
from .tables import MAX_SNAPSHOT_COLUMNS, TableView, evenly_spaced

FORMAT_VERSION = "1.1"
VERSION = "0.1.0"
PRODUCER = "https://github.com/skewer-ml/skewer/tree/v0.1.0/recorder"
RUN_EVENT = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"
SCHEMA_BASE = "https://github.com/skewer-ml/skewer/blob/main/docs/schemas/"
STD = {
    "parent": "https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet",
    "errorMessage": "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
    "schema": "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
    "outputStatistics": "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet",
}
SKEWER = {
    "skewer_run": "SkewerRunFacet", "skewer_operator": "SkewerOperatorRunFacet",
    "skewer_codeLocation": "SkewerCodeLocationJobFacet", "skewer_fittedTransformer": "SkewerFittedTransformerRunFacet",
    "skewer_stats": "SkewerStatsDatasetFacet", "skewer_rowLineage": "SkewerRowLineageOutputDatasetFacet",
    "skewer_snapshot": "SkewerSnapshotOutputDatasetFacet", "skewer_columnOrigin": "SkewerColumnOriginDatasetFacet",
    "skewer_keys": "SkewerKeysOutputDatasetFacet",
}
MEM_NS = "skewer-mem"
CALLSITE_CAP = 500  # executions of one call site recorded per run
DATA_LIBS = ("pandas", "numpy", "sklearn", "scipy", "joblib", "imblearn")


def facet(name: str, body: dict) -> dict:
    url = STD.get(name) or SKEWER_URLS[name]
    d = {"_producer": PRODUCER, "_schemaURL": url}
    d.update(body)
    return d


SKEWER_URLS = {k: f"{SCHEMA_BASE}{v}.schema.json" for k, v in SKEWER.items()}


def _sanitize(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    if isinstance(v, dict):
        return {k: _sanitize(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_sanitize(x) for x in v]
    return v


def n_rows(obj):
    try:
        if hasattr(obj, "shape") and obj.shape is not None and len(obj.shape) >= 1:
            return int(obj.shape[0])
        return len(obj)
    except Exception:
        return None


class Op:
    __slots__ = ("seq", "run_id", "function", "kind", "library", "loc", "job_name", "inputs", "input_names",
                 "input_rows", "t0", "parent_seq", "est", "composite", "args", "extra", "deferred", "inplace")


class Pending:
    """A single-column projection waiting to be consumed (deferred emission)."""
    __slots__ = ("source", "loc", "key", "rows")

    def __init__(self, source, loc, key, rows):
        self.source, self.loc, self.key, self.rows = source, loc, key, rows


class Session:
    def __init__(self, out_dir, phase="other", snapshots="sample", row_cap=1000, script=None, argv=None,
                 stats_cap=20_000, notebook=False, keys=None):
        if phase not in ("train", "serve", "other"):
            raise ValueError(f"phase must be train, serve or other, not {phase!r}")
        if snapshots not in ("all", "sample", "off"):
            raise ValueError(f"snapshots must be all, sample or off, not {snapshots!r}")
        if int(row_cap) < 1:
            raise ValueError("row cap must be >= 1")
        if isinstance(keys, str):
            keys = [keys]
        if keys is not None and not all(isinstance(k, str) and k for k in keys):
            raise ValueError(f"keys must be column names, not {keys!r}")
        self.keys = KeyTracker(keys)
        self.arrow_codec = _arrow_codec(snapshots)  # before anything is created: a bad setting fails the start cleanly
        self.cwd = os.getcwd()
        self.phase, self.snap_mode, self.row_cap, self.stats_cap = phase, snapshots, int(row_cap), int(stats_cap)
        self.run_id = uuid7()
        self.root = os.path.abspath(out_dir)
        self.dir = os.path.join(self.root, self.run_id)
        os.makedirs(os.path.join(self.dir, "lineage"))
        os.makedirs(os.path.join(self.dir, "snapshots"))
        self._f = open(os.path.join(self.dir, "events.ndjson"), "a", encoding="utf-8", newline="\n")
        try:
            import pyarrow  # noqa: F401
            self.snap_format, self._pyarrow = "arrow", pyarrow.__version__
        except Exception:
            self.snap_format, self._pyarrow = "csv", None
        self.locator = Locator(self.cwd)
        self.script = script
        self.job = self.locator.rel(script) if script else "<interactive>"
        self.argv = list(argv if argv is not None else sys.argv)
        self.notebook = notebook
        self._lock = threading.RLock()
        self._local = threading.local()
        self._seq = 0
        self._ext = 0
        self._obj_n = 0
        self._datasets = {}   # id(obj) -> [weakref, name, Pending|None]
        self._arrays = {}     # name of a recorded 2-D ndarray -> its memory layout, for views of it (column identity)
        self._objects = {}    # id(est) -> (weakref, objectId)
        self._fits = {}       # objectId -> (fit runId, nFitRows)
        self._sites = {}      # id(est) -> (weakref, location dict)
        self._callsites = {}
        self._traced = {}     # dataset name -> sorted output rows descending from traced source rows (sample mode)
        self._warned = False
        self.closed = False
        self.pid = os.getpid()
        self.started_at = iso_now()
        self.operator_count = 0
        self.skipped = 0

    # ---- events -----------------------------------------------------------------------------------
    def _emit(self, ev: dict):
        try:
            line = json.dumps(ev, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        except ValueError:
            line = json.dumps(_sanitize(ev), separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=str)
        with self._lock:
            if self.closed or os.getpid() != self.pid:
                return
            self._f.write(line + "\n")
            self._f.flush()

    def _event(self, etype, run_id, run_facets, job_name, job_facets=None, inputs=None, outputs=None):
        ev = {"eventType": etype, "eventTime": iso_now(), "producer": PRODUCER, "schemaURL": RUN_EVENT,
              "run": {"runId": run_id, "facets": run_facets},
              "job": {"namespace": "skewer", "name": job_name}}
        if job_facets:
            ev["job"]["facets"] = job_facets
        if inputs is not None:
            ev["inputs"] = inputs
        if outputs is not None:
            ev["outputs"] = outputs
        self._emit(ev)

    def warn(self, msg):
        if not self._warned:
            self._warned = True
            print(f"skewer: recorder problem (the script is unaffected, the run log may be incomplete): {msg}",
                  file=sys.stderr)

    def _run_facet(self, final=False, exit_code=None):
        import pandas
        import sklearn
        versions = {"pandas": pandas.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__,
                    "skewer": VERSION}
        imb = sys.modules.get("imblearn")
        if imb is not None and getattr(imb, "__version__", None):
            versions["imblearn"] = imb.__version__
        if self._pyarrow:
            versions["pyarrow"] = self._pyarrow
        body = {"formatVersion": FORMAT_VERSION, "phase": self.phase, "script": self.job, "argv": self.argv,
                "cwd": self.cwd, "startedAt": self.started_at, "python": platform.python_version(),
                "pid": os.getpid(), "host": socket.gethostname(), "versions": versions,
                "snapshots": {"mode": self.snap_mode, "rowCap": self.row_cap, "format": self.snap_format},
                "statsRowCap": self.stats_cap,
                "keys": {"mode": "explicit" if self.keys.explicit else "auto", "columns": list(self.keys.columns)}}
        if self.notebook:
            body["notebook"] = True
        if final:
            body["endedAt"] = iso_now()
            body["operatorCount"] = self.operator_count
            if self.skipped:
                body["skippedCalls"] = self.skipped
            if exit_code is not None:
                body["exitCode"] = int(exit_code)
        return facet("skewer_run", body)

    def start_run(self):
        self._event("START", self.run_id, {"skewer_run": self._run_facet()}, self.job)

    def finish_run(self, error=None, exit_code=None):
        """COMPLETE, or FAIL with errorMessage + skewer_codeLocation of the user's failing line."""
        if self.closed or os.getpid() != self.pid:
            return
        facets = {"skewer_run": self._run_facet(True, exit_code)}
        if error is None:
            self._event("COMPLETE", self.run_id, facets, self.job)
        else:
            facets["errorMessage"] = facet("errorMessage", {
                "message": _error_message(error), "programmingLanguage": "python",
                "stackTrace": format_user_traceback(error)})
            loc = self._failing_location(error)
            if loc:
                facets["skewer_codeLocation"] = facet("skewer_codeLocation", loc)
            self._event("FAIL", self.run_id, facets, self.job)
        with self._lock:
            self.closed = True
            self._f.close()

    def _failing_location(self, error):
        if isinstance(error, SyntaxError) and error.filename and error.lineno:
            fname = error.filename
            text = (error.text or "").rstrip("\n")
            loc = {"line": int(error.lineno), "col": int(error.offset or 1), "endLine": int(error.end_lineno or error.lineno),
                   "endCol": int(error.end_offset or (error.offset or 1) + 1), "code": text.strip()}
            cell = self.locator.cells.get(fname)
            if cell is not None:
                loc["file"], loc["cell"] = cell
            else:
                loc["file"] = self.locator.rel(fname)
            if loc["endLine"] == loc["line"] and loc["endCol"] <= loc["col"]:
                loc["endCol"] = loc["col"] + 1
            return loc
        tb = error.__traceback__
        best = None
        while tb is not None:
            if self.locator.is_user(tb.tb_frame.f_code.co_filename):
                best = tb
            tb = tb.tb_next
        if best is None:
            return None
        frame = best.tb_frame
        if best.tb_lasti is not None and best.tb_lineno is not None:
            # exact span of the raising instruction when the positions table has it
            loc = self.locator.location(_FrameAt(frame, best.tb_lasti))
            if loc["line"] == best.tb_lineno:
                return loc
        return self.locator.location(frame, lineno=best.tb_lineno)

    # ---- gating -----------------------------------------------------------------------------------
    def _stack(self):
        st = getattr(self._local, "stack", None)
        if st is None:
            st = self._local.stack = []
        return st

    def gate(self, caller, est=None, nested_ok=False):
        """Return 'top' to record a call made by user code, 'nested' for a step run by a composite
        (Pipeline, ColumnTransformer, FeatureUnion), or None to pass the call through."""
        if self.closed or getattr(self._local, "busy", False) or os.getpid() != self.pid:
            return None  # a forked child (multiprocessing) must not write into its parent's run
        st = self._stack()
        if st:
            if nested_ok and est is not None:
                top = st[-1]
                if top.composite and all(o.est is not est for o in st):
                    return "nested"
            return None
        loc = self.locator
        if caller is None or not loc.is_user(caller.f_code.co_filename):
            return None
        # a user callback invoked by a library (df.apply(lambda g: g[...])) is not a pipeline step
        f = caller.f_back
        while f is not None:
            fn = f.f_code.co_filename
            if not loc.is_user(fn) and _is_data_lib(fn) and f.f_code.co_name != "pipe":
                return None
            f = f.f_back
        return "top"

    # ---- datasets -----------------------------------------------------------------------------------
    def _forget(self, key, name):
        # a dead object is no operator's input any more: drop its entry and the traced rows of its versions
        def cb(_ref, key=key, name=name, d=self._datasets, traced=self._traced):
            e = d.get(key)
            if e is not None and e[0] is _ref:
                del d[key]
                traced.pop(e[1], None)
            traced.pop(name, None)
        return cb

    def register(self, obj, name, pending=None):
        try:
            ref = weakref.ref(obj, self._forget(id(obj), name))
        except TypeError:
            return  # lists, tuples: cannot be tracked by identity
        self._datasets[id(obj)] = [ref, name, pending]
        if isinstance(obj, np.ndarray) and obj.ndim == 2 and obj.size:
            # the layout, not the object: `X = X[:, :6]` drops the recorded X while its memory lives on in the view
            try:
                self._arrays[name] = (weakref.ref(_memory_owner(obj)), obj.__array_interface__["data"][0],
                                      obj.strides, obj.shape, obj.dtype)
            except TypeError:
                pass

    def lookup(self, obj):
        e = self._datasets.get(id(obj))
        if e is not None and e[0]() is obj:
            return e
        return None

    def input_ref(self, obj):
        """(dataset dict, name, rows) for an input object; emits a deferred projection first if needed."""
        e = self.lookup(obj)
        if e is not None:
            if e[2] is not None:
                self._emit_deferred(obj, e)
            return {"namespace": MEM_NS, "name": e[1]}, e[1], n_rows(obj)
        self._ext += 1
        name = f"{self.run_id}/ext{self._ext}"
        ds = {"namespace": MEM_NS, "name": name}
        try:
            view = TableView(obj, "value")
            ds["facets"] = {"schema": facet("schema", {"fields": view.schema_fields()}),
                            "skewer_stats": facet("skewer_stats", table_stats(view, self.stats_cap))}
            origin = self._view_origin(obj)
            if origin is not None:
                ds["facets"]["skewer_columnOrigin"] = facet("skewer_columnOrigin", origin)
        except Exception:
            pass
        self.register(obj, name)
        return ds, name, n_rows(obj)

    def _view_origin(self, obj):
        """For a numpy view of a recorded 2-D array (`X[:, :5]`, `X[10:, ::2]`, made by numpy, so no operator),
        which rows and columns of that array it shows, from the memory layout: the view's first element sits at
        byte offset r*s0 + c*s1 of the parent and its strides are multiples of the parent's. Lets readers follow
        column identity (and rows) through positional slicing. None when obj is not such a view."""
        if not isinstance(obj, np.ndarray) or obj.ndim != 2 or obj.base is None or obj.size == 0:
            return None
        owner = _memory_owner(obj)
        ptr = obj.__array_interface__["data"][0]
        for name, (oref, pptr, (s0, s1), shape, dtype) in list(self._arrays.items()):
            if oref() is None:
                del self._arrays[name]
                continue
            if oref() is not owner or dtype != obj.dtype or s0 <= 0 or s1 <= 0:
                continue
            off = ptr - pptr
            if off < 0:
                continue
            big, small = (s0, s1) if s0 >= s1 else (s1, s0)
            hi, lo = divmod(off, big)
            if lo % small:
                continue
            r, c = (hi, lo // small) if s0 >= s1 else (lo // small, hi)
            v0, v1 = obj.strides
            if v0 <= 0 or v1 <= 0 or v0 % s0 or v1 % s1:
                continue
            rstep, cstep = v0 // s0, v1 // s1
            nr, nc = obj.shape
            if r + (nr - 1) * rstep >= shape[0] or c + (nc - 1) * cstep >= shape[1]:
                continue
            return {"of": name, "columns": [int(c + j * cstep) for j in range(nc)],
                    "rowStart": int(r), "rowStep": int(rstep), "rows": int(nr)}
        return None

    def _resolve(self, obj):
        path = getattr(obj, "path", None)
        if path is not None and type(obj).__name__ == "FileRef":
            return {"namespace": "file", "name": path}, path, None
        return self.input_ref(obj)

    def name_of(self, obj):
        """Current dataset name of obj without emitting anything (for deferred projections)."""
        e = self.lookup(obj)
        if e is not None and e[2] is None:
            return e[1]
        return None

    # ---- estimators ---------------------------------------------------------------------------------
    def object_id(self, est):
        e = self._objects.get(id(est))
        if e is not None and e[0]() is est:
            return e[1]
        self._obj_n += 1
        oid = f"obj{self._obj_n}"
        try:
            self._objects[id(est)] = (weakref.ref(est), oid)
        except TypeError:
            pass
        return oid

    def on_construct(self, obj, caller):
        """Remember where an estimator was built; clones inherit the site of their original."""
        try:
            f = caller
            while f is not None and f.f_code.co_name == "__init__" and f.f_locals.get("self") is obj:
                f = f.f_back  # super().__init__ chains
            # sklearn.base.clone builds the copy itself up to 1.2; from 1.3 through _clone_parametrized
            if f is not None and f.f_code.co_name in ("clone", "_clone_parametrized") and "sklearn" in f.f_code.co_filename:
                orig = f.f_locals.get("estimator")
                site = self._sites.get(id(orig)) if orig is not None else None
                if site is not None and site[0]() is orig:
                    self._sites[id(obj)] = (weakref.ref(obj), site[1])
                    return
            uf = self.locator.user_frame(f)
            if uf is not None:
                self._sites[id(obj)] = (weakref.ref(obj), self.locator.location(uf))
        except Exception as e:
            self.warn(f"construction site: {e}")

    def site_of(self, est):
        s = self._sites.get(id(est))
        if s is not None and s[0]() is est:
            loc = dict(s[1])
            loc.pop("function", None)
            return loc
        return None

    def fit_info(self, oid):
        return self._fits.get(oid)

    def set_fit(self, oid, run_id, rows):
        self._fits[oid] = (run_id, rows)

    # ---- operators ----------------------------------------------------------------------------------
    def begin(self, function, kind, library, caller, mode, inputs=(), est=None, args=None, inplace=False,
              loc=None, deferred=False, resolved=None):
        self._local.busy = True
        try:
            st = self._stack()
            op = Op()
            op.function, op.kind, op.library = function, kind, library
            op.est, op.args, op.extra, op.deferred, op.inplace = est, args, {}, deferred, inplace
            op.composite = False
            op.parent_seq = st[-1].seq if (mode == "nested" and st) else None
            if loc is None:
                if mode == "nested" and st:
                    loc = {k: v for k, v in st[-1].loc.items() if k != "constructedAt"}
                else:
                    uf = self.locator.user_frame(caller)
                    loc = self.locator.location(uf) if uf is not None else {
                        "file": "<unknown>", "line": 1, "col": 1, "endLine": 1, "endCol": 1, "code": ""}
            if est is not None:
                site = self.site_of(est)
                if site:
                    loc = dict(loc, constructedAt=site)
            op.loc = loc
            where = f"{loc['file']}[{loc['cell']}]" if "cell" in loc else loc["file"]
            base = f"{self.job}/{function}@{where}:{loc['line']}"
            n = self._callsites.get(base, 0) + 1
            self._callsites[base] = n
            if n > CALLSITE_CAP:
                # a call site inside a long loop: stop recording it rather than slow the script down
                self.skipped += 1
                if self.skipped == 1:
                    print(f"skewer: {function} at {where}:{loc['line']} ran more than {CALLSITE_CAP} times; "
                          f"further calls from there are not recorded", file=sys.stderr)
                return None
            ins, names, rows = [], [], []
            for item in (resolved if resolved is not None else [self._resolve(o) for o in inputs]):
                ds, name, r = item
                ins.append(ds)
                names.append(name)
                rows.append(r)
            op.inputs, op.input_names, op.input_rows = ins, names, rows
            with self._lock:
                op.seq = self._seq
                self._seq += 1
                self.operator_count += 1
            op.job_name = base if n == 1 else f"{base}#{n}"
            op.run_id = uuid7()
            self._event("START", op.run_id, self._op_facets(op), op.job_name, self._job_facets(op), op.inputs, [])
            st.append(op)
            op.t0 = time.perf_counter()
            return op
        finally:
            self._local.busy = False

    def _op_facets(self, op, duration=None, recorder_ms=None, extra=None):
        body = {"seq": op.seq, "library": op.library, "function": op.function, "kind": op.kind, "phase": self.phase}
        if duration is not None:
            body["durationMs"] = round(duration * 1000, 3)
        if recorder_ms is not None:
            body["recorderMs"] = round(recorder_ms, 3)
        if op.parent_seq is not None:
            body["parentSeq"] = op.parent_seq
        if op.deferred:
            body["deferred"] = True
        if op.inplace:
            body["inplace"] = True
        if op.args:
            body["args"] = op.args
        f = {"parent": facet("parent", {"run": {"runId": self.run_id}, "job": {"namespace": "skewer", "name": self.job}}),
             "skewer_operator": facet("skewer_operator", body)}
        if extra:
            f.update(extra)
        return f

    def _job_facets(self, op):
        return {"skewer_codeLocation": facet("skewer_codeLocation", op.loc)}

    def _pop(self, op):
        st = self._stack()
        if op in st:
            while st and st[-1] is not op:
                st.pop()
            st.pop()

    def fail(self, op, error, duration, fitted=None):
        self._local.busy = True
        try:
            self._pop(op)
            extra = {"errorMessage": facet("errorMessage", {
                "message": _error_message(error), "programmingLanguage": "python",
                "stackTrace": format_user_traceback(error)})}
            if fitted:
                extra["skewer_fittedTransformer"] = facet("skewer_fittedTransformer", fitted)
            self._event("FAIL", op.run_id, self._op_facets(op, duration, extra=extra), op.job_name,
                        self._job_facets(op), op.inputs, [])
        except Exception as e:
            self.warn(f"FAIL event: {e}")
        finally:
            self._local.busy = False

    def complete(self, op, outputs, duration, fitted=None, started=None):
        """outputs: list of (port, obj, lineage dict, feature_names). `started`: when the recorder's work on this
        operator began (lineage is computed before complete), so recorderMs covers all of it."""
        self._local.busy = True
        t0 = started if started is not None else time.perf_counter()
        try:
            self._pop(op)
            outs = []
            for port, obj, lin, feature_names in outputs:
                outs.append(self._output(op, port, obj, lin, feature_names))
            extra = {}
            if fitted:
                extra["skewer_fittedTransformer"] = facet("skewer_fittedTransformer", fitted)
            rec_ms = (time.perf_counter() - t0) * 1000
            self._event("COMPLETE", op.run_id, self._op_facets(op, duration, rec_ms, extra), op.job_name,
                        self._job_facets(op), op.inputs, outs)
        except Exception as e:
            self.warn(f"{op.function}: {type(e).__name__}: {e}")
            try:
                self._event("COMPLETE", op.run_id, self._op_facets(op, duration), op.job_name,
                            self._job_facets(op), op.inputs, [])
            except Exception:
                pass
        finally:
            self._local.busy = False

    def _output(self, op, port, obj, lin, feature_names):
        if type(obj).__name__ == "FileRef":
            if getattr(obj, "frame", None) is None:  # a model artifact written by dump: just the file
                return {"namespace": "file", "name": obj.path}
            return self._file_output(op, port, obj, lin)
        name = f"{self.run_id}/{op.seq}.{port}"
        self.register(obj, name)
        ds = {"namespace": MEM_NS, "name": name}
        try:
            view = TableView(obj, port, feature_names)
        except Exception:
            view = None
        rows = view.n_rows if view is not None else n_rows(obj)
        facets, ofacets = {}, {}
        if view is not None:
            facets["schema"] = facet("schema", {"fields": view.schema_fields()})
            facets["skewer_stats"] = facet("skewer_stats", table_stats(view, self.stats_cap))
        if rows is not None:
            ofacets["outputStatistics"] = facet("outputStatistics", {"rowCount": int(rows)})
        lin_body = None
        if lin is not None:
            lin_body = self._lineage(op, port, lin, rows)
            ofacets["skewer_rowLineage"] = facet("skewer_rowLineage", lin_body)
        keys = self._keys(op, port, obj, name, lin_body)
        if keys:
            ofacets["skewer_keys"] = facet("skewer_keys", keys)
        if view is not None and self.snap_mode != "off":
            traced = self._traced_from_inputs(lin, lin_body, rows) if self.snap_mode == "sample" else None
            snap = self._snapshot(op, port, view, name, traced)
            if snap:
                ofacets["skewer_snapshot"] = facet("skewer_snapshot", snap)
        if facets:
            ds["facets"] = facets
        if ofacets:
            ds["outputFacets"] = ofacets
        return ds

    def _file_output(self, op, port, ref, lin):
        """The file a sink step wrote (namespace 'file', absolute path): schema and stats of the frame written, its
        rows one to one with the frame's. A later read of the same path names it as its input, linking the two."""
        ds = {"namespace": "file", "name": ref.path}
        view = TableView(ref.frame, port)
        ds["facets"] = {"schema": facet("schema", {"fields": view.schema_fields()}),
                        "skewer_stats": facet("skewer_stats", table_stats(view, self.stats_cap))}
        ds["outputFacets"] = {"outputStatistics": facet("outputStatistics", {"rowCount": int(view.n_rows)}),
                              "skewer_rowLineage": facet("skewer_rowLineage", self._lineage(op, port, lin, view.n_rows))}
        return ds

    def _lineage(self, op, port, lin, rows):
        idx = lin["inputs"]
        names = [op.input_names[i] for i in idx]
        rows_in = [op.input_rows[i] for i in idx]
        kind = lin["kind"]
        arrays = lin.get("arrays", {})
        gap = lin.get("gap")
        if rows is None or any(r is None for r in rows_in):
            kind, arrays, gap = "opaque", {}, "row counts unknown"
        elif kind == "identity" and any(r != rows for r in rows_in):
            kind, arrays, gap = "opaque", {}, f"{op.function} changed the row count ({rows_in} -> {rows})"
        elif kind != "opaque":
            bad = _check_arrays(kind, arrays, rows, rows_in)
            if bad:
                kind, arrays, gap = "opaque", {}, bad
        body = {"kind": kind, "inputs": names, "rowsIn": [int(r) for r in rows_in] if kind != "opaque" or all(
            r is not None for r in rows_in) else [], "rowsOut": int(rows or 0), "arrays": {}}
        for aname, arr in arrays.items():
            rel = f"lineage/{op.seq}.{port}.{aname}.npy"
            _save_npy(os.path.join(self.dir, rel), arr)
            body["arrays"][aname] = rel
        if kind == "opaque":
            body["gap"] = gap or "unmapped"
        if lin.get("method") and kind == "select":
            body["method"] = lin["method"]
            if lin.get("ambiguous"):
                body["ambiguousRows"] = int(lin["ambiguous"])
        return body

    def _keys(self, op, port, obj, name, lin_body):
        """skewer_keys: the key columns known for this output's rows; the ones its lineage cannot carry over from
        its inputs (a source, a groupby keyed by them, an opaque step, a frame unrecorded code made) are written
        for every row to keys/<seq>.<port>.arrow|csv. Never fails the operator: on trouble the output has no keys."""
        kt = self.keys
        try:
            if op.kind == "source":
                kt.on_source(obj)
            known, stored = kt.plan(name, obj, lin_body)
            if not known:
                return None
            body = {"columns": known}
            if stored:
                frame = key_frame(obj, stored)
                os.makedirs(os.path.join(self.dir, "keys"), exist_ok=True)
                rel = f"keys/{op.seq}.{port}.{'arrow' if self.snap_format == 'arrow' else 'csv'}"
                if self.snap_format == "arrow":
                    _write_arrow(frame, os.path.join(self.dir, rel), None)  # uncompressed: read zero-copy
                else:
                    _write_csv(frame, os.path.join(self.dir, rel))
                body.update(stored=stored, uri=rel, format=self.snap_format, rows=int(len(frame)))
            return body
        except Exception as e:
            kt.forget(name)
            self.warn(f"key columns of {op.function}: {type(e).__name__}: {e}")
            return None

    def _traced_from_inputs(self, lin, body, rows):
        """Rows of this output that descend from traced rows of its inputs (at most row_cap, see cap_traced),
        or None when the output starts a trace: a source (read_csv), an opaque step, or inputs never recorded."""
        if body is None or body["kind"] == "opaque" or rows is None:
            return None
        traced_in = [self._traced.get(n) for n in body["inputs"]]
        if all(t is None for t in traced_in):
            return None
        rows_t, tier = L.traced_rows(body["kind"], lin.get("arrays", {}), body["rowsIn"], int(rows), traced_in)
        return L.cap_traced(rows_t, tier, self.row_cap)

    def _snapshot(self, op, port, view, name, traced=None):
        """Sample mode keeps row_cap evenly spaced rows plus the traced rows (`traced`, from the inputs), so a
        record kept by a source's snapshot keeps its values in every later snapshot it reaches."""
        n = view.n_rows
        positions = None
        if self.snap_mode == "sample":
            even = evenly_spaced(n, self.row_cap) if n > self.row_cap else None
            if traced is None:  # a trace starts here: the rows this snapshot keeps are the ones followed
                traced = even if even is not None else np.arange(n, dtype=np.int64)
                positions = even
            elif even is not None:
                positions = np.union1d(even, traced)
            self._traced[name] = traced
        frame = view.take(positions, max_columns=MAX_SNAPSHOT_COLUMNS, with_index=True)
        base = f"snapshots/{op.seq}.{port}"
        if self.snap_format == "arrow":
            rel = base + ".arrow"
            _write_arrow(frame, os.path.join(self.dir, rel), self.arrow_codec)
        else:
            rel = base + ".csv"
            _write_csv(frame, os.path.join(self.dir, rel))
        body = {"uri": rel, "format": self.snap_format, "rows": int(len(frame)), "totalRows": int(n),
                "sampled": positions is not None}
        if traced is not None:
            body["traced"] = int(len(traced))
        if positions is not None:
            prel = base + ".positions.npy"
            _save_npy(os.path.join(self.dir, prel), positions)
            body["positions"] = prel
        cols = [str(c) for c in frame.columns]
        idx_cols = cols[: len(cols) - min(len(view.names), MAX_SNAPSHOT_COLUMNS)] if view.has_index else []
        if idx_cols:
            body["indexColumns"] = idx_cols
        body["columns"] = cols
        return body

    # ---- deferred projections ------------------------------------------------------------------------
    def defer_projection(self, series, source_frame, key, caller):
        self._local.busy = True
        try:
            uf = self.locator.user_frame(caller)
            if uf is None:
                return
            loc = self.locator.location(uf)
            src = self.lookup(source_frame)
            if src is not None and src[2] is None:
                source = ("known", src[1])
            else:
                source = ("obj", weakref.ref(source_frame))
            self.register(series, None, Pending(source, loc, key, n_rows(source_frame)))
        except Exception as e:
            self.warn(f"projection: {e}")
        finally:
            self._local.busy = False

    def _emit_deferred(self, obj, entry):
        p = entry[2]
        entry[2] = None
        src_kind, src = p.source
        src_obj = None
        if src_kind == "obj":
            src_obj = src()
        self._local.busy = False
        if src_kind == "known":
            resolved = [({"namespace": MEM_NS, "name": src}, src, p.rows)]
        else:
            resolved = [self.input_ref(src_obj)] if src_obj is not None else []
        op = self.begin("DataFrame.__getitem__", "project", "pandas", None, "top", loc=p.loc, deferred=True,
                        args={"key": str(p.key)}, resolved=resolved)
        if op is None:  # call-site cap reached: the Series is an untracked input
            self._local.busy = True
            self._ext += 1
            entry[1] = f"{self.run_id}/ext{self._ext}"
            return
        lin = L.identity(0) if op.inputs else L.opaque([], "source frame no longer exists")
        self.complete(op, [("out", obj, lin, None)], 0.0)
        self._local.busy = True
        entry[1] = f"{self.run_id}/{op.seq}.out"


class _FrameAt:
    """A frame stand-in positioned at a traceback's instruction."""
    __slots__ = ("f_code", "f_lasti", "f_lineno", "f_globals")

    def __init__(self, frame, lasti):
        self.f_code, self.f_globals = frame.f_code, frame.f_globals
        self.f_lasti = lasti
        self.f_lineno = frame.f_lineno


def _memory_owner(arr):
    """The array at the end of arr's .base chain (the one whose memory arr shows)."""
    while isinstance(arr.base, np.ndarray):
        arr = arr.base
    return arr


def _is_data_lib(filename):
    p = filename.replace("\\", "/")
    return any(f"/{lib}/" in p for lib in DATA_LIBS)


_SKEWER_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def format_user_traceback(error):
    """The traceback as Python prints it, minus the recorder's own wrapper frames."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if not f.filename.startswith(_SKEWER_DIR)]
    out = ["Traceback (most recent call last):\n"] if frames else []
    out += traceback.format_list(frames)
    out += traceback.format_exception_only(type(error), error)
    return "".join(out)


def _error_message(error):
    msg = str(error)
    return f"{type(error).__name__}: {msg}" if msg else type(error).__name__


def _check_arrays(kind, arrays, rows, rows_in):
    """Refuse to write lineage that cannot be right (wrong lengths, positions out of range)."""
    try:
        if kind == "select":
            p = arrays["positions"]
            if len(p) != rows:
                return f"positions length {len(p)} != rows {rows}"
            if len(p) and (p.max() >= rows_in[0] or p.min() < -1):
                return "positions out of range"
        elif kind == "join":
            for side, r in (("left", rows_in[0]), ("right", rows_in[1])):
                a = arrays[side]
                if len(a) != rows or (len(a) and (a.max() >= r or a.min() < -1)):
                    return f"join {side} positions inconsistent"
        elif kind == "concat":
            part, pos = arrays["part"], arrays["positions"]
            if len(part) != rows or len(pos) != rows:
                return "concat arrays length mismatch"
        elif kind == "groupby":
            off, mem = arrays["offsets"], arrays["members"]
            if len(off) != rows + 1 or off[-1] != len(mem) or (len(mem) and mem.max() >= rows_in[0]):
                return "groupby arrays inconsistent"
    except Exception as e:
        return f"lineage check failed: {e}"
    return None


def _save_npy(path, arr):
    arr = np.ascontiguousarray(arr)
    if arr.dtype.byteorder == ">":
        arr = arr.astype(arr.dtype.newbyteorder("<"))
    with open(path, "wb") as f:
        np.lib.format.write_array(f, arr, version=(1, 0), allow_pickle=False)


def _write_csv(frame, path):
    try:
        frame.to_csv(path, index=False, lineterminator="\n")
    except TypeError:  # pandas < 1.5
        frame.to_csv(path, index=False, line_terminator="\n")


# Arrow IPC snapshot compression, measured (bench/recorder_overhead.py, README): a sampled snapshot (<= 2 x rowCap
# rows) costs ~10 / 21 / 29 ms to write uncompressed / LZ4_FRAME / ZSTD and ZSTD makes it a third the size of
# uncompressed, half LZ4's, at no measurable cost to the run; a full 300k-row snapshot costs 114 / 337 / 433 ms,
# where LZ4 is the cheaper of the two that still halve the size. The TypeScript reader reads all three.
# SKEWER_ARROW_COMPRESSION=lz4|zstd|none overrides the choice.
ARROW_CODECS = {"lz4": "lz4", "zstd": "zstd", "none": None}
ARROW_COMPRESSION = {"sample": "zstd", "all": "lz4"}


def _arrow_codec(snapshots):
    name = os.environ.get("SKEWER_ARROW_COMPRESSION", "").strip().lower()
    if not name:
        return ARROW_COMPRESSION.get(snapshots)
    if name not in ARROW_CODECS:
        raise ValueError(f"SKEWER_ARROW_COMPRESSION must be one of {', '.join(ARROW_CODECS)}, not {name!r}")
    return ARROW_CODECS[name]


def _write_arrow(frame, path, codec):
    import pyarrow as pa
    arrays = [_arrow_column(frame.iloc[:, j]) for j in range(frame.shape[1])]
    table = pa.Table.from_arrays(arrays, names=[str(c) for c in frame.columns])
    options = pa.ipc.IpcWriteOptions(compression=codec)
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, table.schema, options=options) as w:
        w.write_table(table)


def _arrow_column(col):
    """One snapshot column as an Arrow array of the column's own type; text is utf8 whatever backs it (pandas 3's
    str dtype comes out as large_string), and an object column Arrow cannot type (mixed values) is written as
    the values' text, as a CSV snapshot would hold it."""
    import pyarrow as pa
    try:
        arr = pa.array(col, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError):
        arr = pa.array([None if _is_missing(v) else str(v) for v in col.tolist()], type=pa.string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    t = arr.type
    if _wide_text(t):
        arr = arr.cast(pa.string())
    elif pa.types.is_dictionary(t) and _wide_text(t.value_type):
        arr = arr.cast(pa.dictionary(t.index_type, pa.string(), t.ordered))
    return arr


def _wide_text(t):
    """large_string or string_view (pyarrow >= 16): text the snapshot writes as plain utf8."""
    import pyarrow as pa
    return pa.types.is_large_string(t) or getattr(pa.types, "is_string_view", lambda _: False)(t)


def _is_missing(v):
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and math.isnan(v)
