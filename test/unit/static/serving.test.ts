import * as assert from 'node:assert/strict';
import { analyze, applyEdits, hits, lineOf, notebook, py } from './helpers';

const REFIT = 'mismatch/refit-at-inference';

/** The refit finding on the line holding `needle` (exactly one finding in the file). */
function refitAt(src: string, needle: string, file = 'serve.py') {
  const f = analyze(src, file);
  assert.deepEqual(f.map((x) => `${x.location.line}:${x.ruleId}`), [`${lineOf(src, needle)}:${REFIT}`]);
  return f[0];
}

describe('serving: the refit quick fix reuses the fitted transformer loaded from the artifact', () => {
  // One transformer kind per row: class, import, a loaded name that fits it.
  const kinds = [
    { cls: 'StandardScaler', mod: 'preprocessing', loadedAs: 'scaler' },
    { cls: 'OneHotEncoder', mod: 'preprocessing', loadedAs: 'encoder' },
    { cls: 'SimpleImputer', mod: 'impute', loadedAs: 'num_imputer' },
    { cls: 'TfidfVectorizer', mod: 'feature_extraction.text', loadedAs: 'vectorizer' },
  ];
  // Ways a serving script reaches a fitted transformer; `use` is what the fix must call transform on.
  const spellings = (name: string) => [
    { load: `${name} = joblib.load("artifacts/${name}.joblib")`, use: name },
    { load: `bundle = joblib.load("artifacts/bundle.joblib")\n${name} = bundle["${name}"]`, use: name },
    { load: `bundle = joblib.load("artifacts/bundle.joblib")\nprint(type(bundle["${name}"]))`, use: `bundle["${name}"]` },
    { load: `with open("artifacts/${name}.pkl", "rb") as fh:\n    ${name} = pickle.load(fh)`, use: name },
    { load: `pipe = joblib.load("artifacts/pipeline.joblib")\nprint(pipe.named_steps["${name}"])`, use: `pipe.named_steps["${name}"]` },
  ];

  for (const k of kinds) {
    for (const s of spellings(k.loadedAs)) {
      it(`${k.cls}().fit_transform at serving with \`${s.use}\` loaded → ${s.use}.transform`, () => {
        const src = `import joblib\nimport pickle\nfrom sklearn.${k.mod} import ${k.cls}\nmodel = joblib.load("artifacts/model.joblib")\n${s.load}\n`
          + `def predict(batch):\n    X = ${k.cls}().fit_transform(batch)\n    return model.predict(X)\n`;
        const f = refitAt(src, 'fit_transform');
        assert.equal(f.fixes.length, 1);
        const fixed = applyEdits(src, f.fixes[0].edits);
        assert.ok(fixed.includes(`    X = ${s.use}.transform(batch)\n`), fixed);
        assert.deepEqual(hits(fixed, 'serve.py'), []);
      });
    }
  }

  it('a transformer kept on self by the serving class', () => {
    const src = py`
      import joblib
      from sklearn.preprocessing import StandardScaler
      class Model:
          def __init__(self):
              self.model = joblib.load("model.joblib")
              self.scaler = joblib.load("scaler.joblib")
          def predict(self, X):
              sc = StandardScaler()
              return self.model.predict(sc.fit_transform(X))
    `;
    const f = refitAt(src, 'fit_transform');
    assert.equal(applyEdits(src, f.fixes[0].edits).split('\n')[lineOf(src, 'fit_transform') - 1].trim(), 'return self.model.predict(self.scaler.transform(X))');
  });

  it('the loaded transformer refitted itself → transform on it', () => {
    const src = py`
      import joblib
      enc = joblib.load("enc.joblib")
      model = joblib.load("model.joblib")
      rows = enc.fit_transform(payload)
      print(model.predict(rows))
    `;
    const f = refitAt(src, 'fit_transform', 'app.py');
    assert.ok(applyEdits(src, f.fixes[0].edits).includes('rows = enc.transform(payload)'));
  });

  describe('no mechanical fix (the diagnostic and its explanation stay)', () => {
    const head = 'import joblib\nfrom sklearn.preprocessing import StandardScaler\n';
    const body = 'def predict(batch):\n    X = StandardScaler().fit_transform(batch)\n    return model.predict(X)\n';
    const noFix: [string, string][] = [
      ['only the model is loaded', 'model = joblib.load("model.joblib")\n'],
      ['the loaded pipeline is not named like a scaler (it may end in the model)', 'model = joblib.load("model.joblib")\npipe = joblib.load("pipeline.joblib")\n'],
      ['the loaded transformer is of another kind', 'model = joblib.load("model.joblib")\nencoder = joblib.load("encoder.joblib")\n'],
      ['two loaded scalers: which one is ambiguous', 'model = joblib.load("model.joblib")\nnum_scaler = joblib.load("num.joblib")\nage_scaler = joblib.load("age.joblib")\n'],
      ['the scaler is loaded only inside another function', 'model = joblib.load("model.joblib")\ndef warm():\n    scaler = joblib.load("scaler.joblib")\n    return scaler\n'],
      ['a bundle key reached through a variable key', 'bundle = joblib.load("bundle.joblib")\nmodel = bundle["model"]\nKEY = "scaler"\nprint(bundle[KEY])\n'],
      ['the loaded scaler was rebound to a fresh one', 'model = joblib.load("model.joblib")\nscaler = joblib.load("scaler.joblib")\nscaler = StandardScaler()\n'],
    ];
    for (const [what, setup] of noFix) {
      it(what, () => {
        const src = head + setup + body;
        const f = refitAt(src, 'fit_transform');
        assert.deepEqual(f.fixes, []);
        assert.match(f.message, /reuse the transformer fitted at training/);
      });
    }

    it('a new Pipeline refitted while a full pipeline (ending in the model) is loaded', () => {
      const src = 'import joblib\nfrom sklearn.pipeline import Pipeline\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.decomposition import PCA\n'
        + 'pipeline = joblib.load("pipeline.joblib")\ndef predict(batch):\n    X = Pipeline([("sc", StandardScaler()), ("pca", PCA(3))]).fit_transform(batch)\n    return pipeline.predict(X)\n';
      assert.deepEqual(refitAt(src, 'fit_transform').fixes, []);
    });

    it('fit (not fit_transform) on a fresh transformer', () => {
      const src = head + 'model = joblib.load("model.joblib")\nscaler = joblib.load("scaler.joblib")\ndef predict(batch):\n    sc = StandardScaler()\n    sc.fit(batch)\n    return model.predict(sc.transform(batch))\n';
      assert.deepEqual(refitAt(src, 'sc.fit(').fixes, []);
    });
  });
});

