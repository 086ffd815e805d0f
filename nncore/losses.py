"""Losses, each with its value and its gradient side by side.

Shapes: `(rows, units)`, optionally with leading member axes `(members, rows, units)`.
`loss(y_true, y_pred)` is the mean over rows (and members); `per_sample` gives one value
per row; `gradient` is the gradient of each model's mean loss with respect to y_pred.
Probabilities are clipped to `[EPSILON, 1 - EPSILON]` as in Keras and TensorFlow.js.

>>> get("mean_squared_error")
MeanSquaredError()
"""

import numpy as np

from ._registry import make_getter

EPSILON = 1e-7


def _rows(y_pred):
    return y_pred.shape[-2] if y_pred.ndim >= 2 else 1


class Loss:
    """Base class: `per_sample`, `__call__` (mean) and `gradient`."""

    name = "loss"

    def per_sample(self, y_true, y_pred):
        raise NotImplementedError

    def __call__(self, y_true, y_pred):
        y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
        return float(np.mean(self.per_sample(y_true, y_pred)))

    def gradient(self, y_true, y_pred):
        raise NotImplementedError

    def fused_scale(self, activation, y_true):
        """`c` such that the gradient at the logits is `c * (p - y) / rows`, or None.

        The fused path skips the clipping of p (it only matters within 1e-7 of 0 or 1).
        """
        return None

    def get_config(self):
        return {"name": self.name}

    def __repr__(self):
        return f"{type(self).__name__}()"


def _rows_sum_to_one(y_true):
    return bool(np.allclose(np.sum(y_true, axis=-1), 1.0, rtol=0, atol=1e-9))


class BinaryCrossentropy(Loss):
    """`bce = -mean_units(y * log(p) + (1 - y) * log(1 - p))`, p clipped to [1e-7, 1 - 1e-7].

    Gradient: `-(y / p - (1 - y) / (1 - p)) / (units * rows)`, 0 where p was clipped.

    >>> bce = BinaryCrossentropy()
    >>> round(bce([[0.0, 1.0]], [[0.5, 0.5]]), 4)  # -log(0.5)
    0.6931
    >>> bce.gradient([[0.0, 1.0]], [[0.5, 0.5]]).tolist()
    [[1.0, -1.0]]
    >>> round(bce([[1.0]], [[0.0]]), 4)  # p clipped to 1e-7: -log(1e-7)
    16.1181
    """

    name = "binary_crossentropy"

    def per_sample(self, y_true, y_pred):
        p = np.clip(y_pred, EPSILON, 1.0 - EPSILON)
        return -np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log1p(-p), axis=-1)

    def gradient(self, y_true, y_pred):
        y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
        p = np.clip(y_pred, EPSILON, 1.0 - EPSILON)
        inside = (y_pred >= EPSILON) & (y_pred <= 1.0 - EPSILON)
        grad = -(y_true / p - (1.0 - y_true) / (1.0 - p)) * inside
        return grad / (y_pred.shape[-1] * _rows(y_pred))

    def fused_scale(self, activation, y_true):
        units = y_true.shape[-1]
        if activation.name == "sigmoid":
            return 1.0 / units
        # a 2-unit softmax with one-hot rows: binary equals categorical crossentropy
        if activation.name == "softmax" and units == 2 and _rows_sum_to_one(y_true):
            return 1.0
        return None


class CategoricalCrossentropy(Loss):
    """`cce = -sum_units(y * log(q))` with `q = clip(p / sum(p))`.

    Gradient: `(g - sum(g * p) / s) / s`, `g = -y / q` (0 where clipped), `s = sum(p)`.

    >>> cce = CategoricalCrossentropy()
    >>> round(cce([[0.0, 1.0, 0.0]], [[0.25, 0.5, 0.25]]), 4)  # -log(0.5)
    0.6931
    >>> y, p = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[0.5, 0.5], [1.0, 0.0]])
    >>> cce.per_sample(y, p).round(4).tolist()  # one value per row
    [0.6931, 0.0]
    """

    name = "categorical_crossentropy"

    def per_sample(self, y_true, y_pred):
        q = np.clip(y_pred / np.sum(y_pred, axis=-1, keepdims=True), EPSILON, 1.0 - EPSILON)
        return -np.sum(y_true * np.log(q), axis=-1)

    def gradient(self, y_true, y_pred):
        y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
        s = np.sum(y_pred, axis=-1, keepdims=True)
        q_raw = y_pred / s
        q = np.clip(q_raw, EPSILON, 1.0 - EPSILON)
        g = -y_true / q * ((q_raw >= EPSILON) & (q_raw <= 1.0 - EPSILON))
        grad = (g - np.sum(g * q_raw, axis=-1, keepdims=True)) / s
        return grad / _rows(y_pred)

    def fused_scale(self, activation, y_true):
        if activation.name == "softmax" and _rows_sum_to_one(y_true):
            return 1.0
        return None


class MeanSquaredError(Loss):
    """`mse = mean_units((y - p) ** 2)`; gradient `2 * (p - y) / (units * rows)`.

    >>> MeanSquaredError()([[1.0], [0.0]], [[3.0], [0.0]])
    2.0
    >>> MeanSquaredError().gradient([[1.0], [0.0]], [[3.0], [0.0]]).tolist()
    [[2.0], [0.0]]
    """

    name = "mean_squared_error"

    def per_sample(self, y_true, y_pred):
        return np.mean(np.square(y_pred - y_true), axis=-1)

    def gradient(self, y_true, y_pred):
        y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
        return 2.0 * (y_pred - y_true) / (y_pred.shape[-1] * _rows(y_pred))

    def fused_scale(self, activation, y_true):
        return 2.0 / y_true.shape[-1] if activation.name == "linear" else None


LOSSES = {cls.name: cls for cls in (BinaryCrossentropy, CategoricalCrossentropy,
                                    MeanSquaredError)}
NAMES = tuple(LOSSES)
get = make_getter("loss", LOSSES, Loss)
