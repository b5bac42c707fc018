"""Heart disease: logistic baseline, then a tuned SVM. Report both on the test split."""
import pandas as pd
from sklearn.model_selection import train_test_split, GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC
from sklearn.metrics import roc_auc_score, classification_report

heart = pd.read_csv("heart.csv")
X, y = heart.drop(columns="target"), heart["target"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)

base = Pipeline([("sc", StandardScaler()), ("lr", LogisticRegression(max_iter=1000))]).fit(X_train, y_train)
print("baseline AUC:", roc_auc_score(y_test, base.predict_proba(X_test)[:, 1]))
print(classification_report(y_test, base.predict(X_test)))

grid = GridSearchCV(
    Pipeline([("sc", StandardScaler()), ("svm", SVC(probability=True))]),
    param_grid={"svm__C": [0.1, 1, 10, 100], "svm__gamma": ["scale", 0.01, 0.001]},
    cv=5,
    scoring="roc_auc",
)
grid.fit(X_train, y_train)
tuned = grid.best_estimator_
print("tuned AUC:", roc_auc_score(y_test, tuned.predict_proba(X_test)[:, 1]))  # expect: leakage/multi-test
print(classification_report(y_test, tuned.predict(X_test)))  # expect: leakage/multi-test
