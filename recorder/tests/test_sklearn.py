"""scikit-learn operators: fitted parameters, objectId/fittedBy pairing, construction sites inside Pipeline and
ColumnTransformer, train_test_split lineage, cross-validation helpers, samplers with fit_resample."""
import inspect

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def data(n=300, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({"a": rng.normal(5, 2, n), "b": rng.normal(-1, 3, n), "c": rng.choice(["u", "v"], n)})
    y = pd.Series((X["a"] + rng.normal(size=n) > 5).astype(int), name="y")
    return X, y


def line_of(marker):
    """Line number (in this file) of the line containing marker."""
    src, start = inspect.getsourcelines(inspect.getmodule(line_of))
    for i, line in enumerate(src):
        if marker in line and "line_of(" not in line:
            return start + i if start else i + 1
    raise AssertionError(marker)


def test_split_lineage_ports_and_positions(record):
    X, y = data()
    X = X.assign(tid=np.arange(len(X)))
    box = {}

    def go():
        box["xy"] = train_test_split(X, y, test_size=0.3, random_state=1, stratify=y)
        box["one"] = train_test_split(X, random_state=2)
        box["three"] = train_test_split(X, y, y.to_numpy(), random_state=3)
    run = record(go)
    two, one, three = [o for o in run.ops if o.function == "train_test_split"]
    assert set(two.outputs) == {"X_train", "X_test", "y_train", "y_test"}
    assert set(one.outputs) == {"train", "test"}
    assert set(three.outputs) == {"0_train", "0_test", "1_train", "1_test", "2_train", "2_test"}
    X_train, X_test, y_train, y_test = box["xy"]
    for port, part in (("X_train", X_train), ("X_test", X_test)):
        pos = two.out(port).array("positions")
        np.testing.assert_array_equal(part["tid"].to_numpy(), pos)  # tid == position in X
        assert two.out(port).lineage["inputs"] == [two.inputs[0]]
    np.testing.assert_array_equal(y.to_numpy()[two.out("y_test").array("positions")], y_test.to_numpy())
    assert two.out("y_train").lineage["inputs"] == [two.inputs[1]]
    assert two.op["args"]["stratify"] is True and two.op["args"]["test_size"] == 0.3


def test_split_results_identical_with_recording(record):
    X, y = data()
    plain = train_test_split(X, y, test_size=0.25, random_state=7)
    box = {}
    record(lambda: box.setdefault("r", train_test_split(X, y, test_size=0.25, random_state=7)))
    assert len(box["r"]) == 4 and isinstance(box["r"], list)
    for a, b in zip(plain, box["r"]):
        pd.testing.assert_frame_equal(a.to_frame() if isinstance(a, pd.Series) else a,
                                      b.to_frame() if isinstance(b, pd.Series) else b)


def test_fit_transform_pairing_and_learned_state(record):
    X, y = data()
    Xn = X[["a", "b"]]
    box = {}

    def go():
        scaler = StandardScaler()  # MARK-scaler
        scaler.fit(Xn.iloc[:200])
        box["t"] = scaler.transform(Xn.iloc[200:])
        other = StandardScaler()
        box["o"] = other.fit_transform(Xn)
        box["scaler"] = scaler
    run = record(go)
    fit = run.find("StandardScaler.fit")
    tr = run.find("StandardScaler.transform")
    ft = run.find("StandardScaler.fit_transform")
    assert fit.kind == "fit" and tr.kind == "transform" and ft.kind == "fit_transform"
    assert fit.fitted["objectId"] == tr.fitted["objectId"] != ft.fitted["objectId"]
    assert tr.fitted["fittedBy"] == fit.run_id and ft.fitted["fittedBy"] == ft.run_id
    assert fit.fitted["nFitRows"] == 200 and tr.fitted["nRows"] == 100 and tr.fitted["nFitRows"] == 200
    assert fit.fitted["class"] == "sklearn.preprocessing._data.StandardScaler"
    assert fit.fitted["role"] == "transformer" and fit.fitted["params"]["with_mean"] is True
    np.testing.assert_allclose(fit.fitted["learned"]["mean_"], box["scaler"].mean_)
    assert fit.fitted["learned"]["feature_names_in_"] == ["a", "b"]
    assert fit.loc["constructedAt"]["line"] == line_of("MARK-scaler")
    assert tr.out().lineage["kind"] == "identity" and tr.out().lineage["rowsIn"] == [100]
    assert tr.inputs[0].endswith(".out")  # the iloc selection feeding it
    assert [c for c, _ in ft.out().schema] == ["a", "b"]  # names from get_feature_names_out


def test_long_learned_arrays_are_truncated_with_digest(record):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(50, 100))
    box = {}
    run = record(lambda: box.setdefault("s", StandardScaler().fit(X)))
    mean = run.ops[0].fitted["learned"]["mean_"]
    assert mean["truncated"] is True and mean["length"] == 100 and len(mean["head"]) == 16
    assert len(mean["sha256"]) == 64


