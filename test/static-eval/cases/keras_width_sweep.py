# How wide should the hidden layer be? Try a few sizes.
import numpy as np
from tensorflow import keras

data = np.load("fashion_mnist.npz")
x_train, y_train = data["x_train"].reshape(-1, 784) / 255.0, data["y_train"]
x_test, y_test = data["x_test"].reshape(-1, 784) / 255.0, data["y_test"]

history = {}
for units in (64, 128, 256, 512):
    net = keras.Sequential([
        keras.layers.Dense(units, activation="relu", input_shape=(784,)),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ])
    net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    net.fit(x_train, y_train, epochs=10, batch_size=256, verbose=0)
    _, acc = net.evaluate(x_test, y_test, verbose=0)  # expect: leakage/multi-test
    history[units] = acc
    print(units, "units ->", round(acc, 4))

print("best width:", max(history, key=history.get))
