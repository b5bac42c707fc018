"""Loan approval: pick the model on a validation split, touch the test split once at the end."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.ensemble import RandomForestClassifier, ExtraTreesClassifier
from sklearn.metrics import f1_score

loans = pd.read_csv("loan_applications.csv").dropna()
y = (loans.pop("status") == "approved").astype(int)
X = loans[["income", "loan_amount", "term_months", "credit_score", "dti", "years_employed"]]

X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=17)
X_fit, X_val, y_fit, y_val = train_test_split(X_dev, y_dev, test_size=0.25, stratify=y_dev, random_state=17)

zoo = {
    "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)),
    "forest": RandomForestClassifier(n_estimators=300, random_state=17),
    "extra": ExtraTreesClassifier(n_estimators=300, random_state=17),
}
val_f1 = {}
for name, est in zoo.items():
    est.fit(X_fit, y_fit)
    val_f1[name] = f1_score(y_val, est.predict(X_val))
    print(name, round(val_f1[name], 3))

best = zoo[max(val_f1, key=val_f1.get)]
best.fit(X_dev, y_dev)
print("test F1 of the chosen model:", f1_score(y_test, best.predict(X_test)))
