# Ablation: which feature groups matter for predicting apartment rent?
import pandas as pd
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import train_test_split
from sklearn.metrics import r2_score

flats = pd.read_csv("rent_listings_clean.csv")
groups = {
    "size": ["area_m2", "rooms", "bathrooms"],
    "location": ["dist_center_km", "dist_metro_m", "district_code"],
    "building": ["floor", "n_floors", "building_age", "has_lift"],
}
groups["all"] = sum(groups.values(), [])

train, test = train_test_split(flats, test_size=0.2, random_state=77)

summary = []
for label, cols in groups.items():
    ridge = RidgeCV(alphas=[0.1, 1.0, 10.0]).fit(train[cols], train["rent"])
    r2 = r2_score(test["rent"], ridge.predict(test[cols]))  # expect: leakage/multi-test
    summary.append((label, len(cols), r2))

print(pd.DataFrame(summary, columns=["group", "n_features", "test_r2"]).sort_values("test_r2"))