describe('serving: get_dummies aligned to the training columns', () => {
  const head = 'import json\nimport joblib\nimport pandas as pd\nmodel = joblib.load("model.joblib")\n';
  // Each aligns X (the dummies of the batch) to what the model was trained on.
  const aligned: [string, string][] = [
    ['reindex to a column list loaded from the artifact', 'cols = joblib.load("training_columns.joblib")\nX = pd.get_dummies(batch, columns=["plan"])\nX = X.reindex(columns=cols, fill_value=0)\n'],
    ['reindex to a column list from JSON', 'with open("columns.json") as fh:\n    training_columns = json.load(fh)\nX = pd.get_dummies(batch).reindex(columns=training_columns, fill_value=0)\n'],
    ['reindex to a constant column list', 'TRAIN_COLUMNS = ["age", "plan_basic", "plan_pro"]\nX = pd.get_dummies(batch).reindex(columns=TRAIN_COLUMNS, fill_value=0)\n'],
    ['reindex to the model\'s feature_names_in_', 'X = pd.get_dummies(batch)\nX = X.reindex(columns=model.feature_names_in_, fill_value=0)\n'],
    ['reindex positionally to a list', 'dummies = pd.get_dummies(batch)\nX = dummies.reindex(joblib.load("cols.joblib"), axis=1, fill_value=0)\n'],
    ['select the loaded column list', 'feature_names = joblib.load("features.joblib")\ndummies = pd.get_dummies(batch)\nfor c in feature_names:\n    if c not in dummies:\n        dummies[c] = 0\nX = dummies[feature_names]\n'],
    ['align to a training template (join="right")', 'template = pd.read_csv("train_header.csv")\ndummies = pd.get_dummies(batch)\nX, _ = dummies.align(template, join="right", axis=1, fill_value=0)\n'],
    ['numeric columns next to aligned dummies', 'cols = joblib.load("dummy_columns.joblib")\nX = pd.concat([batch[["age"]], pd.get_dummies(batch["plan"]).reindex(columns=cols, fill_value=0)], axis=1)\n'],
  ];
  for (const [what, code] of aligned) {
    it(`no finding: ${what}`, () => {
      const src = head + 'batch = pd.read_csv("batch.csv")\n' + code + 'print(model.predict(X))\n';
      assert.deepEqual(hits(src, 'serve.py'), []);
    });
    it(`no finding inside a prediction function returning the frame: ${what}`, () => {
      const body = code.split('\n').filter(Boolean).map((l) => `    ${l}`).join('\n');
      const src = head + `def prepare(batch):\n${body}\n    return X\ndef predict(batch):\n    return model.predict(prepare(batch))\n`;
      assert.deepEqual(hits(src, 'jobs.py'), []);
    });
  }

  it('no column-order finding when the aligned dummies are converted to an array', () => {
    const src = head + 'cols = joblib.load("training_columns.joblib")\ndef predict(payload):\n    frame = pd.DataFrame.from_records(payload)\n    return model.predict(pd.get_dummies(frame).reindex(columns=cols, fill_value=0).to_numpy())\n';
    assert.deepEqual(hits(src, 'app.py'), []);
  });

  it('in a serving notebook', () => {
    const nb = notebook([
      { source: 'import joblib\nimport pandas as pd\nclf = joblib.load("../models/clf.joblib")\ncols = joblib.load("../models/columns.joblib")' },
      { source: 'march = pd.read_csv("march.csv")\nmarch_X = pd.get_dummies(march, columns=["purpose"]).reindex(columns=cols, fill_value=0)' },
      { source: 'march["p"] = clf.predict_proba(march_X)[:, 1]' },
    ]);
    assert.deepEqual(hits(nb, 'score_march.ipynb'), []);
  });

  const unaligned: [string, string][] = [
    ['passed straight to the model', 'X = pd.get_dummies(batch, columns=["plan"])\n'],
    ['sorted by its own column names', 'X = pd.get_dummies(batch)\nX = X[sorted(X.columns)]\n'],
    ['reindexed by rows only', 'X = pd.get_dummies(batch).reindex(index=batch.index)\n'],
    ['aligned with join="outer"', 'template = pd.read_csv("train_header.csv")\nX, _ = pd.get_dummies(batch).align(template, join="outer", axis=1, fill_value=0)\n'],
    ['aligned once, but the raw dummies reach the model too', 'cols = joblib.load("cols.joblib")\nX = pd.get_dummies(batch)\nprint(model.predict(X))\nX = X.reindex(columns=cols, fill_value=0)\n'],
  ];
  for (const [what, code] of unaligned) {
    it(`fires: ${what}`, () => {
      const src = head + 'batch = pd.read_csv("batch.csv")\n' + code + 'print(model.predict(X))\n';
      assert.deepEqual(hits(src, 'serve.py'), [`${lineOf(src, 'get_dummies')}:${REFIT}`]);
    });
  }

  it('fires when the unaligned dummies are only returned from a serving function', () => {
    const src = head + 'def predict_features(batch):\n    return pd.get_dummies(batch)\n';
    assert.deepEqual(hits(src, 'jobs.py'), [`${lineOf(src, 'get_dummies')}:${REFIT}`]);
  });

  it('get_dummies in a training script is not a refit, aligned or not', () => {
    const src = 'import pandas as pd\ndf = pd.read_csv("train.csv")\nX = pd.get_dummies(df)\nprint(X.shape)\n';
    assert.deepEqual(hits(src, 'train.py'), []);
  });
});

