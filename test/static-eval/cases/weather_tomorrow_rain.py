"""Will it rain tomorrow? Daily observations from one weather station."""
import pandas as pd
from sklearn import model_selection
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

wx = pd.read_csv("weather_daily.csv", parse_dates=["date"]).set_index("date").sort_index()
wx["rain_tomorrow"] = (wx["precip_mm"].shift(-1) > 0.2).astype(int)
wx["pressure_drop"] = wx["pressure"].diff()
wx = wx.iloc[1:-1]

features = ["humidity", "pressure", "pressure_drop", "cloud_cover", "temp_max"]
X_train, X_test, y_train, y_test = model_selection.train_test_split(wx[features], wx["rain_tomorrow"], test_size=0.2)  # expect: leakage/temporal

clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, clf.predict(X_test)))
