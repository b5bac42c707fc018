/**
 * Round 20b, precision of leakage/preprocessing and leakage/multi-test on files nobody labelled (the other files of the
 * round-20 repositories): each false-alarm class with a case that must fire and a look-alike that must not.
 * Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, found, py } from './helpers';

describe('real-notebook idioms, round 20b (preprocessing and multi-test precision)', () => {
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

  describe('leakage/multi-test: a helper named like a score that runs a model it is given, with no labels, predicts', () => {
    // get_score(text, tokenizer, model) returns the fine-tuned model's output for one text; the test rows' scores
    // are then metrics of that one model's predictions, not a second model scored on the same test set.
    const src = (helper: string, call: string) => py`
      import pandas as pd
      import torch
      from sklearn.metrics import accuracy_score, roc_auc_score
      from transformers import AutoTokenizer, AutoModelForSequenceClassification
      tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")
      model = AutoModelForSequenceClassification.from_pretrained("./finetuned")
      test = pd.read_csv("test.csv")
      ${helper}
      test["pred"] = test.text.apply(lambda t: ${call})
      print(accuracy_score(test.label, test.pred > 0.5))
      print(roc_auc_score(test.label, test.pred))
    `;
    const predictor = py`
      def get_score(text, tokenizer, model):
          inputs = tokenizer(text, return_tensors="pt", truncation=True)
          logits = model(**inputs)[0][0].detach().numpy()
          return float(torch.softmax(torch.tensor(logits), -1)[1])
    `.split('\n').join('\n      ');
    it('does not fire for two metrics of the one model\'s predictions', () => {
      assert.deepEqual(found(src(predictor, 'get_score(t, tokenizer, model)'), 'leakage/multi-test'), []);
    });
    it('fires when a hand-written score helper that runs the model and takes the labels scores a second model on the same rows', () => {
      const scorer = py`
        def get_score(model, texts, labels):
            preds = [float(model(**tokenizer(t, return_tensors="pt"))[0][0][1]) for t in texts]
            return sum((p > 0.5) == l for p, l in zip(preds, labels)) / len(labels)
        base = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased")
        print(get_score(base, test.text, test.label))
        print(get_score(model, test.text, test.label))
      `.split('\n').join('\n      ');
      assert.ok(found(src(scorer, '0.5'), 'leakage/multi-test').length > 0);
    });
  });
});
