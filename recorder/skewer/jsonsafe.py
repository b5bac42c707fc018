"""Turn arbitrary Python / numpy / pandas values into JSON data for facets (params, learned attributes)."""
import hashlib
import json
import math
import re

import numpy as np

MAX_ITEMS = 64
HEAD = 16
MAX_DEPTH = 4
MAX_STR = 2000


def _num(x):
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    f = float(x)
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    return f


MAX_REPR = 300
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _repr(obj):
    # Default reprs carry the object's memory address ("<Tree object at 0x7f…>"): drop it, so recording the
    # same pipeline twice gives the same fitted parameters.
    r = _ADDRESS.sub("", repr(obj))
    if len(r) > MAX_REPR:
        r = r[:MAX_REPR] + "..."
    return {"repr": r, "type": f"{type(obj).__module__}.{type(obj).__qualname__}"}


def _truncated_array(arr: np.ndarray):
    flat = arr.ravel()
    if arr.dtype.kind in "biuf":
        digest = hashlib.sha256(np.ascontiguousarray(arr).tobytes()).hexdigest()
        head = [_num(v) for v in flat[:HEAD].tolist()]
    else:
        items = [to_json(v, MAX_DEPTH - 1) for v in flat.tolist()]
        digest = hashlib.sha256(json.dumps(items, sort_keys=True, default=str).encode()).hexdigest()
        head = items[:HEAD]
    return {"truncated": True, "length": int(flat.size), "shape": [int(s) for s in arr.shape],
            "dtype": str(arr.dtype), "head": head, "sha256": digest}


def to_json(obj, depth: int = MAX_DEPTH):
    """JSON-safe value; arrays longer than 64 items become a truncatedArray object."""
    if obj is None or isinstance(obj, str):
        return obj if obj is None or len(obj) <= MAX_STR else obj[:MAX_STR] + "..."
    if isinstance(obj, (bool, int, float, np.bool_, np.integer, np.floating)):
        return _num(obj)
    if depth <= 0:
        return _repr(obj)
    if isinstance(obj, np.ndarray):
        if obj.size > MAX_ITEMS:
            return _truncated_array(obj)
        if obj.dtype.kind in "biuf":
            return _nested(obj.tolist())
        return [to_json(v, depth - 1) for v in obj.tolist()]
    if isinstance(obj, (list, tuple)):
        if len(obj) > MAX_ITEMS:
            try:
                return _truncated_array(np.asarray(obj))
            except Exception:
                obj = list(obj)[:HEAD]
        return [to_json(v, depth - 1) for v in obj]
    if isinstance(obj, dict):
        out = {}
        for i, (k, v) in enumerate(obj.items()):
            if i >= MAX_ITEMS:
                out["..."] = f"{len(obj) - MAX_ITEMS} more keys"
                break
            out[str(k)] = to_json(v, depth - 1)
        return out
    if hasattr(obj, "dtype") and hasattr(obj, "to_numpy"):  # pandas Series / Index
        return to_json(obj.to_numpy(), depth)
    if isinstance(obj, np.generic):
        return to_json(obj.item(), depth)
    return _repr(obj)


def _nested(v):
    if isinstance(v, list):
        return [_nested(x) for x in v]
    return _num(v)
