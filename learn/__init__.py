"""The Learn section: one package per topic (neurons, activations, initialization), each with
its experiments (NumPy + nncore), figures (Plotly, no streamlit) and Streamlit parts."""
