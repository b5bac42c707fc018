"""Tweet sentiment with a GRU; the vocabulary comes from the training tweets only."""
import pandas as pd
from sklearn.model_selection import train_test_split
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Embedding, GRU, Dense

tweets = pd.read_csv("tweets.csv")
train_txt, test_txt, train_lab, test_lab = train_test_split(
    tweets["text"], tweets["positive"], test_size=0.2, random_state=0
)

tok = Tokenizer(num_words=15000, oov_token="<oov>")
tok.fit_on_texts(train_txt)
train_seq = pad_sequences(tok.texts_to_sequences(train_txt), maxlen=50)
test_seq = pad_sequences(tok.texts_to_sequences(test_txt), maxlen=50)

net = Sequential([Embedding(15000, 32), GRU(32), Dense(1, activation="sigmoid")])
net.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
net.fit(train_seq, train_lab, epochs=4, batch_size=64, validation_split=0.1)
print(net.evaluate(test_seq, test_lab, verbose=0))
