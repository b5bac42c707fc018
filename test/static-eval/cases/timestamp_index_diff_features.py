# Server CPU usage model (5-minute samples) with change features.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error

cpu = pd.read_csv("cpu_metrics.csv", index_col="timestamp", parse_dates=True)
cpu["req_rate_change"] = cpu["requests_per_s"].diff()
cpu["mem_change"] = cpu["mem_used_gb"].diff()
cpu["cpu_next"] = cpu["cpu_pct"].shift(-1)
cpu = cpu.dropna()

cols = ["requests_per_s", "req_rate_change", "mem_used_gb", "mem_change", "cpu_pct"]
train, test = train_test_split(cpu, test_size=0.2, random_state=42)  # expect: leakage/temporal
rf = RandomForestRegressor(n_estimators=200, random_state=42).fit(train[cols], train["cpu_next"])
print("MAE:", mean_absolute_error(test["cpu_next"], rf.predict(test[cols])))
