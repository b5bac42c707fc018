# Higgs subset: XGBoost vs LightGBM vs CatBoost on the same split
import pandas as pd
from xgboost import XGBClassifier
from lightgbm import LGBMClassifier
from catboost import CatBoostClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score, log_loss

higgs = pd.read_csv("higgs_200k.csv")
X = higgs.drop(columns=["label"])
y = higgs["label"]
Xa, Xb, ya, yb = train_test_split(X, y, test_size=0.2, random_state=0)

xgb = XGBClassifier(n_estimators=500, max_depth=6, learning_rate=0.1, n_jobs=2)
xgb.fit(Xa, ya)
p_xgb = xgb.predict_proba(Xb)[:, 1]
print("xgboost  AUC", roc_auc_score(yb, p_xgb), "logloss", log_loss(yb, p_xgb))

lgbm = LGBMClassifier(n_estimators=500, num_leaves=63, learning_rate=0.1)
lgbm.fit(Xa, ya)
p_lgb = lgbm.predict_proba(Xb)[:, 1]
print("lightgbm AUC", roc_auc_score(yb, p_lgb))  # expect: leakage/multi-test

cat = CatBoostClassifier(iterations=500, depth=6, verbose=0)
cat.fit(Xa, ya)
print("catboost AUC", roc_auc_score(yb, cat.predict_proba(Xb)[:, 1]))  # expect: leakage/multi-test