def test_pipeline_and_column_transformer_steps_with_construction_sites(record):
    X, y = data()
    box = {}

    def go():
        pre = ColumnTransformer([
            ("num", StandardScaler(), ["a", "b"]),  # MARK-ct-scaler
            ("cat", OneHotEncoder(), ["c"]),  # MARK-ct-onehot
        ])
        model = Pipeline([("pre", pre), ("lr", LogisticRegression())])  # MARK-pipe
        model.fit(X, y)  # MARK-fit
        box["p"] = model.predict(X)  # MARK-predict
    run = record(go)
    fit = run.find("Pipeline.fit")
    nested = [o for o in run.ops if o.op.get("parentSeq") is not None]
    names = [o.function for o in nested]
    assert "ColumnTransformer.fit_transform" in names and "StandardScaler.fit_transform" in names
    assert "OneHotEncoder.fit_transform" in names and "LogisticRegression.fit" in names
    sc = run.find("StandardScaler.fit_transform")
    assert sc.loc["line"] == line_of("MARK-fit")  # the call site is the user's fit line
    assert sc.loc["constructedAt"]["line"] == line_of("MARK-ct-scaler")  # clone keeps the original's site
    oh = run.find("OneHotEncoder.fit_transform")
    assert oh.loc["constructedAt"]["line"] == line_of("MARK-ct-onehot")
    assert fit.loc["constructedAt"]["line"] == line_of("MARK-pipe")
    ct = run.find("ColumnTransformer.fit_transform")
    assert ct.op["parentSeq"] == fit.seq and sc.op["parentSeq"] == ct.seq
    lr_fit = run.find("LogisticRegression.fit")
    assert lr_fit.inputs[0] == ct.out().name  # the step graph is linked through dataset names
    # predict: transform steps use the state fitted inside Pipeline.fit
    sc_t = run.find("StandardScaler.transform")
    assert sc_t.fitted["fittedBy"] == sc.run_id and sc_t.loc["line"] == line_of("MARK-predict")
    pred = run.find("Pipeline.predict")
    assert pred.fitted["fittedBy"] == fit.run_id and pred.out("pred").rows == len(X)
    steps = fit.fitted["steps"]
    assert [s["name"] for s in steps] == ["pre", "lr"] and steps[0]["objectId"] == ct.fitted["objectId"]
    # the column subsets ColumnTransformer hands its transformers are projections of the pipeline's X
    subsets = [o for o in run.ops if o.function == "ColumnTransformer.select_columns" and o.op["parentSeq"] == ct.seq]
    assert len(subsets) == 2 and all(o.inputs == [fit.inputs[0]] for o in subsets)
    assert sc.inputs[0] in [o.out().name for o in subsets]
    assert [c for c, _ in subsets[0].out().schema] == ["a", "b"]


