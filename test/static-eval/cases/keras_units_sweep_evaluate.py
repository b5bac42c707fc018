# Fashion-MNIST MLP: how wide should the hidden layer be?
import tensorflow as tf
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0


def build(units, dropout):
    net = keras.Sequential([
        keras.layers.Dense(units, activation="relu", input_shape=(784,)),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(10, activation="softmax"),
    ])
    net.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return net


history = {}
for units, dropout in [(64, 0.1), (256, 0.2), (1024, 0.4)]:
    net = build(units, dropout)
    net.fit(x_train, y_train, epochs=10, batch_size=128, verbose=0)
    _, acc = net.evaluate(x_test, y_test, verbose=0)  # expect: leakage/multi-test
    history[(units, dropout)] = acc
    print(units, dropout, round(acc, 4))
