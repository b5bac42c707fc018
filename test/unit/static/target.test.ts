/**
 * leakage/target through derived columns: a feature computed from the label (directly, through
 * other derived columns, assign/eval/np.where) that reaches the model's feature matrix fires on
 * the line that builds it; label-derived columns that are dropped or only build the label do not.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const IMPORTS = py`
  import numpy as np
  import pandas as pd
  from sklearn.linear_model import LogisticRegression
  from sklearn.model_selection import train_test_split, cross_val_score
  from sklearn.preprocessing import StandardScaler, OneHotEncoder, LabelEncoder
  df = pd.read_csv("customers.csv")
`;

/** Lines of leakage/target findings. */
function targetLines(src: string): number[] {
  return analyze(src).filter((f) => f.ruleId === 'leakage/target').map((f) => f.location.line);
}

describe('leakage/target through derived columns', () => {
  describe('fires', () => {
    it('on a column computed from the label that reaches the model through scaled and encoded blocks (churn example)', () => {
      const src = IMPORTS + py`
        NUMERIC = ["age", "support_calls", "retention_offer_made"]
        CATEGORICAL = ["contract", "region"]
        df["retention_offer_made"] = df["churned"] * (df["support_calls"] > 1)
        categories = OneHotEncoder(sparse_output=False).fit_transform(df[CATEGORICAL])
        numbers = StandardScaler().fit_transform(df[NUMERIC])
        X = pd.concat([numbers, categories], axis=1)
        y = df["churned"]
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        LogisticRegression().fit(X_train, y_train)
      `;
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/target');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'df["retention_offer_made"] =')]);
      assert.equal(f[0].evidence.label, 'churned');
      assert.ok(f[0].related.some((r) => r.location.line === lineOf(src, '.fit(X_train')));
    });

    it('through a chain of derived columns', () => {
      const src = IMPORTS + py`
        df["score"] = df["churned"] * 10
        df["score_bucket"] = df["score"] // 3
        X = df[["age", "score_bucket"]]
        LogisticRegression().fit(X, df["churned"])
      `;
      assert.deepEqual(targetLines(src), [lineOf(src, 'df["score_bucket"]')]);
    });

    it('on df.assign(c=...) with a column and with a lambda', () => {
      const src = IMPORTS + py`
        df2 = df.assign(paid_late=df["defaulted"] & (df["balance"] > 0), ratio=lambda d: d["balance"] / d["limit"])
        df3 = df2.assign(flag=lambda d: d["defaulted"] == 1)
        X = df3.drop(columns=["defaulted", "id"])
        y = df3["defaulted"]
        LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(targetLines(src), [lineOf(src, 'df2 = df.assign'), lineOf(src, 'df3 = df2.assign')]);
    });

    it('on df.eval("c = ...") and on np.where over the label', () => {
      const src = IMPORTS + py`
        df = df.eval("won_ratio = won / (tries + 1)")
        df["high"] = np.where(df["won"] > 3, 1, 0)
        df["tries_log"] = np.log1p(df["tries"])
        features = ["won_ratio", "high", "tries_log"]
        LogisticRegression().fit(df[features], df["won"])
      `;
      assert.deepEqual(targetLines(src), [lineOf(src, 'df.eval('), lineOf(src, 'df["high"]')]);
    });

    it('learns the label from train_test_split(X, df[c]) and from a one-column drop when y names no column', () => {
      const split = IMPORTS + py`
        df["refund_flag"] = df["fraud"].astype(int) * 2
        X = df.drop(columns=["fraud"])
        X_train, X_test, y_train, y_test = train_test_split(X, df["fraud"], test_size=0.2)
        LogisticRegression().fit(X_train, y_train)
      `;
      assert.deepEqual(targetLines(split), [lineOf(split, 'df["refund_flag"]')]);
      const unknownY = IMPORTS + py`
        df["refund_flag"] = df["fraud"].astype(int) * 2
        X = df.drop(columns=["fraud", "customer_id"])
        y = load_labels()
        LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(targetLines(unknownY), [lineOf(unknownY, 'df["refund_flag"]')]);
      // The label is guessed there (y names no column): the finding says so and stays a warning.
      const guessed = analyze(unknownY).find((f) => f.ruleId === 'leakage/target')!;
      assert.equal(guessed.severity, 'warning');
      assert.match(guessed.message, /Assumed: the label is taken to be 'fraud', the one column the features drop/);
      const named = analyze(split).find((f) => f.ruleId === 'leakage/target')!;
      assert.equal(named.severity, 'error');
    });

    it('on a row-wise apply that reads the label', () => {
      const src = IMPORTS + py`
        def risk(row):
            return row["complaints"] + row.get("churned", 0) * 5
        df["risk"] = df.apply(risk, axis=1)
        df["tenure_band"] = df.apply(lambda r: r.tenure // 12 + len(r.name), axis=1)
        df["flagged"] = df.apply(lambda r: r.churned and r["age"] > 60, axis=1)
        X = df.drop(columns=["churned"])
        LogisticRegression().fit(X, df["churned"])
      `;
      assert.deepEqual(targetLines(src), [lineOf(src, 'df["risk"]'), lineOf(src, 'df["flagged"]')]);
    });

    it('on .loc column assignment and df.insert', () => {
      const src = IMPORTS + py`
        df.loc[:, "hint"] = df["churned"] * 2
        df.insert(0, "hint2", df["churned"] + 1)
        df.insert(1, "age2", df["age"] ** 2)
        X = df.drop(columns=["churned"])
        LogisticRegression().fit(X, df["churned"])
      `;
      assert.deepEqual(targetLines(src), [lineOf(src, 'df.loc[:, "hint"]'), lineOf(src, '"hint2"')]);
    });

    it('when the label is encoded before fitting and when scored by cross-validation', () => {
      const encoded = IMPORTS + py`
        df["vip"] = df["segment"].map({"gold": 1}) + (df["churned"] == "yes")
        X = df[["age", "vip"]]
        y = LabelEncoder().fit_transform(df["churned"])
        LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(targetLines(encoded), [lineOf(encoded, 'df["vip"]')]);
      const cv = IMPORTS + py`
        df["vip"] = df["churned"].where(df["age"] > 30, 0)
        print(cross_val_score(LogisticRegression(), df[["age", "vip"]], df["churned"], cv=5))
      `;
      assert.deepEqual(targetLines(cv), [lineOf(cv, 'df["vip"]')]);
    });
  });

  describe('does not fire', () => {
    it('when the label-derived column is dropped before fitting', () => {
      const src = IMPORTS + py`
        df["retention_offer_made"] = df["churned"] * (df["support_calls"] > 1)
        X = df.drop(columns=["churned", "retention_offer_made"])
        y = df["churned"]
        LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(targetLines(src), []);
    });

    it('when the derived column only builds the label', () => {
      const src = IMPORTS + py`
        df["churn_score"] = df["cancel_requests"] * 2 + df["complaints"]
        df["target"] = (df["churn_score"] > 3).astype(int)
        X = df[["age", "tenure"]]
        y = df["target"]
        LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(targetLines(src), []);
    });

    it('when a label-derived column is overwritten by an independent value before fitting', () => {
      const src = IMPORTS + py`
        df["hint"] = df["churned"] * 3
        df["hint"] = df["support_calls"] + 1
        X = df.drop(columns=["churned"])
        LogisticRegression().fit(X, df["churned"])
      `;
      assert.deepEqual(targetLines(src), []);
    });

    it('on a lag of the label and on ordinary feature engineering', () => {
      const src = IMPORTS + py`
        df["sales_lag1"] = df["sales"].shift(1)
        df["sales_lag_ratio"] = df["sales_lag1"] / (df["price"] + 1)
        df["price_per_unit"] = df["price"] / df["units"]
        df = df.eval("discount = list_price - price")
        X = df[["sales_lag1", "sales_lag_ratio", "price_per_unit", "discount"]]
        LogisticRegression().fit(X, df["sales"])
      `;
      assert.deepEqual(targetLines(src), []);
    });

    it('when assign builds a side frame that is not the feature matrix', () => {
      const src = IMPORTS + py`
        report = df.assign(hit=df["churned"] * df["offer"])
        print(report.groupby("region")["hit"].mean())
        X = df.drop(columns=["churned"])
        LogisticRegression().fit(X, df["churned"])
      `;
      assert.deepEqual(targetLines(src), []);
    });

    it('when the label-derived column is added after the feature matrix was copied out', () => {
      const src = IMPORTS + py`
        X = df.drop(columns=["churned"])
        df["offer"] = df["churned"] * 2
        LogisticRegression().fit(X, df["churned"])
      `;
      assert.deepEqual(targetLines(src), []);
      // ...but it fires when the matrix is taken after the column exists
      const after = IMPORTS + py`
        df["offer"] = df["churned"] * 2
        X = df.drop(columns=["churned"])
        LogisticRegression().fit(X, df["churned"])
      `;
      assert.deepEqual(targetLines(after), [lineOf(after, 'df["offer"]')]);
    });

    it('when a copy made with assign redefines an inherited label-derived column independently', () => {
      const src = IMPORTS + py`
        df["hint"] = df["churned"] * 2
        clean = df.assign(hint=0)
        X = clean.drop(columns=["churned"])
        LogisticRegression().fit(X, clean["churned"])
      `;
      assert.deepEqual(targetLines(src), []);
    });

    it('when the unknown-y guess is ambiguous (two non-id columns dropped)', () => {
      const src = IMPORTS + py`
        df["refund_flag"] = df["fraud"].astype(int) * 2
        X = df.drop(columns=["fraud", "chargeback"])
        y = load_labels()
        LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(targetLines(src), []);
    });

    it('when the label is rewritten on some rows from its own values (df.loc[mask, label] = df.loc[mask, label] + noise)', () => {
      const src = IMPORTS + py`
        FEATURES = ["income", "premium"]
        noise = np.random.normal(0, 10, 50)
        df.loc[df["gender"] == "M", "value"] = df.loc[df["gender"] == "M", "value"] + noise
        X, y = df[FEATURES], df["value"]
        LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(targetLines(src), []);
      // ...but a feature computed from the label's masked rows still fires
      const leak = IMPORTS + py`
        FEATURES = ["income", "hint"]
        df["hint"] = df.loc[df["gender"] == "M", "value"] * 2
        X, y = df[FEATURES], df["value"]
        LogisticRegression().fit(X, y)
      `;
      assert.deepEqual(targetLines(leak), [lineOf(leak, 'df["hint"] =')]);
    });

    it('when numeric columns are selected by dtype and the label holds class names (it is label-encoded)', () => {
      const src = IMPORTS + py`
        X, y = df.select_dtypes(["number"]), df["kind"]
        codes = LabelEncoder().fit_transform(y)
        LogisticRegression().fit(X, codes)
      `;
      assert.deepEqual(targetLines(src), []);
      // ...and with no sign of the label's dtype it is said as a guess, below error
      const guess = IMPORTS + py`
        X, y = df.select_dtypes(["number"]), df["kind"]
        LogisticRegression().fit(X, y)
      `;
      const f = analyze(guess).filter((x) => x.ruleId === 'leakage/target');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(guess, 'X, y =')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: the column 'kind' is numeric/);
    });

    it('when a loader returns the matrix without the label from one branch and a synthetic frame from another, and numeric columns are picked from it', () => {
      const src = IMPORTS + py`
        def load(path=None):
            if path:
                raw = pd.read_csv(path)
                y = raw["default"]
                X = raw.drop(columns=["default"])
                return X, y
            X = pd.DataFrame(np.zeros((10, 3)), columns=["a", "b", "c"])
            return X, pd.Series(np.zeros(10), name="default")
        X, y = load("credit.csv")
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        numeric = X.select_dtypes(include=[np.number]).columns.tolist()
        model = LogisticRegression().fit(X_train[numeric], y_train)
        print(model.score(X_test[numeric], y_test))
      `;
      assert.deepEqual(targetLines(src), []);
      // ...while a branch that keeps the label in the matrix still fires
      const leak = src.replace('X = raw.drop(columns=["default"])', 'X = raw');
      assert.equal(targetLines(leak).length, 1);
    });
  });

  describe('a feature filled with its mean per class of the label', () => {
    it('fires on df[c].fillna(df.groupby(label)[c].transform("mean")); grouped by another column it does not', () => {
      const src = IMPORTS + py`
        df["income"] = df["income"].fillna(df.groupby("churned")["income"].transform("mean"))
        X = df.drop(columns=["churned"])
        y = df["churned"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
      `;
      assert.deepEqual(targetLines(src), [lineOf(src, 'df["income"] = ')]);
      const other = src.replace('df.groupby("churned")', 'df.groupby("region")');
      assert.deepEqual(targetLines(other), []);
    });
  });
  describe('a new frame whose columns are named from a vocabulary', () => {
    it('does not keep the label of the frame its values came from; a frame built with the source\'s own columns does', () => {
      const src = IMPORTS + py`
        from sklearn.feature_extraction.text import TfidfVectorizer
        vec = TfidfVectorizer()
        words = vec.fit_transform(df["notes"])
        feats = pd.DataFrame(words.toarray(), columns=[f"w_{t}" for t in vec.get_feature_names_out()])
        feats["region"] = df["region"]
        X = feats.drop(columns=["region"])
        y = df["churned"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
      `;
      assert.deepEqual(targetLines(src), []);
      const same = src.replace('words.toarray(), columns=[f"w_{t}" for t in vec.get_feature_names_out()]', 'df.values, columns=df.columns');
      assert.equal(targetLines(same).length, 1);
    });
  });
  describe('a drop after blocks are put side by side', () => {
    it('narrows the blocks (the label dropped from one block stays out); kept in a block it fires', () => {
      const src = IMPORTS + py`
        X = df.drop(columns=["customer_id", "region", "churned"])
        regions = pd.get_dummies(df["region"], drop_first=True)
        both = pd.concat([X, regions], axis=1)
        X2 = both.drop(columns=["age"])
        y = df["churned"]
        X_train, X_test, y_train, y_test = train_test_split(X2, y, random_state=0)
        print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
      `;
      assert.deepEqual(targetLines(src), []);
      const kept = src.replace('"customer_id", "region", "churned"', '"customer_id", "region"');
      assert.equal(targetLines(kept).length, 1);
    });
  });
});
