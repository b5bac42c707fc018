"""Row lineage of every patched pandas operator, checked against a tracer column: each input row carries a
unique `tid`, so the recorded positions must point at the rows whose tids the output holds."""
import numpy as np
import pandas as pd
import pytest


def frame(n=200, seed=0, shuffled_index=True):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "tid": np.arange(n) + 1000,
        "key": rng.integers(0, 7, n),
        "x": rng.normal(size=n),
        "cat": rng.choice(["a", "b", "c"], n),
    })
    df.loc[rng.random(n) < 0.1, "x"] = np.nan
    if shuffled_index:
        df.index = rng.permutation(n) * 3 + 5  # unique labels that are not positions
    return df


def check_select(out_frame, in_frame, positions):
    assert len(positions) == len(out_frame)
    np.testing.assert_array_equal(out_frame["tid"].to_numpy(), in_frame["tid"].to_numpy()[positions])


def one_op(run, function):
    ops = [o for o in run.ops if o.function == function]
    assert len(ops) == 1, run.functions()
    return ops[0]


def test_boolean_filter_series_and_array(record):
    df = frame()
    box = {}

    def go():
        box["a"] = df[df["x"] > 0]
        box["b"] = df[(df["key"] == 3).to_numpy()]
    run = record(go)
    a, b = [o for o in run.ops if o.function == "DataFrame.__getitem__"]
    assert a.kind == "select" and a.out().lineage["kind"] == "select"
    check_select(box["a"], df, a.out().array("positions"))
    check_select(box["b"], df, b.out().array("positions"))
    assert a.out().rows == len(box["a"]) and a.out().lineage["rowsIn"] == [len(df)]
    # text is "string" on every pandas: object on 1.x/2.x, str on 3.x
    assert a.out().schema == [("tid", "int64"), ("key", "int64"), ("x", "float64"), ("cat", "string")]


def test_projection_is_identity_and_single_column_is_deferred_until_used(record):
    df = frame()
    box = {}

    def go():
        box["p"] = df[["tid", "x"]]
        unused = df["x"]  # noqa: F841  (never consumed: no event)
        y = df["key"]
        box["s"] = pd.concat([y, y])
    run = record(go)
    fns = run.functions()
    assert fns.count("DataFrame.__getitem__") == 2, fns  # the projection and the consumed Series
    proj = run.ops[0]
    assert proj.kind == "project" and proj.out().lineage["kind"] == "identity"
    deferred = run.ops[1]
    assert deferred.op.get("deferred") is True and deferred.loc["code"].startswith('y = df["key"]')
    concat = run.find("concat")
    assert concat.inputs == [deferred.out().name, deferred.out().name]


def test_loc_iloc_selections(record):
    df = frame()
    box = {}
    labels = list(df.index[[5, 2, 9]])

    def go():
        box["loc_mask"] = df.loc[df["cat"] == "a", ["tid", "x"]]
        box["loc_labels"] = df.loc[labels]
        box["iloc_slice"] = df.iloc[10:50:3]
        box["iloc_list"] = df.iloc[[7, 3, -1]]
        box["cols"] = df.loc[:, ["tid"]]
    run = record(go)
    ops = [o for o in run.ops if o.function in ("DataFrame.loc", "DataFrame.iloc")]
    assert [o.function for o in ops] == ["DataFrame.loc"] * 2 + ["DataFrame.iloc"] * 2 + ["DataFrame.loc"]
    for op, key in zip(ops[:4], ["loc_mask", "loc_labels", "iloc_slice", "iloc_list"]):
        check_select(box[key], df, op.out().array("positions"))
    assert ops[4].kind == "project" and ops[4].out().lineage["kind"] == "identity"


@pytest.mark.parametrize("call", [
    lambda d: d.dropna(),
    lambda d: d.dropna(subset=["x"]).reset_index(drop=True),
    lambda d: d.drop_duplicates(subset=["key", "cat"]),
    lambda d: d.drop_duplicates(subset=["key"], keep="last", ignore_index=True),
    lambda d: d.sort_values(["cat", "x"]),
    lambda d: d.sort_values("x", ascending=False, ignore_index=True),
    lambda d: d.sample(frac=0.5, random_state=3),
    lambda d: d.sample(n=300, replace=True, random_state=4),
    lambda d: d.drop(index=d.index[:20]),
])
def test_row_operations(record, call):
    df = frame()
    box = {}
    run = record(lambda: box.setdefault("r", call(df)))
    op = run.ops[0]
    res = box["r"]
    if isinstance(res, pd.DataFrame) and op.function != "DataFrame.reset_index":
        lin = op.out().lineage
        assert lin["kind"] == "select", lin
        check_select(res, df, op.out().array("positions"))


