# Kidney disease: MICE-style imputation, then gradient boosting.
import pandas as pd
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, recall_score

ckd = pd.read_csv("kidney_disease.csv", na_values=["?", "\t?"])
ckd["ckd"] = ckd.pop("classification").str.strip().eq("ckd").astype(int)
numeric = ckd.select_dtypes("number").columns.drop(["id", "ckd"])

mice = IterativeImputer(max_iter=15, random_state=0, sample_posterior=False)
ckd[numeric] = mice.fit_transform(ckd[numeric])  # expect: leakage/preprocessing

train_df, test_df = train_test_split(ckd, test_size=0.3, random_state=0, stratify=ckd["ckd"])

gb = GradientBoostingClassifier(random_state=0)
gb.fit(train_df[numeric], train_df["ckd"])
pred = gb.predict(test_df[numeric])
print("accuracy:", accuracy_score(test_df["ckd"], pred))
print("sensitivity:", recall_score(test_df["ckd"], pred))
