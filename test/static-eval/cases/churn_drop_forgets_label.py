# churn model v2 - drop identifiers and free-text before modelling
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegressionCV
from sklearn.metrics import roc_auc_score

subs = pd.read_csv("subscriptions_snapshot.csv")
subs = subs.fillna({"support_tickets": 0, "last_nps": 7})
subs["tenure_years"] = subs["tenure_months"] / 12

X = subs.drop(columns=["customer_id", "signup_channel", "cancel_reason_text"])  # expect: leakage/target
y = subs["churned"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=13)
lr = LogisticRegressionCV(Cs=10, cv=5, max_iter=5000, scoring="roc_auc")
lr.fit(X_tr, y_tr)
print("test AUC =", roc_auc_score(y_te, lr.predict_proba(X_te)[:, 1]))
print(pd.Series(lr.coef_[0], index=X.columns).sort_values().tail(5))
