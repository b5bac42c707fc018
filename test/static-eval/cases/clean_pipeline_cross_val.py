# Spam-base: estimate generalisation with a pipeline inside cross-validation.
import pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score, StratifiedKFold

spambase = pd.read_csv("spambase.csv")
X = spambase.drop(columns="is_spam")
y = spambase["is_spam"]

pipe = make_pipeline(
    SimpleImputer(strategy="median"),
    StandardScaler(),
    LogisticRegression(C=0.3, max_iter=2000),
)
cv = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
scores = cross_val_score(pipe, X, y, cv=cv, scoring="roc_auc")
print("AUC %.4f +/- %.4f" % (scores.mean(), scores.std()))
