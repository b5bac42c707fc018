"""SMOTE inside an imblearn pipeline so each CV fold is resampled on its own training part."""
import pandas as pd
from imblearn.pipeline import Pipeline as ImbPipeline
from imblearn.over_sampling import SMOTE
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.ensemble import RandomForestClassifier

machines = pd.read_csv("predictive_maintenance.csv")
X = machines[["air_temp", "process_temp", "rpm", "torque", "tool_wear"]]
y = machines["failure"]

X = StandardScaler().fit_transform(X)  # expect: leakage/preprocessing

pipe = ImbPipeline([
    ("smote", SMOTE(random_state=0)),
    ("rf", RandomForestClassifier(n_estimators=300, random_state=0)),
])
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
f1 = cross_val_score(pipe, X, y, cv=skf, scoring="f1")
print("F1 per fold:", f1.round(3), "mean", f1.mean().round(3))
