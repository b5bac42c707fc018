# Discretise continuous risk factors into quantile bins before a naive Bayes model.
import pandas as pd
from sklearn.preprocessing import KBinsDiscretizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import CategoricalNB
from sklearn.metrics import accuracy_score

stroke = pd.read_csv("stroke.csv").dropna()
cont = ["age", "avg_glucose_level", "bmi"]
flags = ["hypertension", "heart_disease"]

kbd = KBinsDiscretizer(n_bins=6, encode="ordinal", strategy="quantile")
stroke[cont] = kbd.fit_transform(stroke[cont]).astype(int)  # expect: leakage/preprocessing

X_train, X_test, y_train, y_test = train_test_split(stroke[cont + flags], stroke["stroke"], test_size=0.3, random_state=8)
nb = CategoricalNB()
nb.fit(X_train, y_train)
print("accuracy:", accuracy_score(y_test, nb.predict(X_test)))
