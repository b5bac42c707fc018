# Credit-card fraud: resampling inside the CV folds via an imblearn pipeline
import pandas as pd
from imblearn.combine import SMOTEENN
from imblearn.pipeline import Pipeline as ImbPipeline
from sklearn.preprocessing import RobustScaler
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate

cc = pd.read_csv("creditcard.csv").drop(columns=["Time"])
X = cc.drop(columns="Class")
y = cc["Class"]

pipe = ImbPipeline([
    ("scale", RobustScaler()),
    ("balance", SMOTEENN(random_state=0)),
    ("rf", RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=0)),
])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
res = cross_validate(pipe, X, y, cv=cv, scoring=["average_precision", "recall"], n_jobs=1)
for k in ("test_average_precision", "test_recall"):
    print(k, res[k].mean().round(4), "+/-", res[k].std().round(4))
