# Glass identification: scale features to [0,1], then see which classifier works best.
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import accuracy_score

glass = pd.read_csv("glass.csv")
oxides = ["RI", "Na", "Mg", "Al", "Si", "K", "Ca", "Ba", "Fe"]
glass[oxides] = MinMaxScaler().fit_transform(glass[oxides])  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(glass[oxides], glass["Type"], test_size=0.25,
                                                    stratify=glass["Type"], random_state=42)

knn = KNeighborsClassifier(n_neighbors=3).fit(X_train, y_train)
print("kNN  ", accuracy_score(y_test, knn.predict(X_test)))

svm = SVC(C=100, gamma=1.0).fit(X_train, y_train)
print("SVM  ", accuracy_score(y_test, svm.predict(X_test)))  # expect: leakage/multi-test

gbc = GradientBoostingClassifier(random_state=42).fit(X_train, y_train)
print("GBoost", accuracy_score(y_test, gbc.predict(X_test)))  # expect: leakage/multi-test
