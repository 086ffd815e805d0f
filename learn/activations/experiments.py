"""What the Activations page computes: the curves it draws, the slopes it quotes, and one
network trained with and without a hidden activation. NumPy and nncore only.
"""

from dataclasses import dataclass, replace

import numpy as np

from laptop.recipe import RECIPE, build_model, one_hot
from nncore import activations, datasets
from nncore.layers import Dense
from nncore.model import Sequential
from ui.grid import probability_grid
from ui.words import num


@dataclass(frozen=True)
class Curve:
    """One activation to draw: its values over z and, optionally, its slope there."""

    name: str
    z: np.ndarray
    values: np.ndarray
    derivative: np.ndarray | None = None
    dash: str | None = None  # "dot" for a baseline such as the linear function


@dataclass(frozen=True)
class Panel:
    """Curves compared on the same axes, and the regions to warn about, each (start, end,
    label), shaded where they overlap the plotted range."""

    title: str
    subtitle: str
    curves: tuple[Curve, ...]
    shaded: tuple[tuple[float, float, str], ...] = ()
    y_range: tuple[float, float] | None = None


# The six activations in two families, each family on one panel: its title and subtitle,
# its members (how to make each, its name), the regions to warn about and the y range.
FAMILIES = (
    ("Squashing", "sigmoid and tanh",
     ((activations.Sigmoid, "sigmoid"), (activations.Tanh, "tanh")),
     ((-1e9, -3.0, "flat"), (3.0, 1e9, "flat")), (-1.1, 1.1)),
    ("Rectifying", "ReLU and its cousins",
     ((activations.ReLU, "ReLU"), (activations.LeakyReLU, "leaky ReLU"),
      (activations.ELU, "ELU"), (activations.Linear, "linear")),
     ((-1e9, 0.0, "ReLU dead: slope 0"),), None),
)


def activation_panels(low: int, high: int, slopes: bool, alpha: float) -> list[Panel]:
    """The six activations over [low, high], a family to a panel: 200 points each, plus
    z = 0 itself so ReLU's kink is exact; each one's slope too when `slopes`. Leaky ReLU
    uses `alpha`."""
    z = np.linspace(low, high, 200)
    if low < 0 < high:
        z = np.union1d(z, [0.0])
    panels = []
    for title, subtitle, members, shaded, y_range in FAMILIES:
        curves = []
        for make, name in members:
            leaky = make is activations.LeakyReLU
            activation = make(alpha=alpha) if leaky else make()
            if leaky:
                name = f"{name} (α = {alpha:.2f})"
            curves.append(Curve(name, z, activation(z),
                                activation.derivative(z) if slopes else None,
                                dash="dot" if make is activations.Linear else None))
        panels.append(Panel(title, subtitle, tuple(curves), shaded, y_range))
    return panels


@dataclass(frozen=True)
class SlopeFacts:
    """The slopes the page quotes, computed from nncore's activations."""

    sigmoid: dict[float, float]  # z -> slope, at z = 0, ±3, ±6
    relu: dict[float, float]  # z -> slope, at z = -2 and 2
    leaky_left: float  # leaky ReLU's slope at z = -2 (its alpha)
    tanh_at_3: float
    right_side_gap: float  # largest |f(z) - z| of ReLU, leaky ReLU, ELU at z = 0.5, 1, 2, 5


def slope_facts(alpha: float) -> SlopeFacts:
    """The numbers behind the page's four remarks on flat ends, dead units and cousins."""
    def slopes(activation, z_values):
        return {z: slope for z, _, slope in activation_table(activation, z_values)}

    positive = np.array([0.5, 1.0, 2.0, 5.0])
    right_side_gap = max(float(np.max(np.abs(activation(positive) - positive)))
                         for activation in (activations.ReLU(),
                                            activations.LeakyReLU(alpha=alpha),
                                            activations.ELU()))
    return SlopeFacts(
        sigmoid=slopes(activations.Sigmoid(), [0.0, 3.0, -3.0, 6.0, -6.0]),
        relu=slopes(activations.ReLU(), [-2.0, 2.0]),
        leaky_left=slopes(activations.LeakyReLU(alpha=alpha), [-2.0])[-2.0],
        tanh_at_3=activation_table(activations.Tanh(), [3.0])[0][2],
        right_side_gap=right_side_gap)


