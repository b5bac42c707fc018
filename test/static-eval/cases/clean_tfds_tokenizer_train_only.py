# AG News from TensorFlow Datasets; vocabulary from the training split only.
import numpy as np
import tensorflow as tf
import tensorflow_datasets as tfds
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences

train_ds, test_ds = tfds.load("ag_news_subset", split=["train", "test"], as_supervised=True)
tr_text = [t.decode() for t, _ in tfds.as_numpy(train_ds)]
tr_y = np.array([l for _, l in tfds.as_numpy(train_ds)])
te_text = [t.decode() for t, _ in tfds.as_numpy(test_ds)]
te_y = np.array([l for _, l in tfds.as_numpy(test_ds)])

tok = Tokenizer(num_words=20000, oov_token="<unk>")
tok.fit_on_texts(tr_text)
x_tr = pad_sequences(tok.texts_to_sequences(tr_text), maxlen=64)
x_te = pad_sequences(tok.texts_to_sequences(te_text), maxlen=64)

net = tf.keras.Sequential([tf.keras.layers.Embedding(20000, 32), tf.keras.layers.GlobalAveragePooling1D(), tf.keras.layers.Dense(4, activation="softmax")])
net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
net.fit(x_tr, tr_y, epochs=5, batch_size=256, verbose=0)
print("test accuracy", net.evaluate(x_te, te_y, verbose=0)[1])