def test_non_unique_index_uses_deterministic_rerun_and_refuses_random_sample(record):
    df = frame()
    df.index = np.arange(len(df)) % 10  # heavily duplicated labels
    box = {}

    def go():
        box["d"] = df.dropna()
        box["s"] = df.sort_values("x")
        box["r"] = df.sample(frac=0.3)  # no random_state: cannot be reproduced
    run = record(go)
    d, s, r = run.ops
    check_select(box["d"], df, d.out().array("positions"))
    check_select(box["s"], df, s.out().array("positions"))
    assert r.out().lineage["kind"] == "opaque" and "non-deterministic" in r.out().lineage["gap"]


def test_inplace_and_assignment_create_new_dataset_versions(record):
    df = frame(shuffled_index=False)
    box = {}

    def go():
        d = df.copy()
        d.dropna(inplace=True)
        d["x2"] = d["x"] * 2
        d.loc[d["key"] == 1, "x2"] = 0.0
        box["d"] = d
        box["f"] = d.fillna(0).assign(z=1)
    run = record(go)
    fns = run.functions()
    assert fns == ["DataFrame.copy", "DataFrame.dropna", "DataFrame.__setitem__", "DataFrame.loc.__setitem__",
                   "DataFrame.fillna", "DataFrame.assign"], fns
    copy, drop, setitem, locset, fill, assign = run.ops
    assert drop.inputs == [copy.out().name]
    assert drop.op.get("inplace") is True
    check_select(box["d"], df, drop.out().array("positions"))
    # each mutation consumes the previous version of the same object
    assert setitem.inputs == [drop.out().name]
    assert locset.inputs == [setitem.out().name]
    assert fill.inputs == [locset.out().name]
    assert assign.inputs == [fill.out().name]
    for op in (setitem, locset, fill, assign):
        assert op.out().lineage["kind"] == "identity"
    assert ("x2", "float64") in setitem.out().schema


@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
def test_merge_positions(record, how):
    left = frame(120, seed=1)
    right = pd.DataFrame({"key": [0, 1, 1, 2, 9], "rid": [10, 11, 12, 13, 14]})
    box = {}
    run = record(lambda: box.setdefault("m", left.merge(right, on="key", how=how)))
    op = run.ops[0]
    m = box["m"]
    lin = op.out().lineage
    assert lin["kind"] == "join" and op.inputs == lin["inputs"]
    lp, rp = op.out().array("left"), op.out().array("right")
    assert len(lp) == len(m)
    has_left = lp >= 0
    np.testing.assert_array_equal(m["tid"].to_numpy()[has_left], left["tid"].to_numpy()[lp[has_left]])
    assert m["tid"].isna().to_numpy()[~has_left].all()
    has_right = rp >= 0
    np.testing.assert_array_equal(m["rid"].to_numpy()[has_right], right["rid"].to_numpy()[rp[has_right]])
    assert m["rid"].isna().to_numpy()[~has_right].all()


def test_merge_variants_and_join(record):
    left = frame(80, seed=2)
    right = pd.DataFrame({"k2": [0, 1, 2, 3], "rid": [10, 11, 12, 13]})
    by_key = right.set_index("k2")
    box = {}

    def go():
        box["a"] = pd.merge(left, right, left_on="key", right_on="k2")
        box["b"] = left.merge(by_key, left_on="key", right_index=True, how="left")
        box["c"] = left.join(by_key, on="key", how="inner")
    run = record(go)
    for op, key in zip(run.ops, "abc"):
        m = box[key]
        lp, rp = op.out().array("left"), op.out().array("right")
        ok = lp >= 0
        np.testing.assert_array_equal(m["tid"].to_numpy()[ok], left["tid"].to_numpy()[lp[ok]])
        ok = rp >= 0
        np.testing.assert_array_equal(m["rid"].to_numpy()[ok], right["rid"].to_numpy()[rp[ok]])
    assert [o.function for o in run.ops] == ["merge", "DataFrame.merge", "DataFrame.join"]


