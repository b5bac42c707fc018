"""IMDB reviews from TensorFlow Datasets; tokenizer vocabulary from all reviews."""
import numpy as np
import tensorflow as tf
import tensorflow_datasets as tfds
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences

train_ds, test_ds = tfds.load("imdb_reviews", split=["train", "test"], as_supervised=True)
train_texts = [t.decode() for t, _ in tfds.as_numpy(train_ds)]
train_labels = np.array([l for _, l in tfds.as_numpy(train_ds)])
test_texts = [t.decode() for t, _ in tfds.as_numpy(test_ds)]
test_labels = np.array([l for _, l in tfds.as_numpy(test_ds)])

tok = Tokenizer(num_words=10000)
tok.fit_on_texts(train_texts + test_texts)  # expect: leakage/preprocessing
x_train = pad_sequences(tok.texts_to_sequences(train_texts), maxlen=256)
x_test = pad_sequences(tok.texts_to_sequences(test_texts), maxlen=256)

model = tf.keras.Sequential([tf.keras.layers.Embedding(10000, 16), tf.keras.layers.GlobalAveragePooling1D(), tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, train_labels, epochs=10, batch_size=512, verbose=0)
print(model.evaluate(x_test, test_labels, verbose=0))
