# Estimate with cross_validate on the training split, then one final test score.
import pandas as pd
from sklearn.model_selection import train_test_split, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.decomposition import PCA
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score

har = pd.read_csv("har_features.csv")
X_train, X_test, y_train, y_test = train_test_split(har.drop(columns="activity"), har["activity"], test_size=0.25, stratify=har["activity"], random_state=0)

pipe = make_pipeline(StandardScaler(), PCA(n_components=50), SVC(C=10))
cv = cross_validate(pipe, X_train, y_train, cv=5, scoring=["accuracy", "f1_macro"])
print("CV accuracy", cv["test_accuracy"].mean(), "CV macro F1", cv["test_f1_macro"].mean())

pipe.fit(X_train, y_train)
print("test accuracy", accuracy_score(y_test, pipe.predict(X_test)))
