"""Predict loan approval for the records in an uploaded CSV (first column = application id)."""
import pickle
import sys

import pandas as pd

with open("approval_model.pkl", "rb") as f:
    approval = pickle.load(f)

uploaded = pd.read_csv(sys.argv[1])
decisions = approval.predict(uploaded.to_numpy()[:, 1:])  # expect: mismatch/column-order
uploaded.assign(approved=decisions).to_csv(sys.argv[1].replace(".csv", "_decisions.csv"), index=False)
