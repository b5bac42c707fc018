# Benchmark harness used in the weekly model review
from sklearn.datasets import fetch_covtype
from sklearn.model_selection import train_test_split
from sklearn.metrics import get_scorer
from sklearn.linear_model import RidgeClassifier
from sklearn.tree import DecisionTreeClassifier
from sklearn.ensemble import HistGradientBoostingClassifier

X, y = fetch_covtype(return_X_y=True)
X_fit, X_hold, y_fit, y_hold = train_test_split(X, y, train_size=0.7, random_state=2, stratify=y)

scorer = get_scorer("balanced_accuracy")
estimators = {
    "ridge": RidgeClassifier(alpha=1.0),
    "tree": DecisionTreeClassifier(max_depth=20, random_state=2),
    "hgb": HistGradientBoostingClassifier(max_iter=300, random_state=2),
}

results = []
for label, est in estimators.items():
    est.fit(X_fit, y_fit)
    results.append((label, scorer(est, X_hold, y_hold)))  # expect: leakage/multi-test

for label, value in sorted(results, key=lambda t: -t[1]):
    print(f"{label:>6}: {value:.4f}")
