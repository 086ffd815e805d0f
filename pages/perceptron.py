import streamlit as st

st.title("Perceptron")
st.info(
    "Coming soon: yes/no inputs, weights, a bias and a step output you can drive.",
    icon=":material/construction:")
