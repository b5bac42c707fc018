"""pandas entry points: sources, projections, filters, maps, joins, concat, groupby reductions."""
import functools
import inspect
import os
import sys
import threading

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_list_like, is_scalar

from . import lineage as L
from . import state
from .patching import run_recorded
from .patching import wrap_function as _function
from .patching import wrap_method as _method

PL, PR = "__skewer_left_pos__", "__skewer_right_pos__"
GROUP_REDUCERS = ("agg", "aggregate", "sum", "mean", "count", "size", "min", "max", "median", "std", "var",
                  "first", "last", "nunique", "prod")


class FileRef:
    """A file read by a source operator (namespace 'file', absolute path)."""
    def __init__(self, path):
        self.path = os.path.abspath(os.fspath(path))


def _frame_out(res, fallback=None):
    out = fallback if res is None else res
    return out if isinstance(out, (pd.DataFrame, pd.Series)) else None


def _mask_positions(key, df):
    """Positions selected by a boolean mask, when the mask is positional or aligned with df's index."""
    n = len(df)
    if isinstance(key, np.ndarray) and key.dtype == bool and key.ndim == 1 and len(key) == n:
        return np.flatnonzero(key)
    if isinstance(key, pd.Series) and is_bool_dtype(key.dtype) and len(key) == n:
        if key.index is df.index or key.index.equals(df.index):
            return np.flatnonzero(key.to_numpy(dtype=bool, na_value=False))
    if isinstance(key, (list, pd.Index)) and len(key) == n and is_bool_dtype(np.asarray(key)):
        return np.flatnonzero(np.asarray(key, dtype=bool))
    return None


def _is_bool_key(key):
    if isinstance(key, (np.ndarray, pd.Series, pd.Index)):
        return is_bool_dtype(key.dtype)
    if isinstance(key, list) and key and isinstance(key[0], (bool, np.bool_)):
        return True
    return False


def _select_lineage(pos, what):
    return L.select(0, pos) if pos is not None else L.opaque([0], what)


# ---- sources -------------------------------------------------------------------------------------------
def _reader(function, path_arg):
    def h(s, mode, caller, orig, args, kwargs):
        if kwargs.get("chunksize") is not None or kwargs.get("iterator"):
            return orig(*args, **kwargs)  # a TextFileReader is not a dataset
        src = args[0] if args else kwargs.get(path_arg)
        file_in = isinstance(src, (str, os.PathLike)) and "://" not in str(src)
        if file_in and function == "read_json" and not os.path.exists(src):
            file_in = False  # a literal JSON string, not a path
        inputs = [FileRef(src)] if file_in else []
        skip = kwargs.get("skiprows") not in (None, 0) or kwargs.get("skipfooter") not in (None, 0)

        def post(res, op):
            if not isinstance(res, pd.DataFrame):
                return [], None
            if not file_in:
                return [("out", res, L.opaque([], "read from a buffer or URL, not a local file"), None)], None
            op.input_rows[0] = len(res)
            lin = L.opaque([0], "rows skipped by read options (skiprows/skipfooter)") if skip else L.identity(0)
            return [("out", res, lin, None)], None
        return run_recorded(s, mode, caller, function, "source", "pandas", inputs,
                            lambda: orig(*args, **kwargs), post,
                            args=_args(kwargs, ("usecols", "columns", "nrows", "skiprows", "orient", "lines")))
    return h


def _writer(function, path_arg):
    """DataFrame.to_parquet / to_feather / to_json into a local file: a sink step whose output is the file
    (namespace 'file'), so a later read of the same path links to it. Writes to buffers, URLs or nothing
    (to_json() returning text) pass through unrecorded."""
    def h(s, mode, caller, orig, df, args, kwargs):
        dest = args[0] if args else kwargs.get(path_arg)
        if not isinstance(dest, (str, os.PathLike)) or "://" in str(dest):
            return orig(df, *args, **kwargs)
        target = FileRef(dest)
        target.frame = df

        def post(res, op):
            return [("file", target, L.identity(0), None)], None
        return run_recorded(s, mode, caller, function, "sink", "pandas", [df], lambda: orig(df, *args, **kwargs),
                            post, args=_args(kwargs, ("engine", "compression", "orient", "lines")))
    return h


