"""Small computations the Learn pages show, built only on nncore and NumPy.

Every number a Learn page prints comes from here or straight from nncore; the pages only
read widgets and render. No streamlit, no plotly.
"""

from dataclasses import dataclass

import numpy as np

from nncore import activations, neurons

# The four yes/no laptops and the XOR rule on them ("buy if exactly one is true").
CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
XOR_LABELS = np.array([0, 1, 1, 0])


def weighted_sums(points: np.ndarray, w, bias: float) -> np.ndarray:
    """w·x + b for every row of `points` at once: the sum nncore.neurons.weighted_sum makes
    for one row, vectorised so a 61 x 61 grid costs one matrix product, not 3721 calls."""
    return np.asarray(points, dtype=float) @ np.asarray(w, dtype=float) + float(bias)


def perceptron_outputs(points: np.ndarray, w, bias: float) -> np.ndarray:
    """The perceptron's 0/1 answer for each row of `points` (nncore's rule: 0 if
    w·x + b < 0 else 1)."""
    return np.where(weighted_sums(points, w, bias) < 0, 0, 1)


def sigmoid_outputs(points: np.ndarray, w, bias: float) -> np.ndarray:
    """The sigmoid neuron's output for each row of `points` (nncore's sigmoid of w·x + b)."""
    return sigmoid(weighted_sums(points, w, bias))


def output_grid(neuron_outputs, w, bias: float, resolution: int = 41,
                low: float = 0.0, high: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """(axis, grid) with grid[i, j] the output at x = axis[j], y = axis[i] (Heatmap layout)."""
    axis = np.linspace(low, high, resolution)
    xx, yy = np.meshgrid(axis, axis)
    values = neuron_outputs(np.column_stack([xx.ravel(), yy.ravel()]), w, bias)
    return axis, values.reshape(resolution, resolution)


KNOBS = ("w1", "w2", "bias")


def _settings_with(knob: str, value: float, w, bias: float) -> tuple[list[float], float]:
    w = [float(v) for v in w]
    if knob == "bias":
        return w, float(value)
    w[KNOBS.index(knob)] = float(value)
    return w, float(bias)


def sweep(knob: str, values: np.ndarray, x, w, bias: float) -> tuple[np.ndarray, np.ndarray]:
    """Perceptron and sigmoid-neuron outputs as one knob ("w1", "w2" or "bias") moves."""
    values = np.asarray(values, dtype=float)
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if knob == "bias":
        z = float(np.dot(w, x)) + values
    else:
        i = KNOBS.index(knob)
        others = float(np.dot(np.delete(w, i), np.delete(x, i)))
        z = others + values * x[i] + float(bias)
    return np.where(z < 0, 0, 1), sigmoid(z)


@dataclass(frozen=True)
class TinyChange:
    """What a small nudge of one knob around the perceptron's flip point does."""

    knob: str
    flip_at: float | None  # None: this knob cannot change the weighted sum (its input is 0)
    before: float = 0.0
    after: float = 0.0
    step_before: int = 0
    step_after: int = 0
    sigmoid_before: float = 0.0
    sigmoid_after: float = 0.0


def tiny_change(knob: str, x, w, bias: float, nudge: float = 0.01) -> TinyChange:
    """Find where the weighted sum crosses 0 as `knob` moves and evaluate both neurons
    just below and just above that point."""
    slope = 1.0 if knob == "bias" else float(x[KNOBS.index(knob)])
    if slope == 0.0:
        return TinyChange(knob, None)
    current = float(bias) if knob == "bias" else float(w[KNOBS.index(knob)])
    flip_at = current - neurons.weighted_sum(x, w, bias) / slope
    before, after = flip_at - nudge, flip_at + nudge
    outputs = [sweep(knob, np.array([v]), x, w, bias) for v in (before, after)]
    return TinyChange(knob, flip_at, before, after,
                      int(outputs[0][0][0]), int(outputs[1][0][0]),
                      float(outputs[0][1][0]), float(outputs[1][1][0]))


def mistakes_per_epoch(run) -> list[int]:
    """How many rows the perceptron got wrong in each epoch of an nncore PerceptronRun."""
    counts = [0] * run.epochs
    for step in run.steps:
        counts[step.epoch - 1] += int(step.changed)
    return counts


def activation_table(activation, z_values) -> list[tuple[float, float, float]]:
    """(z, value, slope) rows for an nncore activation at the given z."""
    z = np.asarray(z_values, dtype=float)
    values = np.asarray(activation(z), dtype=float)
    slopes = np.asarray(activation.derivative(z), dtype=float)
    return [(float(a), float(b), float(c)) for a, b, c in zip(z, values, slopes, strict=True)]


def sigmoid(z) -> np.ndarray:
    """nncore's sigmoid activation on an array."""
    return np.asarray(activations.Sigmoid()(np.asarray(z, dtype=float)), dtype=float)


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


def _dataset(name: str, seed: int, n: int = 200):
    from nncore import datasets
    maker = {"xor": datasets.xor, "circles": datasets.circles}[name]
    x, y = maker(n=n, rng=seed)
    return np.asarray(x, dtype=float), np.asarray(y).astype(int).ravel()


def _network(hidden: int, activation: str | None, seed: int):
    from nncore.layers import Dense
    from nncore.model import Sequential
    model = Sequential([Dense(hidden, activation=activation, input_dim=2),
                        Dense(2, activation="softmax")], seed=seed)
    return model


def train_pair(dataset: str = "xor", hidden: int = 8, activation: str = "tanh",
               epochs: int = 150, seed: int = 0, resolution: int = 41) -> TrainedPair:
    """Train one network with `activation` in its hidden layer and one with none (linear),
    same data, seed and settings; also fold the linear one's two layers into one."""
    from nncore.layers import Dense
    from nncore.model import Sequential
    from nncore.optimizers import Adam

    x, y = _dataset(dataset, seed)
    onehot = np.eye(2)[y]
    low, high = x.min() - 0.1 * np.ptp(x), x.max() + 0.1 * np.ptp(x)
    axis = np.linspace(low, high, resolution)
    xx, yy = np.meshgrid(axis, axis)
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    grids, accuracy, models = {}, {}, {}
    for name in (activation, "linear"):
        model = _network(hidden, name, seed)
        model.compile(optimizer=Adam(learning_rate=0.05), loss="binary_crossentropy",
                      metrics=["accuracy"])
        model.fit(x, onehot, epochs=epochs, batch_size=32, shuffle=True, seed=seed)
        grids[name] = model.predict(grid)[:, 1].reshape(resolution, resolution)
        accuracy[name] = float(np.mean(np.argmax(model.predict(x), axis=1) == y))
        models[name] = model
    k1, b1, k2, b2 = models["linear"].get_weights()
    kernel, bias = compose_linear(k1, b1, k2, b2)
    single = Sequential([Dense(2, activation="softmax", input_dim=2)], seed=seed)
    single.compile(optimizer="adam", loss="binary_crossentropy")
    single.set_weights([kernel, bias])
    gap = float(np.max(np.abs(single.predict(x) - models["linear"].predict(x))))
    return TrainedPair(x, y, axis, grids, accuracy, gap, kernel, bias)
