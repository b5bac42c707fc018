# Customer lifetime value tier prediction - feature engineering + random forest
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import balanced_accuracy_score

cust = pd.read_parquet("warehouse/customers_snapshot.parquet")

# income is missing for ~12% of customers: fill with the mean of their region
cust["income"] = cust.groupby("region")["income"].transform(lambda s: s.fillna(s.mean()))  # expect: leakage/preprocessing

# how a customer spends relative to the region
cust["region_avg_basket"] = cust.groupby("region")["avg_basket"].transform("mean")  # expect: leakage/preprocessing
cust["basket_vs_region"] = cust["avg_basket"] / cust["region_avg_basket"]

cols = ["income", "avg_basket", "basket_vs_region", "n_orders", "days_since_last", "app_user"]
X_tr, X_te, y_tr, y_te = train_test_split(cust[cols], cust["tier"], test_size=0.2, random_state=1)

forest = RandomForestClassifier(n_estimators=400, max_features=0.5, n_jobs=-1, random_state=1)
forest.fit(X_tr, y_tr)
print("balanced accuracy:", balanced_accuracy_score(y_te, forest.predict(X_te)))