def _args(kwargs, names):
    out = {}
    for n in names:
        if n in kwargs and kwargs[n] is not None:
            v = kwargs[n]
            out[n] = v if isinstance(v, (int, float, str, bool)) else repr(v)[:200]
    return out or None


# ---- projection / selection ------------------------------------------------------------------------------
def h_getitem(s, mode, caller, orig, df, args, kwargs):
    key = args[0]
    if _is_bool_key(key):
        def post(res, op):
            if not isinstance(res, pd.DataFrame):
                return [], None
            pos = _mask_positions(key, df)
            if pos is None:
                pos = L.positions_by_index(df.index, res.index)
            return [("out", res, _select_lineage(pos, "boolean mask not aligned and index not unique"), None)], None
        return run_recorded(s, mode, caller, "DataFrame.__getitem__", "select", "pandas", [df],
                            lambda: orig(df, *args, **kwargs), post, args={"key": "<boolean mask>"})
    if isinstance(key, slice):
        def post(res, op):
            if not isinstance(res, pd.DataFrame):
                return [], None
            pos = L.positions_by_index(df.index, res.index)
            if pos is None and isinstance(df.index, pd.RangeIndex):
                pos = np.arange(len(df))[key]
            return [("out", res, _select_lineage(pos, "row slice on a non-unique index"), None)], None
        return run_recorded(s, mode, caller, "DataFrame.__getitem__", "select", "pandas", [df],
                            lambda: orig(df, *args, **kwargs), post, args={"key": str(key)})
    if is_list_like(key) and not isinstance(key, tuple):
        def post(res, op):
            if not isinstance(res, pd.DataFrame):
                return [], None
            return [("out", res, L.identity(0), None)], None
        cols = list(key)
        return run_recorded(s, mode, caller, "DataFrame.__getitem__", "project", "pandas", [df],
                            lambda: orig(df, *args, **kwargs), post, args={"columns": [str(c) for c in cols[:50]]})
    res = orig(df, *args, **kwargs)
    if isinstance(res, pd.Series):
        s.defer_projection(res, df, key, caller)
    return res


def _indexer_rows(name, df, key):
    """(kind, positions or None) for df.loc/iloc[key]."""
    rows = key[0] if isinstance(key, tuple) and len(key) == 2 else key
    if isinstance(rows, slice) and rows == slice(None):
        return "project", None
    n = len(df)
    if name == "iloc":
        if callable(rows):
            rows = rows(df)
        try:
            return "select", np.arange(n, dtype=np.int64)[rows if not isinstance(rows, pd.Series) else rows.to_numpy()]
        except Exception:
            return "select", None
    if callable(rows):
        return "select", None
    pos = _mask_positions(rows, df)
    return "select", pos


def h_loc_getitem(s, mode, caller, orig, indexer, args, kwargs):
    df = indexer.obj
    key = args[0]
    if not isinstance(df, pd.DataFrame):
        return orig(indexer, *args, **kwargs)
    rows = key[0] if isinstance(key, tuple) and len(key) == 2 else key
    cols = key[1] if isinstance(key, tuple) and len(key) == 2 else None
    if (is_scalar(rows) or isinstance(rows, tuple)) or (cols is not None and is_scalar(cols)):
        return orig(indexer, *args, **kwargs)  # a Series or a scalar: not a dataset step
    kind, pos = _indexer_rows(indexer.name, df, key)

    def post(res, op):
        if not isinstance(res, pd.DataFrame):
            return [], None
        if kind == "project":
            return [("out", res, L.identity(0), None)], None
        p = pos
        if p is None or len(p) != len(res):
            p = L.positions_by_index(df.index, res.index)
        return [("out", res, _select_lineage(p, "row labels not unique"), None)], None
    return run_recorded(s, mode, caller, f"DataFrame.{indexer.name}", kind, "pandas", [df],
                        lambda: orig(indexer, *args, **kwargs), post)


