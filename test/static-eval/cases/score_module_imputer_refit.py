"""score.py -- called by the scheduler with the path of a new extract."""
import sys

import joblib
import pandas as pd
from sklearn.impute import SimpleImputer

NUMERIC = ["age", "bmi", "systolic_bp", "cholesterol", "glucose"]


def main(path):
    bundle = joblib.load("risk_model_bundle.joblib")
    clf = bundle["model"]
    patients = pd.read_csv(path)
    imputed = SimpleImputer(strategy="median").fit_transform(patients[NUMERIC])  # expect: mismatch/refit-at-inference
    scaled = bundle["scaler"].transform(imputed)
    patients["risk"] = clf.predict_proba(scaled)[:, 1]
    patients.to_csv(path.replace(".csv", "_scored.csv"), index=False)


if __name__ == "__main__":
    main(sys.argv[1])
