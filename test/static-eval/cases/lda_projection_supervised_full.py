"""Project onto the linear discriminants first, then a small SVM."""
import pandas as pd
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score

vehicles = pd.read_csv("vehicle_silhouettes.csv")
X, y = vehicles.drop(columns="class"), vehicles["class"]
X_lda = LinearDiscriminantAnalysis(n_components=3).fit_transform(X, y)  # expect: leakage/preprocessing
X_train, X_test, y_train, y_test = train_test_split(X_lda, y, test_size=0.3, stratify=y, random_state=0)
print("accuracy", accuracy_score(y_test, SVC().fit(X_train, y_train).predict(X_test)))