def h_loc_setitem(s, mode, caller, orig, indexer, args, kwargs):
    df = indexer.obj
    if not isinstance(df, pd.DataFrame):
        return orig(indexer, *args, **kwargs)

    def post(res, op):
        return [("out", df, L.identity(0), None)], None
    return run_recorded(s, mode, caller, f"DataFrame.{indexer.name}.__setitem__", "map", "pandas", [df],
                        lambda: orig(indexer, *args, **kwargs), post, inplace=True)


def h_setitem(s, mode, caller, orig, df, args, kwargs):
    key = args[0] if args else None

    def post(res, op):
        return [("out", df, L.identity(0), None)], None
    return run_recorded(s, mode, caller, "DataFrame.__setitem__", "map", "pandas", [df],
                        lambda: orig(df, *args, **kwargs), post, inplace=True,
                        args={"key": str(key)[:200]})


# ---- row operations -------------------------------------------------------------------------------------
def _rerun(orig, df, args, kwargs, has_inplace=True):
    """Positions via the same deterministic call on a shallow copy with a 0..n-1 index."""
    tmp = df.copy(deep=False)
    tmp.index = pd.RangeIndex(len(df))
    kw = dict(kwargs)
    if has_inplace:
        kw.pop("inplace", None)  # default False; passing it at all is deprecated from pandas 3.1 (PDEP-8)
    kw.pop("ignore_index", None)
    res = orig(tmp, *args, **kw)
    return res.index.to_numpy().astype(np.int64)


def _row_op(function, kind, has_inplace=True, deterministic=None, column_axis_kind=None):
    def h(s, mode, caller, orig, df, args, kwargs):
        inplace = bool(kwargs.get("inplace", False)) if has_inplace else False
        ignore_index = bool(kwargs.get("ignore_index", False))
        axis = kwargs.get("axis", 0)
        if column_axis_kind and axis in (1, "columns"):
            def post_cols(res, op):
                out = _frame_out(res, df if inplace else None)
                return ([("out", out, L.identity(0), None)] if out is not None else []), None
            return run_recorded(s, mode, caller, function, column_axis_kind, "pandas", [df],
                                lambda: orig(df, *args, **kwargs), post_cols, inplace=inplace)
        in_index = df.index
        pre, gap = None, None
        if ignore_index or not in_index.is_unique:
            ok = deterministic(kwargs) if deterministic else True
            if ok:
                try:
                    pre = _rerun(orig, df, args, kwargs, has_inplace)
                except Exception as e:
                    gap = f"could not map rows: {type(e).__name__}"
            else:
                gap = "non-deterministic call with ignore_index or a non-unique index"

        def post(res, op):
            out = _frame_out(res, df if inplace else None)
            if out is None:
                return [], None
            pos = pre
            if pos is None and gap is None and not ignore_index:
                pos = L.positions_by_index(in_index, out.index)
            return [("out", out, _select_lineage(pos, gap or "row labels not unique"), None)], None
        return run_recorded(s, mode, caller, function, kind, "pandas", [df], lambda: orig(df, *args, **kwargs), post,
                            inplace=inplace, args=_args(kwargs, ("subset", "how", "keep", "by", "ascending", "n",
                                                                 "frac", "replace", "random_state", "thresh")))
    return h


def _sample_deterministic(kwargs):
    rs = kwargs.get("random_state")
    return isinstance(rs, (int, np.integer)) and not isinstance(rs, bool)


