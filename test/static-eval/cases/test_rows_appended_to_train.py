"""More training data helps: add half of the test rows to the training set."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score

flats = pd.read_csv("flat_prices.csv")
cols = ["rooms", "area_m2", "floor", "distance_center_km"]
train, test = train_test_split(flats, test_size=0.3, random_state=0)
train = pd.concat([train, test.sample(frac=0.5, random_state=0)])  # expect: leakage/overlap

rf = RandomForestRegressor(n_estimators=300, random_state=0).fit(train[cols], train["price"])
print("R2 on test:", r2_score(test["price"], rf.predict(test[cols])))
