"""The tutorial's laptop table and recipe model, shared by the nncore tests (a helper module:
no tests here, hence not named test_*)."""

import numpy as np

from laptop.data import tutorial_arrays

LAPTOP_X, LAPTOP_CLASSES = tutorial_arrays()
LAPTOP_ONE_HOT = np.eye(2)[LAPTOP_CLASSES]


def tutorial_model(seed=0, learning_rate=0.1, **dense):
    """Dense(3, relu, input_dim=2), Dense(2, softmax), Adam(0.1), binary crossentropy."""
    from nncore import Dense, Sequential, optimizers

    model = Sequential([Dense(3, "relu", input_dim=2, **dense), Dense(2, "softmax", **dense)],
                       seed=seed)
    model.compile(optimizers.Adam(learning_rate), "binary_crossentropy", ["accuracy"])
    return model