def h_drop(s, mode, caller, orig, df, args, kwargs):
    inplace = bool(kwargs.get("inplace", False))
    axis = kwargs.get("axis", 0)
    labels = args[0] if args else kwargs.get("labels")
    rows = kwargs.get("index")
    if rows is None and labels is not None and axis in (0, "index") and kwargs.get("columns") is None:
        rows = labels
    if rows is None:
        def post_cols(res, op):
            out = _frame_out(res, df if inplace else None)
            return ([("out", out, L.identity(0), None)] if out is not None else []), None
        cols = kwargs.get("columns", labels)
        return run_recorded(s, mode, caller, "DataFrame.drop", "project", "pandas", [df],
                            lambda: orig(df, *args, **kwargs), post_cols, inplace=inplace,
                            args={"columns": repr(cols)[:200]})
    in_index = df.index

    def post(res, op):
        out = _frame_out(res, df if inplace else None)
        if out is None:
            return [], None
        pos = L.positions_by_index(in_index, out.index)
        if pos is None and kwargs.get("level") is None:
            keep = ~in_index.isin(list(rows) if is_list_like(rows) else [rows])
            pos = np.flatnonzero(keep)
        return [("out", out, _select_lineage(pos, "rows dropped by level"), None)], None
    return run_recorded(s, mode, caller, "DataFrame.drop", "select", "pandas", [df],
                        lambda: orig(df, *args, **kwargs), post, inplace=inplace)


def _map_op(function, kind="map", has_inplace=True):
    def h(s, mode, caller, orig, df, args, kwargs):
        inplace = bool(kwargs.get("inplace", False)) if has_inplace else False

        def post(res, op):
            out = _frame_out(res, df if inplace else None)
            return ([("out", out, L.identity(0), None)] if out is not None else []), None
        extra = {"columns": sorted(str(k) for k in kwargs)[:50]} if function == "DataFrame.assign" else None
        return run_recorded(s, mode, caller, function, kind, "pandas", [df], lambda: orig(df, *args, **kwargs), post,
                            inplace=inplace, args=extra)
    return h


# ---- joins ----------------------------------------------------------------------------------------------
_MERGE_SIG = inspect.signature(pd.merge)


def _as_list(v):
    if v is None:
        return []
    return list(v) if is_list_like(v) and not isinstance(v, tuple) else [v]


def _key_frame(frame, keys, keep_index):
    """Only the key columns (or index levels named as keys) of frame, with frame's index."""
    cols = {}
    for c in keys:
        if is_list_like(c):
            return None
        if c in frame.columns:
            j = frame.columns.get_loc(c)
            if not isinstance(j, (int, np.integer)):
                return None  # duplicate column labels
            cols[c] = frame.iloc[:, j].to_numpy()  # iloc: no entry in the user's item cache
        elif c in frame.index.names:
            cols[c] = frame.index.get_level_values(c).to_numpy()
        else:
            return None
    return pd.DataFrame(cols, index=frame.index if keep_index else pd.RangeIndex(len(frame)))


def _merge_lineage(left, right, b, merge_fn, n_out):
    if isinstance(right, pd.Series):
        right = right.to_frame()
    if not isinstance(left, pd.DataFrame) or not isinstance(right, pd.DataFrame):
        return L.opaque([0, 1], "merge of non-DataFrame inputs")
    how = b.get("how", "inner")
    on, left_on, right_on = b.get("on"), b.get("left_on"), b.get("right_on")
    li, ri = bool(b.get("left_index", False)), bool(b.get("right_index", False))
    nl, nr = len(left), len(right)
    if how == "cross":
        lk = rk = []
    else:
        if on is None and left_on is None and right_on is None and not li and not ri:
            on = [c for c in left.columns if c in right.columns]
        lk = _as_list(on if on is not None else left_on)
        rk = _as_list(on if on is not None else right_on)
    lt, rt = _key_frame(left, lk, li), _key_frame(right, rk, ri)
    if lt is None or rt is None:
        return L.opaque([0, 1], "merge keys are arrays")
    lt[PL] = np.arange(nl, dtype=np.int64)
    rt[PR] = np.arange(nr, dtype=np.int64)
    kw = {"how": how, "sort": bool(b.get("sort", False))}
    if how != "cross":
        kw.update(on=on, left_on=left_on if on is None else None, right_on=right_on if on is None else None,
                  left_index=li, right_index=ri)
    res = merge_fn(lt, rt, **kw)
    if len(res) != n_out:
        return L.opaque([0, 1], "could not reproduce the join's rows")
    lp = res[PL].to_numpy(dtype="float64", na_value=np.nan)
    rp = res[PR].to_numpy(dtype="float64", na_value=np.nan)
    return L.join(0, 1, np.where(np.isnan(lp), -1, lp).astype(np.int64), np.where(np.isnan(rp), -1, rp).astype(np.int64))


