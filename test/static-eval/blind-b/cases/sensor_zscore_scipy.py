# Predictive maintenance: flag machines likely to fail within the next cycle.
# Sensor readings come in very different units, so everything is standardised with scipy.
import pandas as pd
from scipy import stats
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score, confusion_matrix

readings = pd.read_csv("maintenance/sensor_snapshot.csv")
readings = readings.dropna(subset=["failure"])

sensor_cols = [c for c in readings.columns if c.startswith("s_")]
print(f"{len(sensor_cols)} sensors, {len(readings)} machines")

# standardise every sensor column
readings[sensor_cols] = stats.zscore(readings[sensor_cols], nan_policy="omit")  # expect: leakage/preprocessing
readings[sensor_cols] = readings[sensor_cols].fillna(0.0)

X = readings[sensor_cols + ["machine_type_code"]]
y = readings["failure"].astype(int)

X_fit, X_hold, y_fit, y_hold = train_test_split(X, y, test_size=0.3, random_state=11, stratify=y)

et = ExtraTreesClassifier(n_estimators=500, min_samples_leaf=3, n_jobs=-1, random_state=11)
et.fit(X_fit, y_fit)
pred = et.predict(X_hold)

print("F1:", round(f1_score(y_hold, pred), 3))
print(confusion_matrix(y_hold, pred))
