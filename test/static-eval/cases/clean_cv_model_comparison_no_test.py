"""Compare three models by 10-fold CV on all labelled data (no separate test split)."""
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier
from sklearn.neighbors import KNeighborsClassifier

pima = pd.read_csv("pima.csv")
X, y = pima.drop(columns="Outcome"), pima["Outcome"]
for name, model in [
    ("logreg", make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))),
    ("forest", RandomForestClassifier(n_estimators=300, random_state=0)),
    ("knn", make_pipeline(StandardScaler(), KNeighborsClassifier(15))),
]:
    print(name, cross_val_score(model, X, y, cv=10, scoring="roc_auc").mean())
