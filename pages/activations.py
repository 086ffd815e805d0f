import streamlit as st

st.title("Activations")
st.info(
    "Coming soon: sigmoid, ReLU, leaky ReLU and friends, and why networks need them.",
    icon=":material/construction:")
