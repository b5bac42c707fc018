"""Column statistics for the skewer_stats facet, computed on at most `cap` evenly spaced rows."""
import math

import numpy as np
import pandas as pd

from .dtypes import logical_type
from .tables import TableView, evenly_spaced

MAX_STATS_COLUMNS = 200
BINS = 20
TOP = 20
# Kept so that train and serve can be re-binned onto shared edges before any distance (run-log.md §5):
# exact counts per value for numeric columns with at most VALUES_MAX distinct values (integers, codes, flags),
# else QUANTILES + 1 evenly spaced quantiles, a CDF accurate to 1/QUANTILES of the mass at any edge.
VALUES_MAX = 100
QUANTILES = 100


def _f(x):
    """Statistics are summaries: 10 significant digits keep them exact enough and the log compact."""
    x = float(x)
    return float(f"{x:.10g}") if math.isfinite(x) else None


def column_stats(s: pd.Series, logical: str = None) -> dict:
    """Stats of one column; `logical` is its type as the schema facet names it (dtypes.logical_type)."""
    dtype = s.dtype
    out = {"dtype": logical or logical_type(dtype, s)}
    kind = getattr(dtype, "kind", "O")
    if isinstance(dtype, pd.CategoricalDtype):
        out["nulls"] = int(s.isna().sum())
        cats = dtype.categories
        out["categories"] = [str(c) for c in cats[:1000]]
        _top(s, out)
        return out
    if kind == "b" or str(dtype) in ("boolean", "bool[pyarrow]"):
        vals = s.dropna()
        out["nulls"] = int(len(s) - len(vals))
        if len(vals):
            v = vals.to_numpy(dtype="float64")
            out["min"], out["max"], out["mean"] = _f(v.min()), _f(v.max()), _f(v.mean())
            out["distinct"] = int(len(np.unique(v)))
        _top(s, out)
        return out
    if kind in "iuf":
        v = s.to_numpy(dtype="float64", na_value=np.nan) if not isinstance(s.dtype, np.dtype) else s.to_numpy()
        v = v.astype("float64", copy=False)
        isnan = np.isnan(v)
        out["nulls"] = int(isnan.sum())
        finite = v[np.isfinite(v)]
        if finite.size:
            # One sort gives min, max, the distinct count, exact counts by value and the quantiles: cheaper
            # than a hash table for distinct plus a sort each for values and quantiles.
            srt = np.sort(finite)
            flo, fhi = float(srt[0]), float(srt[-1])
            lo, hi = _f(flo), _f(fhi)
            starts = np.flatnonzero(np.concatenate(([True], srt[1:] != srt[:-1])))
            out["distinct"] = int(starts.size)
            out["min"], out["max"] = lo, hi
            m = _f(finite.mean())
            if m is not None:
                out["mean"] = m
            if finite.size > 1:
                sd = _f(finite.std(ddof=1))
                if sd is not None:
                    out["std"] = sd
            out["zeros"] = int((finite == 0).sum())
            _distribution(srt, starts, out)
            if not np.isfinite(fhi - flo):
                pass  # range overflows float64: no histogram
            elif flo == fhi:
                out["hist"] = {"edges": [lo, hi], "counts": [int(finite.size)]}
            else:
                # equal-width bins by arithmetic + bincount: several times cheaper than np.histogram
                width = (fhi - flo) / BINS
                idx = ((finite - flo) / width).astype(np.int64)
                np.clip(idx, 0, BINS - 1, out=idx)
                counts = np.bincount(idx, minlength=BINS)
                edges = [_f(flo + i * width) for i in range(BINS)] + [hi]
                out["hist"] = {"edges": edges, "counts": [int(c) for c in counts]}
        return out
    if kind == "M":
        out["nulls"] = int(s.isna().sum())
        vals = s.dropna()
        if len(vals):
            out["min"], out["max"] = vals.min().isoformat(), vals.max().isoformat()
            out["distinct"] = int(vals.nunique())
        return out
    # object, string and anything else: frequency table
    out["nulls"] = int(s.isna().sum())
    _top(s, out)
    return out


def _distribution(srt: np.ndarray, starts: np.ndarray, out: dict):
    """`values` (exact counts by value) for low-cardinality columns, else a `quantiles` sketch.

    `srt` is the sorted finite values and `starts` the index where each distinct value begins.
    """
    if starts.size <= VALUES_MAX:
        counts = np.diff(np.concatenate((starts, [srt.size])))
        merged = {}
        for v, c in zip(srt[starts].tolist(), counts.tolist()):
            k = _f(v)  # 10 significant digits can merge neighbours: add their counts
            merged[k] = merged.get(k, 0) + int(c)
        out["values"] = {"values": list(merged), "counts": list(merged.values())}
    else:
        # numpy's linear-method quantiles on the sorted values: np.quantile with 101 points costs ~5x more
        pos = np.linspace(0.0, srt.size - 1, QUANTILES + 1)
        lo = np.floor(pos).astype(np.int64)
        hi = np.minimum(lo + 1, srt.size - 1)
        with np.errstate(over="ignore", invalid="ignore"):
            qs = [_f(q) for q in srt[lo] + (srt[hi] - srt[lo]) * (pos - lo)]
        if None not in qs:  # a range that overflows float64 interpolates to inf: no sketch, as no histogram
            out["quantiles"] = qs


def _top(s: pd.Series, out: dict):
    try:
        vc = s.value_counts(dropna=True, sort=True)
    except TypeError:  # unhashable cells (lists, dicts)
        vc = s.dropna().map(repr).value_counts(sort=True)
    out["distinct"] = int(len(vc))
    head = vc.iloc[:TOP]
    out["top"] = [{"value": str(k), "count": int(c)} for k, c in zip(head.index.tolist(), head.to_numpy().tolist())]


def _columns(view: TableView, positions):
    """(name, sampled Series) per column without materialising a sampled copy of the whole table."""
    ncols = min(len(view.names), MAX_STATS_COLUMNS)
    if view.kind == "frame":
        df = view.obj
        for j in range(ncols):
            col = df.iloc[:, j]
            if positions is not None:
                vals = col.array if not isinstance(col.dtype, np.dtype) else col.to_numpy()
                col = pd.Series(vals[positions], copy=False)
            yield view.names[j], col
        return
    frame = view.take(positions, max_columns=MAX_STATS_COLUMNS)
    for j in range(frame.shape[1]):
        yield view.names[j], frame.iloc[:, j]


def table_stats(view: TableView, cap: int) -> dict:
    n = view.n_rows
    positions = evenly_spaced(n, cap) if n > cap else None
    cols = {}
    for j, (name, col) in enumerate(_columns(view, positions)):
        if name in cols:
            continue  # duplicate column labels: first one wins
        try:
            cols[name] = column_stats(col, view.dtypes[j])
        except Exception as e:  # never let an odd column break recording
            cols[name] = {"dtype": view.dtypes[j], "nulls": 0, "error": f"{type(e).__name__}: {e}"}
    out = {"rowCount": int(n), "columnCount": len(view.names), "columns": cols}
    if positions is not None:
        out["sampledRows"] = int(len(positions))
    if len(view.names) > MAX_STATS_COLUMNS:
        out["truncatedColumns"] = len(view.names) - MAX_STATS_COLUMNS
    return out
