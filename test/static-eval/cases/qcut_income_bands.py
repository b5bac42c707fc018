"""Credit scoring scorecard: bin applicant income into quintiles."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

apps = pd.read_csv("applications.csv")
apps["income_band"] = pd.qcut(apps["annual_income"], q=5, labels=False)  # expect: leakage/preprocessing
apps["has_mortgage"] = (apps["home_ownership"] == "MORTGAGE").astype(int)
apps["term_60"] = (apps["term"] == "60 months").astype(int)

cols = ["income_band", "has_mortgage", "term_60", "loan_amount", "n_open_accounts"]
a_train, a_test = train_test_split(apps, test_size=0.3, random_state=4, stratify=apps["bad_loan"])

lr = LogisticRegression(max_iter=1000)
lr.fit(a_train[cols], a_train["bad_loan"])
print("Gini:", 2 * roc_auc_score(a_test["bad_loan"], lr.predict_proba(a_test[cols])[:, 1]) - 1)
