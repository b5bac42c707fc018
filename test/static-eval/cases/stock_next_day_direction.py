# Predict whether tomorrow's close is higher than today's.
import pandas as pd
import sklearn.model_selection as model_selection
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import precision_score

prices = pd.read_csv("AAPL.csv", index_col="Date", parse_dates=True).sort_index()
prices["Tomorrow"] = prices["Close"].shift(-1)
prices["Target"] = (prices["Tomorrow"] > prices["Close"]).astype(int)

for window in (2, 5, 60):
    prices[f"close_ratio_{window}"] = prices["Close"] / prices["Close"].rolling(window).mean()
    prices[f"volume_ratio_{window}"] = prices["Volume"] / prices["Volume"].rolling(window).mean()
prices = prices.dropna()

predictors = [c for c in prices.columns if c.startswith(("close_ratio_", "volume_ratio_"))]
train_x, test_x, train_y, test_y = model_selection.train_test_split(  # expect: leakage/temporal
    prices[predictors], prices["Target"], test_size=0.25
)

model = RandomForestClassifier(n_estimators=200, min_samples_split=50, random_state=1)
model.fit(train_x, train_y)
print("precision:", precision_score(test_y, model.predict(test_x)))
