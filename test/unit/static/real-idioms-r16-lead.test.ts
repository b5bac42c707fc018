/**
 * Round 16, the lead's post-holdout fixes: the classes behind the error-level false alarms on the
 * round's holdout, each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py, found } from './helpers';

describe('real-notebook idioms, round 16 (lead, after the holdout)', () => {
  describe('leakage/overlap: a helper that resamples its training argument, then picks columns by a list it is given', () => {
    const helper = (params: string, num: string, other: string) => py`
      import numpy as np
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import classification_report

      def fit_resampled(X_train, y_train, X_test, y_test, ${params}):
          X_train_smote, y_train_smote = SMOTE().fit_resample(X_train, y_train)
          X_train_smote_num = X_train_smote[${num}]
          X_train_combined = np.concatenate((X_train_smote_num, X_train_smote[${other}]), axis=1)
          X_test_combined = np.concatenate((X_test[${num}], X_test[${other}]), axis=1)
          model = RandomForestClassifier().fit(X_train_combined, y_train_smote)
          print(classification_report(y_test, model.predict(X_test_combined)))
    `;
    it('does not fire: a parameter named as attributes picks columns (the helper is not called yet)', () => {
      assert.deepEqual(found(helper('numeric_attributes, cat_attributes', 'numeric_attributes', 'cat_attributes'), 'leakage/overlap'), []);
    });
    const called = (split: string) => helper('num, extra', 'num', 'extra') + '\n' + py`
      df = pd.read_csv("sessions.csv")
      X = pd.get_dummies(df.drop(columns="Revenue"))
      y = df["Revenue"]
      ${split}
      numeric = ["PageValues", "ExitRates"]
      others = [col for col in X_train if col not in numeric]
      fit_resampled(X_train, y_train, X_test, y_test, numeric, others)
    `;
    it('does not fire: the names a comprehension keeps from iterating the frame are its columns, not rows', () => {
      assert.deepEqual(found(called('X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)'), 'leakage/overlap'), []);
    });
    it('fires when the rows are resampled before the split that makes the training part', () => {
      const s = called('X_all, y_all = SMOTE().fit_resample(X, y)\nX_train, X_test, y_train, y_test = train_test_split(X_all, y_all, test_size=0.3)');
      assert.ok(found(s, 'leakage/overlap').some((f) => f.endsWith(':error')));
    });
  });

  describe('leakage/target: a target encoder fitted on the whole training part before a search cross-validates it', () => {
    const src = (fit: string, cv: string) => py`
      import pandas as pd
      from category_encoders import TargetEncoder
      from sklearn.model_selection import train_test_split, RandomizedSearchCV, cross_val_score
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("tracks.csv")
      X = df.drop(columns=["genre"])
      y = df["genre"]
      ${fit}
      ${cv}
      final = RandomForestClassifier().fit(X_train, y_train)
      print(final.score(X_test, y_test))
    `;
    const trainOnly = 'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\nenc = TargetEncoder(cols=["artist"]).fit(X_train, y_train)\nX_train = enc.transform(X_train)\nX_test = enc.transform(X_test)';
    const search = 'search = RandomizedSearchCV(RandomForestClassifier(), {"max_depth": [4, 8, 16]}, n_iter=3, cv=5)\nsearch.fit(X_train, y_train)\nprint(search.best_score_)';
    it('is one preprocessing warning that names the cross-validation folds, not the test split, and says the assumption; no target alarm (round 17: zy026, zzg014)', () => {
      const s = src(trainOnly, search);
      assert.deepEqual(found(s, 'leakage/target'), []);
      const fs = analyze(s, 'train.py').filter((f) => f.ruleId === 'leakage/preprocessing');
      assert.equal(fs.length, 1);
      assert.equal(fs[0].severity, 'warning');
      assert.match(fs[0].message, /validation fold/);
      assert.doesNotMatch(fs[0].message, /end up in the test split/);
      assert.match(fs[0].message, /Assumed/);
    });
    it('stays an error when the encoder is fitted on all rows before the train/test split', () => {
      const s = src('enc = TargetEncoder(cols=["artist"]).fit(X, y)\nX = enc.transform(X)\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)', '');
      assert.deepEqual(found(s, 'leakage/target').map((f) => f.split(':')[1]), ['error']);
    });
    it('does not fire when the encoder sits in a pipeline the search cross-validates', () => {
      const s = src('X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\nfrom sklearn.pipeline import make_pipeline',
        'search = RandomizedSearchCV(make_pipeline(TargetEncoder(cols=["artist"]), RandomForestClassifier()), {"randomforestclassifier__max_depth": [4, 8]}, n_iter=2, cv=5)\nsearch.fit(X_train, y_train)\nprint(search.best_score_)');
      assert.deepEqual(found(s, 'leakage/target'), []);
    });
  });

  describe('mismatch/refit-at-inference: an artifact the notebook dumped, loaded back into a name nothing reads', () => {
    const cells = (load: string) => ({
      cells: [
        'import joblib\nimport pandas as pd\nfrom sklearn.preprocessing import StandardScaler, LabelEncoder\nfrom sklearn.cluster import KMeans\ndf = pd.read_csv("beans.csv")\nscaler = StandardScaler()\nscaled = scaler.fit_transform(df[["aroma", "body"]])\nkm = KMeans(n_clusters=3).fit(scaled)',
        load,
        'le = LabelEncoder()\ndf["target"] = le.fit_transform(df["rating"])\nprint(km.predict(scaled)[:5])',
      ].map((source) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null })),
      metadata: {}, nbformat: 4, nbformat_minor: 5,
    });
    const refits = (nb: object): string[] => analyze(JSON.stringify(nb), 'segments.ipynb').filter((f) => f.ruleId === 'mismatch/refit-at-inference').map((f) => f.severity);
    it('does not fire: the training notebook checks what it saved; later fits are still training', () => {
      assert.deepEqual(refits(cells('joblib.dump(scaler, "models/scaler.joblib")\nloaded_scaler = joblib.load("models/scaler.joblib")\n# show(loaded_scaler)')), []);
    });
    it('fires when a later cell loads the artifact back and refits on the data before predicting', () => {
      const nb = cells('joblib.dump(km, "models/km.joblib")');
      nb.cells.splice(2, 0, { cell_type: 'code', source: 'segments = joblib.load("models/km.joblib")\nnew = pd.read_csv("new_beans.csv")\nnew_scaled = StandardScaler().fit_transform(new[["aroma", "body"]])\nprint(segments.predict(new_scaled))', metadata: {}, outputs: [], execution_count: null });
      assert.ok(refits(nb).length >= 1);
    });
  });
});
