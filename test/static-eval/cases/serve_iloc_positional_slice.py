# Score the daily sensor dump with the saved isolation forest.
import joblib
import pandas as pd

detector = joblib.load("models/pump_iforest.joblib")
dump = pd.read_parquet("dumps/pumps_today.parquet")

flags = detector.predict(dump.iloc[:, 2:10])  # expect: mismatch/column-order
dump["anomaly"] = flags == -1
dump.loc[dump["anomaly"], ["pump_id", "reading_ts"]].to_csv("anomalies_today.csv", index=False)
