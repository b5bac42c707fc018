"""Card fraud: combine over- and under-sampling, then an XGBoost classifier."""
import pandas as pd
from imblearn.combine import SMOTEENN
from xgboost import XGBClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import precision_recall_fscore_support

tx = pd.read_csv("creditcard.csv").drop(columns=["Time"])
X, y = tx.drop(columns="Class"), tx["Class"]
print("fraud rate before:", y.mean())

sampler = SMOTEENN(sampling_strategy=0.5, random_state=13)
X_bal, y_bal = sampler.fit_resample(X, y)  # expect: leakage/overlap
print("fraud rate after:", y_bal.mean())

X_tr, X_te, y_tr, y_te = train_test_split(X_bal, y_bal, test_size=0.25, random_state=13, stratify=y_bal)

booster = XGBClassifier(n_estimators=400, max_depth=5, learning_rate=0.1, eval_metric="aucpr", n_jobs=2)
booster.fit(X_tr, y_tr)
p, r, f, _ = precision_recall_fscore_support(y_te, booster.predict(X_te), average="binary")
print(f"precision={p:.3f} recall={r:.3f} f1={f:.3f}")
