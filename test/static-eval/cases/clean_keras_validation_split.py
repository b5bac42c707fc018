"""Boston-style regression MLP; early stopping on a validation split, test evaluated once."""
import numpy as np
from tensorflow import keras
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

data = np.loadtxt("housing.data")
X, y = data[:, :-1], data[:, -1]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)

scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)

mlp = keras.Sequential([
    keras.layers.Dense(64, activation="relu", input_shape=(X.shape[1],)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1),
])
mlp.compile(optimizer="adam", loss="mse", metrics=["mae"])
stop = keras.callbacks.EarlyStopping(patience=20, restore_best_weights=True)
mlp.fit(X_train, y_train, validation_split=0.2, epochs=500, batch_size=16, callbacks=[stop], verbose=0)
mse, mae = mlp.evaluate(X_test, y_test, verbose=0)
print("test MAE:", mae)
