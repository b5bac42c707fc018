"""Keep the features a random forest finds important, then fit a simpler model."""
import pandas as pd
from sklearn.feature_selection import SelectFromModel
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ds = pd.read_csv("customer_features_wide.csv")
X, y = ds.drop(columns=["cust_id", "responded"]), ds["responded"]

sfm = SelectFromModel(RandomForestClassifier(n_estimators=200, random_state=0), threshold="median")
X_small = sfm.fit_transform(X, y)  # expect: leakage/preprocessing

Xa, Xb, ya, yb = train_test_split(X_small, y, test_size=0.3, stratify=y, random_state=0)
lr = LogisticRegression(max_iter=2000).fit(Xa, ya)
print("AUC", roc_auc_score(yb, lr.predict_proba(Xb)[:, 1]))
