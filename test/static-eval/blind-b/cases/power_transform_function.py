# Concrete compressive strength (UCI) -- SVR baseline
import numpy as np
import pandas as pd
import sklearn.preprocessing as skp
from sklearn.svm import SVR
from sklearn.model_selection import train_test_split
from sklearn.metrics import r2_score, mean_squared_error

concrete = pd.read_excel("Concrete_Data.xls")
concrete.columns = ["cement", "slag", "ash", "water", "superplast", "coarse", "fine", "age", "strength"]

inputs = concrete.drop(columns="strength").to_numpy(dtype=float)
strength = concrete["strength"].to_numpy()

# Yeo-Johnson makes the skewed mix proportions look gaussian, which SVR likes
inputs_gauss = skp.power_transform(inputs, method="yeo-johnson")  # expect: leakage/preprocessing

tr_x, te_x, tr_y, te_y = train_test_split(inputs_gauss, strength, test_size=0.2, random_state=10)

svr = SVR(C=50.0, epsilon=0.5, gamma="scale").fit(tr_x, tr_y)
pred = svr.predict(te_x)
print("R2  :", r2_score(te_y, pred))
print("RMSE:", np.sqrt(mean_squared_error(te_y, pred)))
