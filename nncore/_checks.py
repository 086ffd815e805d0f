"""Validation at the boundary: clear messages that echo what was received."""

import numpy as np


def as_float_array(value, name, ndim=None):
    """Return `value` as a finite float64 array, or raise ValueError saying what is wrong."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be numeric. Received: {value!r}") from error
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimension(s). "
                         f"Received: {name} with shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty. Received: {name} with shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains nan or inf values. Received: {name} with "
                         f"{int(np.sum(~np.isfinite(array)))} non-finite value(s)")
    return array


def positive_int(value, name):
    """Return `value` as an int >= 1, or raise ValueError("... Received: name=value")."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer. Received: {name}={value!r}")
    return int(value)


def finite_number(value, name, minimum=None, strictly=False):
    """Return `value` as a float that is finite (and >= or > `minimum` when given)."""
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a number. Received: {name}={value!r}") from error
    too_small = minimum is not None and (number <= minimum if strictly else number < minimum)
    if not np.isfinite(number) or too_small:
        bound = "" if minimum is None else f" {'>' if strictly else '>='} {minimum}"
        raise ValueError(f"{name} must be a finite number{bound}. Received: {name}={value!r}")
    return number


def as_rng(rng):
    """Accept a numpy Generator or an int seed (None gives a fresh unseeded generator)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        return np.random.default_rng(rng)
    raise ValueError(f"rng must be a numpy.random.Generator, an int seed or None. "
                     f"Received: {rng!r}")
