/**
 * Round 18 (r18c-pre): preprocessing recall, continued. Each class has a case that must fire and a look-alike
 * that must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, lineOf, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 18, r18c-pre)', () => {
  describe('leakage/preprocessing: scaled data saved to a file and read back under another spelling of its path', () => {
    it('fires when a Windows directory literal is joined with the file name on save and spelled with backslashes on load', () => {
      const src = py`
        import os
        import numpy as np
        from sklearn.preprocessing import StandardScaler
        from sklearn.model_selection import train_test_split
        from sklearn.svm import SVC
        from sklearn.metrics import accuracy_score
        out_dir = os.path.join(r"D:\\audio", "feats")
        feats = np.load(r"D:\\audio\\raw.npy")
        labels = np.load(r"D:\\audio\\labels.npy")
        feats = StandardScaler().fit_transform(feats)
        np.save(os.path.join(out_dir, "scaled.npy"), feats)
        X = np.load(r"D:\\audio\\feats\\scaled.npy")
        X_tr, X_te, y_tr, y_te = train_test_split(X, labels, test_size=0.2, random_state=0)
        clf = SVC().fit(X_tr, y_tr)
        print(accuracy_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [10]);
    });
    it('fires when the directory is computed at run time and the file name is the shared literal', () => {
      const src = py`
        import os
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
        work = os.path.join(os.getcwd(), "cache")
        df = pd.read_csv("visits.csv")
        cols = ["age", "spend"]
        df[cols] = MinMaxScaler().fit_transform(df[cols])
        df.to_csv(os.path.join(work, "visits_scaled.csv"), index=False)
        data = pd.read_csv(os.path.join(os.getcwd(), "cache", "visits_scaled.csv"))
        X_tr, X_te, y_tr, y_te = train_test_split(data[cols], data["churn"], test_size=0.3, random_state=2)
        clf = LogisticRegression().fit(X_tr, y_tr)
        print(f1_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [10]);
    });
    it('does not fire when two folders hold a file of that name, so the name alone does not say which one is read', () => {
      const src = py`
        import os
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import f1_score
        scaled_dir = os.path.join(os.getcwd(), "scaled")
        raw_dir = os.path.join(os.getcwd(), "raw")
        df = pd.read_csv("visits.csv")
        df.to_csv(os.path.join(raw_dir, "visits.csv"), index=False)
        cols = ["age", "spend"]
        df[cols] = MinMaxScaler().fit_transform(df[cols])
        df.to_csv(os.path.join(scaled_dir, "visits.csv"), index=False)
        data = pd.read_csv(os.path.join(os.getcwd(), "raw", "visits.csv"))
        X_tr, X_te, y_tr, y_te = train_test_split(data[cols], data["churn"], test_size=0.3, random_state=2)
        clf = LogisticRegression().fit(X_tr, y_tr)
        print(f1_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the scaler saved to the file was fitted on the training part only', () => {
      const src = py`
        import os
        import numpy as np
        from sklearn.preprocessing import StandardScaler
        from sklearn.model_selection import train_test_split
        from sklearn.svm import SVC
        from sklearn.metrics import accuracy_score
        feats = np.load(r"D:\\audio\\raw.npy")
        labels = np.load(r"D:\\audio\\labels.npy")
        X_tr, X_te, y_tr, y_te = train_test_split(feats, labels, test_size=0.2, random_state=0)
        sc = StandardScaler().fit(X_tr)
        np.save(os.path.join(r"D:\\audio", "tr.npy"), sc.transform(X_tr))
        np.save(os.path.join(r"D:\\audio", "te.npy"), sc.transform(X_te))
        A = np.load(r"D:\\audio\\tr.npy")
        B = np.load(r"D:\\audio\\te.npy")
        clf = SVC().fit(A, y_tr)
        print(accuracy_score(y_te, clf.predict(B)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a Pipeline of the document\'s own transformer classes whose transform computes the statistic', () => {
    const classes = `
        import numpy as np
        import pandas as pd
        from sklearn.base import TransformerMixin
        from sklearn.pipeline import Pipeline
        from sklearn.model_selection import train_test_split
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.metrics import accuracy_score
        class OneHot(TransformerMixin):
            def fit(self, *_):
                return self
            def transform(self, X):
                return pd.get_dummies(X, columns=["side"])
        class GapFill(TransformerMixin):
            def __init__(self, cols=None):
                self.cols = cols
            def fit(self, *_):
                return self
            def transform(self, X):
                X[self.cols] = X[self.cols].fillna(X[self.cols].mean())
                return X
        class LogCols(TransformerMixin):
            def fit(self, *_):
                return self
            def transform(self, X):
                return np.log1p(X)
        matches = pd.read_csv("matches.csv")`;
    it('fires when the pipeline is fit_transformed on all rows before the split', () => {
      const src = py`
        ${classes}
        prep = Pipeline([("onehot", OneHot()), ("fill", GapFill(cols=["rating_a", "rating_b"]))])
        table = prep.fit_transform(matches)
        X = table.drop(columns=["winner"])
        y = table["winner"]
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=4)
        clf = RandomForestClassifier().fit(X_a, y_a)
        print(accuracy_score(y_b, clf.predict(X_b)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, '.fillna(')]);
    });
    it('does not fire when the pipeline is fit_transformed on the training part and the test part is only transformed', () => {
      const src = py`
        ${classes}
        prep = Pipeline([("onehot", OneHot()), ("fill", GapFill(cols=["rating_a", "rating_b"]))])
        X = matches.drop(columns=["winner"])
        y = matches["winner"]
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=4)
        X_a = prep.fit_transform(X_a)
        X_b = prep.transform(X_b)
        clf = RandomForestClassifier().fit(X_a, y_a)
        print(accuracy_score(y_b, clf.predict(X_b)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the document\'s steps only work row by row', () => {
      const src = py`
        ${classes}
        prep = Pipeline([("onehot", OneHot()), ("log", LogCols())])
        table = prep.fit_transform(matches)
        X = table.drop(columns=["winner"])
        y = table["winner"]
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=4)
        clf = RandomForestClassifier().fit(X_a, y_a)
        print(accuracy_score(y_b, clf.predict(X_b)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a named positional cut that nothing is fitted or scored on, of rows a model was trained on', () => {
    it('does not fire when the model is fitted on all rows and a middle slice named as test is only explained', () => {
      const src = py`
        import pandas as pd
        import shap
        from sklearn.preprocessing import MinMaxScaler
        from sklearn.neural_network import MLPRegressor
        frame = pd.read_csv("load.csv")
        scaled = MinMaxScaler().fit_transform(frame)
        X = scaled[:, :-1]
        y = scaled[:, -1]
        net = MLPRegressor(max_iter=300).fit(X, y)
        background = X[:40]
        test_rows = X[40:48]
        explainer = shap.KernelExplainer(net.predict, background)
        print(explainer.shap_values(test_rows))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when the model is fitted on the head cut and the tail cut is scored', () => {
      const src = py`
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler
        from sklearn.neural_network import MLPRegressor
        from sklearn.metrics import mean_absolute_error
        frame = pd.read_csv("load.csv")
        scaled = MinMaxScaler().fit_transform(frame)
        X = scaled[:, :-1]
        y = scaled[:, -1]
        X_train = X[:400]
        y_train = y[:400]
        X_test = X[400:]
        y_test = y[400:]
        net = MLPRegressor(max_iter=300).fit(X_train, y_train)
        print(mean_absolute_error(y_test, net.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [6]);
    });
  });

  describe('leakage/preprocessing: columns kept by the feature importances of a model fitted on all rows', () => {
    it('fires when the top importances of a forest fitted on all rows pick the columns of a reported cross-validation', () => {
      const src = py`
        import pandas as pd
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.model_selection import cross_val_score
        homes = pd.read_csv("homes.csv")
        X = homes.drop(columns=["price"])
        y = homes["price"]
        probe = RandomForestRegressor(n_estimators=50, random_state=0).fit(X, y)
        ranked = pd.Series(probe.feature_importances_, index=X.columns)
        keep = ranked.nlargest(8).index
        print(cross_val_score(RandomForestRegressor(), X[keep], y, cv=5).mean())
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [8]);
    });
    it('fires when importances above a threshold of a forest fitted on all rows pick the columns before the split', () => {
      const src = py`
        import pandas as pd
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import f1_score
        users = pd.read_csv("users.csv")
        X = users.drop(columns=["churn"])
        y = users["churn"]
        probe = RandomForestClassifier(random_state=0).fit(X, y)
        keep = X.columns[probe.feature_importances_ > 0.02]
        X_a, X_b, y_a, y_b = train_test_split(X[keep], y, test_size=0.25, random_state=1)
        clf = RandomForestClassifier().fit(X_a, y_a)
        print(f1_score(y_b, clf.predict(X_b)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [9]);
    });
    it('fires when the importances are put in a table with the column names and the names above a threshold are kept', () => {
      const src = py`
        import pandas as pd
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.model_selection import cross_val_score
        homes = pd.read_csv("homes.csv")
        X = homes.drop(columns=["price"])
        y = homes["price"]
        probe = RandomForestRegressor(n_estimators=50, random_state=0)
        probe.fit(X, y)
        table = pd.DataFrame({"name": X.columns, "weight": probe.feature_importances_})
        chosen = table[table["weight"] > 0.01]["name"].tolist()
        print(cross_val_score(RandomForestRegressor(), X[chosen], y, cv=5).mean())
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [9]);
    });
    it('does not fire when the table of importances of a forest fitted on the training part picks the columns', () => {
      const src = py`
        import pandas as pd
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import r2_score
        homes = pd.read_csv("homes.csv")
        X = homes.drop(columns=["price"])
        y = homes["price"]
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=3)
        probe = RandomForestRegressor(n_estimators=50, random_state=0).fit(X_a, y_a)
        table = pd.DataFrame({"name": X.columns, "weight": probe.feature_importances_})
        chosen = table[table["weight"] > 0.01]["name"].tolist()
        reg = RandomForestRegressor().fit(X_a[chosen], y_a)
        print(r2_score(y_b, reg.predict(X_b[chosen])))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the forest that ranks the columns is fitted on the training part only', () => {
      const src = py`
        import pandas as pd
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import f1_score
        users = pd.read_csv("users.csv")
        X = users.drop(columns=["churn"])
        y = users["churn"]
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.25, random_state=1)
        probe = RandomForestClassifier(random_state=0).fit(X_a, y_a)
        keep = X.columns[probe.feature_importances_ > 0.02]
        clf = RandomForestClassifier().fit(X_a[keep], y_a)
        print(f1_score(y_b, clf.predict(X_b[keep])))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the importances of a forest fitted on all rows are only shown', () => {
      const src = py`
        import pandas as pd
        import matplotlib.pyplot as plt
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import f1_score
        users = pd.read_csv("users.csv")
        X = users.drop(columns=["churn"])
        y = users["churn"]
        probe = RandomForestClassifier(random_state=0).fit(X, y)
        pd.Series(probe.feature_importances_, index=X.columns).sort_values().plot.barh()
        plt.show()
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.25, random_state=1)
        clf = RandomForestClassifier().fit(X_a, y_a)
        print(f1_score(y_b, clf.predict(X_b)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });
});
