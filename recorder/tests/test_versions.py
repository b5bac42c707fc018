"""What pandas 3 (Copy-on-Write only, the `str` dtype, pd.NA, arrow-backed dtypes, removed methods), numpy 2 and
pyarrow change under the recorder: the facets must mean the same on every row of the support matrix."""
import os

import numpy as np
import pandas as pd
import pytest

from conftest import HAS_PYARROW, PANDAS_VERSION, needs_pyarrow
from runlog import arrow_table


def schema_of(op, port="out"):
    return dict(op.out(port).schema)


def test_text_is_string_whatever_backs_it(record):
    df = pd.DataFrame({
        "obj": pd.Series(["a", None, "b"], dtype=object),     # pandas 1.x/2.x read_csv text
        "default": pd.Series(["a", None, "b"]),                # object before pandas 3, str from pandas 3
        "python": pd.Series(["a", None, "b"], dtype="string"),  # StringDtype("python"), pd.NA for missing
        "mixed": pd.Series(["a", 1, None], dtype=object),
        "cat": pd.Series(["a", "b", "a"], dtype="category"),
        "n": [1, 2, 3],
    })
    if HAS_PYARROW:
        df["arrow"] = pd.Series(["a", None, "b"], dtype="string[pyarrow]")
        df["arrow_ext"] = pd.Series(["a", None, "b"], dtype=pd.ArrowDtype(__import__("pyarrow").large_string()))
    run = record(lambda: df.copy())
    types = schema_of(run.ops[0])
    texts = ["obj", "default", "python"] + (["arrow", "arrow_ext"] if HAS_PYARROW else [])
    assert {c: types[c] for c in texts} == {c: "string" for c in texts}
    assert types["mixed"] == "object" and types["cat"] == "category" and types["n"] == "int64"
    stats = run.ops[0].out().stats["columns"]
    for c in texts:  # the same statistics whatever the missing marker (None, NaN, pd.NA)
        assert stats[c]["dtype"] == "string" and stats[c]["nulls"] == 1 and stats[c]["distinct"] == 2, c
        assert stats[c]["top"] == [{"value": "a", "count": 1}, {"value": "b", "count": 1}], c


