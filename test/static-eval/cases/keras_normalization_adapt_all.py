"""Fuel efficiency regression with a Keras normalization layer."""
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split

auto = pd.read_csv("auto-mpg.csv", na_values="?").dropna()
features = auto[["cylinders", "displacement", "horsepower", "weight", "acceleration"]].astype("float32")
mpg = auto["mpg"].astype("float32")

normalizer = tf.keras.layers.Normalization(axis=-1)
normalizer.adapt(features.to_numpy())  # expect: leakage/preprocessing

x_train, x_test, y_train, y_test = train_test_split(features.to_numpy(), mpg.to_numpy(), test_size=0.2, random_state=0)
model = tf.keras.Sequential([normalizer, tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(0.001), loss="mean_absolute_error")
model.fit(x_train, y_train, epochs=100, verbose=0, validation_split=0.2)
print("test MAE:", model.evaluate(x_test, y_test, verbose=0))
