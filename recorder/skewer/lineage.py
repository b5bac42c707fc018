"""Row-lineage descriptions and the vectorised numpy helpers that compute them.

A lineage is a dict {kind, inputs: [indices into the operator's inputs], arrays: {name: ndarray}, gap?, method?};
the session turns input indices into dataset names and writes the arrays as .npy files."""
import numpy as np
import pandas as pd

from .tables import evenly_spaced


def identity(*inputs):
    return {"kind": "identity", "inputs": list(inputs), "arrays": {}}


def select(inp, positions, method=None):
    d = {"kind": "select", "inputs": [inp], "arrays": {"positions": np.asarray(positions, dtype=np.int64)}}
    if method:
        d["method"] = method
    return d


def join(left_inp, right_inp, left, right):
    return {"kind": "join", "inputs": [left_inp, right_inp],
            "arrays": {"left": np.asarray(left, dtype=np.int64), "right": np.asarray(right, dtype=np.int64)}}


def concat(inputs, part, positions):
    return {"kind": "concat", "inputs": list(inputs),
            "arrays": {"part": np.asarray(part, dtype=np.int32), "positions": np.asarray(positions, dtype=np.int64)}}


def groupby(inp, offsets, members):
    return {"kind": "groupby", "inputs": [inp],
            "arrays": {"offsets": np.asarray(offsets, dtype=np.int64), "members": np.asarray(members, dtype=np.int64)}}


def opaque(inputs, gap):
    return {"kind": "opaque", "inputs": list(inputs), "arrays": {}, "gap": gap}


def positions_by_index(in_index: pd.Index, out_index: pd.Index):
    """Output row -> input row through index labels; None when labels cannot identify rows."""
    if not in_index.is_unique:
        return None
    pos = in_index.get_indexer(out_index)
    if len(pos) and pos.min() < 0:
        return None
    return pos.astype(np.int64, copy=False)


def concat_arrays(lengths):
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    part = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    positions = np.arange(total, dtype=np.int64) - np.repeat(starts, lengths)
    return part, positions


def group_arrays(codes, n_out):
    """CSR arrays from per-input-row group codes (-1 = row in no group)."""
    codes = np.asarray(codes)
    if codes.dtype.kind == "f":
        codes = np.where(np.isnan(codes), -1, codes)
    codes = codes.astype(np.int64, copy=False)
    if len(codes) and codes.max() >= n_out:
        return None
    # numpy's stable sort is a radix sort for 8- and 16-bit integers: 4-7x faster than for int64 on 1M rows
    narrow = np.int8 if n_out < 2**7 else np.int16 if n_out < 2**15 else None
    order = np.argsort(codes.astype(narrow) if narrow is not None else codes, kind="stable")
    dropped = int((codes < 0).sum())
    members = order[dropped:]
    counts = np.bincount(codes[codes >= 0], minlength=n_out)
    offsets = np.zeros(n_out + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets, members


def row_hashes(obj):
    """One uint64 per row, for content matching (samplers without sample_indices_). Numeric columns are hashed
    as float64 so a DataFrame and the float array a sampler returns for it hash alike."""
    if isinstance(obj, pd.Series):
        cols = [obj.to_numpy()]
    elif isinstance(obj, pd.DataFrame):
        cols = [obj.iloc[:, j].to_numpy() for j in range(obj.shape[1])]
    else:
        arr = np.asarray(obj)
        cols = [arr] if arr.ndim == 1 else [arr[:, j] for j in range(arr.shape[1])]
    h = np.zeros(len(cols[0]) if cols else 0, dtype=np.uint64)
    for c in cols:
        c = np.asarray(c)
        if c.dtype.kind in "biuf":
            ch = pd.util.hash_array(c.astype(np.float64))
        else:
            ch = pd.util.hash_array(c.astype(str).astype(object))
        h = h * np.uint64(1000003) ^ ch
    return h


def match_rows(in_hashes, out_hashes):
    """positions of each output row in the input by content (-1: no identical input row), and how many
    matched rows had several identical candidates."""
    order = np.argsort(in_hashes, kind="stable")
    sorted_h = in_hashes[order]
    idx = np.searchsorted(sorted_h, out_hashes)
    idx_c = np.minimum(idx, len(sorted_h) - 1) if len(sorted_h) else idx
    found = (idx < len(sorted_h)) & (sorted_h[idx_c] == out_hashes) if len(sorted_h) else np.zeros(len(out_hashes), bool)
    pos = np.full(len(out_hashes), -1, dtype=np.int64)
    pos[found] = order[idx_c[found]]
    ambiguous = 0
    if len(sorted_h):
        right = np.searchsorted(sorted_h, out_hashes, side="right")
        ambiguous = int(((right - idx) > 1)[found].sum())
    return pos, ambiguous


def _marks(rows, traced):
    """Boolean lookup over an input's rows, True at traced rows; one extra False slot so that position -1
    (no source row) looks up as untraced."""
    m = np.zeros(int(rows) + 1, dtype=bool)
    if traced is not None and len(traced):
        m[traced] = True
    return m


def _first_copies(source_ids, marks):
    """Ascending indices i at which source_ids[i] (a row marked in marks) occurs for the first time.

    Source rows are ranked densely so the stable sort is a radix sort over 16-bit keys, and only the prefix that
    holds every first occurrence is sorted: a fan-out (a million merged rows from a five-row lookup table) meets
    all its sources early, so it costs two counting passes, not a sort of a million rows."""
    if not len(source_ids):
        return np.zeros(0, dtype=np.int64)
    rank = np.cumsum(marks, dtype=np.int64)
    k = int(rank[-1])
    dense = rank[source_ids] - 1
    present = np.count_nonzero(np.bincount(dense, minlength=k))
    m = min(len(dense), max(4 * present, 1024))
    while m < len(dense) and np.count_nonzero(np.bincount(dense[:m], minlength=k)) < present:
        m = min(len(dense), 8 * m)
    head = dense[:m].astype(np.int16) if k <= np.iinfo(np.int16).max else dense[:m]
    order = np.argsort(head, kind="stable")
    ordered = head[order]
    return np.sort(order[np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))])


