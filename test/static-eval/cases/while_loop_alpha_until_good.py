# Keep shrinking alpha until the hold-out R^2 stops improving.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import Lasso

df = pd.read_csv("communities_crime.csv").dropna(axis=1)
X = df.drop(columns=["ViolentCrimesPerPop"])
y = df["ViolentCrimesPerPop"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=3)

alpha, best = 1.0, -1.0
while alpha > 1e-4:
    lasso = Lasso(alpha=alpha, max_iter=10000).fit(X_train, y_train)
    r2 = lasso.score(X_test, y_test)  # expect: leakage/multi-test
    if r2 <= best:
        break
    best = r2
    alpha /= 2
print("chosen alpha", alpha * 2, "R2", best)
