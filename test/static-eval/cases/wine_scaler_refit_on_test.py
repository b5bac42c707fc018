"""Wine quality: scale train and test, fit a KNN classifier."""
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import accuracy_score

wine = pd.read_csv("winequality-red.csv", sep=";")
wine["good"] = (wine["quality"] >= 7).astype(int)

X = wine.drop(columns=["quality", "good"])
y = wine["good"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=2)

sc = StandardScaler()
X_train = sc.fit_transform(X_train)
X_test = sc.fit_transform(X_test)  # expect: mismatch/refit-at-inference

knn = KNeighborsClassifier(n_neighbors=15)
knn.fit(X_train, y_train)
print("accuracy on test:", accuracy_score(y_test, knn.predict(X_test)))
