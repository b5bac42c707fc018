/**
 * Round 20b, precision of leakage/preprocessing on files nobody labelled (the other files of the
 * round-20 repositories): each false-alarm class with a case that must fire and a look-alike that must not.
 * Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

describe('real-notebook idioms, round 20b (preprocessing precision)', () => {
  describe('leakage/preprocessing: a leak run by another module\'s top-level code at import belongs to that module', () => {
    // A package whose evaluation module prepares the data and scores a model when it is imported: the class
    // modules that import the package neither fit nor score anything; the evaluation module is reported itself.
    const evaluation = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.neighbors import KNeighborsClassifier
      from sklearn.metrics import accuracy_score
      data = pd.read_csv("patients.csv")
      X = data.drop(columns=["readmitted"])
      X = X.fillna(X.mean())
      X_train, X_test, y_train, y_test = train_test_split(X, data["readmitted"], test_size=0.2)
      knn = KNeighborsClassifier().fit(X_train, y_train)
      print(accuracy_score(y_test, knn.predict(X_test)))
    `;
    const modules: Record<string, string> = { 'proj/pkg/evaluation.py': evaluation, 'proj/pkg/__init__.py': 'from . import evaluation\n' };
    const run = (path: string, text: string): string[] => analyze(text, path, { readModule: (p) => modules[p], moduleRoot: 'proj' })
      .filter((f) => f.ruleId === 'leakage/preprocessing').map((f) => `${f.location.line}:${f.severity}`);
    it('does not fire in a class module that only imports the package', () => {
      assert.deepEqual(run('proj/pkg/voting.py', py`
        from scipy.stats import mode
        from . import evaluation
        class VotingClassifier:
            def __init__(self, members):
                self.members = members
            def predict(self, X):
                return mode([m.predict(X) for m in self.members], axis=0)[0]
      `), []);
    });
    it('fires in the module whose own code fits the statistic and scores the split', () => {
      assert.equal(run('proj/pkg/evaluation.py', evaluation).length > 0, true);
    });
    it('fires in a document that imports the same data preparation and scores the split itself', () => {
      const prep = py`
        import pandas as pd
        data = pd.read_csv("patients.csv")
        X = data.drop(columns=["readmitted"])
        X = X.fillna(X.mean())
        y = data["readmitted"]
      `;
      const r = analyze(py`
        from sklearn.model_selection import train_test_split
        from sklearn.neighbors import KNeighborsClassifier
        from pkg.prep import X, y
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
        knn = KNeighborsClassifier().fit(X_train, y_train)
        print(knn.score(X_test, y_test))
      `, 'proj/run.py', { readModule: (p) => (p === 'proj/pkg/prep.py' ? prep : undefined), moduleRoot: 'proj' });
      assert.equal(r.filter((f) => f.ruleId === 'leakage/preprocessing').length > 0, true);
    });
  });
});
