"""The laptop recipe as the Initialization page's experiments use it: the tutorial's rows with
one-hot labels, the network of `laptop.recipe` from any start, and what "stuck" means.

The recipe itself (2 inputs -> 3 ReLU -> 2 softmax, Adam 0.1, binary crossentropy, 20 epochs,
batch 32: one full-batch step per epoch on 9 rows) is `laptop.recipe.RECIPE`.
"""

from dataclasses import replace

import numpy as np

from laptop.data import tutorial_arrays
from laptop.recipe import RECIPE, build_model, majority_share, one_hot
from nncore.initializers import Initializer
from nncore.model import Sequential

# No better than always answering the commoner label (5 of the 9 laptops are buys).
STUCK_ACCURACY = majority_share(tutorial_arrays()[1])


def load_laptops() -> tuple[np.ndarray, np.ndarray]:
    """The laptop rows: x (n, 2) = pink, small; y (n, 2) one-hot (index 0 no-buy, 1 buy)."""
    x, y = tutorial_arrays()
    return x, one_hot(y)


def commoner_answer_loss(y_onehot: np.ndarray) -> float:
    """The crossentropy of a network that answers every row with the label shares."""
    share = np.asarray(y_onehot, dtype=float).mean(axis=0)
    share = share[share > 0]
    return float(-(share * np.log(share)).sum())


def recipe_model(kernel_init: Initializer, hidden: int = RECIPE.hidden_units,
                 activation: str = RECIPE.activation,
                 learning_rate: float = RECIPE.learning_rate, seed: int = 0) -> Sequential:
    """The recipe's network (2 -> hidden -> 2 softmax, Adam, binary crossentropy), compiled,
    with every kernel started by kernel_init."""
    settings = replace(RECIPE, hidden_units=hidden, activation=activation,
                       learning_rate=learning_rate, seed=seed)
    return build_model(settings, kernel_initializer=kernel_init)
