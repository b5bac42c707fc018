# Stroke risk: patch missing BMI values with the average BMI.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score

patients = pd.read_csv("healthcare-dataset-stroke-data.csv")
patients.loc[patients["bmi"].isna(), "bmi"] = patients["bmi"].mean()  # expect: leakage/preprocessing
patients["is_smoker"] = patients["smoking_status"].eq("smokes").astype(int)

X = patients[["age", "hypertension", "heart_disease", "avg_glucose_level", "bmi", "is_smoker"]]
y = patients["stroke"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
gbc = GradientBoostingClassifier(random_state=42).fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, gbc.predict_proba(X_test)[:, 1]))
