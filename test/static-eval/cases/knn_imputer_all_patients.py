# Hepatitis data: fill the gaps with a KNN imputer (uses similar patients).
import pandas as pd
from sklearn.impute import KNNImputer
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

hep = pd.read_csv("hepatitis.csv", na_values="?")
y = hep.pop("class")

filled = pd.DataFrame(KNNImputer(n_neighbors=5).fit_transform(hep), columns=hep.columns)  # expect: leakage/preprocessing

tr_X, te_X, tr_y, te_y = train_test_split(filled, y, test_size=0.25, random_state=0, stratify=y)
model = LogisticRegression(max_iter=2000).fit(tr_X, tr_y)
print("accuracy", accuracy_score(te_y, model.predict(te_X)))
