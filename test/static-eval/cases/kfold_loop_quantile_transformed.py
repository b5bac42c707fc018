# Manual 5-fold CV so we can log per-fold metrics.
import numpy as np
import pandas as pd
from sklearn.preprocessing import QuantileTransformer
from sklearn.model_selection import KFold
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error

df = pd.read_csv("concrete.csv")
target_col = "strength"
feature_cols = [c for c in df.columns if c != target_col]

qt = QuantileTransformer(n_quantiles=200, output_distribution="normal")
X = qt.fit_transform(df[feature_cols])  # expect: leakage/preprocessing
y = df[target_col].to_numpy()

kf = KFold(n_splits=5, shuffle=True, random_state=0)
fold_rmse = []
for fold, (tr_idx, va_idx) in enumerate(kf.split(X)):
    ridge = Ridge(alpha=1.0)
    ridge.fit(X[tr_idx], y[tr_idx])
    rmse = np.sqrt(mean_squared_error(y[va_idx], ridge.predict(X[va_idx])))
    fold_rmse.append(rmse)
    print(f"fold {fold}: RMSE {rmse:.3f}")

print("mean RMSE", np.mean(fold_rmse))
