# Centre the spectra (subtract the mean spectrum) before PLS regression.
import numpy as np
from sklearn.cross_decomposition import PLSRegression
from sklearn.model_selection import train_test_split
from sklearn.metrics import r2_score

spectra = np.load("nir_spectra.npy")
moisture = np.load("nir_moisture.npy")

spectra -= spectra.mean(axis=0)  # expect: leakage/preprocessing
X_train, X_test, y_train, y_test = train_test_split(spectra, moisture, test_size=0.25, random_state=1)
pls = PLSRegression(n_components=8).fit(X_train, y_train)
print("R2:", r2_score(y_test, pls.predict(X_test)))
