"""The friend's problem: the laptop table, its validation, the tutorial's recipe and the
verdict. Imports nncore and numpy/pandas, never streamlit."""
