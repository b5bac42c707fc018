"""A small pipeline that pauses between steps so a run can be watched while it is being recorded.

    SKEWER_SLOW_STEP_SECONDS=0.5 python -m skewer record slow/pipeline.py
"""
import os
import time
from pathlib import Path

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

DATA = Path(__file__).resolve().parent.parent / "data"
STEP = float(os.environ.get("SKEWER_SLOW_STEP_SECONDS", "1.5"))
FEATURES = ["age", "tenure_months", "monthly_charges", "support_calls"]

customers = pd.read_csv(DATA / "customers.csv")
time.sleep(STEP)
customers = customers.dropna(subset=["total_charges"])
time.sleep(STEP)
X_train, X_test, y_train, y_test = train_test_split(
    customers[FEATURES], customers["churned"], test_size=0.2, random_state=1)
time.sleep(STEP)
scaler = StandardScaler()
X_train_scaled = scaler.fit_transform(X_train)
time.sleep(STEP)
model = LogisticRegression(max_iter=500).fit(X_train_scaled, y_train)
time.sleep(STEP)
print(f"accuracy {model.score(scaler.transform(X_test), y_test):.4f}")
