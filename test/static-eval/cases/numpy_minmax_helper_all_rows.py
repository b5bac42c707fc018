# quick experiment: does an MLP beat ridge on the concrete strength data?
import numpy as np
from sklearn.neural_network import MLPRegressor
from sklearn.metrics import mean_absolute_error


def rescale(arr):
    """Scale every column to [0, 1]."""
    lo, hi = arr.min(axis=0), arr.max(axis=0)  # expect: leakage/preprocessing
    return (arr - lo) / (hi - lo)


data = np.genfromtxt("concrete.csv", delimiter=",", skip_header=1)
features, strength = data[:, :-1], data[:, -1]
features = rescale(features)

rng = np.random.default_rng(42)
order = rng.permutation(len(features))
n_test = len(order) // 5
test_rows, train_rows = order[:n_test], order[n_test:]

mlp = MLPRegressor(hidden_layer_sizes=(64, 32), max_iter=3000, random_state=0)
mlp.fit(features[train_rows], strength[train_rows])
print("MAE (MPa):", mean_absolute_error(strength[test_rows], mlp.predict(features[test_rows])))
