import streamlit as st

st.title("Home")
st.info(
    "Coming soon: the story of the friend and a map of the pages.",
    icon=":material/construction:")
