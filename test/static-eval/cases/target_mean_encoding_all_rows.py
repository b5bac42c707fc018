# Avocado prices: encode the region by its average price (target encoding).
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

avo = pd.read_csv("avocado.csv")
avo = avo[avo["region"] != "TotalUS"]

avo["region_avg_price"] = avo.groupby("region")["AveragePrice"].transform("mean")  # expect: leakage/preprocessing, leakage/target
avo["organic"] = (avo["type"] == "organic").astype(int)
avo["log_volume"] = np.log(avo["Total Volume"].clip(lower=1))

X = avo[["region_avg_price", "organic", "log_volume", "4046", "4225", "4770"]]
y = avo["AveragePrice"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=3)

gbr = GradientBoostingRegressor(n_estimators=400, max_depth=3, random_state=3)
gbr.fit(X_train, y_train)
print("MAE", mean_absolute_error(y_test, gbr.predict(X_test)))
