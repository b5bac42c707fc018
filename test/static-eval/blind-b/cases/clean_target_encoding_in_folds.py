"""Out-of-fold target encoding of the merchant category for a fraud model.

The category means are computed from the training fold only and applied to the held-out fold.
"""
import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

tx = pd.read_csv("transactions_sample.csv")
train, test = train_test_split(tx, test_size=0.2, stratify=tx["is_fraud"], random_state=3)
train, test = train.reset_index(drop=True), test.reset_index(drop=True)
prior = train["is_fraud"].mean()

train["mcc_rate"] = np.nan
for fit_idx, enc_idx in StratifiedKFold(n_splits=5, shuffle=True, random_state=3).split(train, train["is_fraud"]):
    rates = train.loc[fit_idx].groupby("mcc")["is_fraud"].mean()
    train.loc[enc_idx, "mcc_rate"] = train.loc[enc_idx, "mcc"].map(rates).values
train["mcc_rate"] = train["mcc_rate"].fillna(prior)

full_rates = train.groupby("mcc")["is_fraud"].mean()
test["mcc_rate"] = test["mcc"].map(full_rates).fillna(prior)

cols = ["amount_log", "mcc_rate", "card_age_days", "foreign"]
lr = LogisticRegression(max_iter=2000).fit(train[cols], train["is_fraud"])
print("test AUC:", roc_auc_score(test["is_fraud"], lr.predict_proba(test[cols])[:, 1]))
