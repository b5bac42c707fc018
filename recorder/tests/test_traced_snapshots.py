"""Sample-mode snapshots keep the rows that descend from the rows a source's snapshot kept, so a record picked in
the first snapshot has values in every later snapshot it reaches. Each row carries a unique `tid`: the snapshot
of every output must hold (with the output's own values) every row whose tid came from the source snapshot."""
import os

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

CAP = 40


def source_csv(tmp_path, n=3000, seed=0):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"tid": np.arange(n) + 100_000, "key": rng.integers(0, 50, n), "x": rng.normal(size=n),
                       "cat": rng.choice(["a", "b", "c", "d"], n)})
    path = tmp_path / f"src{seed}.csv"
    df.to_csv(path, index=False)
    return path


def positions(run, out):
    snap = out.snapshot
    if not snap["sampled"]:
        return np.arange(snap["rows"])
    pos = np.load(os.path.join(run.dir, snap["positions"]))
    assert pos.dtype == np.int64 and np.all(np.diff(pos) > 0), "positions must be strictly increasing"
    return pos


def check_values(run, out, frame):
    """The snapshot holds the output's own values at its positions; returns the positions."""
    pos = positions(run, out)
    snap = out.snapshot_frame()
    assert len(snap) == len(pos) == out.snapshot["rows"]
    for col in ("tid", "key", "cat"):
        if col in frame.columns:
            np.testing.assert_array_equal(snap[col].to_numpy(), frame[col].to_numpy()[pos], err_msg=col)
    if "x" in frame.columns:  # pandas' default CSV float parser may be one ulp off the written repr
        np.testing.assert_allclose(snap["x"].to_numpy(), frame["x"].to_numpy()[pos], rtol=1e-13)
    return pos


def check_carries(run, out, frame, traced_tids, cap=CAP, exact=True):
    """Every output row descending from a traced tid is in the snapshot (while the traced count fits the cap)."""
    pos = check_values(run, out, frame)
    want = np.flatnonzero(np.isin(frame["tid"].to_numpy(), traced_tids))
    assert 0 < len(want) <= cap, (out.name, len(want))
    assert out.snapshot["traced"] == len(want) if exact else out.snapshot["traced"] >= len(want)
    missing = np.setdiff1d(want, pos)
    assert len(missing) == 0, f"{out.name}: traced rows {missing[:5]} not in the snapshot"
    assert len(pos) <= 2 * cap


