"""Diabetes progression - Lasso, trying three regularisation strengths."""
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_squared_error

X, y = load_diabetes(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=5)

lasso_small = Lasso(alpha=0.01).fit(X_train, y_train)
mse_small = mean_squared_error(y_test, lasso_small.predict(X_test))

lasso_mid = Lasso(alpha=0.1).fit(X_train, y_train)
mse_mid = mean_squared_error(y_test, lasso_mid.predict(X_test))  # expect: leakage/multi-test

lasso_big = Lasso(alpha=1.0).fit(X_train, y_train)
mse_big = mean_squared_error(y_test, lasso_big.predict(X_test))  # expect: leakage/multi-test

print(f"alpha=0.01 MSE {mse_small:.1f}")
print(f"alpha=0.1  MSE {mse_mid:.1f}")
print(f"alpha=1.0  MSE {mse_big:.1f}")
print("nonzero coefs at alpha=1.0:", (lasso_big.coef_ != 0).sum())
