"""What two or more pages share: the site map, session-state helpers, the theme, the decision
map, common Plotly traces and words. Streamlit and Plotly allowed; never nncore."""
