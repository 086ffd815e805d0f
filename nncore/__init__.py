"""A small NumPy neural-network engine with a Keras-like API. Imports numpy only."""
