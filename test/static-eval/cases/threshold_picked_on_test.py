"""Pick the probability cut-off that maximises F1."""
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score

ds = pd.read_csv("employee_attrition_numeric.csv")
X_train, X_test, y_train, y_test = train_test_split(ds.drop(columns="left"), ds["left"], test_size=0.25, random_state=4)

gbc = GradientBoostingClassifier(random_state=4).fit(X_train, y_train)
proba = gbc.predict_proba(X_test)[:, 1]

thresholds = np.linspace(0.05, 0.95, 19)
f1s = [f1_score(y_test, proba >= t) for t in thresholds]  # expect: leakage/multi-test
best_t = thresholds[int(np.argmax(f1s))]
print(f"best threshold {best_t:.2f} with F1 {max(f1s):.3f}")
