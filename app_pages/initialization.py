"""Initialization: what the starting weights do. Three live experiments: symmetry (XOR),
the signal through a deep stack, and the laptop recipe trained a thousand times per start.

Only the chosen experiment runs, and each one is a fragment: its own controls rerun only it."""

import streamlit as st

from learn.initialization import strategies
from learn.initialization.sections import (
    EXPERIMENTS,
    KEY,
    SECTIONS,
    start_numbers,
    strategy_name,
)
from learn.widgets import linked

st.title("Initialization")
st.markdown(
    "Before a network learns anything, every weight needs a first value. That choice looks "
    "harmless, yet it decides whether hidden units can become different from each other, "
    "whether a signal survives a deep stack of layers, and how often the laptop recipe simply "
    "fails. Every claim on this page comes with the computation behind it, run live.")

st.header("Pick a start")
pick, rule = st.columns([1, 1.6], gap="large")
with pick:
    key = linked(st.selectbox, "How should the weights start?", key=KEY + "start",
                 name="start", options=strategies.STRATEGY_KEYS,
                 index=strategies.STRATEGY_KEYS.index("glorot_normal"), format_func=strategy_name)
    params = start_numbers(key)
with rule:
    st.markdown(f"**{strategy_name(key)}.** {strategies.strategy(key).words}")
    st.latex(strategies.formula_latex(key, params.get(key)))
    if strategies.strategy(key).kind == "random":
        st.caption("σ is the spread (standard deviation) of the draws. n_in and n_out count a "
                   "layer's inputs and units; filled in here for the laptop network's first "
                   "layer (2 inputs, 3 hidden units).")
    st.caption("Biases always start at 0; the start applies to every layer's weights.")

section = linked(st.segmented_control, "Which experiment?", key=KEY + "exp", name="experiment",
                 default="same", options=tuple(SECTIONS), format_func=SECTIONS.get,
                 required=True, width="stretch")
EXPERIMENTS[section](key, params)
