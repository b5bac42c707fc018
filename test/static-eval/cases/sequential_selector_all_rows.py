"""Forward feature selection for the energy-efficiency cooling-load model."""
import pandas as pd
from sklearn.feature_selection import SequentialFeatureSelector
from sklearn.linear_model import LinearRegression
from sklearn.neighbors import KNeighborsRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

enb = pd.read_excel("ENB2012_data.xlsx")
enb.columns = ["compactness", "surface", "wall", "roof", "height", "orientation",
               "glazing", "glazing_dist", "heating", "cooling"]
X = enb.drop(columns=["heating", "cooling"])
y = enb["cooling"]

sfs = SequentialFeatureSelector(LinearRegression(), n_features_to_select=4, direction="forward", cv=5)
sfs.fit(X, y)  # expect: leakage/preprocessing
chosen = X.columns[sfs.get_support()].tolist()
print("selected:", chosen)

X_tr, X_te, y_tr, y_te = train_test_split(X[chosen], y, test_size=0.25, random_state=0)
knn = KNeighborsRegressor(n_neighbors=5).fit(X_tr, y_tr)
print("cooling-load MAE:", mean_absolute_error(y_te, knn.predict(X_te)))
