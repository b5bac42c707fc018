"""The logical column type written to the `schema` facet (`type`) and to `skewer_stats` (`dtype`).

pandas names one kind of column differently across versions and backends: text is `object` on pandas 1.x/2.x,
`str` on pandas 3 (python- or pyarrow-backed), `string`, `string[pyarrow]` or `large_string[pyarrow]` when asked
for; pandas 3 parses datetimes to `datetime64[us]` where pandas 2 used `ns`; arrow-backed numbers are
`int64[pyarrow]`. A run recorded on one version must compare equal to the same pipeline recorded on another
(Compare Runs flags a changed type as a mismatch), so the facets carry one name per meaning, whatever backs it:

  text (string dtypes, arrow strings, object columns whose non-null values are all str)  -> "string"
  numpy bool / int / uint / float                                                         -> as numpy names them
  nullable integers, floats, booleans (masked or arrow-backed)                            -> "Int64", "Float64", "boolean", ...
  datetimes of any resolution                                                             -> "datetime64[ns]" or "datetime64[ns, <tz>]"
  timedeltas of any resolution                                                            -> "timedelta64[ns]"
  categoricals                                                                            -> "category"
  anything else                                                                           -> pandas' own name (str(dtype))
"""
import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

try:
    _ArrowDtype = pd.ArrowDtype  # pandas >= 1.5 (needs pyarrow to be constructed)
except AttributeError:  # pragma: no cover
    _ArrowDtype = None


def logical_type(dtype, column=None) -> str:
    """Logical type of a column of `dtype`; `column` (its values) decides whether an object column is text."""
    if isinstance(dtype, np.dtype):
        kind = dtype.kind
        if kind == "O":
            if column is not None and len(column) and _all_str(column):
                return "string"
            return "object"
        if kind in "SU":
            return "string"
        if kind == "M":
            return "datetime64[ns]"
        if kind == "m":
            return "timedelta64[ns]"
        return str(dtype)
    if isinstance(dtype, pd.StringDtype):
        return "string"
    if isinstance(dtype, pd.CategoricalDtype):
        return "category"
    if isinstance(dtype, pd.DatetimeTZDtype):
        return f"datetime64[ns, {dtype.tz}]"
    if _ArrowDtype is not None and isinstance(dtype, _ArrowDtype):
        return _arrow_type(dtype)
    return str(dtype)


def _all_str(column) -> bool:
    try:
        return infer_dtype(column, skipna=True) == "string"
    except Exception:
        return False


def _arrow_type(dtype) -> str:
    import pyarrow.types as pat
    t = dtype.pyarrow_dtype
    if pat.is_string(t) or pat.is_large_string(t) or getattr(pat, "is_string_view", lambda _: False)(t):
        return "string"
    if pat.is_boolean(t):
        return "boolean"
    if pat.is_integer(t):
        return f"{'Int' if pat.is_signed_integer(t) else 'UInt'}{t.bit_width}"
    if pat.is_floating(t) and t.bit_width in (32, 64):
        return f"Float{t.bit_width}"
    if pat.is_timestamp(t):
        return f"datetime64[ns, {t.tz}]" if t.tz else "datetime64[ns]"
    if pat.is_duration(t):
        return "timedelta64[ns]"
    if pat.is_dictionary(t):
        return "category"
    return str(dtype)
