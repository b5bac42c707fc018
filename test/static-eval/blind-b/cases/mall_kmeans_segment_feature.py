"""Will a mall customer respond to the coupon campaign?

Customer segments from k-means are added as an extra feature for the classifier.
"""
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

mall = pd.read_csv("mall_customers_campaign.csv")
behaviour = ["annual_income_k", "spending_score", "visits_per_month", "avg_ticket"]

km = KMeans(n_clusters=6, n_init=10, random_state=0)
mall["segment"] = km.fit_predict(mall[behaviour])  # expect: leakage/preprocessing
print(mall.groupby("segment")["responded"].agg(["mean", "size"]))

X = mall[behaviour + ["age", "segment"]]
y = mall["responded"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)

rf = RandomForestClassifier(n_estimators=300, min_samples_leaf=4, random_state=0)
rf.fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, rf.predict_proba(X_test)[:, 1]))