def traced_rows(kind, arrays, rows_in, rows_out, traced_in):
    """Output rows that descend from traced input rows: (rows, tier), rows a sorted unique int64 array and tier
    the rank cap_traced keeps them by: the first (lowest) output row of a traced row of input i has tier i, further
    copies come after every first row. A trace shows a record's values at its first row, so a fan-out (a lookup
    table merged onto many rows) must not crowd out other records; and the first input (a merge's left side, the
    main table by convention) goes before the second.

    traced_in holds, per lineage input, the sorted traced row positions of that input (None: nothing traced).
    Every kind is a few boolean gathers over the lineage arrays, never a per-row Python loop."""
    if kind == "identity":
        parts = [t for t in traced_in if t is not None and len(t)]
        t = np.unique(np.concatenate(parts)) if len(parts) > 1 else (parts[0] if parts else np.zeros(0, np.int64))
        t = t[t < rows_out]
        return t, np.zeros(len(t), dtype=np.int64)
    if kind == "groupby":
        offsets, members = arrays["offsets"], arrays["members"]
        hit = _marks(rows_in[0], traced_in[0])[members]
        group_of_member = np.repeat(np.arange(rows_out, dtype=np.int64), np.diff(offsets))
        rows = np.unique(group_of_member[hit])
        return rows, np.zeros(len(rows), dtype=np.int64)  # each member is in one group only
    if kind in ("select", "concat"):
        if kind == "select":
            src, marks, part, n = arrays["positions"], _marks(rows_in[0], traced_in[0]), None, 1
        else:
            # every input's lookup end to end: input i starts at the sum of the earlier lengths (+1 each)
            looks = [_marks(r, t) for r, t in zip(rows_in, traced_in)]
            starts = np.concatenate([[0], np.cumsum([len(m) for m in looks])[:-1]]).astype(np.int64)
            part, n = arrays["part"], len(looks)
            src, marks = starts[part] + arrays["positions"], np.concatenate(looks)
        rows = np.flatnonzero(marks[src])
        side = part[rows].astype(np.int64) if part is not None else np.zeros(len(rows), dtype=np.int64)
        tier = n + side
        first = _first_copies(src[rows], marks)
        tier[first] = side[first]
        return rows, tier
    if kind == "join":
        hits, firsts = [], []
        for i, side in enumerate(("left", "right")):
            src, marks = arrays[side], _marks(rows_in[i], traced_in[i])
            hit = marks[src]
            rows = np.flatnonzero(hit)
            hits.append(hit)
            firsts.append(rows[_first_copies(src[rows], marks)])
        tier = np.full(rows_out, 3, dtype=np.int8)  # further copies of right rows
        tier[hits[0]] = 2                            # further copies of left rows
        tier[firsts[1]] = 1
        tier[firsts[0]] = 0
        rows = np.flatnonzero(hits[0] | hits[1])
        return rows, tier[rows]
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)


def cap_traced(rows, tier, cap):
    """At most cap of the traced rows: whole tiers from the lowest, the tier that does not fit thinned evenly."""
    if len(rows) <= cap:
        return rows
    cum = np.cumsum(np.bincount(tier))
    b = int(np.searchsorted(cum, cap, side="right"))  # first tier that does not fit whole
    keep = rows[tier < b]
    rest = rows[tier == b]
    need = cap - len(keep)
    return np.union1d(keep, rest[evenly_spaced(len(rest), need)]) if need > 0 else keep
