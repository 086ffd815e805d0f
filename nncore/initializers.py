"""Weight initializers. Each takes a shape and an explicit `numpy.random.Generator`.

A shape may carry a leading population axis, e.g. (members, fan_in, fan_out): fans are
read from the last two dimensions, so every member gets independent draws from the same
distribution. Glorot, He and LeCun are one `VarianceScaling` core with another scale
and fan mode, as in Keras and TensorFlow.js.

>>> get("he_normal"), get(None), get({"name": "constant", "value": 0.5})
(HeNormal(), Zeros(), Constant(value=0.5))
"""

import numpy as np

from ._checks import as_rng, finite_number
from ._registry import make_getter


def compute_fans(shape):
    """`(fan_in, fan_out)`: the last two dimensions of a kernel; a vector counts as both.

    >>> compute_fans((2, 3)), compute_fans((100, 2, 3)), compute_fans((3,))
    ((2, 3), (2, 3), (3, 3))
    """
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    return shape[-2], shape[-1]


def _shape(shape):
    shape = (shape,) if isinstance(shape, int | np.integer) else tuple(shape)
    if any(isinstance(d, bool) or not isinstance(d, int | np.integer) or d < 0 for d in shape):
        raise ValueError(f"shape must be a tuple of non-negative integers. Received: {shape!r}")
    return tuple(int(d) for d in shape)


def truncated_normal(rng, shape, mean, stddev):
    """Normal(mean, stddev) where draws beyond 2 stddev are drawn again."""
    values = rng.standard_normal(shape)
    outside = np.abs(values) > 2.0
    while outside.any():
        values[outside] = rng.standard_normal(int(outside.sum()))
        outside = np.abs(values) > 2.0
    return mean + stddev * values


class Initializer:
    """Base class: `init(shape, rng)` returns a float64 array of that shape.

    `fan_shape`, when given, is the shape the fans are computed from (a bias with a
    population axis uses its own vector shape).
    """

    name = "initializer"

    def __call__(self, shape, rng=None, fan_shape=None):
        raise NotImplementedError

    def get_config(self):
        return {"name": self.name}

    def __repr__(self):
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items() if k != "name")
        return f"{type(self).__name__}({params})"


class Constant(Initializer):
    """Every weight equals `value`. All units of a layer then stay identical (symmetry).

    >>> Constant(0.7)((2, 2)).tolist()
    [[0.7, 0.7], [0.7, 0.7]]
    """

    name = "constant"

    def __init__(self, value=0.0):
        self.value = finite_number(value, "value")

    def __call__(self, shape, rng=None, fan_shape=None):
        return np.full(_shape(shape), self.value, dtype=np.float64)

    def get_config(self):
        return {"name": self.name, "value": self.value}


class Zeros(Constant):
    """Every weight is 0."""

    name = "zeros"

    def __init__(self):
        super().__init__(0.0)

    def get_config(self):
        return {"name": self.name}


class Ones(Constant):
    """Every weight is 1."""

    name = "ones"

    def __init__(self):
        super().__init__(1.0)

    def get_config(self):
        return {"name": self.name}


