import streamlit as st

st.title("Sigmoid Neuron")
st.info(
    "Coming soon: graded inputs and a confident answer.",
    icon=":material/construction:")