def test_cross_validation_and_grid_search_are_single_cv_operators(record):
    X, y = data()
    Xn = X[["a", "b"]]
    box = {}

    def go():
        model = LogisticRegression()
        box["cv"] = cross_val_score(model, Xn, y, cv=3)
        gs = GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=3)
        gs.fit(Xn, y)
        box["score"] = gs.score(Xn, y)
    run = record(go)
    # the clones fitted inside the helpers are not separate operators
    assert run.functions() == ["cross_val_score", "GridSearchCV.fit", "GridSearchCV.score"]
    cv = run.find("cross_val_score")
    assert cv.kind == "cv" and cv.fitted["result"] == [float(v) for v in box["cv"]]
    gs = run.find("GridSearchCV.fit")
    assert gs.kind == "cv" and gs.fitted["learned"]["best_params_"]["C"] in (0.1, 1.0)
    sc = run.find("GridSearchCV.score")
    assert sc.fitted["fittedBy"] == gs.run_id and sc.fitted["result"] == box["score"]


class DuplicatingSampler(BaseEstimator):
    """Random oversampling of the minority class that reports which rows it picked (like imblearn)."""
    def __init__(self, random_state=0):
        self.random_state = random_state

    def fit_resample(self, X, y):
        rng = np.random.default_rng(self.random_state)
        y = np.asarray(y)
        minority = np.flatnonzero(y == np.argmin(np.bincount(y)))
        extra = rng.choice(minority, size=len(y) - 2 * len(minority), replace=True)
        self.sample_indices_ = np.concatenate([np.arange(len(y)), extra])
        return X.iloc[self.sample_indices_], y[self.sample_indices_]


class InterpolatingSampler(BaseEstimator):
    """SMOTE-like: originals first, then synthetic rows between random minority pairs (no sample_indices_)."""
    def fit_resample(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        idx = np.flatnonzero(y == 1)[:10]
        synth = (X[idx] + X[idx[::-1]]) / 2 + 0.123
        return np.vstack([X, synth]), np.concatenate([y, np.ones(len(idx), dtype=y.dtype)])


def test_fit_resample_generic_samplers(record):
    X, y = data(100)
    Xn = X[["a", "b"]].assign(tid=np.arange(100))
    box = {}

    def go():
        box["dup"] = DuplicatingSampler().fit_resample(Xn, y)
        box["syn"] = InterpolatingSampler().fit_resample(Xn, y)
    run = record(go)
    dup, syn = [o for o in run.ops if o.kind == "resample"]
    assert dup.function == "DuplicatingSampler.fit_resample" and dup.fitted["role"] == "sampler"
    pos = dup.out("X").array("positions")
    np.testing.assert_array_equal(box["dup"][0]["tid"].to_numpy(), pos)
    assert "method" not in dup.out("X").lineage
    pos = syn.out("X").array("positions")
    assert syn.out("X").lineage["method"] == "content-hash"
    np.testing.assert_array_equal(pos[:100], np.arange(100))
    assert (pos[100:] == -1).all()
    np.testing.assert_array_equal(syn.out("y").array("positions"), pos)


def test_estimator_unpickled_while_recording_is_recorded_without_a_construction_site(record, tmp_path):
    import subprocess
    import sys
    import textwrap
    from conftest import subprocess_env
    # a fresh process, so the model's class is first imported by pickle.load while recording
    (tmp_path / "make.py").write_text(textwrap.dedent("""
        import pickle, numpy as np
        from sklearn.linear_model import LogisticRegression
        X = np.arange(20.0).reshape(10, 2); y = np.array([0, 1] * 5)
        pickle.dump(LogisticRegression().fit(X, y), open("m.pkl", "wb"))
    """))
    (tmp_path / "serve.py").write_text(textwrap.dedent("""
        import pickle, numpy as np
        model = pickle.load(open("m.pkl", "rb"))
        print(model.predict(np.arange(6.0).reshape(3, 2)).tolist())
    """))
    subprocess.run([sys.executable, "make.py"], cwd=tmp_path, check=True)
    r = subprocess.run([sys.executable, "-m", "skewer", "record", "--out", "runs", "serve.py"], cwd=tmp_path,
                       env=subprocess_env(), capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    from runlog import latest_run
    run = latest_run(str(tmp_path / "runs"))
    pred = run.find("LogisticRegression.predict")
    assert pred.fitted["fittedInRun"] is False and "fittedBy" not in pred.fitted
    assert "constructedAt" not in pred.loc and pred.fitted["learned"]["coef_"]
