# Gene-expression style data: many columns, few rows. Keep the 20 most informative features.
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score

data = pd.read_csv("expression.csv")
X = data.drop(columns=["sample_id", "diagnosis"])
y = data["diagnosis"]

selector = SelectKBest(score_func=f_classif, k=20)
X_sel = selector.fit_transform(X, y)  # expect: leakage/preprocessing
kept = X.columns[selector.get_support()]
print("kept genes:", list(kept))

Xtr, Xte, ytr, yte = train_test_split(X_sel, y, test_size=0.3, stratify=y, random_state=3)
svm = SVC(kernel="linear", C=1.0)
svm.fit(Xtr, ytr)
print("held-out accuracy", accuracy_score(yte, svm.predict(Xte)))
