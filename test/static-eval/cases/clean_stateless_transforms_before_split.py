"""Row-wise transforms (log, L2 normalisation, polynomial terms) need no fitted statistics."""
import numpy as np
import pandas as pd
from sklearn.preprocessing import Normalizer, PolynomialFeatures, FunctionTransformer
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score

yacht = pd.read_csv("yacht_hydrodynamics.csv")
X = yacht.drop(columns="resistance").to_numpy()
y = yacht["resistance"].to_numpy()

X = FunctionTransformer(np.log1p).fit_transform(np.abs(X))
X = Normalizer(norm="l2").fit_transform(X)
X = PolynomialFeatures(degree=2, include_bias=False).fit_transform(X)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
ridge = Ridge(alpha=0.1).fit(X_train, y_train)
print("R2:", r2_score(y_test, ridge.predict(X_test)))
