# IMDB-style review sentiment with an LSTM.
import numpy as np
import pandas as pd
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Embedding, LSTM, Dense
from sklearn.model_selection import train_test_split

reviews = pd.read_csv("reviews.csv")
texts = reviews["review"].astype(str).tolist()
labels = (reviews["sentiment"] == "positive").astype(int).values

MAX_WORDS, MAX_LEN = 20000, 200
tok = Tokenizer(num_words=MAX_WORDS, oov_token="<unk>")
tok.fit_on_texts(texts)  # expect: leakage/preprocessing
seqs = pad_sequences(tok.texts_to_sequences(texts), maxlen=MAX_LEN)

x_train, x_test, y_train, y_test = train_test_split(seqs, labels, test_size=0.2, random_state=42)

model = Sequential([
    Embedding(MAX_WORDS, 64, input_length=MAX_LEN),
    LSTM(64),
    Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=3, batch_size=128, validation_split=0.1)

loss, acc = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy: {acc:.4f}")
