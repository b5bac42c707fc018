/**
 * Round 19, precision of leakage/preprocessing and leakage/multi-test on the dev repositories'
 * unlabelled files: each false-alarm class with a case that must not fire and a look-alike that
 * must. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 19 (preprocessing and multi-test precision on unlabelled files)', () => {
  describe('leakage/preprocessing: a load-scale-split helper that nothing in the file calls and no model follows', () => {
    // A data module whose function scales every row and then splits, returning the parts: it fits and
    // scores nothing, so the file that calls it and trains is the one labelled (helpers and splitters).
    const helper = (tail: string) => py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression

      def load_and_split(path, label="target"):
          df = pd.read_csv(path)
          X = df.drop(columns=[label])
          y = df[label]
          X_scaled = StandardScaler().fit_transform(X)
          X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2, random_state=0)
      ${tail}
    `;
    it('does not fire when the helper only returns the parts', () => {
      assert.deepEqual(found(helper('    return X_train, X_test, y_train, y_test'), 'leakage/preprocessing', 'data_processing.py'), []);
    });
    it('does not fire in a unit-test class whose methods call a data loader that scales and then splits', () => {
      const src = py`
        import unittest
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler

        class TestLoader(unittest.TestCase):
            def test_scale_then_split(self):
                data = pd.read_csv("series.csv")
                scaled = MinMaxScaler().fit_transform(data[["load"]])
                n = int(len(scaled) * 0.8)
                X_train, X_test = scaled[:n], scaled[n:]
                self.assertEqual(len(X_train) + len(X_test), len(scaled))
      `;
      assert.deepEqual(found(src, 'leakage/preprocessing', 'tests/test_loader.py'), []);
    });
    it('fires when the helper goes on to fit and score a model on the parts', () => {
      const tail = [
        '    model = LogisticRegression().fit(X_train, y_train)',
        '    print("test accuracy", model.score(X_test, y_test))',
      ].join('\n');
      assert.equal(found(helper(tail), 'leakage/preprocessing', 'data_processing.py').length, 1);
    });
    it('still fires on a document that stops at its split at top level (it is being written)', () => {
      const src = py`
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        from sklearn.model_selection import train_test_split
        df = pd.read_csv("data.csv")
        X = StandardScaler().fit_transform(df.drop(columns=["target"]))
        X_train, X_test, y_train, y_test = train_test_split(X, df["target"], test_size=0.2)
      `;
      assert.equal(found(src, 'leakage/preprocessing').length, 1);
    });
  });
  describe('leakage/preprocessing: a label cut at an all-rows mean whose column is then deleted with `del`', () => {
    // The cut-off only defines the label (README P1: a label definition, noted); `del part["label"]` takes the
    // label column out of the features exactly as drop(columns=..., inplace=True) does, so no feature carries it.
    const src = (remove: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("housing.csv")
      cut = df.price.mean()
      df["expensive"] = df.price.apply(lambda v: 1 if v > cut else 0)
      data = df.drop("price", axis=1)
      part_train, part_test = train_test_split(data, test_size=0.2, random_state=0)
      y_train = part_train.expensive.values
      y_test = part_test.expensive.values
      ${remove}
      model = LogisticRegression().fit(part_train, y_train)
      print(accuracy_score(y_test, model.predict(part_test)))
    `;
    it('does not fire when the label column is deleted from both parts with del', () => {
      assert.deepEqual(found(src('del part_train["expensive"]\n      del part_test["expensive"]'), 'leakage/preprocessing'), []);
    });
    it('fires when the label column built from the all-rows mean stays among the features', () => {
      assert.equal(found(src('pass'), 'leakage/preprocessing').length, 1);
    });
  });
  describe('leakage/preprocessing: a text-cleaning helper that loops over one column and appends each cleaned value', () => {
    // normalize(corpus) called on the training reviews and then on the held-out reviews returns one list per
    // call holding that call's rows; the vocabulary fitted on the cleaned training list saw no held-out text.
    const src = (fitOn: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.feature_extraction.text import TfidfVectorizer
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score

      def normalize(corpus):
          cleaned = []
          for doc in corpus:
              doc = doc.lower().strip()
              cleaned.append(doc)
          return cleaned

      frame = pd.read_csv("reviews.csv")
      reviews = np.array(frame["review"])
      labels = np.array(frame["sentiment"])
      tr_text = reviews[:30000]
      te_text = reviews[30000:]
      tr_y = labels[:30000]
      te_y = labels[30000:]
      clean_tr = normalize(tr_text)
      clean_te = normalize(te_text)
      vec = TfidfVectorizer()
      vec.fit(${fitOn})
      X_tr = vec.transform(clean_tr)
      X_te = vec.transform(clean_te)
      clf = LogisticRegression().fit(X_tr, tr_y)
      print(accuracy_score(te_y, clf.predict(X_te)))
    `;
    it('does not fire when the vocabulary is fitted on the cleaned training texts', () => {
      assert.deepEqual(found(src('clean_tr'), 'leakage/preprocessing'), []);
    });
    it('fires when the vocabulary is fitted on the cleaned texts of every row', () => {
      assert.equal(found(src('normalize(reviews)'), 'leakage/preprocessing').length, 1);
    });
  });

  describe('leakage/preprocessing: a statistic of the training and test parts stacked, in a file that fits no model', () => {
    // PCA's explained variance of train + test, printed: exploration with no evaluation (README: no local
    // evaluation means all false). With a model trained and scored on the parts it is a leak.
    const src = (tail: string) => py`
      import numpy as np
      from sklearn.decomposition import PCA
      from sklearn.linear_model import LogisticRegression
      from keras.datasets import mnist
      (x_train, y_train), (x_test, y_test) = mnist.load_data()
      x = np.append(x_train, x_test, axis=0).reshape(70000, 784)
      pca = PCA(n_components=784)
      x = pca.fit_transform(x)
      print(np.argmax(np.cumsum(pca.explained_variance_ratio_) >= 0.95) + 1)
      ${tail}
    `;
    it('does not fire when nothing is fitted or scored on the parts', () => {
      assert.deepEqual(found(src('pass'), 'leakage/preprocessing'), []);
    });
    it('fires when a model is trained on the reduced training rows and scored on the reduced test rows', () => {
      const tail = 'clf = LogisticRegression().fit(x[:60000], y_train)\n      print(clf.score(x[60000:], y_test))';
      assert.equal(found(src(tail), 'leakage/preprocessing').length, 1);
    });
  });
  describe('leakage/preprocessing: a grouped split through named isin masks, and a row filter reassigned with .copy()', () => {
    // Races drawn by train_test_split of the unique race ids and read back by df.loc[mask, cols] are a split by
    // race: a per-race statistic never straddles it (d005), while a per-horse one does. A row filter that
    // reassigns the frame to itself with .copy() drops rows; it holds nothing out.
    const src = (key: string, before: string, after: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import log_loss
      train_data = pd.read_csv("train_train_data.csv")
      ${before}
      train_data["rel"] = train_data.groupby("${key}")["rating"].transform("mean")
      ${after}
      races = train_data["race_id"].unique()
      train_races, val_races = train_test_split(races, test_size=0.3, random_state=1)
      train_mask = train_data["race_id"].isin(train_races)
      val_mask = train_data["race_id"].isin(val_races)
      X_train = train_data.loc[train_mask, ["rel"]]
      y_train = train_data.loc[train_mask, "won"]
      X_val = train_data.loc[val_mask, ["rel"]]
      y_val = train_data.loc[val_mask, "won"]
      model = LogisticRegression().fit(X_train, y_train)
      print(log_loss(y_val, model.predict_proba(X_val)))
    `;
    const filter = 'train_data = train_data[train_data["position"] > 0].copy()';
    it('does not fire for a per-race statistic and a split by race through named masks', () => {
      assert.deepEqual(found(src('race_id', filter, 'pass'), 'leakage/preprocessing'), []);
    });
    it('does not fire when the frame is filtered in place with .copy() after the statistic', () => {
      assert.deepEqual(found(src('race_id', 'pass', filter), 'leakage/preprocessing'), []);
    });
    it('fires for a per-horse statistic, whose groups straddle the race split', () => {
      assert.equal(found(src('horse', filter, 'pass'), 'leakage/preprocessing').length, 1);
    });
  });
});