def test_concat_rows_and_columns(record):
    a, b = frame(50, seed=3), frame(30, seed=4)
    b["tid"] += 5000
    box = {}

    def go():
        box["rows"] = pd.concat([a, b], ignore_index=True)
        box["cols"] = pd.concat([a[["tid"]], a[["x"]]], axis=1)
    run = record(go)
    rows = run.find("concat", 0)
    part, pos = rows.out().array("part"), rows.out().array("positions")
    assert part.dtype == np.int32 and pos.dtype == np.int64
    src = [a["tid"].to_numpy(), b["tid"].to_numpy()]
    got = np.array([src[p][i] for p, i in zip(part, pos)])
    np.testing.assert_array_equal(got, box["rows"]["tid"].to_numpy())
    cols = run.find("concat", 1)
    assert cols.out().lineage["kind"] == "identity" and len(cols.out().lineage["inputs"]) == 2


@pytest.mark.parametrize("sort", [True, False])
def test_groupby_members(record, sort):
    df = frame(150, seed=5)
    df.loc[df.index[:5], "cat"] = None  # NaN keys are dropped by groupby
    box = {}

    def go():
        box["agg"] = df.groupby("cat", sort=sort).agg(n=("tid", "count"), xs=("x", "sum"))
        box["ser"] = df.groupby(["cat", "key"], sort=sort)["x"].mean()
    run = record(go)
    for op, key in zip(run.ops, ["agg", "ser"]):
        res = box[key]
        off, mem = op.out().array("offsets"), op.out().array("members")
        assert len(off) == len(res) + 1 and op.out().lineage["kind"] == "groupby"
        assert op.inputs[0] == op.out().lineage["inputs"][0]
        keys = ["cat"] if key == "agg" else ["cat", "key"]
        for i, label in enumerate(res.index):
            label = label if isinstance(label, tuple) else (label,)
            members = df.iloc[mem[off[i]:off[i + 1]]]
            assert len(members) > 0
            for k, v in zip(keys, label):
                assert (members[k] == v).all()
        assert off[-1] == len(df.dropna(subset=["cat"]))
    assert run.ops[1].function == "SeriesGroupBy.mean"
    snap = run.ops[0].out().snapshot
    assert snap["indexColumns"] == ["cat"]


def test_get_dummies_drop_columns_and_read_csv(record, tmp_path):
    df = frame(40, shuffled_index=False)
    path = tmp_path / "in.csv"
    df.to_csv(path, index=False)
    box = {}

    def go():
        d = pd.read_csv(path)
        d = d.drop(columns=["x"])
        box["g"] = pd.get_dummies(d, columns=["cat"])
    run = record(go)
    read, drop, dummies = run.ops
    assert read.kind == "source" and read.inputs == [str(path)]
    assert read.out().lineage == {**read.out().lineage, "kind": "identity", "inputs": [str(path)], "rowsIn": [40]}
    assert drop.kind == "project" and dummies.kind == "reshape"
    assert [c for c, _ in dummies.out().schema] == list(box["g"].columns)


def test_library_internal_calls_and_callbacks_are_not_recorded(record):
    df = frame()

    def go():
        df.describe()  # pandas calls __getitem__ etc. internally
        df.groupby("cat").apply(lambda g: g[g["x"] > 0])  # a user callback run by pandas
    run = record(go)
    assert run.functions() == [], run.functions()


@pytest.mark.parametrize("call", [
    lambda d: d.query("x > 0"),
    lambda d: d.head(17),
    lambda d: d.tail(9),
    lambda d: d.nlargest(11, "x"),
    lambda d: d.nsmallest(5, "key"),
])
def test_more_row_subsets(record, call):
    df = frame()
    box = {}
    run = record(lambda: box.setdefault("r", call(df)))
    op = run.ops[0]
    check_select(box["r"], df, op.out().array("positions"))


