"""Symmetry: a small network learns XOR from a given start, with every hidden unit's weights
recorded after each epoch. Units that start equal stay equal; random starts pull them apart.
"""

from dataclasses import dataclass

import numpy as np

from laptop.recipe import RECIPE, one_hot
from learn.initialization.recipe import load_laptops, recipe_model
from learn.initialization.strategies import make_initializer
from nncore import datasets
from nncore.callbacks import LambdaCallback
from ui.words import pct

# The symmetry experiment: XOR needs more than one hidden unit.
SYMMETRY_HIDDEN = 4
SYMMETRY_EPOCHS = 60
SYMMETRY_SAMPLES = 200
SYMMETRY_NOISE = 0.05
SYMMETRY_LEARNING_RATE = 0.05
SYMMETRY_ACTIVATION = "tanh"


@dataclass(frozen=True)
class SymmetryRun:
    unit_weights: np.ndarray  # (epochs + 1, hidden, 5): w from x1, w from x2, bias, w to out 0/1
    max_difference: np.ndarray  # (epochs + 1,) largest gap between two hidden units
    loss: np.ndarray  # (epochs,)
    accuracy: np.ndarray  # (epochs,)
    final_accuracy: float  # on all rows, after training

    @property
    def largest_difference(self) -> float:
        return float(self.max_difference.max())


UNIT_PARTS = ("from input 1", "from input 2", "bias", "to output 1", "to output 2")


def hidden_unit_parameters(weights: list[np.ndarray]) -> np.ndarray:
    """Each hidden unit's own numbers (hidden, 5): its two incoming weights, its bias and its
    two outgoing weights, from get_weights() of a 2 -> hidden -> 2 network."""
    k1, b1, k2 = (np.asarray(w, dtype=float) for w in weights[:3])
    return np.column_stack([k1.T, b1, k2])


def max_unit_difference(unit_params: np.ndarray) -> float:
    """The largest absolute gap between the same number of any two hidden units."""
    unit_params = np.asarray(unit_params, dtype=float)
    return float((unit_params.max(axis=0) - unit_params.min(axis=0)).max())


def symmetry_data(seed: int = 0, n: int = SYMMETRY_SAMPLES) -> tuple[np.ndarray, np.ndarray]:
    """XOR points (n, 2) and one-hot labels (n, 2)."""
    x, y = datasets.xor(n=n, noise=SYMMETRY_NOISE, rng=seed)
    return np.asarray(x, dtype=float), one_hot(y)


def symmetry_run(key: str, param: float | None = None, seed: int = 0,
                 epochs: int = SYMMETRY_EPOCHS, hidden: int = SYMMETRY_HIDDEN) -> SymmetryRun:
    """Train 2 -> hidden (tanh) -> 2 on XOR from strategy `key`, recording every hidden unit."""
    x, y = symmetry_data(seed)
    model = recipe_model(make_initializer(key, param), hidden, SYMMETRY_ACTIVATION,
                         SYMMETRY_LEARNING_RATE, seed)
    snapshots = [hidden_unit_parameters(model.get_weights())]
    record = LambdaCallback(
        on_epoch_end=lambda epoch, logs: snapshots.append(
            hidden_unit_parameters(model.get_weights())))
    history = model.fit(x, y, epochs=epochs, batch_size=32, shuffle=True, callbacks=[record],
                        seed=seed)
    unit_weights = np.stack(snapshots)
    return SymmetryRun(
        unit_weights=unit_weights,
        max_difference=np.array([max_unit_difference(u) for u in unit_weights]),
        loss=np.asarray(history.history["loss"], dtype=float),
        accuracy=np.asarray(history.history["accuracy"], dtype=float),
        final_accuracy=float(model.evaluate(x, y)["accuracy"]),
    )


def constant_on_laptops(value: float, epochs: int = RECIPE.epochs,
                        seed: int = 0) -> tuple[float, float]:
    """Train the laptop recipe with every weight = value; (final accuracy, largest gap between
    its hidden units)."""
    x, y = load_laptops()
    model = recipe_model(make_initializer("constant", value), seed=seed)
    model.fit(x, y, epochs=epochs, batch_size=RECIPE.batch_size, shuffle=True, seed=seed)
    gap = max_unit_difference(hidden_unit_parameters(model.get_weights()))
    return float(model.evaluate(x, y)["accuracy"]), gap



def identical_units(run: SymmetryRun) -> bool:
    """True when every hidden unit held exactly the same numbers at every epoch."""
    return run.largest_difference <= 1e-12


def describe_symmetry(name: str, run: SymmetryRun) -> str:
    hidden = run.unit_weights.shape[1]
    epochs = run.unit_weights.shape[0] - 1
    if identical_units(run):
        units = (f"all {hidden} hidden units hold exactly the same numbers at every one of the "
                 f"{epochs} epochs (largest gap {run.largest_difference:.1g}): the layer "
                 "behaves like a single unit")
    else:
        units = (f"the {hidden} hidden units go their own ways (largest gap between two of "
                 f"them {run.largest_difference:.2f})")
    return (f"**{name}:** {units}, and the network gets {pct(run.final_accuracy)} of the "
            "XOR points right.")


def one_feature_split(x: np.ndarray, y_onehot: np.ndarray,
                      names: tuple[str, ...] = ("pink", "small")) -> str | None:
    """A sentence naming one input that alone splits buy from no-buy, or None if none does."""
    buy = np.asarray(y_onehot).argmax(axis=1) == 1
    for i, feature in enumerate(names):
        lo_buy, hi_no = x[buy, i].min(), x[~buy, i].max()
        if lo_buy > hi_no:
            return (f"every laptop your friend buys has {feature} at least {lo_buy:g} and "
                    f"every other one at most {hi_no:g}")
        hi_buy, lo_no = x[buy, i].max(), x[~buy, i].min()
        if hi_buy < lo_no:
            return (f"every laptop your friend buys has {feature} at most {hi_buy:g} and "
                    f"every other one at least {lo_no:g}")
    return None