def matrix_latex(matrix) -> str:
    """A matrix (or a vector, as one row) as LaTeX bmatrix, numbers to 3 decimals."""
    rows = np.atleast_2d(matrix)
    return "\\begin{bmatrix}" + " \\\\ ".join(
        " & ".join(num(v, 3) for v in row) for row in rows) + "\\end{bmatrix}"


def activation_table(activation, z_values) -> list[tuple[float, float, float]]:
    """(z, value, slope) rows for an nncore activation at the given z."""
    z = np.asarray(z_values, dtype=float)
    values = np.asarray(activation(z), dtype=float)
    slopes = np.asarray(activation.derivative(z), dtype=float)
    return [(float(a), float(b), float(c)) for a, b, c in zip(z, values, slopes, strict=True)]


def compose_linear(w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray):
    """Two linear layers x -> (x W1 + b1) W2 + b2 as one: W = W1 W2, b = b1 W2 + b2."""
    return w1 @ w2, b1 @ w2 + b2


@dataclass(frozen=True)
class TrainedPair:
    """The same network trained with and without a non-linear hidden activation."""

    x: np.ndarray
    y: np.ndarray
    axis: np.ndarray
    grids: dict  # activation name -> P(class 1) on the axis x axis grid
    accuracy: dict  # activation name -> training accuracy in [0, 1]
    composed_gap: float  # max |two linear layers - one composed layer| over the data
    composed_kernel: np.ndarray
    composed_bias: np.ndarray


LEARNING_RATE = 0.05  # both networks: the recipe's shape, Adam at this rate


def _dataset(name: str, seed: int, n: int = 200):
    maker = {"xor": datasets.xor, "circles": datasets.circles}[name]
    x, y = maker(n=n, rng=seed)
    return np.asarray(x, dtype=float), np.asarray(y).astype(int).ravel()


def train_pair(dataset: str = "xor", hidden: int = 8, activation: str = "tanh",
               epochs: int = 150, seed: int = 0, resolution: int = 41) -> TrainedPair:
    """Train the recipe's network (2 -> hidden -> 2 softmax, Adam at LEARNING_RATE, binary
    crossentropy) on `dataset` twice, with `activation` in its hidden layer and with none
    (linear), same data, seed and settings; also fold the linear one's two layers into one."""
    x, y = _dataset(dataset, seed)
    onehot = one_hot(y)
    low, high = x.min() - 0.1 * np.ptp(x), x.max() + 0.1 * np.ptp(x)
    grids, accuracy, models = {}, {}, {}
    for name in (activation, "linear"):
        model = build_model(replace(RECIPE, hidden_units=hidden, activation=name,
                                    learning_rate=LEARNING_RATE, seed=seed))
        model.fit(x, onehot, epochs=epochs, batch_size=32, shuffle=True, seed=seed)
        axis, grids[name] = probability_grid(lambda rows, model=model: model.predict(rows)[:, 1],
                                             resolution, low, high)
        accuracy[name] = float(np.mean(np.argmax(model.predict(x), axis=1) == y))
        models[name] = model
    k1, b1, k2, b2 = models["linear"].get_weights()
    kernel, bias = compose_linear(k1, b1, k2, b2)
    single = Sequential([Dense(2, activation="softmax", input_dim=2)], seed=seed)
    single.compile(optimizer="adam", loss="binary_crossentropy")
    single.set_weights([kernel, bias])
    gap = float(np.max(np.abs(single.predict(x) - models["linear"].predict(x))))
    return TrainedPair(x, y, axis, grids, accuracy, gap, kernel, bias)
