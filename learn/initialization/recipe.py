"""The laptop recipe and its data, shared by the Initialization page's experiments.

The tutorial's network: 2 inputs -> 3 ReLU -> 2 softmax, Adam 0.1, binary crossentropy,
20 epochs, batch 32 (one full-batch step per epoch on 9 rows).
"""

import csv
from pathlib import Path

import numpy as np

from nncore import activations, layers, optimizers
from nncore.initializers import Initializer
from nncore.model import Sequential

LAPTOPS_CSV = Path(__file__).resolve().parents[2] / "data" / "laptops.csv"

RECIPE_HIDDEN = 3
RECIPE_ACTIVATION = "relu"
RECIPE_LEARNING_RATE = 0.1
RECIPE_EPOCHS = 20
RECIPE_BATCH = 32
STUCK_ACCURACY = 5 / 9  # no better than always answering the commoner label


def load_laptops(path: Path = LAPTOPS_CSV) -> tuple[np.ndarray, np.ndarray]:
    """The laptop rows: x (n, 2) = pink, small; y (n, 2) one-hot (index 0 no-buy, 1 buy)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r["pink"]), float(r["small"])] for r in rows])
    labels = np.array([int(float(r["buy"])) for r in rows])
    return x, one_hot(labels)


def commoner_answer_loss(y_onehot: np.ndarray) -> float:
    """The crossentropy of a network that answers every row with the label shares."""
    share = np.asarray(y_onehot, dtype=float).mean(axis=0)
    share = share[share > 0]
    return float(-(share * np.log(share)).sum())


def one_hot(labels: np.ndarray, classes: int = 2) -> np.ndarray:
    labels = np.asarray(labels).astype(int)
    return np.eye(classes)[labels]


def two_layer_model(kernel_init: Initializer, n_in: int, hidden: int, activation,
                    learning_rate: float, seed: int) -> Sequential:
    """n_in -> hidden (activation) -> 2 softmax, compiled, every kernel from kernel_init."""
    model = Sequential([
        layers.Dense(hidden, activation=activation, kernel_initializer=kernel_init,
                     input_dim=n_in),
        layers.Dense(2, activation="softmax", kernel_initializer=kernel_init),
    ], seed=seed)
    model.compile(optimizer=optimizers.Adam(learning_rate=learning_rate),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


def recipe_model(kernel_init: Initializer, hidden: int = RECIPE_HIDDEN,
                 activation: str = RECIPE_ACTIVATION, seed: int = 0) -> Sequential:
    """The tutorial's laptop network, compiled, with every kernel started by kernel_init."""
    return two_layer_model(kernel_init, 2, hidden, activations.get(activation),
                           RECIPE_LEARNING_RATE, seed)