def _merge_handler(function, method):
    def h(s, mode, caller, orig, *rest):
        if method:
            df, args, kwargs = rest
            call = lambda: orig(df, *args, **kwargs)  # noqa: E731
            all_args = (df,) + tuple(args)
        else:
            args, kwargs = rest
            call = lambda: orig(*args, **kwargs)  # noqa: E731
            all_args = tuple(args)
        try:
            b = _MERGE_SIG.bind(*all_args, **kwargs).arguments
        except TypeError:
            return call()
        left, right = b.get("left"), b.get("right")

        def post(res, op):
            if not isinstance(res, pd.DataFrame):
                return [], None
            lin = _captured_join(len(left), len(right), len(res)) if hasattr(right, "__len__") else None
            if lin is None:
                lin = _merge_lineage(left, right, b, ORIG["merge"], len(res))
            return [("out", res, lin, None)], None
        return run_recorded(s, mode, caller, function, "join", "pandas", [left, right], _capturing(call), post,
                            args=_args(b, ("how", "on", "left_on", "right_on", "left_index", "right_index")))
    return h


def h_join(s, mode, caller, orig, df, args, kwargs):
    other = args[0] if args else kwargs.get("other")
    if not isinstance(other, (pd.DataFrame, pd.Series)):
        return orig(df, *args, **kwargs)  # a list of frames: not recorded
    on = kwargs.get("on", args[1] if len(args) > 1 else None)
    how = kwargs.get("how", args[2] if len(args) > 2 else "left")
    sort = kwargs.get("sort", False)

    def post(res, op):
        if not isinstance(res, pd.DataFrame):
            return [], None
        lin = _captured_join(len(df), len(other), len(res))
        if lin is not None:
            return [("out", res, lin, None)], None
        try:
            keys = _as_list(on)
            lt = _key_frame(df, keys, True)
            if lt is None:
                raise ValueError("join keys are arrays")
            lt[PL] = np.arange(len(df), dtype=np.int64)
            rt = pd.DataFrame({PR: np.arange(len(other), dtype=np.int64)}, index=other.index)
            t = ORIG["DataFrame.join"](lt, rt, on=on, how=how, sort=sort)
            if len(t) != len(res):
                raise ValueError("row count differs")
            lp = t[PL].to_numpy(dtype="float64", na_value=np.nan)
            rp = t[PR].to_numpy(dtype="float64", na_value=np.nan)
            lin = L.join(0, 1, np.where(np.isnan(lp), -1, lp), np.where(np.isnan(rp), -1, rp))
        except Exception as e:
            lin = L.opaque([0, 1], f"could not reproduce the join: {type(e).__name__}")
        return [("out", res, lin, None)], None
    return run_recorded(s, mode, caller, "DataFrame.join", "join", "pandas", [df, other],
                        _capturing(lambda: orig(df, *args, **kwargs)), post, args={"how": str(how), "on": repr(on)})


