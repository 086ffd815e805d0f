"""Activation functions, each with its value and its derivative side by side.

Every activation is safe for inputs up to +-1e4: no overflow warning, no nan.
`backward(z, grad)` is the vector-Jacobian product used by backpropagation: the
elementwise ones multiply by `derivative(z)`; Softmax uses its full Jacobian.
`get(name | instance | config dict | None)` returns an activation (None is linear):

>>> get("relu")
ReLU()
>>> get({"name": "leaky_relu", "alpha": 0.1})
LeakyReLU(alpha=0.1)
>>> get("swish")
Traceback (most recent call last):
...
ValueError: Unknown activation: 'swish'. Valid names: elu, leaky_relu, linear, relu, ...
"""

import numpy as np

from ._checks import finite_number
from ._registry import Configured, make_getter


class Activation(Configured):
    """Base class: `act(z)` gives the values, `act.derivative(z)` the slope at z."""

    name = "activation"

    def __call__(self, z, out=None):
        raise NotImplementedError

    def derivative(self, z):
        raise NotImplementedError

    def backward(self, z, grad, output=None, out=None):
        """`dL/dz = dL/da * a'(z)` for an elementwise activation (`output` = a(z), optional)."""
        return np.multiply(grad, self.derivative(z), out=out)


class Linear(Activation):
    """`linear(z) = z`; derivative 1. Stacked linear layers collapse to one linear map.

    >>> Linear()([-2.0, 3.0]).tolist(), Linear().derivative([-2.0, 3.0]).tolist()
    ([-2.0, 3.0], [1.0, 1.0])
    """

    name = "linear"

    def __call__(self, z, out=None):
        return np.multiply(np.asarray(z, dtype=np.float64), 1.0, out=out)

    def derivative(self, z):
        return np.ones_like(np.asarray(z, dtype=np.float64))

    def backward(self, z, grad, output=None, out=None):
        return np.multiply(grad, 1.0, out=out)


class Sigmoid(Activation):
    """`sigmoid(z) = 1 / (1 + exp(-z))`; derivative `sigmoid(z) * (1 - sigmoid(z))`.

    Computed as `1 / (1 + e)` for z >= 0 and `e / (1 + e)` for z < 0 with `e = exp(-|z|)`,
    so exp never overflows.

    >>> Sigmoid()([-1.0, 0.0, 1.0]).round(4).tolist()
    [0.2689, 0.5, 0.7311]
    >>> Sigmoid().derivative([0.0]).tolist()
    [0.25]
    >>> Sigmoid()([-1e4, 1e4]).tolist()
    [0.0, 1.0]
    """

    name = "sigmoid"

    def __call__(self, z, out=None):
        z = np.asarray(z, dtype=np.float64)
        e = np.exp(-np.abs(z))
        return np.divide(np.where(z >= 0, 1.0, e), 1.0 + e, out=out)

    def derivative(self, z):
        s = self(z)
        return s * (1.0 - s)

    def backward(self, z, grad, output=None, out=None):
        s = self(z) if output is None else output
        return np.multiply(grad, s * (1.0 - s), out=out)


class Tanh(Activation):
    """`tanh(z) = (exp(z) - exp(-z)) / (exp(z) + exp(-z))`; derivative `1 - tanh(z)**2`.

    >>> Tanh()([-1.0, 0.0, 1.0]).round(4).tolist(), Tanh().derivative([0.0]).tolist()
    ([-0.7616, 0.0, 0.7616], [1.0])
    """

    name = "tanh"

    def __call__(self, z, out=None):
        return np.tanh(np.asarray(z, dtype=np.float64), out=out)

    def derivative(self, z):
        return 1.0 - np.tanh(np.asarray(z, dtype=np.float64)) ** 2

    def backward(self, z, grad, output=None, out=None):
        t = np.tanh(z) if output is None else output
        return np.multiply(grad, 1.0 - t * t, out=out)


class ReLU(Activation):
    """`relu(z) = max(0, z)`; derivative 1 for z > 0, else 0 (we take 0 at z = 0 exactly).

    A unit whose z is negative for every input outputs 0 and gets no gradient: it "dies".

    >>> ReLU()([-2.0, 0.0, 3.0]).tolist(), ReLU().derivative([-2.0, 0.0, 3.0]).tolist()
    ([0.0, 0.0, 3.0], [0.0, 0.0, 1.0])
    """

    name = "relu"

    def __call__(self, z, out=None):
        return np.maximum(np.asarray(z, dtype=np.float64), 0.0, out=out)

    def derivative(self, z):
        return (np.asarray(z) > 0).astype(np.float64)

    def backward(self, z, grad, output=None, out=None):
        # sign(relu(z)) is the derivative as floats (faster than a boolean mask)
        mask = np.sign(np.maximum(z, 0.0) if output is None else output)
        return np.multiply(grad, mask, out=out)


