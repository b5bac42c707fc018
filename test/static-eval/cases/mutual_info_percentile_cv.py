"""Feature screening for the credit default model, then 5-fold CV estimate."""
import pandas as pd
from sklearn.feature_selection import SelectPercentile, mutual_info_classif
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score

raw = pd.read_csv("default_of_credit_card_clients.csv")
target = raw.pop("default.payment.next.month")
raw = raw.drop(columns=["ID"])

screen = SelectPercentile(mutual_info_classif, percentile=40)
screen.fit(raw, target)  # expect: leakage/preprocessing
kept = raw.columns[screen.get_support()]
print(f"kept {len(kept)} of {raw.shape[1]} columns:", list(kept))

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=2024)
gbm = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=400)
auc = cross_val_score(gbm, raw[kept], target, cv=cv, scoring="roc_auc")
print("CV AUC %.4f +/- %.4f" % (auc.mean(), auc.std()))
