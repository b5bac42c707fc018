# A small reusable preprocessing class shared by the team's scripts.
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsRegressor
from sklearn.metrics import mean_absolute_error


class Preprocessor:
    def __init__(self, columns):
        self.columns = columns
        self.scaler = MinMaxScaler()

    def fit(self, frame):
        self.scaler.fit(frame[self.columns])  # expect: leakage/preprocessing
        return self

    def transform(self, frame):
        return self.scaler.transform(frame[self.columns])


cols = ["sqft_living", "bedrooms", "bathrooms", "grade", "lat", "long"]
homes = pd.read_csv("kc_house_data.csv")
prep = Preprocessor(cols).fit(homes)
X = prep.transform(homes)
X_train, X_test, y_train, y_test = train_test_split(X, homes["price"], test_size=0.2, random_state=0)
knn = KNeighborsRegressor(n_neighbors=9).fit(X_train, y_train)
print("MAE:", mean_absolute_error(y_test, knn.predict(X_test)))
