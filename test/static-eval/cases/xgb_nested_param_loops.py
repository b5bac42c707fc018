"""Hand-rolled hyper-parameter search for XGBoost."""
import itertools

import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

higgs = pd.read_csv("higgs_100k.csv")
X_train, X_test, y_train, y_test = train_test_split(
    higgs.drop(columns="label"), higgs["label"], test_size=0.2, random_state=1
)

best = (None, 0.0)
for depth, eta in itertools.product([3, 5, 7], [0.3, 0.1, 0.05]):
    booster = xgb.XGBClassifier(max_depth=depth, learning_rate=eta, n_estimators=300, subsample=0.8)
    booster.fit(X_train, y_train)
    auc = roc_auc_score(y_test, booster.predict_proba(X_test)[:, 1])  # expect: leakage/multi-test
    print(f"depth={depth} eta={eta}: AUC {auc:.4f}")
    if auc > best[1]:
        best = ((depth, eta), auc)

print("best setting", best)
