"""Report several metrics for the one model we ship."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score, matthews_corrcoef

sat = pd.read_csv("airline_satisfaction_numeric.csv")
X_train, X_test, y_train, y_test = train_test_split(sat.drop(columns="satisfied"), sat["satisfied"], test_size=0.2, random_state=0)

model = HistGradientBoostingClassifier(random_state=0).fit(X_train, y_train)
pred = model.predict(X_test)
for metric in (accuracy_score, balanced_accuracy_score, f1_score, matthews_corrcoef):
    print(f"{metric.__name__:24s} {metric(y_test, pred):.4f}")