def test_read_csv_text_columns_are_string_on_every_pandas(record, tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,city,score\n1,Oslo,0.5\n2,,1.5\n3,Rome,\n")
    run = record(lambda: pd.read_csv(p))
    assert run.ops[0].out().schema == [("id", "int64"), ("city", "string"), ("score", "float64")]
    city = run.ops[0].out().stats["columns"]["city"]
    assert city["nulls"] == 1 and city["distinct"] == 2


def test_nullable_numbers_and_pd_na_in_statistics(record):
    df = pd.DataFrame({
        "i": pd.array([1, None, 3, 4], dtype="Int64"),
        "f": pd.array([0.5, None, 1.5, 2.0], dtype="Float64"),
        "b": pd.array([True, None, False, True], dtype="boolean"),
        "t": pd.to_datetime(["2024-01-02", None, "2024-03-04", "2024-02-01"]),
    })
    run = record(lambda: df.copy())
    assert schema_of(run.ops[0]) == {"i": "Int64", "f": "Float64", "b": "boolean", "t": "datetime64[ns]"}
    st = run.ops[0].out().stats["columns"]
    assert st["i"]["nulls"] == 1 and (st["i"]["min"], st["i"]["max"]) == (1, 4) and st["i"]["mean"] == pytest.approx(8 / 3)
    assert st["f"]["nulls"] == 1 and st["f"]["mean"] == pytest.approx(4 / 3) and st["f"]["distinct"] == 3
    assert st["b"]["nulls"] == 1 and st["b"]["mean"] == pytest.approx(2 / 3)
    assert st["t"]["nulls"] == 1 and st["t"]["min"].startswith("2024-01-02") and st["t"]["max"].startswith("2024-03-04")


@needs_pyarrow
def test_arrow_backed_columns_mean_what_their_numpy_or_masked_twins_mean(record):
    import pyarrow as pa
    df = pd.DataFrame({
        "i": pd.Series([1, None, 3], dtype=pd.ArrowDtype(pa.int64())),
        "f": pd.Series([0.5, None, 1.5], dtype=pd.ArrowDtype(pa.float64())),
        "b": pd.Series([True, None, False], dtype=pd.ArrowDtype(pa.bool_())),
        "t": pd.Series(pd.to_datetime(["2024-01-02", None, "2024-03-04"])).astype(pd.ArrowDtype(pa.timestamp("us"))),
    })
    run = record(lambda: df.copy())
    assert schema_of(run.ops[0]) == {"i": "Int64", "f": "Float64", "b": "boolean", "t": "datetime64[ns]"}
    st = run.ops[0].out().stats["columns"]
    assert st["i"]["nulls"] == 1 and (st["i"]["min"], st["i"]["max"], st["i"]["mean"]) == (1, 3, 2)
    assert st["b"]["nulls"] == 1 and st["b"]["mean"] == 0.5
    assert st["t"]["min"].startswith("2024-01-02")


def test_chained_assignment_is_not_recorded_as_a_change_and_stats_show_the_frame_as_it_is(record):
    """Under Copy-on-Write (pandas 3) `df["x"][mask] = v` changes a temporary copy, never df; before, it wrote
    through. Either way the recorder must not invent a step for it, and the next recorded step's statistics must
    show df's real values."""
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "k": [0, 1, 1]})
    box = {}

    def go():
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas warns about chained assignment on every version that has CoW
            try:
                df["x"][df["k"] == 1] = 0.0
            except Exception:  # pragma: no cover  (a future pandas may refuse it outright)
                pass
        box["out"] = df.sort_values("k")
    run = record(go)
    assert run.functions() == ["DataFrame.sort_values"]
    st = run.ops[0].out().stats["columns"]["x"]
    assert st["max"] == df["x"].max() and st["min"] == df["x"].min()
    if PANDAS_VERSION >= (3,):
        assert df["x"].tolist() == [1.0, 2.0, 3.0]  # Copy-on-Write: df unchanged


def test_setitem_and_loc_setitem_are_new_versions_of_the_frame_on_every_pandas(record):
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "k": [0, 1, 1]})
    box = {}

    def go():
        d = df.copy()
        alias = d  # same object: the mutations must show through it, Copy-on-Write or not
        d["y"] = d["x"] * 2
        d.loc[d["k"] == 1, "y"] = -1.0
        box["r"] = alias.head(2)
    run = record(go)
    assert run.functions() == ["DataFrame.copy", "DataFrame.__setitem__", "DataFrame.loc.__setitem__", "DataFrame.head"]
    copy, setitem, locset, head = run.ops
    assert setitem.inputs == [copy.out().name] and locset.inputs == [setitem.out().name]
    assert head.inputs == [locset.out().name]
    assert locset.out().stats["columns"]["y"]["min"] == -1.0
    assert box["r"]["y"].tolist() == [2.0, -1.0]


def test_every_patched_pandas_name_exists_and_is_restored(record):
    """Methods pandas 3 removed (applymap, swapaxes, the inplace rerun keyword...) are not what the recorder hooks:
    each name it patches exists on this version, and stopping puts the original back."""
    from pandas.core import indexing
    from pandas.core.groupby import generic as gbg
    names = [(pd.DataFrame, n) for n in ("__getitem__", "__setitem__", "dropna", "drop_duplicates", "sort_values",
                                         "sample", "drop", "fillna", "assign", "merge", "join", "to_numpy", "query",
                                         "head", "tail", "nlargest", "nsmallest", "copy", "astype", "rename",
                                         "reset_index", "set_index", "replace", "clip", "round", "apply",
                                         "to_parquet", "to_feather", "to_json")]
    names += [(pd, n) for n in ("read_csv", "read_parquet", "read_feather", "read_json", "merge", "concat", "get_dummies")]
    names += [(indexing._LocationIndexer, "__getitem__"), (gbg.DataFrameGroupBy, "sum")]
    before = {(o, n): o.__dict__.get(n, getattr(o, n)) for o, n in names}
    seen = {}
    record(lambda: seen.update({(o, n): o.__dict__.get(n, getattr(o, n)) for o, n in names}))
    for key, orig in before.items():
        assert seen[key] is not orig, f"{key[1]} not patched"
        assert key[0].__dict__.get(key[1], getattr(*key)) is orig, f"{key[1]} not restored"