def test_one_to_one_methods_and_series_chains_keep_the_lineage_chain(record):
    df = frame(shuffled_index=False)
    box = {}

    def go():
        d = df.rename(columns={"x": "value"}).astype({"key": "int32"}).reset_index(drop=True)
        d = d.set_index("tid").replace({"cat": {"a": "A"}}).copy()
        y = d["key"].map({0: "zero"}).fillna("other")
        box["d"], box["y"] = d, y
        box["s"] = pd.concat([y])
    run = record(go)
    fns = run.functions()
    assert fns[:6] == ["DataFrame.rename", "DataFrame.astype", "DataFrame.reset_index", "DataFrame.set_index",
                       "DataFrame.replace", "DataFrame.copy"], fns
    assert fns[6:] == ["DataFrame.__getitem__", "Series.map", "Series.fillna", "concat"], fns
    for prev, op in zip(run.ops, run.ops[1:]):
        assert op.inputs[0] == prev.out().name  # each step consumes the previous one
        if op.kind == "map":
            assert op.out().lineage["kind"] == "identity"
    assert run.ops[6].op["deferred"] is True


def test_groupby_maps_and_apply(record):
    df = frame(60, shuffled_index=True)
    box = {}

    def go():
        box["t"] = df.groupby("cat")["x"].transform("mean")
        box["lag"] = df.sort_values("tid").groupby("key")["x"].shift(1)
        box["rowwise"] = df.apply(lambda r: r["key"] * 2, axis=1)
        box["percol"] = df[["x", "key"]].apply(lambda c: c.sum())
    run = record(go)
    t = run.find("SeriesGroupBy.transform")
    assert t.kind == "map" and t.out().lineage["kind"] == "identity" and t.out().rows == 60
    assert t.inputs == t.out().lineage["inputs"]  # the grouped frame itself
    lag = run.find("SeriesGroupBy.shift")
    assert lag.inputs[0] == run.find("DataFrame.sort_values").out().name
    rowwise, percol = [o for o in run.ops if o.function == "DataFrame.apply"]
    assert rowwise.out().lineage["kind"] == "identity"
    assert percol.out().lineage["kind"] == "opaque" and "row count" in percol.out().lineage["gap"]


def _fragmented():
    rng = np.random.default_rng(9)
    df = pd.DataFrame({"k": rng.integers(0, 3, 500).astype(float)})
    for c in "abc":  # one float block per assignment: a frame pandas has not consolidated yet
        df[c] = rng.normal(size=500)
    df.index = rng.permutation(500)
    return df


def test_recording_leaves_the_users_frames_internally_untouched(record):
    """Consolidating a frame or filling its item cache can change later view-vs-copy behaviour, so the recorder's
    reads (stats, snapshots, lineage) must not do either: compare with the same calls made unrecorded."""
    right = pd.DataFrame({"k": [0.0, 1.0], "r": [1, 2]})

    def calls(df):
        # calls that pandas itself runs without consolidating their input (and whose outputs stay fragmented)
        return [df.assign(z=1.0), df.astype("float64"), df.sort_values("a"), df.drop(columns=["a"]),
                df.merge(right, on="k"), df.groupby("k").agg(m=("a", "mean"))]
    plain = _fragmented()
    plain_out = calls(plain)
    recorded = _fragmented()
    box = {}
    run = record(lambda: box.setdefault("out", calls(recorded)), snapshots="all")
    assert len(run.ops) == 6
    assert recorded._mgr.nblocks == plain._mgr.nblocks > 1
    if hasattr(plain, "_item_cache"):  # pandas < 3; Copy-on-Write (pandas 3) removed the item cache
        assert sorted(recorded._item_cache) == sorted(plain._item_cache)
    assert [o._mgr.nblocks for o in box["out"]] == [o._mgr.nblocks for o in plain_out]
    assert max(o._mgr.nblocks for o in plain_out) > 1


def test_numpy_conversions_keep_the_chain_and_column_names(record):
    df = frame(30, shuffled_index=False)
    box = {}

    def go():
        X = df[["tid", "x"]].to_numpy()
        y = df["key"].values
        box["pair"] = (X, y)
        box["s"] = pd.concat([pd.Series(y)])  # a consumer of y that is not recorded as its producer
    run = record(go)
    fns = run.functions()
    assert fns[:4] == ["DataFrame.__getitem__", "DataFrame.to_numpy", "DataFrame.__getitem__", "Series.values"], fns
    conv = run.find("DataFrame.to_numpy")
    assert conv.inputs == [run.ops[0].out().name] and conv.out().lineage["kind"] == "identity"
    assert [c for c, _ in conv.out().schema] == ["tid", "x"]
    vals = run.find("Series.values")
    assert [c for c, _ in vals.out().schema] == ["key"] and vals.inputs == [run.ops[2].out().name]