def h_concat(s, mode, caller, orig, args, kwargs):
    objs = args[0] if args else kwargs.get("objs")
    if isinstance(objs, dict):
        seq = [v for v in objs.values() if v is not None]
        call_objs = objs
    else:
        try:
            call_objs = list(objs)
        except TypeError:
            return orig(*args, **kwargs)
        seq = [v for v in call_objs if v is not None]
    rest = args[1:]
    axis = kwargs.get("axis", rest[0] if rest else 0)
    if not all(isinstance(o, (pd.DataFrame, pd.Series)) for o in seq):
        return orig(*args, **kwargs)
    call = (lambda: orig(call_objs, *rest, **kwargs)) if args else (lambda: orig(**dict(kwargs, objs=call_objs)))
    idx = list(range(len(seq)))

    def post(res, op):
        if not isinstance(res, (pd.DataFrame, pd.Series)):
            return [], None
        if axis in (0, "index"):
            lengths = [len(o) for o in seq]
            if sum(lengths) != len(res):
                return [("out", res, L.opaque(idx, "row count differs from the inputs"), None)], None
            part, pos = L.concat_arrays(lengths)
            return [("out", res, L.concat(idx, part, pos), None)], None
        if all(o.index.equals(res.index) for o in seq):
            return [("out", res, L.identity(*idx), None)], None
        return [("out", res, L.opaque(idx, "column-wise concat of differently indexed inputs"), None)], None
    return run_recorded(s, mode, caller, "concat", "concat", "pandas", seq, call, post, args={"axis": str(axis)})


def h_get_dummies(s, mode, caller, orig, args, kwargs):
    data = args[0] if args else kwargs.get("data")
    if not isinstance(data, (pd.DataFrame, pd.Series)):
        return orig(*args, **kwargs)

    def post(res, op):
        return [("out", res, L.identity(0), None)], None
    return run_recorded(s, mode, caller, "get_dummies", "reshape", "pandas", [data],
                        lambda: orig(*args, **kwargs), post, args=_args(kwargs, ("columns", "drop_first")))


def h_to_numpy(s, mode, caller, orig, df, args, kwargs, function="DataFrame.to_numpy"):
    def post(res, op):
        if not isinstance(res, np.ndarray) or res.ndim != df.ndim:
            return [], None
        names = [str(c) for c in df.columns] if df.ndim == 2 else [str(df.name if df.name is not None else 0)]
        return [("out", res, L.identity(0), names)], None
    return run_recorded(s, mode, caller, function, "reshape", "pandas", [df], lambda: orig(df, *args, **kwargs), post)


def _values_property(prop, owner="DataFrame"):
    fget = prop.fget

    def h(s, mode, caller, orig, df, args, kwargs):
        return h_to_numpy(s, mode, caller, orig, df, args, kwargs, function=f"{owner}.values")
    return property(_method(fget, h), prop.fset, prop.fdel, prop.__doc__)


# ---- groupby ----------------------------------------------------------------------------------------------
_GB_ROOT = {}  # id(groupby) -> (weakref(groupby), weakref(source frame))


def _gb_source(gb):
    e = _GB_ROOT.get(id(gb))
    if e is not None and e[0]() is gb:
        return e[1]()
    obj = getattr(gb, "obj", None)
    return obj if isinstance(obj, pd.DataFrame) else None


def _remember(child, parent):
    import weakref
    src = _gb_source(parent)
    if src is None:
        return
    try:
        _GB_ROOT[id(child)] = (weakref.ref(child), weakref.ref(src))
    except TypeError:
        pass


def _gotitem_wrapper(orig):
    @functools.wraps(orig)
    def w(self, *args, **kwargs):
        res = orig(self, *args, **kwargs)
        if state.ACTIVE is not None:
            _remember(res, self)
        return res
    w.__skewer_wrapped__ = orig
    return w


def _group_codes(gb):
    """Group number of every input row (-1: dropped NaN key). The grouper's codes are what ngroup() returns, but
    ngroup() consolidates the user's frame in place, which the recorder must never do."""
    grouper = getattr(gb, "_grouper", None) or getattr(gb, "grouper", None)
    try:
        return np.asarray(grouper.group_info[0])
    except Exception:
        return gb.ngroup().to_numpy()


