# CPU saturation alerting: predict whether CPU > 90% in the next 15 minutes
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import Pipeline
from sklearn.metrics import f1_score

m = pd.read_csv("node_metrics_1min.csv", index_col="ts", parse_dates=True).sort_index()
m["cpu_ma15"] = m["cpu"].rolling("15min").mean()
m["mem_delta5"] = m["mem_used"].diff(5)
m["saturated_next"] = (m["cpu"].rolling(15).max().shift(-15) > 90).astype(int)
m = m.dropna()

X = m[["cpu", "cpu_ma15", "mem_delta5", "load1", "net_in"]]
y = m["saturated_next"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)  # expect: leakage/temporal

pipe = Pipeline([("scale", StandardScaler()), ("lr", LogisticRegression(class_weight="balanced", max_iter=1000))])
pipe.fit(X_train, y_train)
print("F1:", f1_score(y_test, pipe.predict(X_test)))
