"""Streamlit and Plotly helpers shared by the pages. May import nncore and laptop."""
