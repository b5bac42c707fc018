# Quick fix for imbalance: repeat the positive rows five times.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

df = pd.read_csv("marketing_response.csv")
positives = df[df["responded"] == 1]
df = pd.concat([df] + [positives] * 5, ignore_index=True)  # expect: leakage/overlap

X = df[["recency", "frequency", "monetary", "tenure", "n_web_visits"]]
y = df["responded"]
X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.25, random_state=0)

lr = LogisticRegression(max_iter=500).fit(X_a, y_a)
print("AUC on held-out rows:", roc_auc_score(y_b, lr.predict_proba(X_b)[:, 1]))