def test_records_of_the_source_snapshot_reach_every_later_snapshot(record, tmp_path):
    path, other = source_csv(tmp_path), source_csv(tmp_path, n=500, seed=1)
    box = {}

    def go():
        df = pd.read_csv(path)
        box["filtered"] = f = df[df["x"] > -0.5]
        box["sorted"] = s = f.sort_values("x")
        small = pd.read_csv(other)[["key", "x"]].drop_duplicates("key").rename(columns={"x": "kx"})
        box["merged"] = m = s.merge(small, on="key", how="left")
        box["concat"] = c = pd.concat([m[m["cat"] == "a"], m[m["cat"] == "b"]], ignore_index=True)
        box["X_train"], box["X_test"] = train_test_split(c, test_size=0.3, random_state=0)
        box["groups"] = box["X_train"].groupby("key").agg(n=("tid", "count"), x=("x", "sum"))
    run = record(go, snapshots="sample", row_cap=CAP)
    read = run.ops[0]
    assert read.function == "read_csv" and read.out().snapshot["traced"] == CAP
    src_pos = check_values(run, read.out(), pd.read_csv(path))
    np.testing.assert_array_equal(src_pos, (np.arange(CAP) * 3000) // CAP)  # a source keeps its even sample
    traced = pd.read_csv(path)["tid"].to_numpy()[src_pos]

    outs = {"filtered": run.find("DataFrame.__getitem__", 0).out(), "sorted": run.find("DataFrame.sort_values").out(),
            "merged": run.find("DataFrame.merge").out(), "concat": run.find("concat").out()}
    split = run.find("train_test_split")
    outs["X_train"], outs["X_test"] = split.outputs["train"], split.outputs["test"]  # one array: train, test
    for key, out in outs.items():
        assert out.rows == len(box[key]), key
        # after the merge the right side's own traced rows (from the second source) are traced too
        check_carries(run, out, box[key], traced, exact=key in ("filtered", "sorted"))
    assert outs["merged"].lineage["kind"] == "join"
    # the 50-row lookup table's traced rows each reach ~40 merged rows: their first rows are kept, and the fan-out
    # must not crowd out the main source's records (checked above); the cap holds
    assert outs["merged"].snapshot["traced"] == CAP

    # groupby: every group holding a traced member of its input is in the snapshot, with that group's values
    g = [op for op in run.ops if op.kind == "groupby"][-1].out()
    pos = positions(run, g)
    snap = g.snapshot_frame()
    res = box["groups"]
    np.testing.assert_array_equal(snap["key"].to_numpy(), res.index.to_numpy()[pos])
    np.testing.assert_allclose(snap["x"].to_numpy(), res["x"].to_numpy()[pos])
    want = np.unique(box["X_train"]["key"].to_numpy()[np.isin(box["X_train"]["tid"].to_numpy(), traced)])
    assert len(want) and np.isin(want, snap["key"].to_numpy()).all()
    assert len(want) <= g.snapshot["traced"] <= CAP  # plus groups of rows traced from the second source


def test_traced_rows_are_capped_first_copies_first_and_the_cap_is_reported(record, tmp_path):
    path = source_csv(tmp_path)
    keys = np.arange(50)
    fan = pd.DataFrame({"key": np.repeat(keys, keys % 3 + 1),  # 1, 2 or 3 copies of each record
                        "copy": np.concatenate([np.arange(k % 3 + 1) for k in keys])})
    box = {}

    def go():
        df = pd.read_csv(path)
        box["many"] = df.merge(fan, on="key", how="left")  # copies of a record are adjacent
        box["some"] = pd.concat([df[df["key"] < 10], df[df["key"] >= 10]], ignore_index=True)
    run = record(go, snapshots="sample", row_cap=CAP)
    out = run.find("DataFrame.merge").out()
    n = len(box["many"])
    assert out.snapshot["totalRows"] == n and out.snapshot["traced"] == CAP
    pos = check_values(run, out, box["many"])
    even = (np.arange(CAP) * n) // CAP
    assert np.isin(even, pos).all() and CAP < len(pos) <= 2 * CAP
    # ~80 traced copies capped to 40: the first copy of each source-snapshot record, not an even thinning
    traced = pd.read_csv(path)["tid"].to_numpy()[(np.arange(CAP) * 3000) // CAP]
    many = box["many"]
    first_copies = np.flatnonzero(np.isin(many["tid"].to_numpy(), traced) & (many["copy"] == 0).to_numpy())
    assert len(first_copies) == CAP and np.isin(first_copies, pos).all()
    # a reordering concat keeps all of them, still within 2 * cap rows
    check_carries(run, run.find("concat").out(), box["some"], traced)


def test_a_merges_left_records_are_kept_before_the_right_sides(record, tmp_path):
    """customers.merge(usage.groupby(id).agg(...)): both sides bring CAP traced records, one to one; the cap keeps
    every left (main table) record and fills up with right-side ones."""
    path = source_csv(tmp_path)
    rng = np.random.default_rng(7)
    usage = pd.DataFrame({"tid": rng.permutation(np.repeat(np.arange(3000) + 100_000, 2)), "u": rng.random(6000)})
    upath = tmp_path / "usage.csv"
    usage.to_csv(upath, index=False)
    box = {}

    def go():
        per = pd.read_csv(upath).groupby("tid").agg(u=("u", "mean"))
        d = pd.read_csv(path)
        box["m"] = d[d["key"] >= 10].merge(per, on="tid", how="left")  # filtered: its even sample is other rows
    run = record(go, snapshots="sample", row_cap=CAP)
    g = run.find("DataFrameGroupBy.agg").out()
    assert g.snapshot["traced"] == CAP  # the usage sample: 40 rows of 40 different customers
    traced = pd.read_csv(path)["tid"].to_numpy()[(np.arange(CAP) * 3000) // CAP]
    check_carries(run, run.find("DataFrame.merge").out(), box["m"], traced, exact=False)
    assert run.find("DataFrame.merge").out().snapshot["traced"] == CAP
    assert run.find("DataFrame.merge").out().lineage["kind"] == "join", run.find("DataFrame.merge").out().lineage


def test_small_outputs_keep_every_row_and_a_filter_to_nothing_traces_nothing(record, tmp_path):
    path = source_csv(tmp_path, n=30)
    box = {}

    def go():
        df = pd.read_csv(path)
        box["none"] = df[df["x"] > 100]
        box["some"] = df[df["x"] > 0]
    run = record(go, snapshots="sample", row_cap=CAP)
    read, none, some = run.ops
    assert read.out().snapshot["traced"] == 30 and read.out().snapshot["sampled"] is False
    assert none.out().snapshot["traced"] == 0 and none.out().snapshot["rows"] == 0
    assert some.out().snapshot["traced"] == len(box["some"]) and some.out().snapshot["sampled"] is False


def test_other_snapshot_modes_say_nothing_about_tracing(record, tmp_path):
    path = source_csv(tmp_path, n=100)
    for mode in ("all", "off"):
        run = record(lambda: pd.read_csv(path).dropna(), snapshots=mode, row_cap=10)
        for op in run.ops:
            snap = op.out().snapshot
            assert snap is None if mode == "off" else "traced" not in snap


def test_first_copies_and_tiers_match_a_plain_loop():
    from skewer import lineage as L
    rng = np.random.default_rng(3)
    for n_in, n_out, k in [(50, 4000, 5), (3000, 2000, 40), (10, 3, 10), (40_000, 5000, 33_000)]:
        traced = np.sort(rng.choice(n_in, k, replace=False))
        left = rng.integers(-1, n_in, n_out)
        left[-1] = traced[-1]  # a source met only at the very end
        right = rng.integers(-1, 7, n_out)
        rows, tier = L.traced_rows("join", {"left": left, "right": right}, [n_in, 7], n_out, [traced, np.array([2])])
        seen, want, tset = set(), {}, set(traced.tolist())
        first_right = int(np.flatnonzero(right == 2)[0]) if (right == 2).any() else -1
        for i in range(n_out):
            t = []
            if left[i] in tset:
                t.append(0 if left[i] not in seen else 2)
                seen.add(int(left[i]))
            if right[i] == 2:
                t.append(1 if i == first_right else 3)
            if t:
                want[i] = min(t)
        assert rows.tolist() == sorted(want) and tier.tolist() == [want[i] for i in sorted(want)]
        kept = L.cap_traced(rows, tier, 30)
        assert len(kept) == min(30, len(rows)) and np.all(np.diff(kept) > 0)
        assert np.isin(rows[tier < np.sort(tier)[len(kept) - 1]], kept).all()  # whole lower tiers first


def test_traced_rows_of_dead_outputs_are_forgotten(record, tmp_path):
    import gc

    from skewer import state
    path = source_csv(tmp_path, n=500)
    sizes = {}

    def go():
        df = pd.read_csv(path)
        for i in range(30):
            part = df[df["key"] == i]  # each iteration's output dies at the next
            part.sort_values("x")
        gc.collect()
        sizes["live"] = len(state.ACTIVE._traced)
    record(go, snapshots="sample", row_cap=CAP)
    assert sizes["live"] <= 3, sizes  # df, the last part and its sort, not all 61 outputs
