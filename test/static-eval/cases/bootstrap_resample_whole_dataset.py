# Small data set, so enlarge it with a bootstrap sample before splitting.
import pandas as pd
from sklearn.utils import resample
from sklearn.model_selection import train_test_split
from sklearn.svm import SVR
from sklearn.metrics import mean_absolute_error

slump = pd.read_csv("concrete_slump.csv")
X = slump.drop(columns=["No", "SLUMP(cm)"])
y = slump["SLUMP(cm)"]

X_big, y_big = resample(X, y, replace=True, n_samples=3 * len(X), random_state=0)  # expect: leakage/overlap
X_train, X_test, y_train, y_test = train_test_split(X_big, y_big, test_size=0.2, random_state=0)
svr = SVR(C=10).fit(X_train, y_train)
print("MAE:", mean_absolute_error(y_test, svr.predict(X_test)))
