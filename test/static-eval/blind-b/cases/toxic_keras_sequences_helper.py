"""Toxic comment detection with a small BiLSTM (Keras)."""
import numpy as np
import pandas as pd
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras import layers, models
from sklearn.model_selection import train_test_split

MAX_WORDS = 30000
MAX_LEN = 150


def to_padded(comments, num_words=MAX_WORDS, maxlen=MAX_LEN):
    tok = Tokenizer(num_words=num_words, oov_token="<unk>")
    tok.fit_on_texts(comments)  # expect: leakage/preprocessing
    seqs = tok.texts_to_sequences(comments)
    return pad_sequences(seqs, maxlen=maxlen, padding="post"), tok


def build_model():
    inp = layers.Input(shape=(MAX_LEN,))
    x = layers.Embedding(MAX_WORDS, 128)(inp)
    x = layers.Bidirectional(layers.LSTM(64))(x)
    x = layers.Dropout(0.3)(x)
    out = layers.Dense(1, activation="sigmoid")(x)
    m = models.Model(inp, out)
    m.compile(optimizer="adam", loss="binary_crossentropy", metrics=["AUC"])
    return m


comments = pd.read_csv("train.csv.zip")
padded, tokenizer = to_padded(comments["comment_text"].astype(str))
labels = comments["toxic"].values.astype("float32")

x_tr, x_te, y_tr, y_te = train_test_split(padded, labels, test_size=0.15, random_state=4)
net = build_model()
net.fit(x_tr, y_tr, batch_size=256, epochs=3, validation_split=0.1)
loss, auc = net.evaluate(x_te, y_te, batch_size=512)
print("test AUC", auc)
