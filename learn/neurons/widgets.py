"""Controls shared by the Perceptron and Sigmoid Neuron pages."""

import streamlit as st

from learn.widgets import linked

W_RANGE, B_RANGE = (-1.5, 1.5), (-2.0, 2.0)


def taste_sliders(prefix: str, defaults: dict) -> tuple[float, float, float]:
    """The friend's taste: sliders for w1, w2 and the bias, bound to the address as
    `prefix` + "w1", "w2", "bias" (each page keeps its own values). Returns (w1, w2, bias)."""
    st.subheader("Your friend's taste")
    w1 = linked(st.slider, "How much pinkness counts (weight w₁)", key=prefix + "w1", name="w₁",
                value=defaults["w1"], min_value=W_RANGE[0], max_value=W_RANGE[1], step=0.05)
    w2 = linked(st.slider, "How much smallness counts (weight w₂)", key=prefix + "w2",
                name="w₂", value=defaults["w2"], min_value=W_RANGE[0], max_value=W_RANGE[1],
                step=0.05)
    bias = linked(st.slider, "Eagerness to buy (bias b)", key=prefix + "bias", name="bias",
                  value=defaults["bias"], min_value=B_RANGE[0], max_value=B_RANGE[1], step=0.05)
    return w1, w2, bias
