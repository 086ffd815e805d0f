"""Controls shared by the Perceptron and Sigmoid Neuron pages."""

import streamlit as st

from ui.state import persistent

W_RANGE, B_RANGE = (-1.5, 1.5), (-2.0, 2.0)


def taste_sliders(prefix: str, defaults: dict) -> tuple[float, float, float]:
    """The friend's taste: sliders for w1, w2 and the bias, kept under `prefix` + "w1" etc.
    (each page keeps its own values). Returns (w1, w2, bias)."""
    st.subheader("Your friend's taste")
    w1 = persistent(st.slider, "How much pinkness counts (weight w₁)", key=prefix + "w1",
                    default=defaults["w1"], min_value=W_RANGE[0], max_value=W_RANGE[1],
                    step=0.05)
    w2 = persistent(st.slider, "How much smallness counts (weight w₂)", key=prefix + "w2",
                    default=defaults["w2"], min_value=W_RANGE[0], max_value=W_RANGE[1],
                    step=0.05)
    bias = persistent(st.slider, "Eagerness to buy (bias b)", key=prefix + "bias",
                      default=defaults["bias"], min_value=B_RANGE[0], max_value=B_RANGE[1],
                      step=0.05)
    return w1, w2, bias
