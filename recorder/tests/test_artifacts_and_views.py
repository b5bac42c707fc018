"""Model artifacts (joblib / pickle dump and load, named by path and sha256) and numpy views of recorded arrays
(skewer_columnOrigin: which columns and rows of the parent a positional slice shows)."""
import hashlib
import os
import pickle

import joblib
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def frame(n=120, seed=1):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"a": rng.normal(size=n), "b": rng.normal(size=n), "c": rng.normal(size=n),
                         "d": rng.normal(size=n)})


def _origin(op):
    return op.start["inputs"][0].get("facets", {}).get("skewer_columnOrigin")


def test_column_slice_of_to_numpy_names_its_parent_columns(record):
    df = frame()

    def pipeline():
        X = df.to_numpy()
        X = X[:, 1:4]  # the recorded X dies here; its memory lives on in the view
        StandardScaler().fit_transform(X)
    run = record(pipeline)
    parent = run.find("DataFrame.to_numpy")
    o = _origin(run.find("StandardScaler.fit_transform"))
    assert o["of"] == f"{run.run_id}/{parent.seq}.out"
    assert o["columns"] == [1, 2, 3]
    assert (o["rowStart"], o["rowStep"], o["rows"]) == (0, 1, 120)


def test_strided_rows_and_columns_of_a_c_ordered_array(record):
    df = frame()

    def pipeline():
        X = np.ascontiguousarray(df.to_numpy())
        Xr = StandardScaler().fit_transform(X)  # a recorded C-ordered output
        StandardScaler().fit_transform(Xr[10:70:3, ::2])
    run = record(pipeline)
    first = run.find("StandardScaler.fit_transform", 0)
    o = _origin(run.find("StandardScaler.fit_transform", 1))
    assert o["of"] == f"{run.run_id}/{first.seq}.out"
    assert o["columns"] == [0, 2]
    assert (o["rowStart"], o["rowStep"], o["rows"]) == (10, 3, 20)


def test_a_copy_has_no_origin(record):
    df = frame()

    def pipeline():
        X = df.to_numpy()
        StandardScaler().fit_transform(X[:, [2, 0]])  # fancy indexing copies: no memory to follow
    run = record(pipeline)
    assert _origin(run.find("StandardScaler.fit_transform")) is None


def test_joblib_and_pickle_dump_and_load_name_the_file_and_its_hash(record, tmp_path):
    df = frame()
    y = (df["a"] > 0).astype(int)
    jpath, ppath = str(tmp_path / "model.joblib"), str(tmp_path / "scaler.pkl")

    def pipeline():
        model = LogisticRegression().fit(df, y)
        joblib.dump(model, jpath)
        with open(ppath, "wb") as f:
            pickle.dump(StandardScaler().fit(df), f)
        joblib.load(jpath).predict(df)
        with open(ppath, "rb") as f:
            pickle.load(f)
    run = record(pipeline)
    sha = hashlib.sha256(open(jpath, "rb").read()).hexdigest()
    dump, load = run.find("joblib.dump"), run.find("joblib.load")
    assert dump.kind == load.kind == "other" and dump.op["library"] == "joblib"
    assert dump.op["args"]["artifact"] == "write" and load.op["args"]["artifact"] == "read"
    assert dump.op["args"]["path"] == load.op["args"]["path"] == os.path.abspath(jpath)
    assert dump.op["args"]["sha256"] == load.op["args"]["sha256"] == sha
    assert dump.op["args"]["class"].endswith("LogisticRegression")
    assert [o["name"] for o in dump.end["outputs"]] == [os.path.abspath(jpath)]
    assert load.inputs == [os.path.abspath(jpath)]
    # the loaded object is a new object: its own objectId
    assert load.op["args"]["objectId"] != dump.op["args"]["objectId"]
    pd_, pl = run.find("pickle.dump"), run.find("pickle.load")
    assert pd_.op["args"]["path"] == pl.op["args"]["path"] == os.path.abspath(ppath)
    assert "sha256" not in pd_.op["args"]  # written through an open file: not complete when dump returns
    assert pl.op["args"]["sha256"] == hashlib.sha256(open(ppath, "rb").read()).hexdigest()


def test_loading_from_a_buffer_is_not_recorded(record):
    import io
    buf = io.BytesIO()
    model = LogisticRegression().fit(frame(), np.arange(120) % 2)
    joblib.dump(model, buf)

    def pipeline():
        buf.seek(0)
        joblib.load(buf)
    run = record(pipeline)
    assert "joblib.load" not in run.functions()
