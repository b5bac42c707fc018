/**
 * Round 18, third wave (r18c-tgt): target classes from real code. Each class has a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const TARGET = 'leakage/target';
const target = (src: string): [number, string][] =>
  analyze(src).filter((f) => f.ruleId === TARGET).map((f) => [f.location.line, f.severity]);

describe('real-notebook idioms, round 18 (r18c-tgt)', () => {
  describe('a transformer fitted separately on the rows of each class, the parts stacked back', () => {
    it('fires (error) for a vectorizer per class on rows picked by a mask on the label', () => {
      const src = py`
        import pandas as pd
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import train_test_split
        posts = pd.read_csv("posts.csv")
        bots = posts[posts["is_bot"] == 1]
        humans = posts[posts["is_bot"] == 0]
        bot_x = pd.DataFrame(CountVectorizer().fit_transform(bots["text"]).toarray())
        human_x = pd.DataFrame(CountVectorizer().fit_transform(humans["text"]).toarray())
        bot_x["is_bot"] = 1
        human_x["is_bot"] = 0
        table = pd.concat([bot_x, human_x], ignore_index=True).fillna(0)
        X = table.drop(columns=["is_bot"])
        y = table["is_bot"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0)
        print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))
      `;
      assert.deepEqual(target(src), [[8, 'error'], [9, 'error']]);
    });

    it('fires for frames of each class read from their own files, each scaled on its own, given the label as a constant', () => {
      const src = py`
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import SVC
        from sklearn.model_selection import train_test_split
        cols = ["f1", "f2", "f3"]
        ill = pd.read_csv("ill.csv")
        well = pd.read_csv("well.csv")
        ill_x = pd.DataFrame(StandardScaler().fit_transform(ill[cols]), columns=cols)
        well_x = pd.DataFrame(StandardScaler().fit_transform(well[cols]), columns=cols)
        ill_x["sick"] = 1
        well_x["sick"] = 0
        both = pd.concat([ill_x, well_x])
        X_tr, X_te, y_tr, y_te = train_test_split(both[cols], both["sick"], test_size=0.25, random_state=3)
        print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
      `;
      assert.deepEqual(target(src), [[8, 'error'], [9, 'error']]);
    });

    it('does not fire for one scaler fitted on one class and applied to both, nor for scalers per value of another column', () => {
      // Lines 9-10 are the firing control (per-class means fill each class's gaps).
      const src = py`
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import train_test_split
        cols = ["a", "b"]
        df = pd.read_csv("runs.csv")
        pos = df[df.failed == 1]
        neg = df[df.failed == 0]
        pos_f = pos.fillna(pos.mean())
        neg_f = neg.fillna(neg.mean())
        ref = StandardScaler().fit(neg[cols])
        pos_s = pd.DataFrame(ref.transform(pos[cols]), columns=cols)
        neg_s = pd.DataFrame(ref.transform(neg[cols]), columns=cols)
        pos_s["failed"] = 1
        neg_s["failed"] = 0
        east = df[df.site == "east"]
        west = df[df.site == "west"]
        east_s = pd.DataFrame(StandardScaler().fit_transform(east[cols]), columns=cols)
        west_s = pd.DataFrame(StandardScaler().fit_transform(west[cols]), columns=cols)
        east_s["failed"] = east["failed"].values
        west_s["failed"] = west["failed"].values
        for t in [pd.concat([pos_f, neg_f]), pd.concat([pos_s, neg_s]), pd.concat([east_s, west_s])]:
            X_tr, X_te, y_tr, y_te = train_test_split(t[cols], t["failed"], test_size=0.2, random_state=0)
            print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))
      `;
      assert.deepEqual(target(src), [[9, 'error'], [10, 'error']]);
    });
  });
});

describe('real-notebook idioms, round 18 (r18c-tgt): columns picked by a part of their names', () => {
  // Window features named in a loop (df[f"sales_roll_{w}"]) and picked back by a comprehension over
  // the frame's columns that tests a part of each name, as df.filter(like=...) does.
  const src = (pick: string): string => py`
    import pandas as pd
    from sklearn.linear_model import Ridge
    from sklearn.metrics import mean_absolute_error
    df = pd.read_csv("sales.csv")
    for w in [7, 28]:
        df[f"sales_roll_{w}"] = df["sales"].rolling(w).mean()
        df[f"sales_lag_{w}"] = df["sales"].shift(w)
    feats = ["store", "week"] + ${pick}
    train, test = df[:-28], df[-28:]
    model = Ridge().fit(train[feats], train["sales"])
    print(mean_absolute_error(test["sales"], model.predict(test[feats])))
  `;
  it('fires (error) for a window of the label that includes the current row, picked by "roll_" in c', () => {
    assert.deepEqual(target(src('[c for c in df.columns if "roll_" in c or "lag_" in c]')), [[6, 'error']]);
  });
  it('fires for the same column picked by startswith', () => {
    assert.deepEqual(target(src('[c for c in df.columns if c.startswith("sales_roll")]')), [[6, 'error']]);
  });
  it('fires for a loop-named column picked by one literal name it takes', () => {
    assert.deepEqual(target(src('["sales_roll_7"]')), [[6, 'error']]);
  });
  it('does not fire when the pattern picks only the lags (shifted by at least one row)', () => {
    const both = py`
      import pandas as pd
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("sales.csv")
      for w in [7, 28]:
          df[f"sales_roll_{w}"] = df["sales"].rolling(w).mean()
          df[f"sales_lag_{w}"] = df["sales"].shift(w)
      df["temp_roll_7"] = df["temp"].rolling(7).mean()
      lags = [c for c in df.columns if c.endswith("_7") and "lag" in c]
      lagged = [c for c in df.columns if "lag_" in c or c.startswith("temp")]
      train, test = df[:-28], df[-28:]
      for feats in (lags, lagged):
          model = Ridge().fit(train[feats], train["sales"])
          print(mean_absolute_error(test["sales"], model.predict(test[feats])))
      rolled = [c for c in df.columns if "roll" in c]
      model = Ridge().fit(train[rolled], train["sales"])
      print(mean_absolute_error(test["sales"], model.predict(test[rolled])))
    `;
    // Only the last model (every "roll" column) keeps the window of the label.
    assert.deepEqual(target(both), [[6, 'error']]);
  });
});
