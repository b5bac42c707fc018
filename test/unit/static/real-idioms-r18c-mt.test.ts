/**
 * Round 18 (helper r18c-mt): multi-test recall classes from real code. Each class has a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/static/index';
import { analyze, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');

describe('real-notebook idioms, round 18 (r18c-mt)', () => {
  describe('leakage/multi-test: model classes that inherit the split and the scoring from a base class of the project', () => {
    // The base class splits its data once in __init__ and scores `self.predict()` in run(); each model is a
    // subclass that only writes predict().
    const base = (init: string, read: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import mean_absolute_error

      class BaseModel(object):
          DATA_FILE = "../data/encoded.csv"

          def __init__(${init}):
              data = pd.read_csv(${read}).values
              self.train, self.test = train_test_split(data, train_size=0.8, random_state=seed)
              self.x_train, self.y_train = self.train[:, :-1], self.train[:, -1]
              self.x_test, self.y_test = self.test[:, :-1], self.test[:, -1]

          def predict(self):
              raise NotImplementedError

          def run(self):
              err = mean_absolute_error(self.y_test, self.predict())
              print("Test MAE of {}: {}".format(self.__class__.__name__, err))
              return err
    `;
    // A subclass: its imports, the class line, then `init` (class-body lines, four spaces in) and predict().
    const sub = (imports: string, name: string, init: string, predict: string) => py`
      ${imports}
      from models.base import BaseModel
    ` + `\nclass ${name}(BaseModel):\n${init}    def predict(self):\n        ${predict}\n`;
    const forest = (init: string) => sub('from sklearn.ensemble import RandomForestRegressor', 'Forest', init,
      'return RandomForestRegressor(n_estimators=50).fit(self.x_train, self.y_train).predict(self.x_test)');
    const linear = (init: string) => sub('from sklearn.linear_model import LinearRegression', 'Linear', init,
      'return LinearRegression().fit(self.x_train, self.y_train).predict(self.x_test)');
    const main = py`
      from models.forest import Forest
      from models.linear import Linear

      if __name__ == "__main__":
          Forest().run()
          Linear().run()
    `;
    const run = (files: Record<string, string>): number[] => analyzeDocument({ path: 'proj/main.py', text: main },
      { readModule: (p) => files[p], moduleRoot: 'proj' }).findings.filter((f) => f.ruleId === 'leakage/multi-test').map((f) => f.location.line);
    const project = (b: string, f: string, l: string) => ({ 'proj/models/__init__.py': '', 'proj/models/base.py': b, 'proj/models/forest.py': f, 'proj/models/linear.py': l });

    it('fires when two subclasses are each run on the split their shared base class makes from a class constant path', () => {
      const files = project(base('self, seed=1', 'BaseModel.DATA_FILE'), forest(''), linear(''));
      assert.deepEqual(run(files), [6]);
    });
    it('fires when a subclass writes its own __init__ and hands on to the base one with super()', () => {
      const init = '    def __init__(self, trees=50):\n        super().__init__(seed=1)\n        self.trees = trees\n';
      const files = project(base('self, seed=1', 'self.DATA_FILE'), forest(init), linear(''));
      assert.deepEqual(run(files), [6]);
    });
    it('does not fire when super() hands each subclass another seed, so each model has its own test rows', () => {
      const files = project(base('self, seed=1', 'BaseModel.DATA_FILE'),
        forest('    def __init__(self):\n        super().__init__(seed=7)\n'), linear('    def __init__(self):\n        super(Linear, self).__init__(seed=8)\n'));
      assert.deepEqual(run(files), []);
    });
    it('does not fire when each subclass names its own data file in a class constant the base reads as self.DATA_FILE', () => {
      const files = project(base('self, seed=1', 'self.DATA_FILE'), forest('    DATA_FILE = "../data/forest.csv"\n'), linear('    DATA_FILE = "../data/linear.csv"\n'));
      assert.deepEqual(run(files), []);
    });
    it('fires in one file too: an experiment base class whose subclasses only build the model', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import accuracy_score
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.linear_model import LogisticRegression

        class Experiment:
            def __init__(self, path):
                df = pd.read_csv(path)
                X, y = df.drop(columns=["label"]), df["label"]
                self.X_train, self.X_test, self.y_train, self.y_test = train_test_split(X, y, random_state=0)

            def evaluate(self):
                model = self.build()
                model.fit(self.X_train, self.y_train)
                print(type(self).__name__, "test accuracy", accuracy_score(self.y_test, model.predict(self.X_test)))

        class ForestExperiment(Experiment):
            def build(self):
                return RandomForestClassifier(n_estimators=200)

        class LogisticExperiment(Experiment):
            def build(self):
                return LogisticRegression()

        ForestExperiment("data.csv").evaluate()
        LogisticExperiment("data.csv").evaluate()
      `;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: `if flag is True:` in a split helper called with a literal flag runs that branch only', () => {
    // The helper returns three parts with a validation set and two without; the caller unpacks what it asked for.
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.neighbors import KNeighborsClassifier

      df = pd.read_csv("patients.csv")
      X, y = df.drop(columns=["outcome"]), df["outcome"]

      def split(X, y, with_validation=True):
          if with_validation is True:
              X_train, X_rest, y_train, y_rest = train_test_split(X, y, test_size=0.3, random_state=1)
              X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=1)
              return X_train, X_val, X_test, y_train, y_val, y_test
          else:
              X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1)
              return X_train, X_test, y_train, y_test

      X_train, X_val, X_test, y_train, y_val, y_test = split(X, y, with_validation=True)
      rf = RandomForestClassifier().fit(X_train, y_train)
    `;
    it('fires when two models are scored on the test part of the branch the call selects', () => {
      const src = head + py`
        knn = KNeighborsClassifier().fit(X_train, y_train)
        print("forest test accuracy", rf.score(X_test, y_test))
        print("knn test accuracy", knn.score(X_test, y_test))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not report the test part as training rows (the other branch\'s two-part return is not unpacked)', () => {
      const src = head + py`
        print("forest validation accuracy", rf.score(X_val, y_val))
        print("forest test accuracy", rf.score(X_test, y_test))
      `;
      assert.deepEqual(analyze(src).filter((f) => f.ruleId.startsWith('leakage/')).map((f) => f.ruleId), []);
    });
  });
  describe('leakage/multi-test: a scoring function mapped over settings (list(map(fn, range(k)))) runs once per item', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.decomposition import PCA
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.neighbors import KNeighborsClassifier

      df = pd.read_csv("fetal_health.csv")
      X, y = df.drop(columns=["state"]), df["state"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=3)
    `;
    it('fires when each number of components is fitted and scored on the same test part and the scores are plotted', () => {
      const src = head + py`
        def score_with(model, n):
            pca = PCA(n_components=n).fit(X_train)
            model.fit(pca.transform(X_train), y_train)
            return model.score(pca.transform(X_test), y_test)

        forest = list(map(lambda n: score_with(RandomForestClassifier(), n + 1), range(len(X.columns))))
        knn = list(map(lambda n: score_with(KNeighborsClassifier(), n + 1), range(len(X.columns))))
        plt.plot(forest, label="forest")
        plt.plot(knn, label="knn")
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one fitted model is mapped over several test files, each scored once', () => {
      const src = head + py`
        model = RandomForestClassifier().fit(X_train, y_train)

        def score_file(path):
            part = pd.read_csv(path)
            return model.score(part.drop(columns=["state"]), part["state"])

        print(list(map(score_file, ["hospital_a_test.csv", "hospital_b_test.csv"])))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
});
