"""Shared data for the nncore tests: the tutorial's laptop table and recipe (no tests)."""

import numpy as np

LAPTOP_X = np.array([[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1],
                     [0.75, 0.4], [0.75, 0.9], [0.6, 0.9], [0.6, 0.75]])
LAPTOP_CLASSES = np.array([0, 0, 1, 1, 0, 0, 1, 1, 1])
LAPTOP_ONE_HOT = np.eye(2)[LAPTOP_CLASSES]


def tutorial_model(seed=0, learning_rate=0.1, **dense):
    """Dense(3, relu, input_dim=2), Dense(2, softmax), Adam(0.1), binary crossentropy."""
    from nncore import Dense, Sequential, optimizers

    model = Sequential([Dense(3, "relu", input_dim=2, **dense), Dense(2, "softmax", **dense)],
                       seed=seed)
    model.compile(optimizers.Adam(learning_rate), "binary_crossentropy", ["accuracy"])
    return model
