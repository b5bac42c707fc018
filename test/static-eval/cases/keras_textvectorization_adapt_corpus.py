"""Toxic comment classifier (binary) with a small Conv1D model."""
import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow.keras import layers
from sklearn.model_selection import train_test_split

comments = pd.read_csv("jigsaw_train.csv")
texts = comments["comment_text"].astype(str).values
labels = comments["toxic"].values

vectorize = layers.TextVectorization(max_tokens=30000, output_sequence_length=200)
vectorize.adapt(texts)  # expect: leakage/preprocessing
seqs = vectorize(texts).numpy()

x_train, x_test, y_train, y_test = train_test_split(seqs, labels, test_size=0.15, random_state=9)

model = tf.keras.Sequential([
    layers.Embedding(30000, 64),
    layers.Conv1D(128, 5, activation="relu"),
    layers.GlobalMaxPooling1D(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[tf.keras.metrics.AUC()])
model.fit(x_train, y_train, epochs=3, batch_size=256, validation_split=0.1)
print(model.evaluate(x_test, y_test, verbose=0))