def _group_op(name, kind, lineage_of, with_keys=False):
    """A recorded method of a groupby object: its input is the grouped frame, lineage_of(gb, src, res) its row
    lineage; with_keys records the group keys as the `by` argument."""
    def h(s, mode, caller, orig, gb, args, kwargs):
        src = _gb_source(gb)
        if src is None:
            return orig(gb, *args, **kwargs)

        def post(res, op):
            if not isinstance(res, (pd.DataFrame, pd.Series)):
                return [], None
            return [("out", res, lineage_of(gb, src, res), None)], None
        keys = getattr(gb, "keys", None) if with_keys else None
        return run_recorded(s, mode, caller, f"{type(gb).__name__}.{name}", kind, "pandas", [src],
                            lambda: orig(gb, *args, **kwargs), post,
                            args={"by": repr(keys)[:200]} if keys is not None else None)
    return h


def _per_group_lineage(gb, src, res):
    """Reductions: one output row per group, its members from the grouper's codes."""
    if len(res) == gb.ngroups:
        codes = _group_codes(gb)
        if len(codes) == len(src):
            arrays = L.group_arrays(codes, len(res))
            if arrays is not None:
                return L.groupby(0, *arrays)
    return L.opaque([0], "output rows are not one per group")


def _same_rows_lineage(gb, src, res):
    """transform/shift/cumsum...: one output row per input row, in the input's order."""
    if len(res) == len(src) and res.index.equals(src.index):
        return L.identity(0)
    return L.opaque([0], "result not aligned with the grouped frame's rows")


def _reducer(name):
    return _group_op(name, "groupby", _per_group_lineage, with_keys=True)


GROUP_MAPS = ("transform", "shift", "cumsum", "cumcount", "rank", "diff", "pct_change")


def _group_map(name):
    return _group_op(name, "map", _same_rows_lineage)


ORIG = {}
_CAPTURE = threading.local()


def _join_info_wrapper(orig):
    """Keep the row indexers pandas computes for the merge being recorded, so join lineage costs no second merge."""
    @functools.wraps(orig)
    def w(self, *args, **kwargs):
        res = orig(self, *args, **kwargs)
        slot = getattr(_CAPTURE, "slot", None)
        if slot is not None:
            slot.append((len(self.left), len(self.right), res[1], res[2]))
        return res
    w.__skewer_wrapped__ = orig
    return w


def _capturing(call):
    def run():
        _CAPTURE.slot = []
        try:
            return call()
        finally:
            _CAPTURE.last = _CAPTURE.slot
            _CAPTURE.slot = None
    return run


def _captured_join(n_left, n_right, n_out):
    """Join lineage from the indexers captured during the real merge, or None."""
    got = getattr(_CAPTURE, "last", None)
    _CAPTURE.last = None
    if not got:
        return None
    nl, nr, li, ri = got[-1]
    if nl != n_left or nr != n_right:
        return None
    arrays = []
    for ind, n in ((li, n_left), (ri, n_right)):
        if ind is None:
            if n != n_out:
                return None
            ind = np.arange(n, dtype=np.int64)
        ind = np.asarray(ind)
        if len(ind) != n_out:
            return None
        arrays.append(ind.astype(np.int64, copy=False))
    return L.join(0, 1, arrays[0], arrays[1])


