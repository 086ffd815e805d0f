"""The fully-connected layer: `a = activation(x @ kernel + bias)`.

`kernel` has shape (inputs, units) and `bias` (units,); either may carry a leading
population axis, (members, inputs, units) and (members, units): every formula below is
written with `matmul` and `swapaxes(-1, -2)`, so one code path serves both.
"""

import numpy as np

from . import activations, initializers, regularizers
from ._checks import positive_int


def _transpose(array):
    return array.swapaxes(-1, -2)


class Dense:
    """Dense(units, activation=None, kernel_initializer="glorot_normal",
    bias_initializer="zeros", input_dim=None, kernel_regularizer=None).

    A fully-connected layer: `output = activation(x @ kernel + bias)`, kernel of shape
    (inputs, units). Weights are drawn by `build` (a Sequential does it for you).
    `kernel_regularizer` (None, "l2" or e.g. `regularizers.L2(l2=0.01)`) adds its
    penalty of the kernel to the training loss (see nncore.regularizers).

    >>> layer = Dense(2, "relu")
    >>> _ = layer.build(input_dim=3, rng=np.random.default_rng(0))
    >>> layer.kernel.shape, layer.bias.tolist()  # bias_initializer "zeros"
    ((3, 2), [0.0, 0.0])
    >>> layer.kernel = [[1.0, -1.0], [0.0, 0.0], [0.0, 0.0]]
    >>> layer([[2.0, 5.0, 7.0]]).tolist()  # relu([2.0, -2.0])
    [[2.0, 0.0]]
    >>> Dense(0)
    Traceback (most recent call last):
    ...
    ValueError: units must be a positive integer. Received: units=0
    """

    def __init__(self, units, activation=None, kernel_initializer="glorot_normal",
                 bias_initializer="zeros", input_dim=None, kernel_regularizer=None):
        self.units = positive_int(units, "units")
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.input_dim = None if input_dim is None else positive_int(input_dim, "input_dim")
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.name = "dense"
        self._kernel = self._bias = self.block = self.block_t = None

    @property
    def built(self):
        """True once `build` (or `bind`) has given the layer its weights."""
        return self._kernel is not None

    def build(self, input_dim, rng, members=None):
        """Draw new weights: kernel (inputs, units) and bias (units,), with a leading
        `members` axis when given. Returns the weight block (see `bind`)."""
        input_dim = positive_int(input_dim, "input_dim")
        if self.input_dim is not None and input_dim != self.input_dim:
            raise ValueError(f"This layer expects {self.input_dim} inputs. "
                             f"Received: input with {input_dim} columns")
        self.input_dim = input_dim
        lead = () if members is None else (members,)
        block = np.empty(lead + (input_dim + 1, self.units))
        block[..., :-1, :] = self.kernel_initializer(lead + (input_dim, self.units), rng)
        block[..., -1, :] = self.bias_initializer(lead + (self.units,), rng,
                                                  fan_shape=(self.units,))
        self.bind(block)
        return block

    def bind(self, block):
        """Use `block`, shape (..., inputs + 1, units), as the weights: its first rows are
        the kernel and its last row the bias, so `[x, 1] @ block == x @ kernel + bias`
        (a model keeps every block in one flat buffer)."""
        self.block, self.block_t = block, block.swapaxes(-1, -2)
        self._kernel, self._bias = block[..., :-1, :], block[..., -1, :]
        # a bias row that broadcasts over the rows of z, with or without a member axis
        self._bias_row = self._bias[..., None, :]

    @property
    def kernel(self):
        """The (inputs, units) weights, a view of the model's buffer. Assigning copies
        the values in (same shape, finite numbers), so the buffer stays shared."""
        return self._kernel

    @kernel.setter
    def kernel(self, value):
        self._assign(self._kernel, value, "kernel")

    @property
    def bias(self):
        """The (units,) biases, a view; assigning copies the values in, like `kernel`."""
        return self._bias

    @bias.setter
    def bias(self, value):
        self._assign(self._bias, value, "bias")

    @staticmethod
    def _assign(target, value, label):
        value = np.asarray(value, dtype=np.float64)
        if target is None or value.shape != target.shape:
            expected = None if target is None else target.shape
            raise ValueError(f"{label} must have shape {expected}. Received: {value.shape}")
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{label} contains nan or inf values")
        target[...] = value  # in place: the model's flat buffer stays shared

    def count_params(self):
        """`(input_dim + 1) * units`: the kernel and the bias."""
        if self.input_dim is None:
            raise ValueError("The layer does not know its input size yet: give the first "
                             "Dense an input_dim, or fit/predict once.")
        return (self.input_dim + 1) * self.units

    def regularization_loss(self):
        """The kernel regularizer's penalty, e.g. `l2 * sum(kernel**2)`; 0.0 without one
        (with a member axis, one value per member).

        >>> layer = Dense(1, input_dim=2, kernel_regularizer=regularizers.L2(0.5))
        >>> _ = layer.build(2, np.random.default_rng(0))
        >>> layer.kernel = [[1.0], [2.0]]
        >>> layer.regularization_loss()  # 0.5 * (1 + 4)
        2.5
        """
        if self.kernel_regularizer is None:
            return 0.0
        if self._kernel is None:
            raise ValueError("The layer has no weights yet: give the first Dense an "
                             "input_dim and compile, or fit/predict once.")
        return self.kernel_regularizer(self._kernel)

    # forward and backward, side by side -----------------------------------------------

    def forward(self, x, z_out=None, a_out=None):
        """`z = x @ kernel + bias`, `a = activation(z)`. Returns (z, a)."""
        z = np.matmul(x, self._kernel, out=z_out)
        z += self._bias_row
        return z, self.activation(z, out=a_out)

    def backward(self, x, grad_z, grad_kernel=None, grad_bias=None, grad_x=None,
                 need_grad_x=True):
        """From `dL/dz`: `dL/dkernel = x^T @ dL/dz`, `dL/dbias = sum_rows(dL/dz)`,
        `dL/dx = dL/dz @ kernel^T`. Returns (grad_kernel, grad_bias, grad_x).

        The activation's part, `dL/dz = activation.backward(z, dL/da)`, comes first; a
        kernel regularizer adds its own `kernel_regularizer.gradient(kernel)` to
        `dL/dkernel` (the trainer does). Nothing here changes a weight: that is the
        optimizer's job.

        >>> layer = Dense(1, input_dim=2)
        >>> _ = layer.build(2, np.random.default_rng(0))
        >>> layer.kernel = [[2.0], [3.0]]
        >>> x = np.array([[1.0, 0.0], [0.0, 1.0]])
        >>> grad_kernel, grad_bias, grad_x = layer.backward(x, np.array([[1.0], [0.5]]))
        >>> grad_kernel.tolist(), grad_bias.tolist(), grad_x.tolist()
        ([[1.0], [0.5]], [1.5], [[2.0, 3.0], [1.0, 1.5]])
        """
        grad_kernel = np.matmul(_transpose(x), grad_z, out=grad_kernel)
        grad_bias = np.sum(grad_z, axis=-2, out=grad_bias)
        if need_grad_x:
            grad_x = np.matmul(grad_z, _transpose(self._kernel), out=grad_x)
        return grad_kernel, grad_bias, grad_x

    def __call__(self, x):
        return self.forward(x)[1]

    def get_config(self):
        """The layer as plain values; "kernel_regularizer" only when there is one."""
        config = {"type": "Dense", "units": self.units,
                  "activation": self.activation.get_config(),
                  "kernel_initializer": self.kernel_initializer.get_config(),
                  "bias_initializer": self.bias_initializer.get_config(),
                  "input_dim": self.input_dim}
        if self.kernel_regularizer is not None:
            config["kernel_regularizer"] = self.kernel_regularizer.get_config()
        return config

    def __repr__(self):
        shape = "unbuilt" if self._kernel is None else f"kernel={self._kernel.shape}"
        regularizer = ("" if self.kernel_regularizer is None
                       else f"kernel_regularizer={self.kernel_regularizer!r}, ")
        return (f"Dense(units={self.units}, activation={self.activation.name!r}, "
                f"input_dim={self.input_dim}, {regularizer}{shape})")
