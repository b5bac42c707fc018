"""Out-of-fold predictions for a calibration plot."""
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import cross_val_predict
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss

pima = pd.read_csv("pima.csv")
features = pima.drop(columns="Outcome")
outcome = pima["Outcome"]

features_std = StandardScaler().fit_transform(features)  # expect: leakage/preprocessing
oof = cross_val_predict(LogisticRegression(max_iter=1000), features_std, outcome, cv=10, method="predict_proba")[:, 1]
print("Brier score (out of fold):", brier_score_loss(outcome, oof))
