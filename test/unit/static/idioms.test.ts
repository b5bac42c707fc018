/**
 * Idioms beyond train_test_split + sklearn fit: method chains, numpy helpers, hand-made index
 * cuts, sweeps, statsmodels, scorer callables, serving entry points. Each pattern has a case that
 * must fire and a look-alike that must not.
 */
import * as assert from 'node:assert/strict';
import { analyze, hits, lineOf, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

const PD = py`
  import numpy as np
  import pandas as pd
  from sklearn.model_selection import train_test_split
  from sklearn.linear_model import LogisticRegression, Ridge
  from sklearn.metrics import accuracy_score, mean_absolute_error
  sales = pd.read_csv("sales.csv")
`;

describe('static idioms', () => {
  describe('leakage/preprocessing', () => {
    it('df.pipe(f) runs f on the frame: a median fill inside a chain fires', () => {
      const src = PD + py`
        clean = sales.pipe(lambda d: d.fillna(d.median(numeric_only=True)))
        a, b = train_test_split(clean, test_size=0.2)
        m = Ridge().fit(a[["x"]], a["y"])
        print(mean_absolute_error(b["y"], m.predict(b[["x"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, '.pipe(')]);
    });
    it('a pipe with a constant fill does not fire', () => {
      const src = PD + py`
        clean = sales.pipe(lambda d: d.fillna(0))
        a, b = train_test_split(clean, test_size=0.2)
        m = Ridge().fit(a[["x"]], a["y"])
        print(mean_absolute_error(b["y"], m.predict(b[["x"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });

    it('a Keras preprocessing layer adapted on all rows and then called on them fires at adapt', () => {
      const src = PD + py`
        from tensorflow.keras import layers
        norm = layers.Normalization()
        feats = sales[["x", "z"]].values
        norm.adapt(feats)
        scaled = norm(feats).numpy()
        xa, xb, ya, yb = train_test_split(scaled, sales["y"].values)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'norm.adapt')]);
    });
    it('the same layer adapted on the training split does not fire', () => {
      const src = PD + py`
        from tensorflow.keras import layers
        norm = layers.Normalization()
        feats = sales[["x", "z"]].values
        xa, xb, ya, yb = train_test_split(feats, sales["y"].values)
        norm.adapt(xa)
        sa, sb = norm(xa).numpy(), norm(xb).numpy()
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });

    it('a KMeans.fit_predict cluster id used as a feature before the split fires', () => {
      const src = PD + py`
        from sklearn.cluster import MiniBatchKMeans
        sales["cluster"] = MiniBatchKMeans(4).fit_predict(sales[["x", "z"]])
        tr, te = train_test_split(sales)
        m = LogisticRegression().fit(tr[["x", "cluster"]], tr["y"])
        print(accuracy_score(te["y"], m.predict(te[["x", "cluster"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'fit_predict')]);
    });
    it('clustering with fit_predict and no split (pure segmentation) does not fire', () => {
      const src = PD + py`
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score
        labels = KMeans(4).fit_predict(sales[["x", "z"]])
        print(silhouette_score(sales[["x", "z"]], labels))
      `;
      assert.deepEqual(hits(src), []);
    });

    it('a numpy nanmean fill read from a .mat file before the split fires', () => {
      const src = py`
        import numpy as np
        from scipy.io import loadmat
        from sklearn.model_selection import train_test_split
        raw = loadmat("signals.mat")
        A = raw["X"].astype(float)
        A = np.where(np.isnan(A), np.nanmean(A, axis=0), A)
        A_tr, A_te = train_test_split(A, test_size=0.3)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'np.where')]);
    });
    it('the same fill with the training means only does not fire', () => {
      const src = py`
        import numpy as np
        from scipy.io import loadmat
        from sklearn.model_selection import train_test_split
        raw = loadmat("signals.mat")
        A = raw["X"].astype(float)
        A_tr, A_te = train_test_split(A, test_size=0.3)
        mu = np.nanmean(A_tr, axis=0)
        A_tr = np.where(np.isnan(A_tr), mu, A_tr)
        A_te = np.where(np.isnan(A_te), mu, A_te)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });

    it('columns chosen by a selector fitted on all rows (X.columns[sel.get_support()]) fire at the fit', () => {
      const src = PD + py`
        from sklearn.feature_selection import RFE
        X = sales.drop(columns=["y"])
        sel = RFE(Ridge(), n_features_to_select=3)
        sel.fit(X, sales["y"])
        keep = X.columns[sel.get_support()].tolist()
        Xa, Xb, ya, yb = train_test_split(X[keep], sales["y"])
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'sel.fit(')]);
    });
    it('a selector fitted on the training split does not fire', () => {
      const src = PD + py`
        from sklearn.feature_selection import RFE
        X = sales.drop(columns=["y"])
        Xa, Xb, ya, yb = train_test_split(X, sales["y"])
        sel = RFE(Ridge(), n_features_to_select=3).fit(Xa, ya)
        keep = Xa.columns[sel.get_support()].tolist()
        m = Ridge().fit(Xa[keep], ya)
        print(mean_absolute_error(yb, m.predict(Xb[keep])))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });

    it('a min/max rescale before a permutation cut into train_rows/test_rows fires', () => {
      const src = py`
        import numpy as np
        from sklearn.linear_model import Ridge
        M = np.loadtxt("m.csv", delimiter=",")
        feats, target = M[:, :-1], M[:, -1]
        feats = (feats - feats.min(axis=0)) / (feats.max(axis=0) - feats.min(axis=0))
        perm = np.random.permutation(len(feats))
        train_rows, test_rows = perm[:800], perm[800:]
        r = Ridge().fit(feats[train_rows], target[train_rows])
        print(r.score(feats[test_rows], target[test_rows]))
      `;
      assert.ok(rules(src, 'leakage/preprocessing').includes(lineOf(src, 'feats = (feats')));
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('a rescale computed from the training rows after the cut does not fire', () => {
      const src = py`
        import numpy as np
        from sklearn.linear_model import Ridge
        M = np.loadtxt("m.csv", delimiter=",")
        feats, target = M[:, :-1], M[:, -1]
        perm = np.random.permutation(len(feats))
        train_rows, test_rows = perm[:800], perm[800:]
        Ftr, Fte = feats[train_rows], feats[test_rows]
        lo, hi = Ftr.min(axis=0), Ftr.max(axis=0)
        r = Ridge().fit((Ftr - lo) / (hi - lo), target[train_rows])
        print(r.score((Fte - lo) / (hi - lo), target[test_rows]))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });

    it('positions split with train_test_split(np.arange(n)) split the rows they index: a scaler before them fires', () => {
      const src = PD + py`
        from sklearn.preprocessing import StandardScaler
        F = StandardScaler().fit_transform(sales[["x", "z"]].values)
        t = sales["y"].values
        i_tr, i_te = train_test_split(np.arange(len(F)), test_size=0.2)
        m = LogisticRegression().fit(F[i_tr], t[i_tr])
        print(accuracy_score(t[i_te], m.predict(F[i_te])))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'StandardScaler().fit_transform')]);
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('a scaler fitted on the rows picked by the training positions does not fire', () => {
      const src = PD + py`
        from sklearn.preprocessing import StandardScaler
        F = sales[["x", "z"]].values
        t = sales["y"].values
        i_tr, i_te = train_test_split(np.arange(len(F)), test_size=0.2)
        sc = StandardScaler().fit(F[i_tr])
        m = LogisticRegression().fit(sc.transform(F[i_tr]), t[i_tr])
        print(accuracy_score(t[i_te], m.predict(sc.transform(F[i_te]))))
      `;
      assert.deepEqual(hits(src), []);
    });

    it('a prep() helper returning (fit_transform(X), y) refits on the holdout file: a refit mismatch, not leakage', () => {
      const src = py`
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        def prep(frame):
            sc = StandardScaler()
            return sc.fit_transform(frame.drop(columns=["y"])), frame["y"]
        Xa, ya = prep(pd.read_csv("part_train.csv"))
        Xh, yh = prep(pd.read_csv("part_holdout.csv"))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), [lineOf(src, 'return sc.fit_transform')]);
    });
    it('a helper that only transforms with a scaler fitted on the training file does not fire', () => {
      const src = py`
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        def prep(frame, sc):
            return sc.transform(frame.drop(columns=["y"])), frame["y"]
        tr = pd.read_csv("part_train.csv")
        sc = StandardScaler().fit(tr.drop(columns=["y"]))
        Xa, ya = prep(tr, sc)
        Xh, yh = prep(pd.read_csv("part_holdout.csv"), sc)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });

    it('a helper that fits only when no fitted scaler is passed (if scaler is None) does not fit on the test rows', () => {
      const src = PD + py`
        from sklearn.preprocessing import StandardScaler
        tr, te = train_test_split(sales)
        def prep(frame, scaler=None):
            if scaler is None:
                scaler = StandardScaler().fit(frame[["x"]])
            return scaler.transform(frame[["x"]]), scaler
        Xtr, sc = prep(tr)
        Xte, _ = prep(te, sc)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const refits = src.replace('Xte, _ = prep(te, sc)', 'Xte, _ = prep(te)');
      assert.deepEqual(rules(refits, 'leakage/preprocessing'), []);
      assert.deepEqual(rules(refits, 'mismatch/refit-at-inference'), [lineOf(refits, 'StandardScaler().fit')]);
    });

    it('a per-group rolling mean via groupby().transform(lambda) is not a fitted statistic', () => {
      const src = PD + py`
        sales["roll"] = sales.groupby("store")["units"].transform(lambda s: s.rolling(3, min_periods=1).mean())
        tr, te = train_test_split(sales, shuffle=False)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('a per-group median fill via groupby().transform(lambda) before the split fires', () => {
      const src = PD + py`
        sales["units"] = sales.groupby("store")["units"].transform(lambda s: s.fillna(s.median()))
        tr, te = train_test_split(sales)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'transform(lambda')]);
    });
  });

  describe('leakage/overlap', () => {
    it('groupby().sample(replace=True) before the split fires', () => {
      const src = PD + py`
        up = sales.groupby("cls", group_keys=False).sample(n=500, replace=True)
        tr, te = train_test_split(up)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, '.sample(')]);
    });
    it('groupby().sample without replacement does not fire', () => {
      const src = PD + py`
        down = sales.groupby("cls", group_keys=False).sample(n=100)
        tr, te = train_test_split(down)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });

    it('rows expanded by a weight (df.loc[df.index.repeat(w)]) before the split fire', () => {
      const src = PD + py`
        big = sales.loc[sales.index.repeat(sales["w"])].reset_index(drop=True)
        tr, te = train_test_split(big)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'index.repeat')]);
    });
    it('rows expanded inside the training split only do not fire', () => {
      const src = PD + py`
        tr, te = train_test_split(sales)
        tr = tr.loc[tr.index.repeat(tr["w"])]
        m = Ridge().fit(tr[["x"]], tr["y"])
        print(mean_absolute_error(te["y"], m.predict(te[["x"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });

    it('X and y stacked with noisy copies in step give one finding, on the features', () => {
      const src = py`
        import numpy as np
        from sklearn.model_selection import train_test_split
        A = np.load("a.npy"); t = np.load("t.npy")
        A2 = np.concatenate([A, A * 1.01])
        t2 = np.concatenate([t, t])
        a1, a2, t1, t3 = train_test_split(A2, t2)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'A2 = ')]);
    });

    it('holdout-file rows stacked into the training matrix fire when the model is scored on the holdout', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from sklearn.linear_model import Ridge
        a = pd.read_csv("fold_train.csv"); h = pd.read_csv("fold_holdout.csv")
        Xa, Xh = a[["x"]].to_numpy(), h[["x"]].to_numpy()
        Xa = np.vstack([Xa, Xh[:50]])
        ya = np.concatenate([a["y"].to_numpy(), h["y"].to_numpy()[:50]])
        m = Ridge().fit(Xa, ya)
        print(m.score(Xh, h["y"].to_numpy()))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'np.vstack')]);
    });
    it('a final refit on train + holdout that is not scored again does not fire', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from sklearn.linear_model import Ridge
        a = pd.read_csv("fold_train.csv"); h = pd.read_csv("fold_holdout.csv")
        m = Ridge().fit(a[["x"]], a["y"])
        print(m.score(h[["x"]], h["y"]))
        final = Ridge().fit(pd.concat([a, h])[["x"]], pd.concat([a, h])["y"])
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });

    it('a model scored only on the rows it was fitted on fires when the score is called a test score or the file holds data out later; with no held-out data anywhere it is a descriptive fit', () => {
      const src = PD + py`
        m = LogisticRegression().fit(sales[["x"]], sales["y"])
        print(accuracy_score(sales["y"], m.predict(sales[["x"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
      const called = src.replace('print(accuracy_score', 'print("test accuracy", accuracy_score');
      assert.deepEqual(rules(called, 'leakage/overlap'), [lineOf(called, 'test accuracy')]);
      const later = src + 'tr, te = train_test_split(sales)\n';
      assert.deepEqual(rules(later, 'leakage/overlap'), [lineOf(later, 'print(accuracy_score')]);
    });
    it('a training score labelled as such, or one next to a real split, does not fire', () => {
      const labelled = PD + py`
        m = LogisticRegression().fit(sales[["x"]], sales["y"])
        print("train accuracy", accuracy_score(sales["y"], m.predict(sales[["x"]])))
      `;
      assert.deepEqual(rules(labelled, 'leakage/overlap'), []);
      const masks = PD + py`
        old = sales[sales["year"] < 2020]
        new = sales[sales["year"] >= 2020]
        m = LogisticRegression().fit(old[["x"]], old["y"])
        print(accuracy_score(new["y"], m.predict(new[["x"]])))
      `;
      assert.deepEqual(rules(masks, 'leakage/overlap'), []);
    });

    it('a validation set cut out of the rows the model was fitted on fires at the cut (X and y from separate arrays)', () => {
      const src = py`
        import numpy as np
        from sklearn.model_selection import train_test_split
        from sklearn.tree import DecisionTreeClassifier
        from sklearn.metrics import accuracy_score
        A = np.load("a.npy"); t = np.load("t.npy")
        A_train, A_test, t_train, t_test = train_test_split(A, t)
        clf = DecisionTreeClassifier().fit(A_train, t_train)
        A_val, t_val = A_train[:100], t_train[:100]
        print(accuracy_score(t_val, clf.predict(A_val)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'A_val, t_val =')]);
      const picked = src.replace('A_val, t_val = A_train[:100], t_train[:100]', 'pick = np.random.choice(len(A_train), 100)\nA_val, t_val = A_train[pick], t_train[pick]');
      assert.deepEqual(rules(picked, 'leakage/overlap'), [lineOf(picked, 'A_val, t_val =')]);
    });
    it('a validation set cut off before fitting on the rest does not fire', () => {
      const src = py`
        import numpy as np
        from sklearn.model_selection import train_test_split
        from sklearn.tree import DecisionTreeClassifier
        from sklearn.metrics import accuracy_score
        A = np.load("a.npy"); t = np.load("t.npy")
        A_train, A_test, t_train, t_test = train_test_split(A, t)
        A_fit, A_val, t_fit, t_val = A_train[100:], A_train[:100], t_train[100:], t_train[:100]
        clf = DecisionTreeClassifier().fit(A_fit, t_fit)
        print(accuracy_score(t_val, clf.predict(A_val)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });

    it('an unsupervised detector fitted on X alone and scored against the labels does not fire', () => {
      const src = PD + py`
        from sklearn.ensemble import IsolationForest
        from sklearn.metrics import roc_auc_score
        iso = IsolationForest().fit(sales[["x", "z"]])
        print(roc_auc_score(sales["y"], -iso.score_samples(sales[["x", "z"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });

    it('embeddings computed batch by batch in a loop and stacked are not duplicated rows', () => {
      const src = PD + py`
        parts = []
        for s in range(0, len(sales), 32):
            parts.append(embed(sales.text[s:s + 32]))
        E = np.vstack(parts)
        Ea, Eb, ya, yb = train_test_split(E, sales["y"])
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });

    it('next(ShuffleSplit.split(X)) indices split the rows: no overlap, and a scaler fitted before them leaks', () => {
      const src = PD + py`
        from sklearn.model_selection import ShuffleSplit
        from sklearn.preprocessing import MinMaxScaler
        X = MinMaxScaler().fit_transform(sales[["x", "z"]].to_numpy())
        y = sales["y"].to_numpy()
        tr_i, te_i = next(ShuffleSplit(n_splits=1, test_size=0.2).split(X))
        m = LogisticRegression().fit(X[tr_i], y[tr_i])
        print(accuracy_score(y[te_i], m.predict(X[te_i])))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'MinMaxScaler()')]);
    });
  });

  describe('leakage/multi-test', () => {
    it('a sweep over tuples of settings through a model factory fires at the test evaluation', () => {
      const src = PD + py`
        from sklearn.ensemble import RandomForestClassifier
        tr, te = train_test_split(sales)
        def make(depth, leaf):
            return RandomForestClassifier(max_depth=depth, min_samples_leaf=leaf)
        for depth, leaf in [(3, 1), (6, 2), (9, 5)]:
            clf = make(depth, leaf)
            clf.fit(tr[["x"]], tr["y"])
            print(depth, accuracy_score(te["y"], clf.predict(te[["x"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(depth')]);
    });
    it('the same sweep scored by cross-validation on the training split does not fire', () => {
      const src = PD + py`
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.model_selection import cross_val_score
        tr, te = train_test_split(sales)
        for depth, leaf in [(3, 1), (6, 2), (9, 5)]:
            clf = RandomForestClassifier(max_depth=depth, min_samples_leaf=leaf)
            print(depth, cross_val_score(clf, tr[["x"]], tr["y"]).mean())
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });

    it('Model(**params) over a ParameterGrid scored on the test split fires', () => {
      const src = PD + py`
        from sklearn.model_selection import ParameterGrid
        tr, te = train_test_split(sales)
        for params in ParameterGrid({"alpha": [0.1, 1.0, 10.0]}):
            r = Ridge(**params).fit(tr[["x"]], tr["y"])
            err = mean_absolute_error(te["y"], r.predict(te[["x"]]))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'err = ')]);
    });
    it('Model(**fixed) defined once and scored once does not fire', () => {
      const src = PD + py`
        tr, te = train_test_split(sales)
        best = {"alpha": 1.0}
        r = Ridge(**best).fit(tr[["x"]], tr["y"])
        err = mean_absolute_error(te["y"], r.predict(te[["x"]]))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });

    it('a get_scorer callable applied to several models on the test split fires', () => {
      const src = PD + py`
        from sklearn.metrics import get_scorer
        from sklearn.tree import DecisionTreeClassifier
        tr, te = train_test_split(sales)
        f1 = get_scorer("f1")
        for est in [LogisticRegression(), DecisionTreeClassifier()]:
            est.fit(tr[["x"]], tr["y"])
            print(f1(est, te[["x"]], te["y"]))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(f1(')]);
    });
    it('the scorer applied to one model does not fire', () => {
      const src = PD + py`
        from sklearn.metrics import get_scorer
        tr, te = train_test_split(sales)
        f1 = get_scorer("f1")
        est = LogisticRegression().fit(tr[["x"]], tr["y"])
        print(f1(est, te[["x"]], te["y"]))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });

    it('two statsmodels specifications compared with a hand-written rmse on the test split fire', () => {
      const src = PD + py`
        import statsmodels.formula.api as smf
        tr, te = train_test_split(sales)
        def rmse(a, b):
            return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))
        m1 = smf.ols("y ~ x", data=tr).fit()
        print(rmse(te["y"], m1.predict(te)))
        m2 = smf.ols("y ~ x + z", data=tr).fit()
        print(rmse(te["y"], m2.predict(te)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'm2.predict(te)')]);
    });
    it('one statsmodels model scored with rmse on train and on test does not fire', () => {
      const src = PD + py`
        import statsmodels.api as sm
        tr, te = train_test_split(sales)
        def rmse(a, b):
            return float(np.sqrt(np.mean((a - b) ** 2)))
        m = sm.OLS(tr["y"], tr[["x", "z"]]).fit()
        print(rmse(tr["y"], m.predict(tr[["x", "z"]])), rmse(te["y"], m.predict(te[["x", "z"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });

    it('ARIMA orders compared by forecasting the held-out tail fire; one order does not', () => {
      const src = py`
        import pandas as pd
        from statsmodels.tsa.arima.model import ARIMA
        from sklearn.metrics import mean_absolute_error
        s = pd.read_csv("s.csv", parse_dates=["m"], index_col="m")["v"]
        train, test = s[:-6], s[-6:]
        for order in [(1, 1, 0), (0, 1, 1)]:
            res = ARIMA(train, order=order).fit()
            print(order, mean_absolute_error(test, res.forecast(steps=6)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(order')]);
      const one = src.replace('for order in [(1, 1, 0), (0, 1, 1)]:', 'if True:\n    order = (1, 1, 0)');
      assert.deepEqual(rules(one, 'leakage/multi-test'), []);
    });

    it('with no test set, models compared on the one validation split fire', () => {
      const src = PD + py`
        from sklearn.tree import DecisionTreeClassifier
        X_tr, X_valid, y_tr, y_valid = train_test_split(sales[["x"]], sales["y"])
        a = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_valid, a.predict(X_valid)))
        b = DecisionTreeClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_valid, b.predict(X_valid)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'b.predict(X_valid)')]);
    });
    it('models compared on validation with a separate test set scored once do not fire', () => {
      const src = PD + py`
        from sklearn.tree import DecisionTreeClassifier
        X_rest, X_test, y_rest, y_test = train_test_split(sales[["x"]], sales["y"])
        X_tr, X_valid, y_tr, y_valid = train_test_split(X_rest, y_rest)
        a = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_valid, a.predict(X_valid)))
        b = DecisionTreeClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_valid, b.predict(X_valid)))
        print(accuracy_score(y_test, b.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });

    it('a Keras learning-rate sweep set at compile time fires; one model evaluated after each epoch does not', () => {
      const src = py`
        import tensorflow as tf
        (xa, ya), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
        for lr in [1e-2, 1e-3]:
            net = tf.keras.Sequential([tf.keras.layers.Dense(10)])
            net.compile(optimizer=tf.keras.optimizers.SGD(lr), loss="mse")
            net.fit(xa, ya)
            print(lr, net.evaluate(x_test, y_test))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(lr')]);
      const epochs = py`
        import tensorflow as tf
        (xa, ya), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
        net = tf.keras.Sequential([tf.keras.layers.Dense(10)])
        net.compile(optimizer="sgd", loss="mse")
        for epoch in range(3):
            net.fit(xa, ya, epochs=1)
            print(epoch, net.evaluate(x_test, y_test))
      `;
      assert.deepEqual(rules(epochs, 'leakage/multi-test'), []);
    });

    it('x_te / y_te name a test set', () => {
      const src = py`
        from tensorflow import keras
        (x_tr, y_tr), (x_te, y_te) = keras.datasets.mnist.load_data()
        a = keras.Sequential([keras.layers.Dense(10)]); a.fit(x_tr, y_tr)
        print(a.evaluate(x_te, y_te))
        b = keras.Sequential([keras.layers.Dense(64), keras.layers.Dense(10)]); b.fit(x_tr, y_tr)
        print(b.evaluate(x_te, y_te))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'b.evaluate')]);
    });
  });

  describe('loops, ranks, time buckets and sampled splits', () => {
    it('the third of three predictions scored in a loop over a literal list fires', () => {
      const src = PD + py`
        from sklearn.tree import DecisionTreeRegressor
        tr, te = train_test_split(sales)
        base = [tr["y"].mean()] * len(te)
        p1 = Ridge().fit(tr[["x"]], tr["y"]).predict(te[["x"]])
        p2 = DecisionTreeRegressor().fit(tr[["x"]], tr["y"]).predict(te[["x"]])
        for label, p in [("base", base), ("ridge", p1), ("tree", p2)]:
            print(label, mean_absolute_error(te["y"], p))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(label')]);
    });
    it('one model scored with several metrics in a loop does not fire', () => {
      const src = PD + py`
        from sklearn.metrics import mean_squared_error, r2_score
        tr, te = train_test_split(sales)
        p = Ridge().fit(tr[["x"]], tr["y"]).predict(te[["x"]])
        for metric in [mean_absolute_error, mean_squared_error, r2_score]:
            print(metric(te["y"], p))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });

    it('a percentile rank over all rows before the split fires; a per-day resampled mean does not', () => {
      const ranked = PD + py`
        sales["x_pct"] = sales["x"].rank(pct=True)
        tr, te = train_test_split(sales)
      `;
      assert.deepEqual(rules(ranked, 'leakage/preprocessing'), [lineOf(ranked, 'rank(pct=True)')]);
      const daily = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        m = pd.read_csv("m.csv", parse_dates=["ts"], index_col="ts")
        d = m["kwh"].resample("D").sum().to_frame()
        d["t"] = m["temp"].resample("D").mean()
        tr, te = train_test_split(d, shuffle=False)
      `;
      assert.deepEqual(rules(daily, 'leakage/preprocessing'), []);
    });

    it('a random df.sample(frac=0.8) split of time-ordered rows is temporal leakage; a head/tail cut is not', () => {
      const src = py`
        import pandas as pd
        ev = pd.read_csv("ev.csv", parse_dates=["ts"]).sort_values("ts")
        train = ev.sample(frac=0.8, random_state=0)
        test = ev.drop(train.index)
      `;
      assert.deepEqual(rules(src, 'leakage/temporal'), [lineOf(src, 'ev.sample')]);
      const cut = py`
        import pandas as pd
        ev = pd.read_csv("ev.csv", parse_dates=["ts"]).sort_values("ts")
        n = int(len(ev) * 0.8)
        train = ev.head(n)
        test = ev.tail(len(ev) - n)
      `;
      assert.deepEqual(rules(cut, 'leakage/temporal'), []);
    });

    it('shuffled k-fold cross-validation of time-ordered rows is temporal leakage; TimeSeriesSplit is not', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import KFold, TimeSeriesSplit, cross_val_score
        from sklearn.linear_model import Ridge
        p = pd.read_csv("p.csv", parse_dates=["day"]).sort_values("day")
        p["lag1"] = p["v"].shift(1)
        p = p.dropna()
        s = cross_val_score(Ridge(), p[["lag1"]], p["v"], cv=KFold(5, shuffle=True, random_state=0))
      `;
      assert.deepEqual(rules(src, 'leakage/temporal'), [lineOf(src, 's = cross_val_score')]);
      const ts = src.replace('KFold(5, shuffle=True, random_state=0)', 'TimeSeriesSplit(5)');
      assert.deepEqual(rules(ts, 'leakage/temporal'), []);
    });

    it('ShuffleSplit(n_splits=1) in a for loop is one split: the scaler message names the split', () => {
      const src = PD + py`
        from sklearn.model_selection import ShuffleSplit
        from sklearn.preprocessing import StandardScaler
        F = StandardScaler().fit_transform(sales[["x", "z"]])
        for a_idx, b_idx in ShuffleSplit(n_splits=1, test_size=0.2).split(F):
            Fa, Fb = F[a_idx], F[b_idx]
      `;
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/preprocessing');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'StandardScaler()')]);
      assert.equal(f[0].evidence.reason, 'split');
      assert.doesNotMatch(f[0].message, /cross-validation/);
    });
  });

  describe('leakage/target', () => {
    it('a label range loc[:, "a":"label"] keeps the label', () => {
      const src = PD + py`
        X = sales.loc[:, "x":"y"]
        m = LogisticRegression().fit(X, sales["y"])
      `;
      assert.deepEqual(rules(src, 'leakage/target'), [lineOf(src, 'sales.loc[:, "x":"y"]')]);
    });
    it('a range ending before the label does not fire', () => {
      const src = PD + py`
        X = sales.loc[:, "x":"z"]
        m = LogisticRegression().fit(X, sales["y"])
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
    });
    it('df.filter(like=...) selects features by name: no label unless the pattern matches it', () => {
      const clean = PD + py`
        X = sales.filter(like="feat_").to_numpy()
        m = LogisticRegression().fit(X, sales["y"].to_numpy())
      `;
      assert.deepEqual(rules(clean, 'leakage/target'), []);
      const leaky = PD + py`
        X = sales.filter(regex="^f").to_numpy()
        m = LogisticRegression().fit(X, sales["flag"].to_numpy())
      `;
      assert.deepEqual(rules(leaky, 'leakage/target'), [lineOf(leaky, 'sales.filter')]);
    });
  });

  describe('mismatch rules at serving', () => {
    it('a serving-named file that splits its data is a training script: no refit finding', () => {
      const src = PD + py`
        from sklearn.preprocessing import StandardScaler
        tr, te = train_test_split(sales)
        sc = StandardScaler().fit(tr[["x"]])
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference', 'server_load_model.py'), []);
      const serving = PD + py`
        from sklearn.preprocessing import StandardScaler
        sc = StandardScaler().fit(sales[["x"]])
      `;
      assert.deepEqual(rules(serving, 'mismatch/refit-at-inference', 'server_load_model.py'), [lineOf(serving, 'StandardScaler().fit')]);
    });

    it('a model loaded into a global in init() and used positionally in run() fires', () => {
      const src = py`
        import joblib
        import pandas as pd
        model = None
        def init():
            global model
            model = joblib.load("model.pkl")
        def run(raw):
            frame = pd.DataFrame(raw)
            return model.predict(frame.values)
      `;
      assert.deepEqual(rules(src, 'mismatch/column-order', 'score.py'), [lineOf(src, 'frame.values')]);
    });
    it('the same entry point selecting the training columns by name does not fire', () => {
      const src = py`
        import joblib
        import pandas as pd
        model = None
        COLS = ["a", "b"]
        def init():
            global model
            model = joblib.load("model.pkl")
        def run(raw):
            frame = pd.DataFrame(raw)
            return model.predict(frame[COLS].values)
      `;
      assert.deepEqual(rules(src, 'mismatch/column-order', 'score.py'), []);
    });

    it('a frame indexed by a feature list loaded from disk is aligned', () => {
      const src = py`
        import joblib
        import pandas as pd
        clf = joblib.load("models/clf.joblib")
        COLUMNS = joblib.load("models/columns.joblib")
        def predict(payload):
            row = pd.DataFrame([payload])[COLUMNS]
            return clf.predict(row.to_numpy())
      `;
      assert.deepEqual(rules(src, 'mismatch/column-order', 'app.py'), []);
      const unaligned = src.replace('[COLUMNS]', '');
      assert.deepEqual(rules(unaligned, 'mismatch/column-order', 'app.py'), [lineOf(unaligned, 'row.to_numpy')]);
    });

    it('onnxruntime session.run fed a positional array of a frame fires; a reindexed frame does not', () => {
      const src = py`
        import numpy as np
        import onnxruntime as ort
        import pandas as pd
        sess = ort.InferenceSession("m.onnx")
        df = pd.read_csv("batch.csv")
        arr = np.asarray(df, dtype=np.float32)
        out = sess.run(None, {"input": arr})
      `;
      assert.deepEqual(rules(src, 'mismatch/column-order', 'batch_predict.py'), [lineOf(src, 'np.asarray')]);
      const aligned = src.replace('np.asarray(df,', 'np.asarray(df.reindex(columns=["a", "b"]),');
      assert.deepEqual(rules(aligned, 'mismatch/column-order', 'batch_predict.py'), []);
    });
  });
});