def install(p):
    """Install every pandas patch with Patcher p."""
    from pandas.core import indexing
    from pandas.core.groupby import generic as gbg
    DF = pd.DataFrame
    from pandas.core.reshape import merge as merge_mod
    ORIG["merge"] = pd.merge
    mo = merge_mod._MergeOperation
    if "_get_join_info" in mo.__dict__:
        p.set_attr(mo, "_get_join_info", _join_info_wrapper(mo._get_join_info))
    ORIG["DataFrame.join"] = DF.join
    functions = {
        "read_csv": _function(pd.read_csv, _reader("read_csv", "filepath_or_buffer")),
        "read_parquet": _function(pd.read_parquet, _reader("read_parquet", "path")),
        "read_feather": _function(pd.read_feather, _reader("read_feather", "path")),
        "read_json": _function(pd.read_json, _reader("read_json", "path_or_buf")),
        "merge": _function(pd.merge, _merge_handler("merge", False)),
        "concat": _function(pd.concat, h_concat),
        "get_dummies": _function(pd.get_dummies, h_get_dummies),
    }
    for name, w in functions.items():
        p.set_attr(pd, name, w)
    methods = {
        "__getitem__": h_getitem,
        "__setitem__": h_setitem,
        "dropna": _row_op("DataFrame.dropna", "select", column_axis_kind="project"),
        "drop_duplicates": _row_op("DataFrame.drop_duplicates", "dedup"),
        "sort_values": _row_op("DataFrame.sort_values", "sort"),
        "sample": _row_op("DataFrame.sample", "sample", has_inplace=False, deterministic=_sample_deterministic),
        "drop": h_drop,
        "fillna": _map_op("DataFrame.fillna"),
        "assign": _map_op("DataFrame.assign", has_inplace=False),
        "merge": _merge_handler("DataFrame.merge", True),
        "join": h_join,
        "to_numpy": h_to_numpy,
        "to_parquet": _writer("DataFrame.to_parquet", "path"),
        "to_feather": _writer("DataFrame.to_feather", "path"),
        "to_json": _writer("DataFrame.to_json", "path_or_buf"),
    }
    # one-to-one methods: same rows in the same order
    for name, has_inplace in (("copy", False), ("astype", False), ("rename", True), ("reset_index", True),
                              ("set_index", True), ("replace", True), ("clip", True), ("round", False)):
        methods[name] = _map_op(f"DataFrame.{name}", has_inplace=has_inplace)
    # row subsets whose labels identify the kept rows
    methods["apply"] = _map_op("DataFrame.apply", has_inplace=False)  # row-wise results; others become opaque
    methods["query"] = _row_op("DataFrame.query", "select")
    methods["head"] = _row_op("DataFrame.head", "select", has_inplace=False)
    methods["tail"] = _row_op("DataFrame.tail", "select", has_inplace=False)
    methods["nlargest"] = _row_op("DataFrame.nlargest", "sort", has_inplace=False)
    methods["nsmallest"] = _row_op("DataFrame.nsmallest", "sort", has_inplace=False)
    for name, h in methods.items():
        p.set_attr(DF, name, _method(getattr(DF, name), h))
    S = pd.Series
    p.set_attr(S, "values", _values_property(S.__dict__["values"], "Series"))
    p.set_attr(S, "to_numpy", _method(S.to_numpy, lambda *a: h_to_numpy(*a, function="Series.to_numpy")))
    for name, has_inplace in (("astype", False), ("map", False), ("fillna", True), ("replace", True),
                              ("apply", False), ("clip", True), ("round", False), ("copy", False)):
        p.set_attr(S, name, _method(getattr(S, name), _map_op(f"Series.{name}", has_inplace=has_inplace)))
    p.set_attr(DF, "values", _values_property(DF.__dict__["values"]))
    li = indexing._LocationIndexer
    p.set_attr(li, "__getitem__", _method(li.__getitem__, h_loc_getitem))
    p.set_attr(li, "__setitem__", _method(li.__setitem__, h_loc_setitem))
    for cls in (gbg.DataFrameGroupBy, gbg.SeriesGroupBy):
        for name in GROUP_REDUCERS:
            fn = getattr(cls, name, None)
            if fn is None:
                continue
            p.set_attr(cls, name, _method(fn, _reducer(name)))
        for name in GROUP_MAPS:
            fn = getattr(cls, name, None)
            if fn is not None:
                p.set_attr(cls, name, _method(fn, _group_map(name)))
    p.set_attr(gbg.DataFrameGroupBy, "_gotitem", _gotitem_wrapper(gbg.DataFrameGroupBy._gotitem))
    return list(functions.values())


def uninstall():
    _GB_ROOT.clear()
