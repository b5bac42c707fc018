"""Experiments driven by a small model factory."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def make_model(kind):
    if kind == "rf":
        return RandomForestClassifier(n_estimators=300, random_state=0)
    if kind == "gb":
        return GradientBoostingClassifier(random_state=0)
    return LogisticRegression(max_iter=2000)


data = pd.read_csv("marketing_features.csv")
X_train, X_test, y_train, y_test = train_test_split(data.drop(columns="converted"), data["converted"], test_size=0.2, random_state=0)

for kind in ("lr", "rf", "gb"):
    model = make_model(kind)
    model.fit(X_train, y_train)
    print(kind, roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))  # expect: leakage/multi-test
