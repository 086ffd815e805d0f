import streamlit as st

st.title("Initialization")
st.info(
    "Coming soon: what constant, tiny, huge and random starting weights do to learning.",
    icon=":material/construction:")
