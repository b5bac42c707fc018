"""Seeded data for the trace-rows pipeline (train.py): 200 customers with two numbers and a category, and a
label. Nothing is planted; the tests read what each step did from the recorded run (fitted parameters,
snapshots of every row) and check that the trace puts each value in the row of the feature it came from."""
import os

import numpy as np
import pandas as pd

N = 200
rng = np.random.RandomState(11)
os.makedirs("data", exist_ok=True)
tenure = rng.randint(1, 72, N)
charges = np.round(rng.uniform(20, 120, N), 2)
contract = rng.choice(["month-to-month", "one-year", "two-year"], N)
churned = ((charges / 120 + (contract == "month-to-month") * 0.5 - tenure / 72 + rng.normal(0, 0.3, N)) > 0.4).astype(int)
pd.DataFrame({
    "customer_id": np.arange(1000, 1000 + N),
    "tenure_months": tenure,
    "monthly_charges": charges,
    "contract": contract,
    "churned": churned,
}).to_csv("data/customers.csv", index=False)
