# Production training: compare two settings with CV, then refit the winner on everything and ship it.
import joblib
import pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.impute import SimpleImputer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import cross_val_score, StratifiedKFold

data = pd.read_csv("training_extract.csv")
X, y = data.drop(columns=["label", "account_id"]), data["label"]
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)

settings = [dict(learning_rate=0.05, max_depth=4), dict(learning_rate=0.1, max_depth=6)]
cv_means = []
for params in settings:
    pipe = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), HistGradientBoostingClassifier(**params))
    cv_means.append(cross_val_score(pipe, X, y, cv=cv, scoring="roc_auc").mean())
    print(params, round(cv_means[-1], 4))

best = settings[cv_means.index(max(cv_means))]
final = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), HistGradientBoostingClassifier(**best))
final.fit(X, y)
joblib.dump(final, "model.joblib")
print("saved model with", best)
