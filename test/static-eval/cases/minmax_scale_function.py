# Vowel recognition: scale the formant features to [0, 1] with sklearn's helper function.
import pandas as pd
from sklearn.preprocessing import minmax_scale
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import accuracy_score

vowels = pd.read_csv("vowels.csv")
X = minmax_scale(vowels.drop(columns=["speaker", "vowel"]))  # expect: leakage/preprocessing
y = vowels["vowel"]

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=2)
knn = KNeighborsClassifier(n_neighbors=3).fit(X_tr, y_tr)
print("accuracy:", accuracy_score(y_te, knn.predict(X_te)))
