# Serving path for the churn model: the encoder and the model both come from training.
import joblib
import pandas as pd

encoder = joblib.load("artifacts/onehot.joblib")
model = joblib.load("artifacts/churn_model.joblib")
CAT = ["contract", "payment_method", "internet_service"]
NUM = ["tenure", "monthly_charges", "total_charges"]


def predict(batch: pd.DataFrame) -> pd.Series:
    cat = pd.DataFrame(encoder.transform(batch[CAT]), columns=encoder.get_feature_names_out(CAT), index=batch.index)
    X = pd.concat([batch[NUM], cat], axis=1)
    return pd.Series(model.predict_proba(X)[:, 1], index=batch.index)


if __name__ == "__main__":
    todays = pd.read_csv("today.csv")
    todays["churn_prob"] = predict(todays)
    todays.to_csv("today_scored.csv", index=False)
