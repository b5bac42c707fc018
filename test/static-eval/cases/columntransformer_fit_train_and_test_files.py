# House prices: separate train/test files (the test file has SalePrice in our internal copy)
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.pipeline import Pipeline
from sklearn.linear_model import LassoCV
from sklearn.metrics import mean_squared_error

train_df = pd.read_csv("houses_train.csv")
test_df = pd.read_csv("houses_test_labelled.csv")
num_cols = ["LotArea", "GrLivArea", "TotalBsmtSF", "GarageArea", "OverallQual"]
cat_cols = ["Neighborhood", "HouseStyle", "SaleCondition"]

prep = ColumnTransformer([
    ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), num_cols),
    ("cat", OneHotEncoder(handle_unknown="ignore"), cat_cols),
])
both = pd.concat([train_df, test_df], ignore_index=True)
prep.fit(both[num_cols + cat_cols])  # expect: leakage/preprocessing

Xtr = prep.transform(train_df[num_cols + cat_cols])
Xte = prep.transform(test_df[num_cols + cat_cols])
lasso = LassoCV(cv=5, n_alphas=50).fit(Xtr, np.log1p(train_df.SalePrice))
rmse = np.sqrt(mean_squared_error(np.log1p(test_df.SalePrice), lasso.predict(Xte)))
print(f"test RMSLE {rmse:.4f}")
