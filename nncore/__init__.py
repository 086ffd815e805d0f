"""A small NumPy neural-network engine with a Keras-like API. Imports numpy only."""

from . import activations, initializers
from .neurons import (
    PerceptronRun,
    PerceptronStep,
    perceptron,
    perceptron_learning,
    sigmoid_neuron,
    weighted_sum,
)

__all__ = [
    "PerceptronRun", "PerceptronStep", "activations", "initializers", "perceptron",
    "perceptron_learning", "sigmoid_neuron", "weighted_sum",
]
