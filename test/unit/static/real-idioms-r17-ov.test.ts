/**
 * Round 17 (helper r17-ov): overlap classes from real code, each with a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py, found } from './helpers';

describe('real-notebook idioms, round 17 (r17-ov)', () => {
  describe('leakage/overlap: a model refitted on all rows and scored on them, after only cross-validation folds were scored', () => {
    const src = (earlier: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import KFold, train_test_split
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.metrics import mean_absolute_error
      data = pd.read_csv("listings.csv")
      F = data.drop(columns=["price"]).values
      t = data["price"].values
      ${earlier}
      final = GradientBoostingRegressor(max_depth=5)
      final.fit(F, t)
      print(mean_absolute_error(t, final.predict(F)))
    `;
    it('fires (warning, says the assumption) when a held-out part of a split was scored before the refit', () => {
      const fs = analyze(src(`F_a, F_b, t_a, t_b = train_test_split(F, t, test_size=0.2, random_state=0)
      probe = GradientBoostingRegressor().fit(F_a, t_a)
      print(mean_absolute_error(t_b, probe.predict(F_b)))`)).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['14:warning']);
      assert.match(fs[0].message, /fitted on all the rows .* the held-out part scored earlier included/);
    });
    it('does not fire when the earlier scores are folds of a cross-validation objective (tuning machinery, no held-out set)', () => {
      assert.deepEqual(found(src(`def objective(depth):
          errs = []
          for a, b in KFold(n_splits=4).split(F):
              probe = GradientBoostingRegressor(max_depth=depth).fit(F[a], t[a])
              errs.append(mean_absolute_error(t[b], probe.predict(F[b])))
          return np.mean(errs)
      best = min([3, 5, 7], key=objective)`), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: predictions of the training part and of the held-out part joined, then scored as one', () => {
    const src = (join: string, score: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.neighbors import KNeighborsRegressor
      from sklearn.metrics import mean_squared_error
      s = pd.read_csv("demand.csv")
      lagX = s[["lag1", "lag2", "lag3"]]
      target = s["units"]
      A_fit, A_hold, b_fit, b_hold = train_test_split(lagX, target, shuffle=False)
      knn = KNeighborsRegressor(n_neighbors=3).fit(A_fit, b_fit)
      in_part = knn.predict(A_fit)
      out_part = knn.predict(A_hold)
      both = ${join}
      ${score}
    `;
    it('fires (error) when np.concatenate of both parts is scored against every label', () => {
      assert.deepEqual(found(src('np.concatenate([in_part, out_part])', 'print(mean_squared_error(target, both))'), 'leakage/overlap'), ['14:error']);
    });
    it('fires (error) for pd.concat of the two prediction frames', () => {
      assert.deepEqual(found(src('pd.concat([pd.DataFrame(in_part), pd.DataFrame(out_part)])', 'err = np.sqrt(mean_squared_error(target, both))\nprint(err)'), 'leakage/overlap'), ['14:error']);
    });
    it('fires (error) for np.hstack of the two 1-D prediction arrays (rows appended, not columns)', () => {
      assert.deepEqual(found(src('np.hstack([in_part, out_part])', 'print(mean_squared_error(target, both))'), 'leakage/overlap'), ['14:error']);
    });
    it('does not fire when the joined series is only plotted and each part is scored on its own labels', () => {
      assert.deepEqual(found(src('np.concatenate([in_part, out_part])', `import matplotlib.pyplot as plt
      plt.plot(both)
      print(mean_squared_error(b_fit, in_part), mean_squared_error(b_hold, out_part))`), 'leakage/overlap'), []);
    });
    it('does not fire for a helper the analysis cannot read, handed both parts, whose model is scored on the held-out part', () => {
      assert.deepEqual(found(py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import mean_squared_error
        from tuning.search import make_features, tune_model
        rows = pd.read_csv("apps.csv")
        P_fit, P_hold, q_fit, q_hold = train_test_split(rows.drop(columns=["rating"]), rows["rating"], test_size=0.2, random_state=4)
        feats = make_features()
        F_fit = feats.fit_transform(P_fit)
        F_hold = feats.transform(P_hold)
        chosen = tune_model(F_fit, q_fit, F_hold, q_hold)
        print(mean_squared_error(q_hold, chosen.predict(F_hold)))
      `, 'leakage/overlap'), []);
    });
    it('does not fire when only the held-out tail of the joined predictions is scored', () => {
      assert.deepEqual(found(src('np.concatenate([in_part, out_part])', 'print(mean_squared_error(b_hold, both[len(in_part):]))'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a series model\'s in-sample predictions scored in a file that holds no period out', () => {
    const src = (body: string) => py`
      import numpy as np
      import pandas as pd
      from statsmodels.tsa.holtwinters import ExponentialSmoothing
      from statsmodels.tsa.arima.model import ARIMA
      from sklearn.metrics import mean_absolute_error
      visits = pd.read_csv("visits.csv", parse_dates=["day"], index_col="day")["count"]
      ${body}
    `;
    it('fires (warning, says the assumption) for predict(start=1) inside the fitted series, scored with a metric', () => {
      const fs = analyze(src(`fitres = ARIMA(visits, order=(1, 1, 1)).fit()
      inside = fitres.predict(start=1, end=len(visits) - 1)
      print("MAE:", mean_absolute_error(visits[1:], inside))`)).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['9:warning']);
      assert.match(fs[0].message, /Assumed: with no held-out period in the file/);
    });
    it('fires (warning) for fittedvalues of a smoothing model', () => {
      assert.deepEqual(found(src(`hw = ExponentialSmoothing(visits, trend="add").fit()
      print(mean_absolute_error(visits, hw.fittedvalues))`), 'leakage/overlap'), ['8:warning']);
    });
    it('does not fire when the last period is held out and forecast (the in-sample error is then a training figure beside it)', () => {
      assert.deepEqual(found(src(`past, recent = visits[:-14], visits[-14:]
      fitres = ARIMA(past, order=(1, 1, 1)).fit()
      print(mean_absolute_error(past[1:], fitres.predict(start=1, end=len(past) - 1)))
      print(mean_absolute_error(recent, fitres.forecast(steps=14)))`), 'leakage/overlap'), []);
    });
    it('does not fire when the in-sample error is called a training figure', () => {
      assert.deepEqual(found(src(`fitres = ARIMA(visits, order=(1, 1, 1)).fit()
      print("in-sample MAE:", mean_absolute_error(visits, fitres.predict()))`), 'leakage/overlap'), []);
    });
    it('does not fire when its own words call it the model\'s fit', () => {
      assert.deepEqual(found(src(`hw = ExponentialSmoothing(visits, trend="add").fit()
      print("goodness of fit (MAE):", mean_absolute_error(visits, hw.fittedvalues))`), 'leakage/overlap'), []);
    });
    it('does not fire for an OLS regression\'s fitted values (a descriptive fit, not a series model)', () => {
      assert.deepEqual(found(py`
        import pandas as pd
        import statsmodels.api as sm
        from sklearn.metrics import mean_absolute_error
        homes = pd.read_csv("homes.csv")
        res = sm.OLS(homes["price"], sm.add_constant(homes[["rooms", "area"]])).fit()
        print(res.summary())
        print(mean_absolute_error(homes["price"], res.fittedvalues))
      `, 'leakage/overlap'), []);
    });
  });
});
