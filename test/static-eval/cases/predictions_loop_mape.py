"""Compare a naive forecast, a linear model and a forest by hold-out MAPE."""
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_percentage_error

shops = pd.read_csv("shop_revenue_features.csv")
X_train, X_test, y_train, y_test = train_test_split(shops.drop(columns="revenue"), shops["revenue"], test_size=0.2, random_state=0)

naive = [y_train.mean()] * len(y_test)
linear = LinearRegression().fit(X_train, y_train).predict(X_test)
forest = RandomForestRegressor(random_state=0).fit(X_train, y_train).predict(X_test)
for name, pred in [("naive", naive), ("linear", linear), ("forest", forest)]:
    print(name, mean_absolute_percentage_error(y_test, pred))  # expect: leakage/multi-test
