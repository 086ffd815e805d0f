"""Optimizers: the only code that changes weights. Each owns its state (slots).

`optimizer.step(params, grads)` updates every array of `params` in place; its
`iterations` counter advances once per step, however many arrays it updates. Given one
flat buffer (as Sequential does), the update is a handful of fused NumPy calls.

>>> get("adam")
Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, iterations=0)
>>> get({"name": "sgd", "learning_rate": 0.5})
SGD(learning_rate=0.5, momentum=0.0, iterations=0)
"""

import math

import numpy as np

from ._checks import finite_number
from ._registry import make_getter


class Optimizer:
    """Base class. Subclasses define `_update(param, grad, *slots)`, with `_n_slots`
    zero-initialised arrays shaped like the parameter (state and scratch space)."""

    name = "optimizer"
    _n_slots = 1

    def __init__(self, learning_rate):
        self.learning_rate = finite_number(learning_rate, "learning_rate", minimum=0,
                                           strictly=True)
        self.reset()

    def reset(self):
        """Forget the state: slots are rebuilt (zeros) at the next step, iterations = 0."""
        self.iterations = 0
        self._slots = None

    def step(self, params, grads):
        """Apply one update to each array of `params` (a list, or one array) in place."""
        if isinstance(params, np.ndarray):
            params, grads = (params,), (grads,)
        if len(params) != len(grads):
            raise ValueError(f"params and grads must pair up. "
                             f"Received: {len(params)} params, {len(grads)} grads")
        slots = self._slots
        if slots is None or len(slots) != len(params):
            slots = self._build(params)
        self.iterations += 1
        for param, grad, slot in zip(params, grads, slots, strict=True):
            if not param.shape == grad.shape == slot[0].shape:
                raise ValueError(f"param, grad and optimizer state shapes differ. Received: "
                                 f"{param.shape}, {grad.shape}, {slot[0].shape} (call "
                                 f"reset() to train other parameters)")
            self._update(param, grad, *slot)

    def _build(self, params):
        self._slots = [tuple(np.zeros_like(p, dtype=np.float64) for _ in range(self._n_slots))
                       for p in params]
        return self._slots

    def get_state(self):
        """A copy of the state, for `set_state` (used to undo a diverged epoch)."""
        slots = None if self._slots is None else [tuple(s.copy() for s in t)
                                                   for t in self._slots]
        return {"iterations": self.iterations, "slots": slots}

    def set_state(self, state):
        """Restore a state returned by `get_state` (copies it, so it can be reused)."""
        self.iterations = state["iterations"]
        self._slots = None if state["slots"] is None else [tuple(s.copy() for s in t)
                                                           for t in state["slots"]]

    def get_config(self):
        return {"name": self.name, "learning_rate": self.learning_rate}

    def __repr__(self):
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items() if k != "name")
        return f"{type(self).__name__}({params}, iterations={self.iterations})"


class SGD(Optimizer):
    """`velocity = momentum * velocity - lr * g`; `w += velocity` (plain `w -= lr * g`
    when momentum is 0), as in Keras.

    >>> w = np.array([1.0, 2.0])
    >>> sgd = SGD(learning_rate=0.1)
    >>> sgd.step(w, np.array([1.0, -1.0]))
    >>> w.tolist(), sgd.iterations
    ([0.9, 2.1], 1)
    >>> SGD(momentum=1.0)
    Traceback (most recent call last):
    ...
    ValueError: momentum must be in [0, 1). Received: momentum=1.0
    """

    name = "sgd"
    _n_slots = 2  # velocity, scratch

    def __init__(self, learning_rate=0.01, momentum=0.0):
        self.momentum = finite_number(momentum, "momentum", minimum=0)
        if self.momentum >= 1:
            raise ValueError(f"momentum must be in [0, 1). Received: momentum={momentum!r}")
        super().__init__(learning_rate)

    def _update(self, param, grad, velocity, tmp):
        np.multiply(grad, self.learning_rate, out=tmp)
        if self.momentum == 0.0:
            param -= tmp
            return
        velocity *= self.momentum
        velocity -= tmp
        param += velocity

    def get_config(self):
        return {"name": self.name, "learning_rate": self.learning_rate,
                "momentum": self.momentum}


class Adam(Optimizer):
    """Adam, in the TensorFlow.js (and PyTorch) form, t = iterations:

    `m = beta_1 * m + (1 - beta_1) * g`;  `v = beta_2 * v + (1 - beta_2) * g**2`;
    `w -= lr * (m / (1 - beta_1**t)) / (sqrt(v / (1 - beta_2**t)) + epsilon)`.
    The first step moves each weight by about `lr` (exactly `lr * |g| / (|g| + epsilon)`).

    >>> w = np.array([1.0, 1.0])
    >>> adam = Adam(learning_rate=0.1)
    >>> adam.step(w, np.array([0.5, -2.0]))
    >>> w.round(6).tolist(), adam.iterations
    ([0.9, 1.1], 1)
    >>> Adam(learning_rate=0)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be a finite number > 0. Received: learning_rate=0
    """

    name = "adam"
    _n_slots = 5  # m, v, scratch, and two arrays filled with 1 - beta_1 and 1 - beta_2

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        for value, label in ((beta_1, "beta_1"), (beta_2, "beta_2")):
            if not 0.0 <= finite_number(value, label) < 1.0:
                raise ValueError(f"{label} must be in [0, 1). Received: {label}={value!r}")
        self.beta_1, self.beta_2 = float(beta_1), float(beta_2)
        self.epsilon = finite_number(epsilon, "epsilon", minimum=0)
        super().__init__(learning_rate)

    def _build(self, params):
        slots = super()._build(params)
        for slot in slots:
            slot[3].fill(1.0 - self.beta_1)
            slot[4].fill(1.0 - self.beta_2)
        return slots

    def _update(self, param, grad, m, v, tmp, one_minus_beta_1, one_minus_beta_2):
        t = self.iterations
        root = math.sqrt(1.0 - self.beta_2 ** t)
        alpha = self.learning_rate * root / (1.0 - self.beta_1 ** t)
        np.subtract(grad, m, out=tmp)  # m += (g - m) * (1 - beta_1)
        np.multiply(tmp, one_minus_beta_1, out=tmp)
        np.add(m, tmp, out=m)
        np.multiply(grad, grad, out=tmp)  # v += (g**2 - v) * (1 - beta_2)
        np.subtract(tmp, v, out=tmp)
        np.multiply(tmp, one_minus_beta_2, out=tmp)
        np.add(v, tmp, out=v)
        # sqrt(v / c) + eps == (sqrt(v) + eps * sqrt(c)) / sqrt(c), c = 1 - beta_2**t
        np.sqrt(v, out=tmp)
        tmp += self.epsilon * root
        np.divide(m, tmp, out=tmp)
        tmp *= alpha
        np.subtract(param, tmp, out=param)

    def get_config(self):
        return {"name": self.name, "learning_rate": self.learning_rate, "beta_1": self.beta_1,
                "beta_2": self.beta_2, "epsilon": self.epsilon}


OPTIMIZERS = {cls.name: cls for cls in (SGD, Adam)}
NAMES = tuple(OPTIMIZERS)
get = make_getter("optimizer", OPTIMIZERS, Optimizer)