describe('serving: a fit on training rows is training wherever it runs', () => {
  const refits = (src: string, file: string, modules: Record<string, string> = {}): number[] =>
    analyze(src, file, { readModule: (p) => modules[p], moduleRoot: 'proj' }).filter((f) => f.ruleId === REFIT).map((f) => f.location.line);
  const trainer = py`
    import pandas as pd
    from sklearn.model_selection import train_test_split
    from sklearn.tree import DecisionTreeClassifier
    def retrain():
        rows = pd.read_csv("rows.csv")
        a_tr, a_te, b_tr, b_te = train_test_split(rows.drop(columns=["k"]), rows["k"])
        return DecisionTreeClassifier().fit(a_tr, b_tr)
    def retrain_all():
        rows = pd.read_csv("rows.csv")
        return DecisionTreeClassifier().fit(rows.drop(columns=["k"]), rows["k"])
  `;
  const api = (fn: string): string => py`
    import pandas as pd
    import joblib
    from sklearn.preprocessing import MinMaxScaler
    from trainer import ${fn}
    def train_route():
        return ${fn}()
    def predict_route(payload):
        batch = pd.DataFrame([payload])
        model = joblib.load("m.pkl")
        return model.predict(MinMaxScaler().fit_transform(batch))
  `;
  it('a serving file whose /train route fits (in a module) on the training side of a split does not fire there; the /predict route refitting on the request does', () => {
    const src = api('retrain');
    assert.deepEqual(refits(src, 'proj/api.py', { 'proj/trainer.py': trainer }), [lineOf(src, 'MinMaxScaler().fit_transform(batch)')]);
  });
  it('the same route fitting on rows that are not a training part still fires', () => {
    const src = api('retrain_all');
    assert.deepEqual(refits(src, 'proj/api.py', { 'proj/trainer.py': trainer }), [lineOf(src, 'return retrain_all()'), lineOf(src, 'MinMaxScaler().fit_transform(batch)')]);
  });
  it('a notebook that loaded a checkpoint, then fits a scaler on its training cut, does not fire; on all the rows it does', () => {
    const src = (rows: string): string => py`
      import pandas as pd
      from tensorflow import keras
      from sklearn.preprocessing import StandardScaler
      net = keras.models.load_model("best.h5")
      series = pd.read_csv("series.csv")
      train_part = series.iloc[0:500]
      sc = StandardScaler()
      sc.fit(${rows}[["v"]].values)
      scaled = sc.transform(series[["v"]].values)
    `;
    assert.deepEqual(refits(src('train_part'), 'explore.py'), []);
    const all = src('series');
    assert.deepEqual(refits(all, 'explore.py'), [lineOf(all, 'sc.fit(')]);
  });
});

