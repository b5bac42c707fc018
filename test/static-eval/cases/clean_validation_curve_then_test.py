# Pick the regularisation strength from a validation curve (CV on training data), test once.
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split, validation_curve
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score

bodyfat = pd.read_csv("bodyfat.csv")
X_train, X_test, y_train, y_test = train_test_split(bodyfat.drop(columns="BodyFat"), bodyfat["BodyFat"], test_size=0.2, random_state=0)

alphas = np.logspace(-3, 3, 13)
_, valid_scores = validation_curve(Ridge(), X_train, y_train, param_name="alpha", param_range=alphas, cv=5, scoring="r2")
best_alpha = alphas[valid_scores.mean(axis=1).argmax()]

ridge = Ridge(alpha=best_alpha).fit(X_train, y_train)
print("alpha", best_alpha, "test R2", r2_score(y_test, ridge.predict(X_test)))
