# Student dropout: take every numeric column as a feature.
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score

students = pd.read_csv("student_records.csv")
students["dropped_out"] = (students["status"] == "Dropout").astype(int)
students = students.drop(columns=["status", "student_id"])

X = students.select_dtypes(include="number")  # expect: leakage/target
y = students["dropped_out"]
print(X.shape)

X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2, random_state=27)
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000))
model.fit(X_train, y_train)
print("test accuracy:", accuracy_score(y_test, model.predict(X_test)))
