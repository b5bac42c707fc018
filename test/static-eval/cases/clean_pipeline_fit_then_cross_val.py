# Fit the pipeline on all rows for inspection, and estimate skill with CV (which refits clones).
import pandas as pd
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.model_selection import cross_val_score

heart = pd.read_csv("heart.csv")
X, y = heart.drop(columns="target"), heart["target"]

pipe = Pipeline([("scaler", StandardScaler()), ("svc", SVC(C=1.0))])
pipe.fit(X, y)
print("support vectors:", pipe.named_steps["svc"].n_support_)
print("CV accuracy:", cross_val_score(pipe, X, y, cv=10).mean())