describe('serving: a refit known to be serving only by the file name is a warning that says so', () => {
  const refit = (src: string) => analyze(src, 'app.py').filter((f) => f.ruleId === REFIT).map((f) => [f.location.line, f.severity]);
  it('an app that fits a clusterer on its own dataset (nothing loaded) is a warning with the assumption', () => {
    const src = py`
      import pandas as pd
      from sklearn.cluster import KMeans
      shop = pd.read_csv("shop.csv")
      def show(k):
          km = KMeans(n_clusters=k)
          km.fit(shop[["a", "b"]])
          return km.labels_
      show(4)
    `;
    assert.deepEqual(refit(src), [[lineOf(src, 'km.fit('), 'warning']]);
    assert.match(analyze(src, 'app.py').find((f) => f.ruleId === REFIT)!.message, /Assumed: `app\.py` is taken to be serving code by its file name/);
  });
  it('after a fitted artifact was loaded, a scaler fitted on the batch stays an error', () => {
    const src = py`
      import joblib
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      model = joblib.load("model.pkl")
      batch = pd.read_csv("incoming.csv")
      print(model.predict(StandardScaler().fit_transform(batch)))
    `;
    assert.deepEqual(refit(src), [[lineOf(src, 'StandardScaler().fit_transform'), 'error']]);
  });
  it('get_dummies in an app known only by its file name (nothing loaded yet) is a warning with the assumption; after a load it stays an error', () => {
    const guessed = py`
      import pandas as pd
      import streamlit as st
      row = pd.DataFrame({"city": [st.text_input("City")], "size": [st.number_input("Size")]})
      enc = pd.get_dummies(row)
      st.write(enc)
    `;
    assert.deepEqual(refit(guessed), [[lineOf(guessed, 'pd.get_dummies('), 'warning']]);
    assert.match(analyze(guessed, 'app.py').find((f) => f.ruleId === REFIT)!.message, /Assumed: `app\.py` is taken to be serving code by its file name/);
    const loaded = py`
      import pickle
      import pandas as pd
      model = pickle.load(open("model.pkl", "rb"))
      batch = pd.read_csv("incoming.csv")
      print(model.predict(pd.get_dummies(batch)))
    `;
    assert.deepEqual(refit(loaded), [[lineOf(loaded, 'pd.get_dummies('), 'error']]);
  });
});

