"""Single neurons: the perceptron, the sigmoid neuron and the perceptron learning rule."""

from dataclasses import dataclass, field

import numpy as np

from ._checks import as_float_array, finite_number, positive_int


def _inputs_and_weights(x, w):
    x = as_float_array(x, "x", ndim=1)
    w = as_float_array(w, "w", ndim=1)
    if x.shape != w.shape:
        raise ValueError(f"x and w must have the same length. "
                         f"Received: len(x)={x.size}, len(w)={w.size}")
    return x, w


def weighted_sum(x, w, bias):
    """`z = w . x + b`, the number every neuron starts from.

    >>> round(weighted_sum([0.6, 0.9], [0.5, 0.9], -0.5), 6)
    0.61
    >>> weighted_sum([1, 0, 1], [0.5, 0.9], 0)
    Traceback (most recent call last):
    ...
    ValueError: x and w must have the same length. Received: len(x)=3, len(w)=2
    """
    x, w = _inputs_and_weights(x, w)
    return float(np.dot(w, x) + finite_number(bias, "bias"))


def perceptron(x, w, bias):
    """`output = 0 if w . x + b < 0 else 1` (the bias is minus the threshold).

    >>> perceptron([0, 1], [0.5, 0.9], -0.5), perceptron([1, 0], [0.5, 0.9], -0.6)
    (1, 0)
    """
    return 0 if weighted_sum(x, w, bias) < 0 else 1


def sigmoid_neuron(x, w, bias):
    """`output = sigmoid(w . x + b) = 1 / (1 + exp(-(w . x + b)))`, a value in (0, 1).

    >>> sigmoid_neuron([0.6, 0.9], [0.5, 0.9], -0.5)  # sigmoid(0.61): "buy", 65% sure
    0.6479408020806503
    """
    z = weighted_sum(x, w, bias)
    if z >= 0:
        return 1.0 / (1.0 + float(np.exp(-z)))
    e = float(np.exp(z))
    return e / (1.0 + e)


@dataclass
class PerceptronStep:
    """One row visited by the learning rule; `weights` and `bias` are after the update."""

    epoch: int
    index: int
    x: np.ndarray
    target: int
    output: int
    weights: np.ndarray
    bias: float
    changed: bool


@dataclass
class PerceptronRun:
    """Every step of a run; `converged` means a full epoch passed without a mistake."""

    steps: list = field(default_factory=list)
    converged: bool = False
    epochs: int = 0
    weights: np.ndarray = None
    bias: float = 0.0


def perceptron_learning(x, y, w0=(0.0, 0.0), b0=0.0, learning_rate=0.1, max_epochs=20):
    """The classic perceptron rule, one row at a time, rows in order:

    `w += lr * (target - output) * x`, `b += lr * (target - output)`.

    Stops after the first epoch without a mistake (converged) or after `max_epochs`.
    On separable data it converges; on XOR it cannot, and `converged` stays False.

    >>> x = [[0, 0], [0, 1], [1, 0], [1, 1]]
    >>> run = perceptron_learning(x, [0, 0, 0, 1])  # AND
    >>> run.converged, run.epochs, [perceptron(row, run.weights, run.bias) for row in x]
    (True, 4, [0, 0, 0, 1])
    >>> perceptron_learning(x, [0, 1, 1, 0]).converged  # XOR
    False
    """
    x = as_float_array(x, "x", ndim=2)
    y = as_float_array(y, "y", ndim=1)
    if y.shape[0] != x.shape[0]:
        raise ValueError(f"x and y must have the same number of rows. "
                         f"Received: {x.shape[0]} rows in x, {y.shape[0]} in y")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"y must hold 0 or 1 labels. Received: {sorted(set(y.tolist()))}")
    weights = as_float_array(w0, "w0", ndim=1).copy()
    if weights.size != x.shape[1]:
        raise ValueError(f"w0 needs one weight per input column. "
                         f"Received: len(w0)={weights.size} for x with {x.shape[1]} columns")
    bias = finite_number(b0, "b0")
    learning_rate = finite_number(learning_rate, "learning_rate", minimum=0, strictly=True)
    max_epochs = positive_int(max_epochs, "max_epochs")

    run = PerceptronRun()
    for epoch in range(1, max_epochs + 1):
        mistakes = 0
        for index, (row, target) in enumerate(zip(x, y.astype(int), strict=True)):
            output = 0 if float(np.dot(weights, row)) + bias < 0 else 1
            error = int(target) - output
            if error:
                mistakes += 1
                weights = weights + learning_rate * error * row
                bias = bias + learning_rate * error
            run.steps.append(PerceptronStep(epoch, index, row.copy(), int(target), output,
                                            weights.copy(), float(bias), bool(error)))
        run.epochs = epoch
        if mistakes == 0:
            run.converged = True
            break
    run.weights, run.bias = weights, float(bias)
    return run
