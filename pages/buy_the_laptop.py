import streamlit as st

st.title("Buy the Laptop")
st.info(
    "Coming soon: an editable table of laptops, a small network trained on it and a verdict.",
    icon=":material/construction:")
