# Normalise by hand (z-scores) -- no sklearn preprocessing needed.
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.metrics import r2_score

power = pd.read_csv("ccpp.csv")
inputs = ["AT", "V", "AP", "RH"]

for c in inputs:
    power[c] = (power[c] - power[c].mean()) / power[c].std()  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(power[inputs].values, power["PE"].values, test_size=0.2, random_state=1)

mlp = MLPRegressor(hidden_layer_sizes=(64, 32), max_iter=800, random_state=1)
mlp.fit(X_train, y_train)
print("R^2 =", r2_score(y_test, mlp.predict(X_test)))
print("first prediction", np.round(mlp.predict(X_test[:1]), 2))
