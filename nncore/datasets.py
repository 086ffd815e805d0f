"""Small toy datasets that need a non-linear boundary (NumPy only).

Each returns `(x, y)`: x float64 of shape (n, 2), y int class labels 0/1 of shape (n,).
`rng` is a numpy Generator, an int seed, or None.
"""

import numpy as np

from ._checks import as_rng, finite_number, positive_int


def xor(n=200, noise=0.1, rng=None):
    """Points uniform in [-1, 1]^2, class 1 where exactly one coordinate is positive
    (`y = (x1 > 0) xor (x2 > 0)`), then Gaussian noise of stddev `noise` on x.

    >>> x, y = xor(n=100, noise=0.0, rng=0)
    >>> x.shape, y.shape, bool(np.all(y == ((x[:, 0] > 0) != (x[:, 1] > 0))))
    ((100, 2), (100,), True)
    """
    n, noise, rng = positive_int(n, "n"), finite_number(noise, "noise", minimum=0), as_rng(rng)
    x = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = ((x[:, 0] > 0) != (x[:, 1] > 0)).astype(np.int64)
    return x + noise * rng.standard_normal((n, 2)), y


def circles(n=200, noise=0.05, factor=0.5, rng=None):
    """Two concentric circles: class 0 on radius 1, class 1 on radius `factor`, evenly
    spaced angles, Gaussian noise of stddev `noise`, rows shuffled.

    >>> x, y = circles(n=6, noise=0.0, rng=0)
    >>> radius = np.hypot(x[:, 0], x[:, 1]).round(6)
    >>> sorted(zip(y.tolist(), radius.tolist()))
    [(0, 1.0), (0, 1.0), (0, 1.0), (1, 0.5), (1, 0.5), (1, 0.5)]
    """
    n, noise, rng = positive_int(n, "n"), finite_number(noise, "noise", minimum=0), as_rng(rng)
    factor = finite_number(factor, "factor", minimum=0, strictly=True)
    if factor >= 1:
        raise ValueError(f"factor must be in (0, 1). Received: factor={factor!r}")
    outer = n // 2
    inner = n - outer
    angles = np.concatenate([np.linspace(0, 2 * np.pi, outer, endpoint=False),
                             np.linspace(0, 2 * np.pi, inner, endpoint=False)])
    radius = np.concatenate([np.ones(outer), np.full(inner, factor)])
    x = np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])
    y = np.concatenate([np.zeros(outer, np.int64), np.ones(inner, np.int64)])
    order = rng.permutation(n)
    return x[order] + noise * rng.standard_normal((n, 2)), y[order]
