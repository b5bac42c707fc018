# Energy consumption regression: one helper trains and scores each candidate.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import ElasticNet
from sklearn.neighbors import KNeighborsRegressor
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import r2_score

building = pd.read_csv("building_energy.csv")
X = building.drop(columns=["site_eui"])
y = building["site_eui"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)


def fit_and_score(model):
    model.fit(X_train, y_train)
    return r2_score(y_test, model.predict(X_test))  # expect: leakage/multi-test


scores = {
    "elastic net": fit_and_score(ElasticNet(alpha=0.1)),
    "knn": fit_and_score(KNeighborsRegressor(n_neighbors=10)),
    "gbr": fit_and_score(GradientBoostingRegressor(random_state=0)),
}
for name, s in sorted(scores.items(), key=lambda kv: -kv[1]):
    print(f"{name:12s} R2={s:.3f}")
