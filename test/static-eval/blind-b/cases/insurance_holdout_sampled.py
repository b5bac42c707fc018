"""Insurance claim severity - quick LightGBM run, keeps 15% as a holdout."""
import numpy as np
import pandas as pd
import lightgbm as lgb
from sklearn.metrics import mean_absolute_error

claims = pd.read_csv("claims_train.csv")
claims["log_loss"] = np.log1p(claims["loss"])
feats = [c for c in claims.columns if c.startswith("cont")] + [c for c in claims.columns if c.startswith("cat")]
for c in feats:
    if claims[c].dtype == object:
        claims[c] = claims[c].astype("category")

holdout = claims.sample(frac=0.15, random_state=31)  # expect: leakage/overlap

reg = lgb.LGBMRegressor(n_estimators=1500, learning_rate=0.02, num_leaves=63, min_child_samples=40)
reg.fit(claims[feats], claims["log_loss"])

pred = np.expm1(reg.predict(holdout[feats]))
print("holdout MAE:", mean_absolute_error(holdout["loss"], pred))
