"""Oversampling done right: the sampler is a pipeline step, so it only sees training folds."""
import pandas as pd
from imblearn.pipeline import make_pipeline
from imblearn.over_sampling import RandomOverSampler
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_validate, RepeatedStratifiedKFold

cardio = pd.read_csv("cardio_rare_event.csv")
X = cardio.drop(columns=["event"])
y = cardio["event"]

pipe = make_pipeline(StandardScaler(), RandomOverSampler(random_state=0), LogisticRegression(max_iter=2000))
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=3, random_state=0)
res = cross_validate(pipe, X, y, cv=cv, scoring=["roc_auc", "average_precision"])
print("AUC  %.3f" % res["test_roc_auc"].mean())
print("AP   %.3f" % res["test_average_precision"].mean())
