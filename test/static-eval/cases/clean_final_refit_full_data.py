"""Pick hyper-parameters with CV on the training split, check once on the test split,
then retrain on all labelled data for the production artefact."""
import joblib
import pandas as pd
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

energy = pd.read_csv("energy_efficiency.csv")
X = energy.drop(columns=["heating_load", "cooling_load"])
y = energy["heating_load"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

search = GridSearchCV(
    Pipeline([("scale", StandardScaler()), ("gbr", GradientBoostingRegressor(random_state=0))]),
    param_grid={"gbr__n_estimators": [200, 500], "gbr__max_depth": [2, 3, 4]},
    cv=5,
    scoring="neg_mean_absolute_error",
)
search.fit(X_train, y_train)
print("best params:", search.best_params_)
print("test MAE:", mean_absolute_error(y_test, search.predict(X_test)))

# Final model: same settings, fitted on every labelled row. Nothing is evaluated after this.
final_scaler = StandardScaler().fit(X)
final_model = GradientBoostingRegressor(random_state=0, **{k.split("__")[1]: v for k, v in search.best_params_.items()})
final_model.fit(final_scaler.transform(X), y)
joblib.dump({"scaler": final_scaler, "model": final_model}, "heating_load_model.joblib")
