/**
 * Round 14 (r14-sec): serving and target classes from real code. Each class has a case that must
 * fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const REFIT = 'mismatch/refit-at-inference';
const ORDER = 'mismatch/column-order';
const PREP = 'leakage/preprocessing';

describe('real-notebook idioms, round 14 (r14-sec)', () => {
  describe('Keras fit_generator(generator=...) trains on the batches it is given by keyword', () => {
    const modules: Record<string, string> = {
      'proj/loader.py': py`
        import pandas as pd
        def load(name):
            return pd.read_json(name).filter(["kw"]).values
      `,
      'proj/nets.py': py`
        from keras.models import Sequential
        from keras.layers import LSTM, Dense
        def build(units):
            return Sequential([LSTM(units), Dense(1)])
        def forecast(model, gen, scaler):
            return scaler.inverse_transform(model.predict(gen))
      `,
    };
    const src = (fit: string): string => py`
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.metrics import mean_squared_error
      from keras.preprocessing.sequence import TimeseriesGenerator
      from loader import load
      from nets import build, forecast
      series = load("load.json")
      scaler = MinMaxScaler()
      scaled = scaler.fit_transform(series)
      cut = int(len(scaled) * 0.7)
      x_test = series[cut:]
      gen_tr = TimeseriesGenerator(scaled[:cut], scaled[:cut], length=24, batch_size=32)
      gen_te = TimeseriesGenerator(scaled[cut:], scaled[cut:], length=24, batch_size=32)
      model = build(16)
      model.compile(loss="mse", optimizer="adam")
      ${fit}
      print(mean_squared_error(x_test[24:], forecast(model, gen_te, scaler)))
    `;
    const found = (s: string, rule: string): number[] =>
      analyze(s, 'proj/train.py', { readModule: (p) => modules[p], moduleRoot: 'proj' }).filter((f) => f.ruleId === rule).map((f) => f.location.line);
    it('a scaler of the whole series reaching the training batches by keyword is a preprocessing leak, not a refit at inference', () => {
      const s = src('model.fit_generator(generator=gen_tr, epochs=5)');
      assert.deepEqual(found(s, REFIT), []);
      assert.deepEqual(found(s, PREP), [lineOf(s, 'scaled = scaler.fit_transform')]);
    });
    it('fitted on the training part only: no finding of either kind', () => {
      const s = src('model.fit_generator(generator=gen_tr, epochs=5)').replace('scaled = scaler.fit_transform(series)', 'x_train = series[:int(len(series) * 0.7)]\nscaled = scaler.fit(x_train).transform(series)');
      assert.deepEqual(found(s, REFIT), []);
      assert.deepEqual(found(s, PREP), []);
    });
  });

  describe('mismatch/column-order: one column converted to an array has no column order to lose', () => {
    const src = (arg: string): string => py`
      import joblib
      import pandas as pd
      scaler = joblib.load("scaler.pkl")
      model = joblib.load("model.pkl")
      batch = pd.read_csv("incoming.csv")
      batch["amount_sc"] = scaler.transform(${arg})
      print(model.predict(batch[["amount_sc", "v1", "v2"]]))
    `;
    it('a single column\'s values reshaped for a loaded scaler does not fire', () => {
      assert.deepEqual(lines(src('batch["amount"].values.reshape(-1, 1)'), ORDER, 'score_batch.py'), []);
    });
    it('several columns converted to an array for the loaded scaler still fires', () => {
      const s = src('batch.drop(columns=["id"]).values');
      assert.deepEqual(lines(s, ORDER, 'score_batch.py'), [lineOf(s, 'batch["amount_sc"] =')]);
    });
  });

  describe('mismatch/refit-at-inference: after a load, a transformer refitted on the data set the document then splits is fitted on its training data', () => {
    const src = (tail: string): string => py`
      import pandas as pd
      from keras.models import load_model
      from sklearn.preprocessing import OrdinalEncoder
      from sklearn.model_selection import train_test_split
      net = load_model("net.h5")
      data = pd.read_csv("cars.csv")
      enc = OrdinalEncoder()
      data[["make", "fuel"]] = enc.fit_transform(data[["make", "fuel"]])
      ${tail}
      def predict_one(make, fuel, size):
          row = pd.DataFrame([[*enc.transform([[make, fuel]])[0], size]], columns=["make", "fuel", "size"])
          return net.predict(row)
    `;
    it('refitted on the frame that is then split into train and test parts: no refit at inference', () => {
      const s = src('X_tr, X_te, y_tr, y_te = train_test_split(data.drop(columns=["co2"]), data["co2"], test_size=0.2)');
      assert.deepEqual(lines(s, REFIT, 'model_module.py'), []);
    });
    it('refitted on a frame that is never split: fires', () => {
      const s = src('X = data.drop(columns=["co2"])');
      assert.deepEqual(lines(s, REFIT, 'model_module.py'), [lineOf(s, 'enc.fit_transform')]);
    });
  });

  describe('mismatch/refit-at-inference: a file that loads nothing and fits a model with labels trains its own model', () => {
    const src = (head: string, fit: string): string => py`
      import pandas as pd
      import joblib
      from sklearn.feature_extraction.text import TfidfVectorizer
      from sklearn.svm import LinearSVC
      ${head}
      labelled = pd.read_csv("labelled.csv")
      vec = TfidfVectorizer(sublinear_tf=True)
      feats = vec.fit_transform(labelled["text"])
      ${fit}
      todo = pd.read_csv("unlabelled.csv")
      todo["pred"] = clf.predict(vec.transform(todo["text"]))
      todo.to_csv("out.csv")
    `;
    it('a predict.py that retrains vectorizer and classifier on its labelled table does not fire', () => {
      const s = src('', 'clf = LinearSVC().fit(feats, labelled["topic"])');
      assert.deepEqual(lines(s, REFIT, 'predict.py'), []);
    });
    it('a predict.py that loads a classifier and refits the vectorizer still fires', () => {
      const s = src('', 'clf = joblib.load("clf.pkl")');
      assert.deepEqual(lines(s, REFIT, 'predict.py'), [lineOf(s, 'feats = vec.fit_transform')]);
    });
  });

  describe('leakage/target: a category that enters the label only as a lookup key beside other columns', () => {
    const src = (label: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("sessions.csv")
      ports = df["station"].value_counts()
      ${label}
      X = df[["station", "hour", "weekday"]]
      y = df["utilization"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      m = RandomForestRegressor().fit(X_tr, y_tr)
      print(mean_absolute_error(y_te, m.predict(X_te)))
    `;
    it('busy / df["station"].map(ports): the station is not a column the label is computed from', () => {
      assert.deepEqual(lines(src('df["utilization"] = df["busy"] / df["station"].map(ports)'), 'leakage/target'), []);
    });
    it('a feature used as a value in the label (busy / df["station_ports"]) still fires', () => {
      const s = src('df["utilization"] = df["busy"] / df["hour"]');
      assert.deepEqual(lines(s, 'leakage/target').length > 0, true);
    });
  });

  describe('mismatch/refit-at-inference: a vocabulary fitted again on a second sample that the trained model then scores', () => {
    const src = (second: string): string => py`
      import pandas as pd
      from keras.preprocessing.text import Tokenizer
      from keras.models import Sequential
      from keras.layers import Dense
      df = pd.read_csv("requests.csv")
      sample = df.sample(5000, random_state=1)
      tok = Tokenizer()
      tok.fit_on_texts(sample.text)
      X = tok.texts_to_matrix(sample.text, mode="binary")
      net = Sequential([Dense(8, activation="relu"), Dense(1, activation="sigmoid")])
      net.compile(loss="binary_crossentropy", optimizer="adam")
      net.fit(X, sample.label, epochs=3)
      other = df.sample(5000, random_state=2)
      ${second}
      print(net.evaluate(X2, other.label))
    `;
    it('a new Tokenizer fitted on the second sample fires at warning', () => {
      const s = src('tok2 = Tokenizer()\ntok2.fit_on_texts(other.text)\nX2 = tok2.texts_to_matrix(other.text, mode="binary")');
      const f = analyze(s).filter((x) => x.ruleId === REFIT);
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(s, 'tok2.fit_on_texts'), 'warning']]);
    });
    it('the training Tokenizer applied to the second sample does not fire', () => {
      assert.deepEqual(lines(src('X2 = tok.texts_to_matrix(other.text, mode="binary")'), REFIT), []);
    });
  });

  describe('leakage/target: group statistics of the label merged back in as columns before the split', () => {
    const src = (agg: string, cols: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("flights.csv")
      stats = df.groupby("origin").agg(${agg})
      stats.columns = ["_".join(c) for c in stats.columns]
      stats = stats.add_prefix("origin_")
      df = df.merge(stats, left_on="origin", right_index=True, how="left")
      X = df[${cols}]
      y = df["late"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      m = RandomForestClassifier().fit(X_tr, y_tr)
      print(m.score(X_te, y_te))
    `;
    it('the per-origin mean of the label, selected by its merged name, fires at warning with the assumption', () => {
      const s = src('{"late": ["mean"], "dep_delay": ["mean"]}', '["hour", "origin_late_mean", "origin_dep_delay_mean"]');
      const f = analyze(s).filter((x) => x.ruleId === 'leakage/target');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(s, 'stats = df.groupby'), 'warning']]);
      assert.match(f[0].message, /Assumed: the column 'origin_late_mean'/);
    });
    it('group statistics of other columns only do not fire', () => {
      const s = src('{"dep_delay": ["mean"], "distance": ["mean"]}', '["hour", "origin_dep_delay_mean", "origin_distance_mean"]');
      assert.deepEqual(lines(s, 'leakage/target'), []);
    });
  });

  describe('mismatch/column-order: a frame typed in as a dict of named columns has the order written in the code', () => {
    const src = (row: string): string => py`
      import joblib
      import pandas as pd
      scaler = joblib.load("scaler.pkl")
      model = joblib.load("model.pkl")
      def predict_one(gender, age, income):
          ${row}
          X = row.iloc[:, 1:4]
          return model.predict(scaler.transform(X))
    `;
    it('pd.DataFrame({"id": [0], "gender": [g], ...}) taken by position: no finding', () => {
      assert.deepEqual(lines(src('row = pd.DataFrame({"id": [0], "gender": [gender], "age": [age], "income": [income]})'), ORDER, 'serve.py'), []);
    });
    it('a frame read from a file taken by position and converted to an array: still fires', () => {
      // Round 20: the iloc cut alone keeps the column names (a frame, checked by the model); .values drops them.
      const s = src('row = pd.read_csv("one.csv")').replace('row.iloc[:, 1:4]', 'row.iloc[:, 1:4].values');
      assert.deepEqual(lines(s, ORDER, 'serve.py'), [lineOf(s, 'X = row.iloc')]);
    });
  });

  describe('mismatch/refit-at-inference: a test file filled in place with its own statistic that no model ever sees', () => {
    const src = (tail: string): string => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      train.fillna(train.mean(), inplace=True)
      test.fillna(test.mean(), inplace=True)
      feats = ["temp", "wind", "rain"]
      m = RandomForestRegressor().fit(train[feats], train["pm25"])
      ${tail}
    `;
    it('the filled test frame is predicted: fires at warning', () => {
      const s = src('pd.DataFrame({"pm25": m.predict(test[feats])}).to_csv("sub.csv")');
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'test.fillna')]);
    });
    it('another frame is predicted and the filled test frame never reaches the model: no finding', () => {
      const s = src('other = pd.read_csv("other.csv")\npd.DataFrame({"pm25": m.predict(other[feats])}).to_csv("sub.csv")');
      assert.deepEqual(lines(s, REFIT), []);
    });
  });

  describe('leakage/target: df.iloc[rows, cols] with bounds that change per pass still picks its columns by position', () => {
    const src = (xtr: string, xte: string): string => py`
      import pandas as pd
      from sklearn.neural_network import MLPRegressor
      from sklearn.metrics import mean_squared_error
      data = pd.read_csv("demand.csv")
      def run(dataset, steps):
          df = pd.DataFrame()
          df["demand"] = dataset["demand"]
          for k in range(1, steps + 1):
              df["lag" + str(k)] = dataset["demand"].shift(k)
          df["temp"] = dataset["temp"]
          df.dropna(inplace=True)
          n = int(len(df) * 0.75)
          X_train = ${xtr}
          y_train = df.iloc[steps:n, 0]
          X_test = ${xte}
          y_test = df.iloc[n:, 0]
          m = MLPRegressor().fit(X_train, y_train)
          print(mean_squared_error(y_test, m.predict(X_test)))
      for steps in range(1, 4):
          run(data, steps)
    `;
    it('columns 1.. (the label is column 0) taken per pass: no label-column finding', () => {
      assert.deepEqual(lines(src('df.iloc[steps:n, 1:2 + steps]', 'df.iloc[n:, 1:2 + steps]'), 'leakage/target'), []);
    });
    it('rows only, every column kept: still fires', () => {
      const s = src('df.iloc[steps:n]', 'df.iloc[n:]');
      assert.deepEqual(lines(s, 'leakage/target').length > 0, true);
    });
  });

  describe('mismatch/refit-at-inference: a vocabulary of train + held-out rows also applied to the training part alone is carried by training rows', () => {
    const src = (applyTrain: string): string => py`
      import pandas as pd
      from sklearn.feature_extraction.text import CountVectorizer
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import SGDClassifier
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("texts.csv")
      xtr, xva, ytr, yva = train_test_split(df["text"], df["author"], test_size=0.1)
      vec = CountVectorizer()
      vec.fit(list(xtr) + list(xva))
      ${applyTrain}
      Xva = vec.transform(xva)
      clf = SGDClassifier()
      for batch in load_batches("batches/"):
          clf.partial_fit(batch.X, batch.y, classes=[0, 1])
      print(accuracy_score(yva, clf.predict(Xva)))
    `;
    it('vec.transform(xtr) too (the model fitted through batches the analysis cannot follow): a preprocessing leak, not a refit at inference', () => {
      const s = src('Xtr = vec.transform(xtr)');
      assert.deepEqual(lines(s, REFIT), []);
      assert.deepEqual(lines(s, PREP), [lineOf(s, 'vec.fit(')]);
    });
    it('applied to the held-out rows only: still a refit at inference', () => {
      const s = src('n_train = len(xtr)');
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'vec.fit(')]);
    });
  });
});