@needs_pyarrow
def test_arrow_snapshots_keep_column_types(record):
    import pyarrow as pa
    from skewer import session
    df = pd.DataFrame({
        "i": np.arange(4), "f": [0.5, np.nan, 1.5, 2.0], "s": pd.Series(["a", None, "c", "d"]),
        "obj": pd.Series(["a", "b", None, "d"], dtype=object), "mixed": pd.Series([1, "b", None, 2.5], dtype=object),
        "n": pd.array([1, None, 3, 4], dtype="Int64"), "c": pd.Categorical(["x", "y", "x", "y"]),
        "big": pd.Series(["p", "q", "r", "s"], dtype=pd.ArrowDtype(pa.large_string())),
    })
    run = record(lambda: df.copy(), snapshots="all")
    snap = run.ops[0].out().snapshot
    assert snap["format"] == "arrow" and snap["uri"].endswith(".arrow")
    path = os.path.join(run.dir, snap["uri"])
    table = arrow_table(path)
    t = {f.name: f.type for f in table.schema}
    assert t["i"] == pa.int64() and t["f"] == pa.float64() and t["n"] == pa.int64()
    assert t["s"] == t["obj"] == t["mixed"] == t["big"] == pa.string()  # utf8 whatever backs the text
    assert pa.types.is_dictionary(t["c"]) and t["c"].value_type == pa.string()
    assert table.column("n").null_count == 1 and table.column("s").null_count == 1
    assert table.column("mixed").to_pylist() == ["1", "b", None, "2.5"]
    assert table.column("f").to_pylist()[1] is None or np.isnan(table.column("f").to_pylist()[1])
    assert set(session.ARROW_COMPRESSION.values()) <= {"lz4", "zstd"}  # codecs the TypeScript reader decodes
    again = os.path.join(run.dir, "again.arrow")
    session._write_arrow(df, again, session.ARROW_COMPRESSION["all"])  # the default codec of this mode
    with open(again, "rb") as x, open(path, "rb") as y:
        assert x.read() == y.read()


def _io_roundtrip(record, tmp_path, write, read):
    src = pd.DataFrame({"id": np.arange(5), "name": ["a", "b", None, "d", "e"], "v": np.linspace(0, 1, 5)})
    box = {}

    def go():
        kept = src[src["v"] > 0.2]
        write(kept)
        box["back"] = read()
    run = record(go)
    return run, box["back"]


@pytest.mark.parametrize("fmt", ["parquet", "feather", "json"])
def test_file_sinks_and_sources_link_through_the_file(record, tmp_path, fmt):
    if fmt in ("parquet", "feather") and not HAS_PYARROW:
        pytest.skip("parquet and feather need pyarrow, absent on this row")
    path = str(tmp_path / f"out.{fmt}")
    write = {"parquet": lambda d: d.to_parquet(path, index=False), "feather": lambda d: d.reset_index(drop=True).to_feather(path),
             "json": lambda d: d.to_json(path, orient="records", lines=True)}[fmt]
    read = {"parquet": lambda: pd.read_parquet(path), "feather": lambda: pd.read_feather(path),
            "json": lambda: pd.read_json(path, orient="records", lines=True)}[fmt]
    run, back = _io_roundtrip(record, tmp_path, write, read)
    sink = run.find(f"DataFrame.to_{fmt}")
    source = run.find(f"read_{fmt}")
    assert sink.kind == "sink" and source.kind == "source"
    file_out = sink.end["outputs"][0]
    assert file_out["namespace"] == "file" and file_out["name"] == os.path.abspath(path)
    assert source.start["inputs"] == [{"namespace": "file", "name": os.path.abspath(path)}]
    before = [o for o in run.ops if o.seq == sink.seq - 1][0]  # the mask (or feather's reset_index)
    assert sink.inputs == [before.out().name]
    lin = file_out["outputFacets"]["skewer_rowLineage"]
    assert lin["kind"] == "identity" and lin["rowsOut"] == 4 and file_out["outputFacets"]["outputStatistics"]["rowCount"] == 4
    fields = {f["name"]: f["type"] for f in file_out["facets"]["schema"]["fields"]}
    assert fields["name"] == "string" and fields["v"] == "float64" and fields["id"] == "int64"
    out = source.out()
    assert out.lineage["kind"] == "identity" and out.rows == len(back) == 4
    assert dict(out.schema)["name"] == "string"  # read back: text is string whatever the reader made of it


