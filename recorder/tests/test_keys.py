"""Key columns (run-log 1.1, skewer_keys): which columns are chosen, where they are stored (every row, in output
order) and where they are left to the row lineage; checked against the frames' own key values."""
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from conftest import subprocess_env
from runlog import arrow_table, latest_run
from skewer.keys import detect_keys, id_like


def stored_keys(run, out):
    k = out.ofacets["skewer_keys"]
    path = os.path.join(run.dir, k["uri"])
    frame = arrow_table(path).to_pandas() if k["format"] == "arrow" else pd.read_csv(path)
    assert len(frame) == k["rows"] == out.rows
    return frame


def patients(tmp_path, n=60):
    rng = np.random.default_rng(3)
    p = pd.DataFrame({"patient_id": np.arange(100, 100 + n), "site_id": rng.integers(0, 3, n),
                      "age": rng.integers(18, 90, n), "y": rng.integers(0, 2, n)})
    v = pd.DataFrame({"patient_id": np.arange(100, 100 + n - 4), "order-key": [f"k{i}" for i in range(n - 4)],
                      "bp": rng.normal(120, 10, n - 4)})
    p.to_csv(tmp_path / "p.csv", index=False)
    v.to_csv(tmp_path / "v.csv", index=False)
    return str(tmp_path / "p.csv"), str(tmp_path / "v.csv")


def test_id_like_names():
    for name in ("patient_id", "id", "ID", "order-key", "customerId", "uuid", "row_guid", "key"):
        assert id_like(name), name
    for name in ("valid", "paid", "keyword", "idx", "identity", "monkey"):
        assert not id_like(name), name


def test_detection_wants_unique_non_null_integers_or_text():
    df = pd.DataFrame({"a_id": [1, 2, 3], "b_id": [1, 1, 2], "c_id": [1.0, 2.0, 3.0], "d_id": ["x", None, "z"],
                       "e_id": ["x", "y", "z"], "value": [1, 2, 3]})
    assert detect_keys(df) == ["a_id", "e_id"]


def test_auto_keys_are_stored_at_sources_and_groupby_and_derived_through_lineage(record, tmp_path):
    pf, vf = patients(tmp_path)
    box = {}

    def go():
        p = pd.read_csv(pf)
        v = pd.read_csv(vf)
        df = p.merge(v, on="patient_id")
        df = df[df["age"] > 30]
        box["df"] = df
        box["g"] = df.groupby("patient_id").agg(bp=("bp", "mean"))
        box["X"] = df[["age", "bp"]].to_numpy()
    run = record(go)
    rf = run.root_start["run"]["facets"]["skewer_run"]
    assert rf["formatVersion"] == "1.1"
    final = run.end["run"]["facets"]["skewer_run"]["keys"]
    assert final == {"mode": "auto", "columns": ["patient_id", "order-key"]}  # site_id repeats: not a key
    src_p, src_v = run.find("read_csv", 0).out(), run.find("read_csv", 1).out()
    assert src_p.ofacets["skewer_keys"]["stored"] == ["patient_id"]
    assert src_v.ofacets["skewer_keys"]["stored"] == ["patient_id", "order-key"]
    np.testing.assert_array_equal(stored_keys(run, src_p)["patient_id"], pd.read_csv(pf)["patient_id"])
    assert list(stored_keys(run, src_v)["order-key"]) == list(pd.read_csv(vf)["order-key"])
    merge = run.find("DataFrame.merge").out().ofacets["skewer_keys"]
    assert merge == {**{k: merge[k] for k in ("_producer", "_schemaURL")}, "columns": ["patient_id", "order-key"]}
    assert "stored" not in run.find("DataFrame.__getitem__", 0).out().ofacets["skewer_keys"]
    grp = run.find("DataFrameGroupBy.agg").out()
    assert grp.ofacets["skewer_keys"]["stored"] == ["patient_id"], "the group keys (the index) are stored"
    np.testing.assert_array_equal(stored_keys(run, grp)["patient_id"], box["g"].index.to_numpy())
    arr = run.find("DataFrame.to_numpy").out().ofacets["skewer_keys"]
    assert arr["columns"] == ["patient_id", "order-key"] and "stored" not in arr, "a numpy model input still knows its keys"


def test_explicit_keys_and_no_keys(record, tmp_path):
    pf, _ = patients(tmp_path)
    run = record(lambda: pd.read_csv(pf).query("age > 40"), keys=["site_id"])
    assert run.end["run"]["facets"]["skewer_run"]["keys"] == {"mode": "explicit", "columns": ["site_id"]}
    out = run.find("read_csv").out()
    assert out.ofacets["skewer_keys"]["stored"] == ["site_id"], "explicit keys need not be unique"
    assert run.find("DataFrame.query").out().ofacets["skewer_keys"]["columns"] == ["site_id"]
    run = record(lambda: pd.read_csv(pf), keys=[])
    assert "skewer_keys" not in run.find("read_csv").out().ofacets
    assert not os.path.exists(os.path.join(run.dir, "keys"))
    with pytest.raises(ValueError, match="keys must be column names"):
        record(lambda: None, keys=[""])


def test_keys_come_back_after_unrecorded_code(record, tmp_path):
    """A frame made by code the recorder does not see (reindex) has no lineage: its recorded consumer stores keys."""
    pf, _ = patients(tmp_path)
    box = {}

    def go():
        p = pd.read_csv(pf)
        shuffled = p.reindex(np.random.default_rng(0).permutation(len(p)))
        box["out"] = shuffled.dropna()
    run = record(go)
    out = run.find("DataFrame.dropna").out()
    assert out.ofacets["skewer_keys"]["stored"] == ["patient_id"]
    np.testing.assert_array_equal(stored_keys(run, out)["patient_id"], box["out"]["patient_id"].to_numpy())


def test_cli_keys_options(tmp_path):
    pf, _ = patients(tmp_path)
    script = tmp_path / "s.py"
    script.write_text(f"import pandas as pd\ndf = pd.read_csv({pf!r})\n")
    env = subprocess_env()
    r = subprocess.run([sys.executable, "-m", "skewer", "record", "--out", str(tmp_path / "r1"), "--keys", "site_id, age",
                        str(script)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert latest_run(str(tmp_path / "r1")).find("read_csv").out().ofacets["skewer_keys"]["stored"] == ["site_id", "age"]
    r = subprocess.run([sys.executable, "-m", "skewer", "record", "--out", str(tmp_path / "r2"), "--no-keys", str(script)],
                       cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "skewer_keys" not in latest_run(str(tmp_path / "r2")).find("read_csv").out().ofacets
    r = subprocess.run([sys.executable, "-m", "skewer", "record", "--keys", "a,,b", str(script)], cwd=tmp_path, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 2 and "expected comma-separated column names" in r.stderr


def test_detect_keys_unique_ids_in_any_order_and_not_repeated_ones():
    n = 1000
    df = pd.DataFrame({
        "id": np.arange(n),                          # increasing: the fast path
        "order_id": np.arange(n)[::-1].copy(),       # decreasing: the hash table
        "visit_id": np.r_[np.arange(n - 1), n - 2],  # increasing but for a repeat at the end
        "patient_id": np.r_[0, np.arange(n - 1)],    # a repeat at the start, then increasing
        "user_key": pd.array(np.arange(n), dtype="Int64"),
    })
    assert detect_keys(df) == ["id", "order_id", "user_key"]
