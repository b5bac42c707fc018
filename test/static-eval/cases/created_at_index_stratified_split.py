# Ticket escalation model; tickets are indexed by creation time.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

tickets = pd.read_csv("tickets.csv")
tickets.index = pd.to_datetime(tickets.pop("created_at"))
tickets = tickets.sort_index()
tickets["backlog_7d"] = tickets["open_tickets"].rolling("7D").mean()

cols = ["backlog_7d", "priority", "n_replies", "first_response_hours"]
X_tr, X_te, y_tr, y_te = train_test_split(tickets[cols], tickets["escalated"], test_size=0.2, stratify=tickets["escalated"], random_state=0)  # expect: leakage/temporal
clf = LogisticRegression(max_iter=1000).fit(X_tr, y_tr)
print("AUC:", roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
