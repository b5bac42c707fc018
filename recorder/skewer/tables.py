"""Uniform view of the things operators output (DataFrame, Series, ndarray, sparse matrix, list):
row count, column names and dtypes, and cheap row sampling for stats and snapshots."""
import numpy as np
import pandas as pd

from .compat import PANDAS_VERSION
from .dtypes import logical_type

try:  # scipy is a scikit-learn dependency, but keep it optional here
    import scipy.sparse as _sp
except Exception:  # pragma: no cover
    _sp = None

MAX_SNAPSHOT_COLUMNS = 2000


def _name(c) -> str:
    if isinstance(c, tuple):
        return "_".join(str(x) for x in c if str(x) != "")
    return str(c)


def evenly_spaced(n: int, cap: int) -> np.ndarray:
    """cap evenly spaced positions in [0, n): floor(k * n / cap)."""
    return (np.arange(cap, dtype=np.int64) * n) // cap


def _default_index(idx, n) -> bool:
    return isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1 and len(idx) == n


class TableView:
    def __init__(self, obj, port: str, feature_names=None):
        self.obj = obj
        self.kind = None
        if isinstance(obj, pd.DataFrame):
            self.kind = "frame"
            self.n_rows = len(obj)
            self.names = [_name(c) for c in obj.columns]
            self.dtypes = [logical_type(t, obj.iloc[:, j] if t == object else None) for j, t in enumerate(obj.dtypes)]
            self.has_index = not _default_index(obj.index, self.n_rows)
        elif isinstance(obj, pd.Series):
            self.kind = "series"
            self.n_rows = len(obj)
            self.names = [_name(obj.name) if obj.name is not None else "0"]
            self.dtypes = [logical_type(obj.dtype, obj)]
            self.has_index = not _default_index(obj.index, self.n_rows)
        elif _sp is not None and _sp.issparse(obj):
            self.kind = "sparse"
            self.n_rows, width = obj.shape
            self.names = _columns(feature_names, width)
            self.dtypes = [logical_type(obj.dtype)] * width
            self.has_index = False
        else:
            arr = obj if isinstance(obj, np.ndarray) else None
            if arr is None and isinstance(obj, (list, tuple)):
                try:
                    arr = np.asarray(obj)
                except Exception:
                    arr = None
            if arr is None or arr.ndim == 0 or arr.ndim > 2:
                raise TypeError(f"not tabular: {type(obj).__name__}")
            self.kind = "array"
            self.arr = arr
            self.n_rows = arr.shape[0]
            if arr.ndim == 1:
                self.names = [str(feature_names[0])] if feature_names is not None and len(feature_names) == 1 else [port]
            else:
                self.names = _columns(feature_names, arr.shape[1])
            if arr.dtype == object:
                cols = [arr] if arr.ndim == 1 else [arr[:, j] for j in range(len(self.names))]
                self.dtypes = [logical_type(arr.dtype, c) for c in cols]
            else:
                self.dtypes = [logical_type(arr.dtype)] * len(self.names)
            self.has_index = False

    def schema_fields(self):
        return [{"name": n, "type": t} for n, t in zip(self.names, self.dtypes)]

    def take(self, positions=None, max_columns=None, with_index=False) -> pd.DataFrame:
        """Rows at `positions` (all when None) as a DataFrame with string column names."""
        ncols = len(self.names) if max_columns is None else min(max_columns, len(self.names))
        if self.kind == "frame":
            # column by column: DataFrame.take/iloc[rows] would consolidate the user's frame in place,
            # which can change whether their later `.values` is a view or a copy
            df = self.obj
            data = {}
            for j in range(ncols):
                col = df.iloc[:, j]
                vals = col.to_numpy() if isinstance(col.dtype, np.dtype) else col.array
                data[j] = vals if positions is None else vals[positions]
            index = df.index if positions is None else df.index[positions]
            out = pd.DataFrame(data, index=index, copy=False)
            names = self.names[:ncols]
            out = out.set_axis(names, axis=1, copy=False) if _SET_AXIS_COPY else out.set_axis(names, axis=1)
            if with_index and self.has_index:
                out = _with_index(out)
            elif not (isinstance(out.index, pd.RangeIndex) and out.index.start == 0 and out.index.step == 1):
                out.index = pd.RangeIndex(len(out))
            return out
        if self.kind == "series":
            s = self.obj if positions is None else self.obj.iloc[positions]
            df = s.to_frame(self.names[0])
            return _with_index(df) if with_index and self.has_index else df.reset_index(drop=True)
        if self.kind == "sparse":
            m = self.obj if positions is None else self.obj[positions]
            m = m[:, :ncols]
            return pd.DataFrame(m.toarray(), columns=self.names[:ncols])
        arr = self.arr if positions is None else self.arr[positions]
        if arr.ndim == 1:
            return pd.DataFrame({self.names[0]: arr})
        return pd.DataFrame(arr[:, :ncols], columns=self.names[:ncols])


# set_axis(copy=False) avoids a copy on pandas 1.5-2.x; pandas < 1.5 lacks the keyword and pandas 3 (Copy-on-Write
# only, set_axis never copies) deprecates it with a warning the user would see
_SET_AXIS_COPY = (1, 5) <= PANDAS_VERSION < (3,)


def _with_index(df: pd.DataFrame) -> pd.DataFrame:
    idx = df.index
    taken = set(str(c) for c in df.columns)
    names = []
    for i, level in enumerate(idx.names):
        fallback = "__index__" if idx.nlevels == 1 else f"__index_{i}__"
        n = str(level) if level is not None and str(level) not in taken else fallback
        taken.add(n)
        names.append(n)
    cols = {n: idx.get_level_values(i).to_numpy() for i, n in enumerate(names)}
    front = pd.DataFrame(cols, index=idx)
    out = pd.concat([front, df], axis=1) if df.shape[1] else front
    out.index = pd.RangeIndex(len(out))
    return out


def _columns(feature_names, width):
    if feature_names is not None and len(feature_names) == width:
        return [_name(c) for c in feature_names]
    return [str(i) for i in range(width)]
