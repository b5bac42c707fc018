"""Toxic comments BiLSTM, tokenizer built from the training comments only."""
import pandas as pd
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras import layers, models
from sklearn.model_selection import train_test_split

MAX_WORDS, MAX_LEN = 30000, 150
comments = pd.read_csv("train.csv.zip")
c_tr, c_te, y_tr, y_te = train_test_split(comments["comment_text"].astype(str), comments["toxic"].values,
                                          test_size=0.15, random_state=4)

tok = Tokenizer(num_words=MAX_WORDS, oov_token="<unk>")
tok.fit_on_texts(c_tr)
x_tr = pad_sequences(tok.texts_to_sequences(c_tr), maxlen=MAX_LEN)
x_te = pad_sequences(tok.texts_to_sequences(c_te), maxlen=MAX_LEN)

net = models.Sequential([layers.Input((MAX_LEN,)), layers.Embedding(MAX_WORDS, 128),
                         layers.Bidirectional(layers.LSTM(64)), layers.Dense(1, activation="sigmoid")])
net.compile("adam", "binary_crossentropy", metrics=["AUC"])
net.fit(x_tr, y_tr, batch_size=256, epochs=3, validation_split=0.1)
print(net.evaluate(x_te, y_te, batch_size=512))
