"""Stroke prediction: baseline logistic regression, then a random forest."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score, classification_report

stroke = pd.read_csv("healthcare-dataset-stroke-data.csv").dropna(subset=["bmi"])
stroke = pd.get_dummies(stroke.drop(columns="id"), columns=["gender", "work_type", "smoking_status",
                                                             "ever_married", "Residence_type"], drop_first=True)
X = stroke.drop(columns="stroke")
y = stroke["stroke"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.25, random_state=31)

base = LogisticRegression(max_iter=4000, class_weight="balanced").fit(X_train, y_train)
print("logreg AUC", roc_auc_score(y_test, base.predict_proba(X_test)[:, 1]))
print(classification_report(y_test, base.predict(X_test)))

forest = RandomForestClassifier(n_estimators=800, min_samples_leaf=5, class_weight="balanced_subsample", random_state=31)
forest.fit(X_train, y_train)
print("forest AUC", roc_auc_score(y_test, forest.predict_proba(X_test)[:, 1]))  # expect: leakage/multi-test
print(classification_report(y_test, forest.predict(X_test)))  # expect: leakage/multi-test