describe('serving: a pipeline ending in a model fitted with labels is training, even after a load', () => {
  const refit = (src: string) => analyze(src, 'app.py').filter((f) => f.ruleId === REFIT).map((f) => [f.location.line, f.severity]);
  it('pipeline(preprocessor, loaded model).fit(X, y) in an app is not a refit at inference; a scaler fitted on the batch is', () => {
    const src = py`
      import joblib
      import pandas as pd
      from sklearn.pipeline import Pipeline
      from sklearn.preprocessing import StandardScaler
      model = joblib.load("model.pkl")
      data = pd.read_csv("rents.csv")
      pipe = Pipeline([("scale", StandardScaler()), ("reg", model)])
      pipe.fit(data[["size", "rooms"]], data["rent"])
      batch = pd.read_csv("incoming.csv")
      print(pipe.predict(batch))
      print(model.predict(StandardScaler().fit_transform(batch)))
    `;
    assert.deepEqual(refit(src), [[lineOf(src, 'StandardScaler().fit_transform(batch)'), 'error']]);
  });
});

describe('serving: Streamlit input widgets return what the user enters', () => {
  it('a statistic of the reference data given as a slider range or default is not a refit; the same statistic filling the scored row is', () => {
    const src = py`
      import pickle
      import pandas as pd
      import streamlit as st
      model = pickle.load(open("model.pkl", "rb"))
      ref = pd.read_csv("reference.csv")
      size = st.sidebar.slider("Size", float(ref["size"].min()), float(ref["size"].max()), float(ref["size"].mean()))
      rooms = st.number_input("Rooms", value=int(ref["rooms"].median()))
      row = pd.DataFrame({"size": [size], "rooms": [rooms]})
      st.write(model.predict(row))
    `;
    assert.deepEqual(analyze(src, 'app.py').filter((f) => f.ruleId.startsWith('mismatch/')), []);
    const filled = src.replace('row = pd.DataFrame({"size": [size], "rooms": [rooms]})', 'row = pd.DataFrame({"size": [size], "rooms": [rooms]})\nrow = row.fillna(row.mean())');
    assert.ok(analyze(filled, 'app.py').some((f) => f.ruleId === 'mismatch/refit-at-inference'));
  });
});

