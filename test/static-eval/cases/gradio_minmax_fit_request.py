# Gradio demo for the energy-efficiency regressor (heating load)
import gradio as gr
import joblib
import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler

model = joblib.load("heating_load_svr.joblib")
COLS = ["relative_compactness", "surface_area", "wall_area", "roof_area", "overall_height", "glazing_area"]


def predict_batch(table: pd.DataFrame):
    table = table[COLS].astype(float)
    mm = MinMaxScaler()
    mm.fit(table)  # expect: mismatch/refit-at-inference
    preds = model.predict(mm.transform(table))
    return pd.DataFrame({"heating_load": np.round(preds, 2)})


demo = gr.Interface(fn=predict_batch, inputs=gr.Dataframe(headers=COLS), outputs="dataframe")

if __name__ == "__main__":
    demo.launch()
