# Score the weekly feature table with the production model from the MLflow registry.
import mlflow.sklearn
import pandas as pd
from sklearn.preprocessing import MinMaxScaler

model = mlflow.sklearn.load_model("models:/demand_forecaster/Production")
week = pd.read_parquet("feature_store/week_23.parquet")
cols = ["price", "promo_depth", "competitor_price", "stock_level"]

week_scaled = MinMaxScaler().fit_transform(week[cols])  # expect: mismatch/refit-at-inference
week["forecast"] = model.predict(week_scaled)
week[["sku", "store", "forecast"]].to_parquet("forecasts/week_23.parquet")
