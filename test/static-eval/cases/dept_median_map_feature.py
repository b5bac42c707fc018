"""Employee promotion model with department-level context features."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score

staff = pd.read_csv("promotions.csv")
staff["dept_median_training_score"] = staff["department"].map(staff.groupby("department")["avg_training_score"].median())  # expect: leakage/preprocessing
staff["score_vs_dept"] = staff["avg_training_score"] - staff["dept_median_training_score"]

cols = ["avg_training_score", "dept_median_training_score", "score_vs_dept", "previous_year_rating", "length_of_service"]
tr, te = train_test_split(staff, test_size=0.2, stratify=staff["is_promoted"], random_state=0)
rf = RandomForestClassifier(n_estimators=300, random_state=0).fit(tr[cols], tr["is_promoted"])
print("F1", f1_score(te["is_promoted"], rf.predict(te[cols])))