def test_writes_to_buffers_and_json_text_are_not_sinks(record, tmp_path):
    import io
    df = pd.DataFrame({"a": [1, 2]})
    box = {}
    run = record(lambda: box.update(text=df.to_json(orient="records"), buf=df.to_json(io.StringIO())))
    assert run.functions() == []
    assert box["text"] == '[{"a":1},{"a":2}]'


def test_imbalanced_learn_samplers_on_this_stack(record):
    imblearn = pytest.importorskip("imblearn", reason="imbalanced-learn is installed on the current row only")
    from imblearn.over_sampling import SMOTE, RandomOverSampler
    rng = np.random.default_rng(3)
    X = pd.DataFrame({"a": rng.normal(size=120), "b": rng.normal(size=120), "tid": np.arange(120.0)})
    y = pd.Series((np.arange(120) % 6 == 0).astype(int), name="y")
    box = {}

    def go():
        box["ros"] = RandomOverSampler(random_state=0).fit_resample(X, y)
        box["smote"] = SMOTE(random_state=0).fit_resample(X[["a", "b"]], y)
    run = record(go)
    ros, smote = [o for o in run.ops if o.kind == "resample"]
    assert ros.op["library"] == "imblearn" and ros.fitted["role"] == "sampler"
    assert run.root_start["run"]["facets"]["skewer_run"]["versions"]["imblearn"] == imblearn.__version__
    pos = ros.out("X").array("positions")  # from sample_indices_
    np.testing.assert_array_equal(box["ros"][0]["tid"].to_numpy(), pos.astype(float))
    np.testing.assert_array_equal(ros.out("y").array("positions"), pos)
    spos = smote.out("X").array("positions")  # SMOTE: originals by content, synthetic rows -1
    assert smote.out("X").lineage["method"] == "content-hash"
    np.testing.assert_array_equal(spos[:120], np.arange(120))
    assert (spos[120:] == -1).all() and len(spos) == len(box["smote"][0])


@needs_pyarrow
def test_arrow_compression_setting(record, monkeypatch):
    import pyarrow as pa
    from skewer import session
    df = pd.DataFrame({"x": np.arange(2000) % 7, "s": ["abc"] * 2000})
    for codec, expected in (("none", None), ("lz4", "lz4"), ("zstd", "zstd")):
        monkeypatch.setenv("SKEWER_ARROW_COMPRESSION", codec)
        run = record(lambda: df.copy(), snapshots="all")
        path = os.path.join(run.dir, run.ops[0].out().snapshot["uri"])
        table = arrow_table(path)
        assert table.equals(pa.Table.from_pandas(df, preserve_index=False).cast(table.schema))
        # the bytes equal the same table written with that codec (and differ from the other codecs' bytes)
        again = os.path.join(run.dir, "again.arrow")
        session._write_arrow(df, again, expected)
        with open(again, "rb") as x, open(path, "rb") as y:
            assert x.read() == y.read(), codec


def test_a_bad_compression_setting_is_a_clear_error(monkeypatch, tmp_path):
    from skewer.session import Session
    monkeypatch.setenv("SKEWER_ARROW_COMPRESSION", "snappy")
    with pytest.raises(ValueError, match="SKEWER_ARROW_COMPRESSION must be one of lz4, zstd, none, not 'snappy'"):
        Session(str(tmp_path / "runs"))
    assert not (tmp_path / "runs").exists()
