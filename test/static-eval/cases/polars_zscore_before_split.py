# Polars pipeline: standardise numeric columns, convert to numpy, train.
import polars as pl
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score

num = ["area", "perimeter", "compactness", "kernel_length", "kernel_width"]
seeds = pl.read_csv("seeds.csv")
seeds = seeds.with_columns([((pl.col(c) - pl.col(c).mean()) / pl.col(c).std()).alias(c) for c in num])  # expect: leakage/preprocessing

X = seeds.select(num).to_numpy()
y = seeds["variety"].to_numpy()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
print("accuracy", accuracy_score(y_test, SVC().fit(X_train, y_train).predict(X_test)))
