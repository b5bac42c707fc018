# Late-payment model on the invoice history (ordered by issue date).
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

inv = pd.read_csv("invoices.csv", parse_dates=["issue_date"])
inv = inv.sort_values("issue_date")
inv["is_new_customer"] = (inv["customer_tenure_days"] < 90).astype(int)
inv["amount_log"] = np.log1p(inv["amount"].clip(lower=0))

train, test = train_test_split(inv, test_size=0.25, random_state=0)  # expect: leakage/temporal

cols = ["is_new_customer", "amount_log", "terms_days"]
gbc = GradientBoostingClassifier().fit(train[cols], train["paid_late"])
print("AUC", roc_auc_score(test["paid_late"], gbc.predict_proba(test[cols])[:, 1]))