class RandomNormal(Initializer):
    """Draws from Normal(mean, stddev).

    >>> w = RandomNormal(mean=5.0, stddev=1.0)((1000, 2), np.random.default_rng(0))
    >>> round(float(w.mean()), 1), round(float(w.std()), 1)
    (5.0, 1.0)
    """

    name = "random_normal"

    def __init__(self, mean=0.0, stddev=1.0):
        self.mean = finite_number(mean, "mean")
        self.stddev = finite_number(stddev, "stddev", minimum=0)

    def __call__(self, shape, rng=None, fan_shape=None):
        return self.mean + self.stddev * as_rng(rng).standard_normal(_shape(shape))

    def get_config(self):
        return {"name": self.name, "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomNormal):
    """Draws from Normal(mean, stddev), redrawing values more than 2 stddev from the mean."""

    name = "truncated_normal"

    def __init__(self, mean=0.0, stddev=0.05):
        super().__init__(mean, stddev)

    def __call__(self, shape, rng=None, fan_shape=None):
        return truncated_normal(as_rng(rng), _shape(shape), self.mean, self.stddev)


class RandomUniform(Initializer):
    """Draws from Uniform(minval, maxval).

    >>> w = RandomUniform(-1.0, 1.0)((1000,), np.random.default_rng(0))
    >>> bool(-1.0 <= w.min() and w.max() < 1.0)
    True
    >>> RandomUniform(1.0, -1.0)
    Traceback (most recent call last):
    ...
    ValueError: maxval must be >= minval. Received: minval=1.0, maxval=-1.0
    """

    name = "random_uniform"

    def __init__(self, minval=-0.05, maxval=0.05):
        self.minval = finite_number(minval, "minval")
        self.maxval = finite_number(maxval, "maxval")
        if self.maxval < self.minval:
            raise ValueError(f"maxval must be >= minval. Received: minval={minval!r}, "
                             f"maxval={maxval!r}")

    def __call__(self, shape, rng=None, fan_shape=None):
        return as_rng(rng).uniform(self.minval, self.maxval, _shape(shape))

    def get_config(self):
        return {"name": self.name, "minval": self.minval, "maxval": self.maxval}


class VarianceScaling(Initializer):
    """Random weights with variance `scale / n`, n from `mode`:

    fan_in -> n = fan_in; fan_out -> n = fan_out; fan_avg -> n = (fan_in + fan_out) / 2.
    distribution "truncated_normal" (TensorFlow.js's "normal"): Normal(0, sqrt(scale/n))
    truncated at 2 stddev, with no correction of the stddev, as TensorFlow.js does;
    "untruncated_normal": plain Normal(0, sqrt(scale/n));
    "uniform": Uniform(-limit, limit), `limit = sqrt(3 * scale / n)`.

    >>> init = VarianceScaling(scale=2.0, mode="fan_in", distribution="untruncated_normal")
    >>> w = init((50, 4000), np.random.default_rng(0))  # stddev sqrt(2 / 50) = 0.2
    >>> round(float(w.std()), 2)
    0.2
    """

    name = "variance_scaling"
    MODES = ("fan_in", "fan_out", "fan_avg")
    DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal"):
        self.scale = finite_number(scale, "scale", minimum=0, strictly=True)
        if mode not in self.MODES:
            raise ValueError(f"Unknown mode: {mode!r}. Valid modes: {', '.join(self.MODES)}")
        if distribution not in self.DISTRIBUTIONS:
            raise ValueError(f"Unknown distribution: {distribution!r}. "
                             f"Valid distributions: {', '.join(self.DISTRIBUTIONS)}")
        self.mode, self.distribution = mode, distribution

    def __call__(self, shape, rng=None, fan_shape=None):
        shape = _shape(shape)
        fan_in, fan_out = compute_fans(shape if fan_shape is None else _shape(fan_shape))
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        variance = self.scale / max(1.0, n)
        rng = as_rng(rng)
        if self.distribution == "uniform":
            limit = np.sqrt(3.0 * variance)
            return rng.uniform(-limit, limit, shape)
        if self.distribution == "untruncated_normal":
            return np.sqrt(variance) * rng.standard_normal(shape)
        return truncated_normal(rng, shape, 0.0, np.sqrt(variance))

    def get_config(self):
        return {"name": self.name, "scale": self.scale, "mode": self.mode,
                "distribution": self.distribution}


# The presets: VarianceScaling with fixed settings; the config is the name alone.


class GlorotNormal(VarianceScaling):
    """`VarianceScaling(1.0, "fan_avg", "truncated_normal")`:
    stddev = sqrt(2 / (fan_in + fan_out)), truncated at 2 stddev (TensorFlow.js's
    glorotNormal, the default kernel initializer of Dense).

    >>> w = GlorotNormal()((2, 3), np.random.default_rng(0))
    >>> w.shape, bool(np.abs(w).max() <= 2 * np.sqrt(2 / (2 + 3)))
    ((2, 3), True)
    """

    name = "glorot_normal"

    def __init__(self):
        super().__init__(1.0, "fan_avg", "truncated_normal")

    def get_config(self):
        return {"name": self.name}


class GlorotUniform(VarianceScaling):
    """`VarianceScaling(1.0, "fan_avg", "uniform")`: Uniform(-limit, limit),
    limit = sqrt(6 / (fan_in + fan_out)).

    >>> w = GlorotUniform()((2, 3), np.random.default_rng(0))
    >>> bool(np.abs(w).max() <= np.sqrt(6 / (2 + 3)))
    True
    """

    name = "glorot_uniform"

    def __init__(self):
        super().__init__(1.0, "fan_avg", "uniform")

    def get_config(self):
        return {"name": self.name}


class HeNormal(VarianceScaling):
    """`VarianceScaling(2.0, "fan_in", "truncated_normal")`: stddev = sqrt(2 / fan_in),
    truncated at 2 stddev (made for ReLU layers).

    >>> HeNormal().get_config(), HeNormal().scale, HeNormal().mode
    ({'name': 'he_normal'}, 2.0, 'fan_in')
    """

    name = "he_normal"

    def __init__(self):
        super().__init__(2.0, "fan_in", "truncated_normal")

    def get_config(self):
        return {"name": self.name}


class HeUniform(VarianceScaling):
    """`VarianceScaling(2.0, "fan_in", "uniform")`: limit = sqrt(6 / fan_in).

    >>> bool(np.abs(HeUniform()((4, 3), np.random.default_rng(0))).max() <= np.sqrt(6 / 4))
    True
    """

    name = "he_uniform"

    def __init__(self):
        super().__init__(2.0, "fan_in", "uniform")

    def get_config(self):
        return {"name": self.name}


class LecunNormal(VarianceScaling):
    """`VarianceScaling(1.0, "fan_in", "truncated_normal")`: stddev = sqrt(1 / fan_in),
    truncated at 2 stddev.

    >>> LecunNormal(), isinstance(LecunNormal(), VarianceScaling)
    (LecunNormal(), True)
    """

    name = "lecun_normal"

    def __init__(self):
        super().__init__(1.0, "fan_in", "truncated_normal")

    def get_config(self):
        return {"name": self.name}


INITIALIZERS = {cls.name: cls for cls in (
    Zeros, Ones, Constant, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling,
    GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal)}
NAMES = tuple(INITIALIZERS)
get = make_getter("initializer", INITIALIZERS, Initializer, default="zeros")
