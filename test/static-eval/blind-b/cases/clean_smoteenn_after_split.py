# Card fraud, resampling restricted to the training part
import pandas as pd
from imblearn.combine import SMOTEENN
from xgboost import XGBClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import average_precision_score

tx = pd.read_csv("creditcard.csv").drop(columns=["Time"])
X, y = tx.drop(columns="Class"), tx["Class"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=13)
X_tr_bal, y_tr_bal = SMOTEENN(sampling_strategy=0.5, random_state=13).fit_resample(X_tr, y_tr)
print("train fraud rate:", y_tr_bal.mean(), "test fraud rate:", y_te.mean())

model = XGBClassifier(n_estimators=400, max_depth=5, learning_rate=0.1, n_jobs=2)
model.fit(X_tr_bal, y_tr_bal)
print("test average precision:", average_precision_score(y_te, model.predict_proba(X_te)[:, 1]))
