"""Weight regularizers: a penalty added to the loss, and its gradient, side by side.

A Dense layer given `kernel_regularizer` adds `penalty(kernel)` to the loss that fit and
evaluate report (as Keras adds a model's regularization losses to its total loss) and
`gradient(kernel)` to the kernel's gradient. Biases are not regularized.
`get(name | instance | config dict | None)` returns a regularizer, or None for None:

>>> get("l2")
L2(l2=0.01)
>>> get({"name": "l2", "l2": 0.001}), get(None)
(L2(l2=0.001), None)
"""

import numpy as np

from ._checks import finite_number
from ._registry import Configured, make_getter


class Regularizer(Configured):
    """Base class: `reg(weights)` is the penalty, `reg.gradient(weights)` its gradient."""

    name = "regularizer"

    def __call__(self, weights):
        raise NotImplementedError

    def gradient(self, weights):
        raise NotImplementedError


class L2(Regularizer):
    """`penalty = l2 * sum(W**2)`; gradient `dpenalty/dW = 2 * l2 * W`.

    The sum runs over the last two axes of a kernel (inputs, units), so a stack of
    kernels with a leading member axis, (members, inputs, units), gives one penalty per
    member. l2 is 0.01 by default, as in Keras; 0 adds nothing.

    >>> reg = L2(l2=0.25)
    >>> w = np.array([[1.0, -2.0], [0.0, 3.0]])
    >>> reg(w)  # 0.25 * (1 + 4 + 0 + 9)
    3.5
    >>> reg.gradient(w).tolist()
    [[0.5, -1.0], [0.0, 1.5]]
    >>> L2(l2=-1)
    Traceback (most recent call last):
    ...
    ValueError: l2 must be a finite number >= 0. Received: l2=-1
    """

    name = "l2"

    def __init__(self, l2=0.01):
        self.l2 = finite_number(l2, "l2", minimum=0)

    def __call__(self, weights):
        weights = np.asarray(weights, dtype=np.float64)
        axes = tuple(range(max(weights.ndim - 2, 0), weights.ndim))
        penalty = self.l2 * np.sum(np.square(weights), axis=axes)
        return float(penalty) if penalty.ndim == 0 else penalty

    def gradient(self, weights):
        return (2.0 * self.l2) * np.asarray(weights, dtype=np.float64)

    def get_config(self):
        return {"name": self.name, "l2": self.l2}


REGULARIZERS = {cls.name: cls for cls in (L2,)}
NAMES = tuple(REGULARIZERS)
_get = make_getter("regularizer", REGULARIZERS, Regularizer)


def get(identifier):
    """None (no regularizer), a name ("l2"), a config dict or an instance -> a
    Regularizer or None; anything else raises ValueError naming it and the valid names."""
    return None if identifier is None else _get(identifier)
