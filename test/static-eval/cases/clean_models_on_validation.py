# Several candidates compared on the validation split; the test split is touched once.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier, ExtraTreesClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

students = pd.read_csv("student_dropout.csv")
X = students.drop(columns="dropout")
y = students["dropout"]
X_tmp, X_test, y_tmp, y_test = train_test_split(X, y, test_size=0.15, stratify=y, random_state=3)
X_train, X_valid, y_train, y_valid = train_test_split(X_tmp, y_tmp, test_size=0.15, stratify=y_tmp, random_state=3)

models = {
    "rf": RandomForestClassifier(n_estimators=300, random_state=3),
    "et": ExtraTreesClassifier(n_estimators=300, random_state=3),
    "lr": LogisticRegression(max_iter=3000),
}
valid_f1 = {}
for name, m in models.items():
    m.fit(X_train, y_train)
    valid_f1[name] = f1_score(y_valid, m.predict(X_valid))
print("validation F1:", valid_f1)

chosen = models[max(valid_f1, key=valid_f1.get)]
print("test F1 of the chosen model:", f1_score(y_test, chosen.predict(X_test)))
