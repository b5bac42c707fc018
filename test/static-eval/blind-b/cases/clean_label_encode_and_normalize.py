"""Glass type classification: encode the class labels and L2-normalise each sample, then split."""
import pandas as pd
from sklearn.preprocessing import LabelEncoder, Normalizer
from sklearn.svm import SVC
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score

glass = pd.read_csv("glass.csv")
le = LabelEncoder()
y = le.fit_transform(glass["Type"])

X = Normalizer(norm="l2").fit_transform(glass.drop(columns=["Type"]))

X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=4, stratify=y)
svc = SVC(C=20, gamma="scale").fit(X_tr, y_tr)
print("accuracy:", accuracy_score(y_te, svc.predict(X_te)))
print("classes:", list(le.classes_))
