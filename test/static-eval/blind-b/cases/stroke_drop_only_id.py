"""Stroke prediction, random forest with class weights."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import recall_score, roc_auc_score

df = pd.read_csv("healthcare-dataset-stroke-data.csv")
df["bmi"] = df["bmi"].fillna(28.1)  # WHO reference value, not estimated from data
df = pd.get_dummies(df, columns=["gender", "ever_married", "work_type", "Residence_type", "smoking_status"])

features = df.drop(["id"], axis=1)  # expect: leakage/target
target = df["stroke"]

f_train, f_test, t_train, t_test = train_test_split(features, target, test_size=0.2, stratify=target, random_state=0)
rf = RandomForestClassifier(n_estimators=500, class_weight="balanced_subsample", min_samples_leaf=5, random_state=0)
rf.fit(f_train, t_train)
print("recall:", recall_score(t_test, rf.predict(f_test)))
print("AUC:", roc_auc_score(t_test, rf.predict_proba(f_test)[:, 1]))
