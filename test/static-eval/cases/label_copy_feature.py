"""Default prediction; a convenience 0/1 copy of the status column is added for plotting."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

loans = pd.read_csv("loan_book.csv")
loans["status_flag"] = (loans["loan_status"] == "Charged Off") * 1  # expect: leakage/target
X = loans.drop(columns=["loan_id", "loan_status"])
y = (loans["loan_status"] == "Charged Off").astype(int)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
rf = RandomForestClassifier(n_estimators=200, random_state=0).fit(X_train, y_train)
print("AUC", roc_auc_score(y_test, rf.predict_proba(X_test)[:, 1]))
