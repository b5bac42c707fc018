# Batch prediction for the churn model (runs from cron).
import pickle
import sys

import pandas as pd

CAT_COLS = ["contract", "payment_method", "internet_service"]


def load_model(path="models/churn_rf.pkl"):
    with open(path, "rb") as fh:
        return pickle.load(fh)


def predict(csv_path):
    clf = load_model()
    batch = pd.read_csv(csv_path)
    ids = batch.pop("customer_id")
    encoded = pd.get_dummies(batch, columns=CAT_COLS)  # expect: mismatch/refit-at-inference
    probs = clf.predict_proba(encoded)[:, 1]
    return pd.DataFrame({"customer_id": ids, "churn_probability": probs})


if __name__ == "__main__":
    out = predict(sys.argv[1])
    out.to_csv(sys.argv[2], index=False)
