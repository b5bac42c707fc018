"""Loan approval: try a handful of classifiers and keep the best one for the API."""
import joblib
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.ensemble import RandomForestClassifier, AdaBoostClassifier
from sklearn.metrics import f1_score

loans = pd.read_csv("loan_applications.csv").dropna()
y = (loans.pop("status") == "approved").astype(int)
X = loans[["income", "loan_amount", "term_months", "credit_score", "dti", "years_employed"]]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=17)

candidates = {
    "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)),
    "knn": make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=25)),
    "forest": RandomForestClassifier(n_estimators=300, random_state=17),
    "ada": AdaBoostClassifier(n_estimators=200, random_state=17),
}

results = {}
for name, est in candidates.items():
    est.fit(X_train, y_train)
    results[name] = f1_score(y_test, est.predict(X_test))  # expect: leakage/multi-test
    print(f"{name:8s} F1={results[name]:.3f}")

best = max(results, key=results.get)
print("best:", best)
joblib.dump(candidates[best], "models/loan_approval.joblib")
