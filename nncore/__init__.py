"""A small NumPy neural-network engine with a Keras-like API. Imports numpy only."""

from . import activations, datasets, initializers, layers, losses, metrics, optimizers
from .callbacks import Callback, EarlyStopping, History, LambdaCallback
from .layers import Dense
from .model import Sequential
from .neurons import (
    PerceptronRun,
    PerceptronStep,
    perceptron,
    perceptron_learning,
    sigmoid_neuron,
    weighted_sum,
)
from .population import PopulationResult, train_population

__all__ = [
    "Callback", "Dense", "EarlyStopping", "History", "LambdaCallback", "PerceptronRun",
    "PerceptronStep", "PopulationResult", "Sequential", "activations", "datasets",
    "initializers", "layers", "losses", "metrics", "optimizers", "perceptron",
    "perceptron_learning", "sigmoid_neuron", "train_population", "weighted_sum",
]