describe('serving: a statistic of the held-out rows matters only where those rows reach a model', () => {
  const SPLIT = py`
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score
    df = pd.read_csv("loans.csv")
    X_train, X_test, y_train, y_test = train_test_split(df[["income", "debt"]], df["default"], random_state=0)
    sc = StandardScaler().fit(X_train)
    clf = LogisticRegression().fit(sc.transform(X_train), y_train)
  `;
  const refits = (src: string): number[] => analyze(src, 'train.py').filter((f) => f.ruleId === REFIT).map((f) => f.location.line);

  it('a threshold or rescaling of the test predictions, a metric\'s own mean of the labels, or a scaler refitted on X_test after the scores for a residual check do not fire', () => {
    const src = SPLIT + py`
      proba = clf.predict_proba(sc.transform(X_test))[:, 1]
      cut = np.percentile(proba, 90)
      spread = (proba - proba.min()) / (proba.max() - proba.min())
      picked = proba >= cut
      pred = clf.predict(sc.transform(X_test))
      r2 = 1 - np.sum((y_test - pred) ** 2) / np.sum((y_test - np.mean(y_test)) ** 2)
      print(accuracy_score(y_test, pred), r2, picked.sum(), spread.max())
      X_check = StandardScaler().fit_transform(X_test)
      print(np.corrcoef(X_check[:, 0], y_test - pred))
    `;
    assert.deepEqual(refits(src), []);
  });

  it('a cut-off or z-score of a prediction column written beside the test rows does not fire; the same z-score fed to a second model does', () => {
    const src = SPLIT + py`
      out = X_test.copy()
      out["proba"] = clf.predict_proba(sc.transform(X_test))[:, 1]
      out["flag"] = out["proba"] > out["proba"].quantile(0.9)
      out["z"] = (out["proba"] - out["proba"].mean()) / out["proba"].std()
      print(out.head())
    `;
    assert.deepEqual(refits(src), []);
    const stacked = src + py`
      meta = LogisticRegression().fit(X_train, y_train)
      print(meta.predict(out[["income", "z"]]))
    `;
    assert.deepEqual(refits(stacked), [lineOf(stacked, 'out["z"] =')]);
  });

  it('test rows scaled with their own statistics and then scored fire, also when a loop fills them column by column in place or a helper fills them in place', () => {
    const scaled = SPLIT + py`
      X_own = StandardScaler().fit_transform(X_test)
      print(accuracy_score(y_test, clf.predict(X_own)))
    `;
    assert.deepEqual(refits(scaled), [lineOf(scaled, 'X_own = StandardScaler()')]);
    const loop = SPLIT + py`
      for c in ["income", "debt"]:
          X_test[c].fillna(X_test[c].mean(), inplace=True)
      print(accuracy_score(y_test, clf.predict(sc.transform(X_test))))
    `;
    assert.deepEqual(refits(loop), [lineOf(loop, 'X_test[c].mean()')]);
    const helper = SPLIT + py`
      def fill(frame):
          for col, values in frame.items():
              frame[col] = values.fillna(values.median())
          return frame
      fill(X_test)
      print(accuracy_score(y_test, clf.predict(sc.transform(X_test))))
    `;
    assert.deepEqual(refits(helper), [lineOf(helper, 'values.median()')]);
  });
});

describe('serving: rows taken by position after a drop of named columns keep their column names', () => {
  it('df.drop(columns=[...]).iloc[-n:] passed to a loaded scaler and model is not a positional array', () => {
    const src = py`
      import joblib
      import pandas as pd
      scaler = joblib.load("scaler.pkl")
      model = joblib.load("model.pkl")
      feats = pd.read_csv("weekly.csv")
      X_last = feats.drop(columns=["sales", "holiday"]).iloc[-12:]
      print(model.predict(scaler.transform(X_last)))
    `;
    assert.deepEqual(analyze(src, 'report.py').filter((f) => f.ruleId === 'mismatch/column-order'), []);
    const arr = src.replace('.iloc[-12:]', '.iloc[-12:].values');
    assert.deepEqual(analyze(arr, 'report.py').filter((f) => f.ruleId === 'mismatch/column-order').map((f) => f.location.line), [lineOf(arr, 'X_last = ')]);
  });
});

