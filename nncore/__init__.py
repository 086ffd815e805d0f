"""A small NumPy neural-network engine with a Keras-like API. Imports numpy only.

>>> from nncore import Dense, Sequential, optimizers
>>> x = [[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1],
...      [0.75, 0.4], [0.75, 0.9], [0.6, 0.9], [0.6, 0.75]]   # pink, small
>>> y = [0, 0, 1, 1, 0, 0, 1, 1, 1]                          # classes, or one-hot rows
>>> model = Sequential([Dense(3, "relu", input_dim=2), Dense(2, "softmax")], seed=0)
>>> _ = model.compile(optimizers.Adam(0.1), "binary_crossentropy", metrics=["accuracy"])
>>> history = model.fit(x, y, epochs=20)
>>> model.predict([[0.1, 0.6]]).shape                        # [no-buy, buy] probabilities
(1, 2)

One concept per file: neurons (perceptron, sigmoid neuron, learning rule), activations,
initializers, regularizers (L2), losses, metrics (what "accuracy" means), optimizers,
layers (Dense), model (Sequential), callbacks (History, Callback), population (many
models at once), datasets (xor, circles). Each kind has a registry and a
`get(name | instance | None)`.
"""

from . import (
    activations,
    datasets,
    initializers,
    layers,
    losses,
    metrics,
    optimizers,
    regularizers,
)
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
    "perceptron_learning", "regularizers", "sigmoid_neuron", "train_population",
    "weighted_sum",
]
