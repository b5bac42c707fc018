"""Used-car price regression, data wrangling in polars."""
import polars as pl
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

cars = pl.read_csv("used_cars.csv")
cars = cars.with_columns(
    pl.col("mileage").fill_null(pl.col("mileage").mean()),  # expect: leakage/preprocessing
    pl.col("engine_size").fill_null(1.6),
    (pl.col("power_hp") / pl.col("weight_kg")).alias("power_to_weight"),
)

feature_names = ["mileage", "engine_size", "power_hp", "power_to_weight", "doors", "owners"]
X = cars.select(feature_names).to_numpy()
y = cars.get_column("price").to_numpy()

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=15)
rf = RandomForestRegressor(n_estimators=400, min_samples_leaf=2, n_jobs=-1, random_state=15)
rf.fit(X_tr, y_tr)
print("MAE:", mean_absolute_error(y_te, rf.predict(X_te)))
