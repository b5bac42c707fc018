"""Predict site visits 7 days ahead from marketing spend and calendar features."""
import pandas as pd
from sklearn.linear_model import PoissonRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_poisson_deviance

daily = pd.read_csv("analytics_daily.csv", index_col="day", parse_dates=True).asfreq("D")
daily["visits_in_7d"] = daily["visits"].shift(-7)
daily["spend_7d"] = daily["ad_spend"].rolling(7).sum()
daily["newsletter"] = daily["newsletter_sent"].fillna(0)
daily["dow"] = daily.index.dayofweek
daily = daily.dropna(subset=["visits_in_7d", "spend_7d"])

X = daily[["ad_spend", "spend_7d", "newsletter", "dow"]]
y = daily["visits_in_7d"]
X_fit, X_eval, y_fit, y_eval = train_test_split(X, y, test_size=0.25, random_state=42, shuffle=True)  # expect: leakage/temporal

pois = PoissonRegressor(alpha=1e-3, max_iter=1000).fit(X_fit, y_fit)
print("mean Poisson deviance:", mean_poisson_deviance(y_eval, pois.predict(X_eval)))
