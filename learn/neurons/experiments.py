"""What the Perceptron and Sigmoid Neuron pages compute, built only on nncore and NumPy:
both neurons on many inputs at once, one knob swept, the flip point, mistakes per epoch.

Every number these pages print comes from here or straight from nncore; the pages only
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


def sigmoid(z) -> np.ndarray:
    """nncore's sigmoid activation on an array."""
    return np.asarray(activations.Sigmoid()(np.asarray(z, dtype=float)), dtype=float)