describe('serving: a transformer fitted on values typed in the code is not refitted on the batch', () => {
  it('LabelEncoder().fit on a literal category list after loading the model does not fire; fitted on the request rows it does', () => {
    const src = py`
      import joblib
      import pandas as pd
      from sklearn.preprocessing import LabelEncoder
      model = joblib.load("model.pkl")
      size_enc = LabelEncoder().fit(["small", "medium", "large"])
      def score(path):
          rows = pd.read_csv(path)
          rows["size"] = size_enc.transform(rows["size"])
          return model.predict(rows[["size", "weight"]])
    `;
    assert.deepEqual(analyze(src, 'serve.py').filter((f) => f.ruleId === 'mismatch/refit-at-inference'), []);
    const batch = src.replace('size_enc = LabelEncoder().fit(["small", "medium", "large"])\n', '').replace(
      'rows["size"] = size_enc.transform(rows["size"])', 'rows["size"] = LabelEncoder().fit(rows["size"]).transform(rows["size"])');
    assert.deepEqual(analyze(batch, 'serve.py').filter((f) => f.ruleId === 'mismatch/refit-at-inference').map((f) => f.location.line), [lineOf(batch, 'LabelEncoder().fit(rows')]);
  });
});

describe('serving: a request body is a record in the order the API\'s client sends it', () => {
  it('the parsed JSON of a request turned into an array for a loaded model does not fire; a CSV read in the same place does', () => {
    const src = py`
      import joblib
      import pandas as pd
      from flask import Flask, request
      model = joblib.load("model.pkl")
      app = Flask(__name__)
      @app.route("/score", methods=["POST"])
      def score():
          body = request.get_json(force=True)
          row = pd.read_json(body, typ="series").values
          many = pd.DataFrame([body]).values
          return {"one": model.predict([row]).tolist(), "many": model.predict(many).tolist()}
    `;
    assert.deepEqual(analyze(src, 'api.py').filter((f) => f.ruleId === 'mismatch/column-order'), []);
    const csv = src.replace('row = pd.read_json(body, typ="series").values', 'row = pd.read_csv("batch.csv").values');
    assert.deepEqual(analyze(csv, 'api.py').filter((f) => f.ruleId === 'mismatch/column-order').map((f) => f.location.line), [lineOf(csv, 'row = pd.read_csv')]);
  });
});

describe('serving: a file named like a test file that the document splits and trains on', () => {
  it('a statistic of all its rows is not a refit at inference; a test file beside a training file still fires', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("tested.csv")
      df["port"] = df["port"].fillna(df["port"].mode()[0])
      X = df.drop("survived", axis=1)
      y = df["survived"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      clf = RandomForestClassifier().fit(X_train, y_train)
      print(clf.score(X_test, y_test))
    `;
    assert.deepEqual(analyze(src, 'train.py').filter((f) => f.ruleId === REFIT), []);
    const twoFiles = py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      train["port"] = train["port"].fillna(train["port"].mode()[0])
      test["port"] = test["port"].fillna(test["port"].mode()[0])
      clf = RandomForestClassifier().fit(train.drop("survived", axis=1), train["survived"])
      print(clf.score(test.drop("survived", axis=1), test["survived"]))
    `;
    assert.deepEqual(analyze(twoFiles, 'train.py').filter((f) => f.ruleId === REFIT).map((f) => f.location.line), [lineOf(twoFiles, 'test["port"] = ')]);
  });
});

describe('serving: a predict-named method of a model class that a training notebook never calls', () => {
  it('does not fire in a document that fits its models; called on new rows it fires', () => {
    const src = py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.linear_model import Ridge
      from sklearn.model_selection import train_test_split
      class PriceModel:
          def __init__(self):
              self.scaler = StandardScaler()
              self.model = Ridge()
          def train(self, X, y):
              self.model.fit(self.scaler.fit_transform(X), y)
          def predict(self, frame):
              scaled = StandardScaler().fit_transform(frame)
              return self.model.predict(scaled)
      df = pd.read_csv("prices.csv")
      X_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["price"]), df["price"], random_state=0)
      m = PriceModel()
      m.train(X_train, y_train)
    `;
    assert.deepEqual(analyze(src, 'model.py').filter((f) => f.ruleId === REFIT), []);
    const called = src + 'print(m.predict(pd.read_csv("new_listings.csv")))\n';
    assert.deepEqual(analyze(called, 'model.py').filter((f) => f.ruleId === REFIT).map((f) => f.location.line), [lineOf(called, 'scaled = StandardScaler()')]);
  });
});
