"""The floor for bench/app_latency.py: a bare page with one slider and one Plotly line."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.title("Reference")
k = st.slider("slope", 0.0, 2.0, 1.0, 0.05)
x = np.linspace(-10, 10, 100)
st.plotly_chart(go.Figure(go.Scatter(x=x, y=k * x)))
