/**
 * Round 18, the lead's post-holdout fixes: the classes behind the error-level false alarms on the
 * round's holdout, each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 18 (lead, after the holdout)', () => {
  describe('leakage/overlap: .take() of hand-made position arrays on an object not known as data', () => {
    // A pickled frame under a name that does not say "data" is not known as a frame; its rows
    // picked by two different position arrays are two parts, not the same unknown rows twice.
    const src = (train: string, test: string) => py`
      import pickle
      import numpy as np
      from sklearn.linear_model import Ridge
      from sklearn.metrics import r2_score
      blob = pickle.load(open("descriptors.pkl", "rb"))
      feats = blob.drop("yield", axis=1)
      lab = blob["yield"]
      def group_split(n, pct, seed=None):
          rng = np.random.RandomState(seed)
          held = rng.choice(n, size=int(n * pct), replace=False)
          kept = np.delete(np.arange(n), held)
          return kept, held
      rows_a, rows_b = group_split(len(feats), 0.2, 7)
      X_fit, y_fit = feats.take(${train}).to_numpy(), lab.take(${train}).to_numpy()
      X_eval, y_eval = feats.take(${test}).to_numpy(), lab.take(${test}).to_numpy()
      model = Ridge().fit(X_fit, y_fit)
      print("Test R2", r2_score(y_eval, model.predict(X_eval)))
    `;
    it('does not fire when the two parts are taken at different positions', () => {
      assert.deepEqual(found(src('rows_a', 'rows_b'), 'leakage/overlap'), []);
    });
    it('fires (error) when the scored part is taken at the positions the model was fitted on', () => {
      assert.deepEqual(found(src('rows_a', 'rows_a'), 'leakage/overlap').map((f) => f.split(':')[1]), ['error']);
    });
  });

  describe('mismatch/refit-at-inference: a category encoder whose categories are typed in the code', () => {
    // OrdinalEncoder(categories=[[...]]) learns nothing from the rows: fitted again on the test part
    // it gives the codes the training fit gave ("stateless encodings do not count").
    const src = (ctor: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import OrdinalEncoder
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_squared_error
      df = pd.read_csv("housing.csv").dropna()
      X = df.drop(columns=["price"])
      y = df["price"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1)
      order = [["INLAND", "NEAR BAY", "NEAR OCEAN"]]
      enc = ${ctor}
      X_train["zone"] = enc.fit_transform(X_train[["zone"]])
      X_test["zone"] = enc.fit_transform(X_test[["zone"]])
      model = RandomForestRegressor().fit(X_train, y_train)
      print(mean_squared_error(y_test, model.predict(X_test)))
    `;
    it('does not fire when the categories are a typed list', () => {
      assert.deepEqual(found(src('OrdinalEncoder(categories=order)'), 'mismatch/refit-at-inference'), []);
    });
    it('fires (warning) when the encoder learns its categories from the rows it is refitted on', () => {
      assert.deepEqual(found(src('OrdinalEncoder()'), 'mismatch/refit-at-inference'), ['13:warning']);
    });
    it('fires (warning) when categories="auto" is written out', () => {
      assert.deepEqual(found(src('OrdinalEncoder(categories="auto")'), 'mismatch/refit-at-inference'), ['13:warning']);
    });
  });

  describe('a branch whose condition joins known parts with and / or', () => {
    // for fp in ["maccs"]: if args.pca and fp not in ["maccs", "descr"]: the branch cannot run, whatever
    // args.pca holds; a fit inside it leaks nothing. With another fingerprint in the list it may run.
    const src = (fps: string) => py`
      import argparse
      import numpy as np
      import pandas as pd
      from sklearn.decomposition import PCA
      from sklearn.linear_model import LogisticRegression
      from sklearn.model_selection import train_test_split
      parser = argparse.ArgumentParser()
      parser.add_argument("--pca", action="store_true")
      args = parser.parse_args()
      for fp in ${fps}:
          df = pd.read_csv(f"{fp}.csv")
          X, y = df.drop(columns=["active"]).to_numpy(), df["active"].to_numpy()
          if (args.pca and (fp not in ["maccs", "descr"])):
              X = PCA(n_components=16).fit_transform(X)
          X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
          model = LogisticRegression().fit(X_train, y_train)
          print(fp, model.score(X_test, y_test))
    `;
    it('does not fire when one "and" part is known false on every pass', () => {
      assert.deepEqual(found(src('["maccs"]'), 'leakage/preprocessing'), []);
    });
    it('fires (warning) when the branch can run for some pass', () => {
      assert.deepEqual(found(src('["maccs", "ecfp"]'), 'leakage/preprocessing').map((f) => f.split(':')[1]), ['warning']);
    });
  });

  describe('leakage/target: columns picked from a frame read whole by names not known here', () => {
    // all_features = wines.drop(columns="points").columns, ranked by a model's importances and cut:
    // which names are kept is not known, so the label is not assumed among them.
    const src = (pick: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from xgboost import XGBRegressor
      wines = pd.read_csv("wines.csv")
      all_features = wines.drop(columns="points").columns
      ranker = XGBRegressor().fit(wines.drop(columns="points").values, wines["points"].values)
      order = ranker.feature_importances_.argsort()
      selected_features = all_features[order][-30:]
      X = ${pick}
      X_train, X_test, y_train, y_test = train_test_split(X, wines["points"].values, test_size=0.25, random_state=0)
      model = XGBRegressor().fit(X_train, y_train)
      print(model.score(X_test, y_test))
    `;
    it('does not fire for the columns picked by the ranked names', () => {
      assert.deepEqual(found(src('wines[selected_features].values'), 'leakage/target'), []);
    });
    it('fires when the whole frame, label included, is the feature matrix', () => {
      assert.equal(found(src('wines.values'), 'leakage/target').length, 1);
    });
  });
});
