import * as assert from 'node:assert/strict';
import { analyze, hits, lineOf, py } from './helpers';

const HEAD = py`
  import numpy as np
  import pandas as pd
  from sklearn.model_selection import train_test_split, cross_val_score, GridSearchCV, KFold
  from sklearn.preprocessing import StandardScaler
  from sklearn.pipeline import make_pipeline
  from sklearn.linear_model import LogisticRegression
  from sklearn.ensemble import RandomForestClassifier
  from sklearn.metrics import accuracy_score
  df = pd.read_csv("data.csv")
  X = df.drop(columns=["label"])
  y = df["label"]
`;

describe('static rules', () => {
  describe('leakage/preprocessing', () => {
    it('fires on a scaler fitted before the split, at the fit call', () => {
      const src = HEAD + py`
        sc = StandardScaler()
        X = sc.fit_transform(X)
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        m = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, m.predict(X_test)))
      `;
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/preprocessing');
      assert.equal(f.length, 1);
      assert.equal(f[0].location.line, lineOf(src, 'sc.fit_transform'));
      assert.equal(f[0].evidence.transformer, 'StandardScaler');
      assert.equal(f[0].evidence.splitLine, lineOf(src, 'train_test_split(X, y)'));
      assert.equal(f[0].source, 'static');
      assert.ok(f[0].related.some((r) => r.location.line === lineOf(src, 'train_test_split(X, y)')));
    });

    it('does not fire when the scaler is fitted on the training split', () => {
      const src = HEAD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        sc = StandardScaler().fit(X_train)
        m = LogisticRegression().fit(sc.transform(X_train), y_train)
        print(m.score(sc.transform(X_test), y_test))
      `;
      assert.deepEqual(hits(src), []);
    });

    it('fires on an open-coded mean fill before the split', () => {
      const src = HEAD + py`
        df["age"] = df["age"].fillna(df["age"].mean())
        X_train, X_test, y_train, y_test = train_test_split(df[["age"]], y)
      `;
      assert.deepEqual(hits(src), [`${lineOf(src, 'fillna')}:leakage/preprocessing`]);
    });

    it('reports a transformer fitted on the test set itself as a refit mismatch at warning, not leakage', () => {
      const src = HEAD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        sc = StandardScaler()
        X_train = sc.fit_transform(X_train)
        X_test = sc.fit_transform(X_test)
        print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
      `;
      const f = analyze(src);
      assert.deepEqual(f.map((x) => `${x.location.line}:${x.ruleId}:${x.severity}`), [`${lineOf(src, 'sc.fit_transform(X_test)')}:mismatch/refit-at-inference:warning`]);
    });

    it('reports a test frame filled with its own mean as a refit mismatch, and a fill from the training mean as nothing', () => {
      const own = HEAD + py`
        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        train["age"] = train["age"].fillna(train["age"].mean())
        test["age"] = test["age"].fillna(test["age"].mean())
        m = LogisticRegression().fit(train[["age"]], train["label"])
        print(accuracy_score(test["label"], m.predict(test[["age"]])))
      `;
      assert.deepEqual(hits(own), [`${lineOf(own, 'test["age"].mean()')}:mismatch/refit-at-inference`]);
      const shared = own.replace('test["age"].fillna(test["age"].mean())', 'test["age"].fillna(train["age"].mean())');
      assert.deepEqual(hits(shared), []);
    });

    it('fires on preprocessing before cross-validation but not on a pipeline inside it', () => {
      const leaky = HEAD + py`
        Xs = StandardScaler().fit_transform(X)
        print(cross_val_score(LogisticRegression(), Xs, y, cv=5).mean())
      `;
      assert.deepEqual(hits(leaky), [`${lineOf(leaky, 'fit_transform(X)')}:leakage/preprocessing`]);
      const clean = HEAD + py`
        pipe = make_pipeline(StandardScaler(), LogisticRegression())
        print(cross_val_score(pipe, X, y, cv=5).mean())
        GridSearchCV(pipe, {"logisticregression__C": [0.1, 1]}).fit(X, y)
      `;
      assert.deepEqual(hits(clean), []);
    });

    it('fires on a manual KFold loop over pre-scaled data', () => {
      const src = HEAD + py`
        Xs = StandardScaler().fit_transform(X)
        for tr, te in KFold(5).split(Xs):
            m = LogisticRegression().fit(Xs[tr], y[tr])
            print(m.score(Xs[te], y[te]))
      `;
      assert.deepEqual(hits(src), [`${lineOf(src, 'fit_transform(X)')}:leakage/preprocessing`]);
    });

    it('follows calls to functions defined in the file', () => {
      const src = HEAD + py`
        def scale(frame):
            return StandardScaler().fit_transform(frame)
        Xs = scale(X)
        X_train, X_test, y_train, y_test = train_test_split(Xs, y)
      `;
      assert.deepEqual(hits(src), [`${lineOf(src, 'return StandardScaler')}:leakage/preprocessing`]);
    });
  });

  describe('leakage/overlap', () => {
    it('fires on SMOTE before the split', () => {
      const src = HEAD + py`
        from imblearn.over_sampling import SMOTE
        X_res, y_res = SMOTE().fit_resample(X, y)
        X_train, X_test, y_train, y_test = train_test_split(X_res, y_res)
      `;
      assert.deepEqual(hits(src), [`${lineOf(src, 'fit_resample')}:leakage/overlap`]);
    });

    it('does not fire on SMOTE applied to the training split', () => {
      const src = HEAD + py`
        from imblearn.over_sampling import SMOTE
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        X_train, y_train = SMOTE().fit_resample(X_train, y_train)
        m = RandomForestClassifier().fit(X_train, y_train)
        print(accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(hits(src), []);
    });

    it('fires on a training score reported as the test score, with a fix to the test split', () => {
      const src = HEAD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        m = LogisticRegression().fit(X_train, y_train)
        print("test accuracy", m.score(X_train, y_train))
      `;
      const f = analyze(src);
      assert.deepEqual(f.map((x) => x.ruleId), ['leakage/overlap']);
      assert.equal(f[0].fixes[0].edits.map((e) => e.newText).join(','), 'X_test,y_test');
    });

    it('does not fire on a training score labelled as such', () => {
      const src = HEAD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        m = LogisticRegression().fit(X_train, y_train)
        print("train accuracy", m.score(X_train, y_train))
        print("test accuracy", m.score(X_test, y_test))
      `;
      assert.deepEqual(hits(src), []);
    });
  });

  describe('leakage/multi-test', () => {
    it('fires on the second model scored on the same test set', () => {
      const src = HEAD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        a = LogisticRegression().fit(X_train, y_train)
        print(a.score(X_test, y_test))
        b = RandomForestClassifier().fit(X_train, y_train)
        print(b.score(X_test, y_test))
      `;
      assert.deepEqual(hits(src), [`${lineOf(src, 'b.score')}:leakage/multi-test`]);
      const [f] = analyze(src);
      assert.equal(f.evidence.modelsScoredOnTestSet, 2);
      assert.equal(f.evidence.firstEvaluationLine, lineOf(src, 'a.score'));
      assert.equal(f.related[0].location.line, lineOf(src, 'a.score'));
    });

    it('fires once on the evaluation inside a hyper-parameter loop', () => {
      const src = HEAD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        for c in [0.01, 0.1, 1, 10]:
            m = LogisticRegression(C=c).fit(X_train, y_train)
            print(c, accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(hits(src), [`${lineOf(src, 'print(c,')}:leakage/multi-test`]);
    });

    it('does not fire for one model and several metrics, or for CV folds', () => {
      const src = HEAD + py`
        from sklearn.metrics import f1_score
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        m = LogisticRegression().fit(X_train, y_train)
        p = m.predict(X_test)
        print(accuracy_score(y_test, p), f1_score(y_test, p), m.score(X_test, y_test))
        for tr, te in KFold(5).split(X_train):
            k = RandomForestClassifier().fit(X_train.iloc[tr], y_train.iloc[tr])
            print(k.score(X_train.iloc[te], y_train.iloc[te]))
      `;
      assert.deepEqual(hits(src), []);
    });

    it('does not fire for model selection on a validation split', () => {
      const src = HEAD + py`
        X_rest, X_test, y_rest, y_test = train_test_split(X, y)
        X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest)
        for c in [0.1, 1, 10]:
            m = LogisticRegression(C=c).fit(X_train, y_train)
            print(m.score(X_val, y_val))
        final = LogisticRegression(C=1).fit(X_train, y_train)
        print(final.score(X_test, y_test))
      `;
      assert.deepEqual(hits(src), []);
    });
  });

  describe('leakage/target', () => {
    it('fires when the feature matrix keeps the label column', () => {
      const src = HEAD.replace('X = df.drop(columns=["label"])', 'X = df.drop(columns=["id"])') + py`
        m = LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(hits(src), [`${lineOf(src, 'X = df.drop')}:leakage/target`]);
    });

    it('fires on a feature computed from the label, not on ordinary features', () => {
      const src = py`
        import pandas as pd
        from sklearn.linear_model import LogisticRegression
        df = pd.read_csv("d.csv")
        df["flag"] = (df["label"] == 1).astype(int)
        df["ratio"] = df["a"] / df["b"]
        X = df.drop(columns=["label"])
        y = df["label"]
        LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(hits(src), [`${lineOf(src, 'df["flag"]')}:leakage/target`]);
    });
  });

  describe('leakage/temporal', () => {
    it('fires on a shuffled split of data sorted by date; not with shuffle=False', () => {
      // A calendar field among the inputs makes the task a forecast (T2; the rows' own measurements alone do not).
      const base = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        df = pd.read_csv("s.csv", parse_dates=["date"]).sort_values("date")
        X, y = df[["a", "dayofweek"]], df["y"]
      `;
      const shuffled = base + 'X_train, X_test, y_train, y_test = train_test_split(X, y)\n';
      assert.deepEqual(hits(shuffled), [`${lineOf(shuffled, 'train_test_split(X')}:leakage/temporal`]);
      const ordered = base + 'X_train, X_test, y_train, y_test = train_test_split(X, y, shuffle=False)\n';
      assert.deepEqual(hits(ordered), []);
    });

    it('does not fire on data without time', () => {
      assert.deepEqual(hits(HEAD + 'X_train, X_test, y_train, y_test = train_test_split(X, y)\n'), []);
    });
  });

  describe('mismatch/refit-at-inference', () => {
    const serve = py`
      import joblib
      import pandas as pd
      scaler = joblib.load("scaler.joblib")
      model = joblib.load("model.joblib")
      def predict(batch):
          X = scaler.fit_transform(batch)
          return model.predict(X)
    `;
    it('fires on fit_transform at serving, with a transform fix', () => {
      const f = analyze(serve, 'serve.py');
      assert.deepEqual(f.map((x) => `${x.location.line}:${x.ruleId}`), [`${lineOf(serve, 'fit_transform')}:mismatch/refit-at-inference`]);
      assert.equal(f[0].fixes[0].edits[0].newText, 'transform');
    });

    it('fires on get_dummies in a prediction function even in a neutral file name', () => {
      const src = py`
        import pandas as pd
        def predict_batch(df, model):
            return model.predict(pd.get_dummies(df))
      `;
      assert.deepEqual(hits(src, 'jobs.py'), [`${lineOf(src, 'get_dummies')}:mismatch/refit-at-inference`]);
    });

    it('does not fire when serving only transforms', () => {
      assert.deepEqual(hits(serve.replace('fit_transform', 'transform'), 'serve.py'), []);
    });

    it('does not fire in a training script', () => {
      assert.deepEqual(hits(HEAD + 'StandardScaler().fit(X)\n', 'train_model.py'), []);
    });

    it('file names: serve/predict/app mark serving; "prediction" notebooks and scripts do not', () => {
      const src = HEAD + 'StandardScaler().fit(X)\n';
      const line = lineOf(src, 'StandardScaler().fit(X)');
      for (const name of ['serve.py', 'batch_predict.py', 'app.py', 'inference_job.py']) assert.deepEqual(hits(src, name), [`${line}:mismatch/refit-at-inference`], name);
      for (const name of ['house_price_prediction.py', 'predictions.ipynb', 'serve.ipynb', 'train_api_model.py']) assert.deepEqual(hits(src, name), [], name);
    });
  });

  describe('mismatch/column-order', () => {
    it('fires on .values of a request frame passed to a loaded model; not after selecting columns', () => {
      const src = py`
        import joblib
        import pandas as pd
        model = joblib.load("m.joblib")
        FEATURES = ["a", "b"]
        def handler(payload):
            frame = pd.DataFrame.from_records(payload)
            return model.predict(frame.values)
        def handler_ok(payload):
            frame = pd.DataFrame.from_records(payload)
            return model.predict(frame[FEATURES].values)
      `;
      assert.deepEqual(hits(src, 'app.py'), [`${lineOf(src, 'frame.values)')}:mismatch/column-order`]);
    });
  });

  it('uses catalog severities and applies overrides', () => {
    const src = HEAD + py`
      X = StandardScaler().fit_transform(X)
      X_train, X_test, y_train, y_test = train_test_split(X, y)
    `;
    assert.equal(analyze(src)[0].severity, 'warning');
    assert.equal(analyze(src, 'train.py', { severityOverrides: { 'leakage/preprocessing': 'error' } })[0].severity, 'error');
    assert.deepEqual(analyze(src, 'train.py', { severityOverrides: { 'leakage/preprocessing': 'off' } }), []);
  });

  it('names the transformer, not its configuration call, when it is built with set_output', () => {
    const src = HEAD + py`
      scaler = StandardScaler().set_output(transform="pandas")
      X = scaler.fit_transform(X)
      X_train, X_test, y_train, y_test = train_test_split(X, y)
    `;
    const [f] = analyze(src);
    assert.equal(f?.ruleId, 'leakage/preprocessing');
    assert.match(f!.message, /^`StandardScaler` is fitted/);
    assert.equal(f!.evidence.transformer, 'StandardScaler');
  });

  it('ignores "# expect:" comments (only skewer directives count)', () => {
    const src = HEAD + 'X_train, X_test, y_train, y_test = train_test_split(X, y)  # expect: leakage/overlap\n';
    assert.deepEqual(hits(src), []);
  });
});
