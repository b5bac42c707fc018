# Row-wise feature engineering only (no statistics across rows) before the split
import numpy as np
import pandas as pd
from sklearn.preprocessing import FunctionTransformer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

insur = pd.read_csv("insurance.csv")
insur["log_bmi"] = np.log(insur["bmi"])
insur["age_sq"] = insur["age"] ** 2
insur["smoker"] = (insur["smoker"] == "yes").astype(int)
insur["bmi_x_smoker"] = insur["bmi"] * insur["smoker"]
logger = FunctionTransformer(np.log1p)
insur[["children_log"]] = logger.fit_transform(insur[["children"]])

X = insur[["age", "age_sq", "log_bmi", "smoker", "bmi_x_smoker", "children_log"]]
X_train, X_test, y_train, y_test = train_test_split(X, insur["charges"], test_size=0.2, random_state=42)
hgb = HistGradientBoostingRegressor(max_iter=300).fit(X_train, y_train)
print("MAE:", mean_absolute_error(y_test, hgb.predict(X_test)))
