# Next-day return direction for MSFT from daily bars.
import yfinance as yf
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score

bars = yf.download("MSFT", start="2015-01-01", end="2023-12-31")
bars["ret"] = bars["Close"].pct_change()
bars["vol_chg"] = bars["Volume"].pct_change()
bars["up_tomorrow"] = (bars["ret"].shift(-1) > 0).astype(int)
bars = bars.dropna()

X_train, X_test, y_train, y_test = train_test_split(bars[["ret", "vol_chg"]], bars["up_tomorrow"], test_size=0.2, random_state=7)  # expect: leakage/temporal
clf = LogisticRegression().fit(X_train, y_train)
print("accuracy", accuracy_score(y_test, clf.predict(X_test)))
