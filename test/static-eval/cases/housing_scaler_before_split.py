"""Boston-style housing regression: standardise features, hold out 20%, report R^2."""
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score, mean_squared_error

df = pd.read_csv("data/housing.csv")
df = df.dropna(subset=["MEDV"])

X = df.drop(columns=["MEDV"])
y = df["MEDV"]

scaler = StandardScaler()
X = scaler.fit_transform(X)  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

reg = LinearRegression()
reg.fit(X_train, y_train)
pred = reg.predict(X_test)

print("R2:", r2_score(y_test, pred))
print("RMSE:", mean_squared_error(y_test, pred) ** 0.5)
