/**
 * Round 16 (r16-pre): preprocessing classes. Each class has a case that must fire and a look-alike that
 * must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 16, r16-pre)', () => {
  describe('leakage/preprocessing: `df = df.fillna(stat, inplace=True)` keeps the filled frame under its name (the author\'s intent)', () => {
    it('fires when the whole table is filled with its own means before the split', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        from sklearn.metrics import r2_score
        df = pd.read_csv("weekly.csv")
        df = df.fillna(df.mean(), inplace=True)
        df["ratio"] = df["a"] / df["b"]
        X = df[["a", "b", "ratio"]]
        y = df["cases"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, shuffle=False)
        reg = LinearRegression().fit(X_tr, y_tr)
        print(r2_score(y_te, reg.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [6]);
    });
    it('does not fire when the same self-assignment fills the training part with its own means', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        from sklearn.metrics import r2_score
        df = pd.read_csv("weekly.csv")
        X = df[["a", "b"]]
        y = df["cases"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, shuffle=False)
        means = X_tr.mean()
        X_tr = X_tr.fillna(means, inplace=True)
        X_te = X_te.fillna(means, inplace=True)
        reg = LinearRegression().fit(X_tr, y_tr)
        print(r2_score(y_te, reg.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a table built from a fitted selector\'s results (pd.DataFrame(sfs.get_metric_dict())) is those results', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from mlxtend.feature_selection import SequentialFeatureSelector as SFS
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.model_selection import GridSearchCV, train_test_split
      from sklearn.metrics import roc_auc_score
      df = pd.read_csv("train.csv")
      X = df.drop(columns=["label"]).values
      y = df["label"].values
    `;
    const pick = (rows: string) => py`
      sfs = SFS(RandomForestClassifier(), k_features=8, scoring="roc_auc", cv=5).fit(${rows})
      table = pd.DataFrame.from_dict(sfs.get_metric_dict()).T
      best = np.array(table.loc[table.avg_score.astype(float).idxmax(), "feature_idx"])
    `;
    it('fires when the columns it picked on all training rows feed a search whose best_score_ is printed', () => {
      const src = head + pick('X, y') + py`
        search = GridSearchCV(RandomForestClassifier(), {"max_depth": [4, 8]}, cv=5)
        search.fit(X[:, best], y)
        print(search.best_score_)
      `;
      assert.equal(rules(src, 'leakage/preprocessing').length, 1);
    });
    it('does not fire when the selector saw only the training part and the clean test part is scored', () => {
      const src = head + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      ` + pick('X_tr, y_tr') + py`
        model = RandomForestClassifier().fit(X_tr[:, best], y_tr)
        print(roc_auc_score(y_te, model.predict_proba(X_te[:, best])[:, 1]))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: columns kept by a statistic of each column alone (missing share, spread) are a label-free filter (g021, x025)', () => {
    const src = (pick: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      from sklearn.metrics import r2_score
      df = pd.read_csv("vehicles.csv")
      y = df["mpg"]
      X = df.drop(columns=["mpg"])
      ${pick.split('\n').join('\n      ')}
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      reg = LinearRegression().fit(X_tr, y_tr)
      print(r2_score(y_te, reg.predict(X_te)))
    `;
    it('does not fire when columns are dropped by their missing share or kept by a non-zero spread over all rows', () => {
      assert.deepEqual(rules(src('X = X.loc[:, X.isnull().mean() < 0.5]'), 'leakage/preprocessing'), []);
      assert.deepEqual(rules(src('X = X[X.columns[X.std() > 0]]'), 'leakage/preprocessing'), []);
    });
    it('fires when the columns are picked by their correlation with the label over all rows', () => {
      const pick = 'c = pd.concat([X, y], axis=1).corr()["mpg"].abs()\nX = X[c[c > 0.2].index.drop("mpg")]';
      assert.equal(rules(src(pick), 'leakage/preprocessing').length, 1);
    });
    it('fires when the same statistic then fills the values', () => {
      assert.equal(rules(src('X = X.loc[:, X.isnull().mean() < 0.5]\nX = X.fillna(X.mean())'), 'leakage/preprocessing').length, 1);
    });
  });
  describe('leakage/preprocessing: Keras validation_split whose val_ metrics are never read and whose callbacks watch a training metric is not evaluated', () => {
    const src = (monitor: string, read: string) => py`
      import pandas as pd
      import matplotlib.pyplot as plt
      from tensorflow.keras.models import Sequential
      from tensorflow.keras.layers import Dense
      from tensorflow.keras.callbacks import EarlyStopping
      train = pd.read_csv("train.csv")
      train = train.fillna(train.mean(numeric_only=True))
      X = train.drop(columns=["target"])
      y = train["target"]
      net = Sequential([Dense(16, activation="relu"), Dense(1)])
      net.compile(optimizer="adam", loss="mse")
      stop = EarlyStopping(monitor="${monitor}", patience=5, restore_best_weights=True)
      hist = net.fit(X, y, epochs=40, validation_split=0.2, callbacks=[stop])
      plt.plot(hist.history["${read}"])
    `;
    it('does not fire when early stopping watches the training loss and only the training loss is plotted', () => {
      assert.deepEqual(rules(src('loss', 'loss'), 'leakage/preprocessing'), []);
    });
    it('fires when early stopping watches the validation loss', () => {
      assert.equal(rules(src('val_loss', 'loss'), 'leakage/preprocessing').length, 1);
    });
    it('fires when the validation loss is plotted', () => {
      assert.equal(rules(src('loss', 'val_loss'), 'leakage/preprocessing').length, 1);
    });
  });
  describe('leakage/preprocessing: an empty frame filled column by column from another frame\'s columns holds that frame\'s rows', () => {
    const src = (body: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("employees.csv")
      X = df.drop(["left"], axis=1)
      y = df["left"]
      out = pd.DataFrame()
      for col in list(X.columns):
          ${body}
      X = pd.DataFrame(out)
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y)
      clf = LogisticRegression().fit(X_tr, y_tr)
      print(clf.score(X_te, y_te))
    `;
    it('fires when each column is standardised over all rows in the loop', () => {
      assert.equal(rules(src('out[col] = StandardScaler().fit_transform(X[col].values.reshape(-1, 1)).ravel()'), 'leakage/preprocessing').length, 1);
    });
    it('does not fire when each column is transformed row by row', () => {
      assert.deepEqual(rules(src('out[col] = np.log1p(X[col])'), 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: Python\'s max / min / sum over a column are that column\'s statistic, as its .max() is', () => {
    const src = (line: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("students.csv")
      ${line}
      X = df[["failed", "credits"]]
      y = df["result"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires when the gaps are filled with the largest value over all rows', () => {
      assert.deepEqual(rules(src('df["failed"] = df["failed"].fillna(max(df["failed"]))'), 'leakage/preprocessing'), [5]);
    });
    it('does not fire for a constant, or for the maximum only printed', () => {
      assert.deepEqual(rules(src('df["failed"] = df["failed"].fillna(max(0, 1))'), 'leakage/preprocessing'), []);
      assert.deepEqual(rules(src('print(max(df["failed"]))'), 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: columns kept when a statistical test over all rows passes (`if p < 0.05: keep.append(c)`) carry that test', () => {
    // The loop body is given as lines (indented by the loop), so no template dedent can shift it.
    const src = (...body: string[]) => [
      'import pandas as pd',
      'from scipy import stats',
      'from sklearn.model_selection import train_test_split',
      'from sklearn.linear_model import LogisticRegression',
      'df = pd.read_csv("grades.csv")',
      'feats = [c for c in df.columns if c != "passed"]',
      'keep = []',
      'for c in feats:',
      ...body.map((l) => '    ' + l),
      'X = df[keep]',
      'y = df["passed"]',
      'X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)',
      'print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))',
    ].join('\n') + '\n';
    it('fires when a t-test between the label\'s classes picks the columns', () => {
      const src1 = src('p = stats.ttest_ind(df[df.passed == 1][c], df[df.passed == 0][c])[1]', 'if p < 0.05:', '    keep.append(c)');
      assert.deepEqual(rules(src1, 'leakage/preprocessing'), [9]);
    });
    it('fires when the correlation with the label picks the columns', () => {
      assert.deepEqual(rules(src('if abs(df[c].corr(df["passed"])) > 0.1:', '    keep.append(c)'), 'leakage/preprocessing'), [9]);
    });
    it('does not fire when the test reads only the column\'s type or its own missing share', () => {
      assert.deepEqual(rules(src('if df[c].dtype != "object":', '    keep.append(c)'), 'leakage/preprocessing'), []);
      assert.deepEqual(rules(src('if df[c].isnull().mean() < 0.3:', '    keep.append(c)'), 'leakage/preprocessing'), []);
    });
    it('does not fire for a pairwise collinearity screen between features (nested loop, label-free: g021)', () => {
      const pair = src('for o in feats:', '    if c != o and abs(df[c].corr(df[o])) > 0.9 and c not in keep:', '        keep.append(c)');
      assert.deepEqual(rules(pair, 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: a model-based fill written per column in a loop (df.loc[df[col].isnull(), col] = reg.predict(...)) is a statistic of the rows it was fitted on', () => {
    it('fires when each column\'s gaps are predicted by a regressor fitted on all complete rows before the split', () => {
      const src = [
        'import pandas as pd',
        'from sklearn.ensemble import RandomForestRegressor, RandomForestClassifier',
        'from sklearn.model_selection import train_test_split',
        'df = pd.read_csv("soil.csv")',
        'for col in df.columns:',
        '    if df[col].isnull().sum() > 0:',
        '        known = df.dropna()',
        '        reg = RandomForestRegressor().fit(known.drop(columns=[col]), known[col])',
        '        df.loc[df[col].isnull(), col] = reg.predict(df[df[col].isnull()].drop(columns=[col]))',
        'X = df.drop(columns=["fertile"])',
        'y = df["fertile"]',
        'X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)',
        'print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))',
      ].join('\n') + '\n';
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [9]);
    });
    it('does not fire when the regressor is fitted on the training part and fills the test part', () => {
      const src = [
        'import pandas as pd',
        'from sklearn.ensemble import RandomForestRegressor, RandomForestClassifier',
        'from sklearn.model_selection import train_test_split',
        'df = pd.read_csv("soil.csv")',
        'X = df.drop(columns=["fertile"])',
        'y = df["fertile"]',
        'X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)',
        'for col in X_tr.columns:',
        '    known = X_tr.dropna()',
        '    reg = RandomForestRegressor().fit(known.drop(columns=[col]), known[col])',
        '    X_te.loc[X_te[col].isnull(), col] = reg.predict(X_te[X_te[col].isnull()].drop(columns=[col]))',
        'print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))',
      ].join('\n') + '\n';
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: a multi-input model fitted on a dict of columns ({name: df[name]}) with validation_split is given those rows', () => {
    const src = (prep: string) => py`
      import pandas as pd
      from sklearn.preprocessing import LabelEncoder, MinMaxScaler
      from deepctr.models import DeepFM
      data = pd.read_csv("clicks.csv")
      dense = ["I1", "I2", "I3"]
      sparse = ["C1", "C2"]
      for feat in sparse:
          data[feat] = LabelEncoder().fit_transform(data[feat])
      ${prep}
      inputs = {name: data[name] for name in dense + sparse}
      model = DeepFM(linear_cols, dnn_cols, task="binary")
      model.compile("adam", "binary_crossentropy", metrics=["auc"])
      history = model.fit(inputs, data["label"].values, epochs=10, validation_split=0.2)
      print(history.history)
    `;
    it('fires when the dense columns were min-max scaled over all rows first', () => {
      assert.deepEqual(rules(src('data[dense] = MinMaxScaler().fit_transform(data[dense])'), 'leakage/preprocessing'), [9]);
    });
    it('does not fire when the columns were only label-encoded (a vocabulary, not a statistic)', () => {
      assert.deepEqual(rules(src('data[dense] = data[dense].fillna(0)'), 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: a per-group statistic keyed by the column whose whole values the split assigns to one side (split by match id) does not cross the split (d005)', () => {
    const src = (split: string) => [
      'import numpy as np',
      'import pandas as pd',
      'from sklearn.model_selection import train_test_split',
      'from sklearn.ensemble import RandomForestRegressor',
      'from sklearn.metrics import mean_absolute_error',
      'df = pd.read_csv("players.csv")',
      'means = df.groupby("match_id")["damage"].mean().reset_index()',
      'means.columns = ["match_id", "match_damage"]',
      'df = df.merge(means, on="match_id", how="left")',
      ...split.split('\n'),
      'feats = ["kills", "damage", "match_damage"]',
      'm = RandomForestRegressor().fit(train[feats], train["place"])',
      'print(mean_absolute_error(test["place"], m.predict(test[feats])))',
    ].join('\n') + '\n';
    it('fires when the rows are split at random', () => {
      assert.deepEqual(rules(src('train, test = train_test_split(df, test_size=0.2, random_state=0)'), 'leakage/preprocessing'), [7]);
    });
    it('fires when whole values of another column are assigned to a side', () => {
      const byTeam = 'ids = df.team_id.unique()\nheld = np.random.choice(ids, size=len(ids) // 5, replace=False)\ntest = df[df.team_id.isin(held)]\ntrain = df[~df.team_id.isin(held)]';
      assert.deepEqual(rules(src(byTeam), 'leakage/preprocessing'), [7]);
    });
    it('does not fire when whole matches are assigned to a side', () => {
      const byMatch = 'ids = df.match_id.unique()\nheld = np.random.choice(ids, size=len(ids) // 5, replace=False)\ntest = df[df.match_id.isin(held)]\ntrain = df[~df.match_id.isin(held)]';
      assert.deepEqual(rules(src(byMatch), 'leakage/preprocessing'), []);
      const idSplit = 'tr_ids, te_ids = train_test_split(df["match_id"].unique(), test_size=0.2)\ntrain = df[df["match_id"].isin(tr_ids)]\ntest = df[df["match_id"].isin(te_ids)]';
      assert.deepEqual(rules(src(idSplit), 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: a per-group statistic keyed by the groups= column of a group splitter (GroupKFold) stays within each fold', () => {
    const src = (splitter: string) => py`
      import pandas as pd
      from sklearn.model_selection import GroupKFold, KFold
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("players.csv")
      df["match_damage"] = df.groupby("match_id")["damage"].transform("mean")
      X = df[["kills", "damage", "match_damage"]]
      y = df["place"]
      for tr, va in ${splitter}:
          m = RandomForestRegressor().fit(X.iloc[tr], y.iloc[tr])
          print(mean_absolute_error(y.iloc[va], m.predict(X.iloc[va])))
    `;
    it('fires with shuffled K folds over rows', () => {
      assert.deepEqual(rules(src('KFold(n_splits=5, shuffle=True).split(X, y)'), 'leakage/preprocessing'), [6]);
    });
    it('fires with groups given by another column', () => {
      assert.deepEqual(rules(src('GroupKFold(n_splits=5).split(X, y, groups=df["team_id"])'), 'leakage/preprocessing'), [6]);
    });
    it('does not fire when the folds are grouped by the statistic\'s key', () => {
      assert.deepEqual(rules(src('GroupKFold(n_splits=5).split(X, y, groups=df["match_id"])'), 'leakage/preprocessing'), []);
    });
  });
});
