"""Streamlit app: upload a CSV of tickets, get the predicted routing queue."""
import pickle
import pandas as pd
import streamlit as st
from sklearn.feature_extraction.text import TfidfVectorizer

st.title("Ticket router")

with open("models/router_clf.pkl", "rb") as fh:
    clf = pickle.load(fh)

uploaded = st.file_uploader("tickets.csv", type="csv")
if uploaded is not None:
    df = pd.read_csv(uploaded)
    vec = TfidfVectorizer(max_features=clf.n_features_in_)
    X = vec.fit_transform(df["subject"] + " " + df["body"])  # expect: mismatch/refit-at-inference
    df["queue"] = clf.predict(X)
    st.dataframe(df[["ticket_id", "queue"]])
    st.download_button("download", df.to_csv(index=False), "routed.csv")