class LeakyReLU(Activation):
    """`leaky_relu(z) = z if z > 0 else alpha * z`; derivative 1 for z > 0, else alpha.

    alpha is 0.2 by default, as in TensorFlow.js (Keras uses 0.3).

    >>> LeakyReLU()([-10.0, 5.0]).tolist(), LeakyReLU(alpha=0.5).derivative([-1.0]).tolist()
    ([-2.0, 5.0], [0.5])
    >>> LeakyReLU(alpha=-1)
    Traceback (most recent call last):
    ...
    ValueError: alpha must be a finite number >= 0. Received: alpha=-1
    """

    name = "leaky_relu"

    def __init__(self, alpha=0.2):
        self.alpha = finite_number(alpha, "alpha", minimum=0)

    def __call__(self, z, out=None):
        z = np.asarray(z, dtype=np.float64)
        return np.multiply(z, np.where(z > 0, 1.0, self.alpha), out=out)

    def derivative(self, z):
        return np.where(np.asarray(z) > 0, 1.0, self.alpha)

    def get_config(self):
        return {"name": self.name, "alpha": self.alpha}


class ELU(Activation):
    """`elu(z) = z if z > 0 else alpha * (exp(z) - 1)`; derivative 1 for z > 0,
    else `alpha * exp(z)`. exp is only taken of `min(z, 0)`, so it cannot overflow.

    >>> ELU()([-1.0, 2.0]).round(4).tolist(), ELU().derivative([0.0, 2.0]).tolist()
    ([-0.6321, 2.0], [1.0, 1.0])
    """

    name = "elu"

    def __init__(self, alpha=1.0):
        self.alpha = finite_number(alpha, "alpha", minimum=0)

    def __call__(self, z, out=None):
        z = np.asarray(z, dtype=np.float64)
        negative = self.alpha * np.expm1(np.minimum(z, 0.0))
        return np.add(np.maximum(z, 0.0), negative, out=out)

    def derivative(self, z):
        z = np.asarray(z, dtype=np.float64)
        return np.where(z > 0, 1.0, self.alpha * np.exp(np.minimum(z, 0.0)))

    def get_config(self):
        return {"name": self.name, "alpha": self.alpha}


class Softmax(Activation):
    """`softmax(z)_i = exp(z_i - max(z)) / sum_j exp(z_j - max(z))` along `axis`.

    Its Jacobian is full, `ds_i/dz_j = s_i * (delta_ij - s_j)`, so backpropagation must use
    `backward`, the vector-Jacobian product `s * (g - sum(g * s))`, never the diagonal.

    >>> Softmax()([[0.0, 0.0], [0.0, np.log(3.0)]]).round(6).tolist()
    [[0.5, 0.5], [0.25, 0.75]]
    >>> Softmax().backward(np.zeros(2), np.array([1.0, 0.0])).tolist()
    [0.25, -0.25]
    """

    name = "softmax"

    def __init__(self, axis=-1):
        if isinstance(axis, bool) or not isinstance(axis, int | np.integer):
            raise ValueError(f"axis must be an integer. Received: axis={axis!r}")
        self.axis = int(axis)

    def __call__(self, z, out=None):
        z = np.asarray(z, dtype=np.float64)
        if z.ndim > 1 and z.shape[self.axis] == 2:  # two classes: halves, no broadcasting
            trailing = (slice(None),) * (z.ndim - 1 - self.axis % z.ndim)
            first, second = (..., 0, *trailing), (..., 1, *trailing)
            out = np.empty_like(z) if out is None else out
            z0, z1, out0, out1 = z[first], z[second], out[first], out[second]
            top = np.maximum(z0, z1)
            np.subtract(z0, top, out=out0)
            np.subtract(z1, top, out=out1)
            np.exp(out, out=out)
            np.add(out0, out1, out=top)
            np.divide(out0, top, out=out0)
            np.divide(out1, top, out=out1)
            return out
        out = np.subtract(z, np.max(z, axis=self.axis, keepdims=True), out=out)
        np.exp(out, out=out)
        out /= np.sum(out, axis=self.axis, keepdims=True)
        return out

    def derivative(self, z):
        """Only the DIAGONAL of the Jacobian, `s_i * (1 - s_i)`, for display.

        Do not use it for backpropagation: use `backward` (or `jacobian`).
        """
        s = self(z)
        return s * (1.0 - s)

    def jacobian(self, z):
        """The full Jacobian `s_i * (delta_ij - s_j)`, shape (..., k, k) for the last axis."""
        s = np.moveaxis(self(z), self.axis, -1)
        return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])

    def backward(self, z, grad, output=None, out=None):
        """`dL/dz = s * (g - sum(g * s))`, the product of `grad` with the full Jacobian."""
        s = self(z) if output is None else output
        inner = np.sum(grad * s, axis=self.axis, keepdims=True)
        out = np.subtract(grad, inner, out=out)
        out *= s
        return out

    def get_config(self):
        return {"name": self.name, "axis": self.axis}


ACTIVATIONS = {cls.name: cls for cls in (Linear, Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Softmax)}
NAMES = tuple(ACTIVATIONS)
get = make_getter("activation", ACTIVATIONS, Activation, default="linear")
