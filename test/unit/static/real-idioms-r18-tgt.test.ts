/**
 * Round 18 (r18-tgt, r18b-tgt): target and temporal classes from real code. Each class has a case that must
 * fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TARGET = 'leakage/target';

describe('real-notebook idioms, round 18 (r18-tgt)', () => {
  describe('a frame that is itself a group aggregate (one row per station and day) keeps its label-derived columns apart from that aggregate', () => {
    const src = (window: string): string => py`
      import pandas as pd
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      rides = pd.read_csv("rides.csv")
      daily = rides.groupby(["station", "day"])["trips"].sum().reset_index()
      daily["weekday"] = pd.to_datetime(daily["day"]).dt.weekday
      daily["trips_7d"] = ${window}
      daily = daily.dropna()
      X = daily[["weekday", "trips_7d"]]
      y = daily["trips"]
      X_tr, X_te, y_tr, y_te = X[:-30], X[-30:], y[:-30], y[-30:]
      print(mean_absolute_error(y_te, Ridge().fit(X_tr, y_tr).predict(X_te)))
    `;
    it('fires for a rolling mean of the label that includes the current day', () => {
      assert.deepEqual(lines(src('daily["trips"].rolling(7).mean()'), TARGET), [7]);
    });
    it('fires for a per-station rolling mean of the label taken with transform', () => {
      assert.deepEqual(lines(src('daily.groupby("station")["trips"].transform(lambda s: s.rolling(7).mean())'), TARGET), [7]);
    });
    it('does not fire for a window of past days only (shifted before the rolling mean)', () => {
      assert.deepEqual(lines(src('daily.groupby("station")["trips"].transform(lambda s: s.shift(1).rolling(7).mean())'), TARGET), []);
    });
    it('does not fire for a window of another column', () => {
      assert.deepEqual(lines(src('daily["weekday"].rolling(7).mean()'), TARGET), []);
    });
  });

  describe('r18b: a label written by a masked .loc assignment over a constant column is computed from the mask\'s columns', () => {
    // df["good"] = 0; df.loc[mask, "good"] = 1 is np.where(mask, 1, 0): the features that keep the
    // mask's columns hold the rule that fixes the label.
    const src = (mask: string, drop: string): string => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.model_selection import train_test_split
      wine = pd.read_csv("wine.csv")
      wine["good"] = 0
      ${mask}
      X = wine.drop(columns=[${drop}])
      y = wine["good"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)
      print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires (error) when the features keep the column the mask compares', () => {
      const f = analyze(src('wine.loc[wine["alcohol"] >= 11, "good"] = 1', '"good"')).filter((x) => x.ruleId === TARGET);
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[7, 'error']]);
    });
    it('fires for a mask bound to a name and combining two columns, one of them kept', () => {
      const mask = 'strong = (wine["alcohol"] >= 11) & (wine.acidity < 0.4)\nwine.loc[strong, "good"] = 1';
      assert.deepEqual(lines(src(mask, '"good", "acidity"'), TARGET), [8]);
    });
    it('does not fire when the features drop every column the mask reads (the fitting line of a second matrix that keeps one does)', () => {
      const text = py`
        import pandas as pd
        from sklearn.linear_model import LogisticRegression
        wine = pd.read_csv("wine.csv")
        wine["good"] = 0
        wine.loc[wine["alcohol"] >= 11, "good"] = 1
        y = wine["good"]
        X_clean = wine.drop(columns=["good", "alcohol"])
        LogisticRegression().fit(X_clean, y)
        X_leaky = wine.drop(columns=["good"])
        LogisticRegression().fit(X_leaky, y)
      `;
      assert.deepEqual(lines(text, TARGET), [9]);
    });
    it('does not fire for a missing-value flag of the label or for a raw label rewritten on some rows (beside a masked label that fires)', () => {
      const text = py`
        import pandas as pd
        from sklearn.linear_model import LinearRegression, LogisticRegression
        df = pd.read_csv("loans.csv")
        df["income_missing"] = 0
        df.loc[df["income"].isna(), "income_missing"] = 1
        df.loc[df["loan"] == 0, "income"] = 0
        df["big"] = 0
        df.loc[df["loan"] > 50000, "big"] = 1
        known = df[df["income"].notna()]
        LinearRegression().fit(known.drop(columns=["income", "big"]), known["income"])
        LogisticRegression().fit(df.drop(columns=["big"]), df["big"])
      `;
      assert.deepEqual(lines(text, TARGET), [11]);
    });
  });

  describe('r18b: indicator columns of a column (pd.get_dummies(df["c"])) put beside the frame are computed from c', () => {
    // Ages filled by a regressor that was given the label, cut into bands, and the bands one-hot
    // encoded and joined back: the indicator columns carry the label even after the ages and bands are dropped.
    const src = (attach: string, dropAfter: string): string => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.linear_model import LogisticRegression
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("passengers.csv")
      inputs = ["Pclass", "Survived", "SibSp"]
      known = df[df.Age.notnull()]
      filler = RandomForestRegressor().fit(known[inputs], known["Age"])
      df.loc[df.Age.isnull(), "Age"] = filler.predict(df[df.Age.isnull()][inputs])
      df["band"] = pd.cut(df["Age"], bins=[0, 12, 18, 60, 120], labels=["kid", "teen", "adult", "old"])
      ${attach}
      ${dropAfter}
      X = df.drop("Survived", axis=1)
      y = df["Survived"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires at the join of the band indicators (error)', () => {
      const f = analyze(src('df = df.join(pd.get_dummies(df["band"]))', 'df.drop(["Age", "band"], axis=1, inplace=True)')).filter((x) => x.ruleId === TARGET);
      assert.ok(f.some((x) => x.location.line === 11 && x.severity === 'error'), JSON.stringify(f.map((x) => x.location.line)));
    });
    it('fires at a column-wise concat of the whole frame with the band indicators', () => {
      assert.ok(lines(src('df = pd.concat([df, pd.get_dummies(df["band"], prefix="age")], axis=1)', 'df = df.drop(["Age", "band"], axis=1)'), TARGET).includes(11));
    });
    it('fires for indicators of the label itself kept beside it, not for indicators of a raw column or a matrix picked by name', () => {
      const text = py`
        import pandas as pd
        from sklearn.tree import DecisionTreeClassifier
        df = pd.read_csv("customers.csv")
        df = df.join(pd.get_dummies(df["plan"], prefix="plan"))
        df = pd.concat([df, pd.get_dummies(df["churn"], prefix="churn")], axis=1)
        y = df["churn"]
        DecisionTreeClassifier().fit(df[["tenure", "charges"]], y)
        DecisionTreeClassifier().fit(df.drop(columns=["churn"]), y)
      `;
      assert.deepEqual(lines(text, TARGET), [5]);
    });
  });
});
