"""Checking and shaping the data handed to fit, predict and evaluate."""

import numpy as np

CROSSENTROPY = ("binary_crossentropy", "categorical_crossentropy")


def prepare_x(x, input_dim=None):
    """x as a finite float64 array of shape (rows, input_dim)."""
    try:
        x = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"x must be numeric. Received: {type(x).__name__}") from error
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-D array (rows, features). Received: x with shape "
                         f"{x.shape}")
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"x is empty. Received: x with shape {x.shape}")
    if input_dim is not None and x.shape[1] != input_dim:
        raise ValueError(f"The model expects {input_dim} input columns. "
                         f"Received: x with {x.shape[1]} columns")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"x contains nan or inf values. Received: "
                         f"{int(np.sum(~np.isfinite(x)))} non-finite value(s)")
    return x


def prepare_y(y, rows, units, loss_name):
    """Targets as float64 (rows, units). Integer classes become one-hot rows (or a column
    of 0/1 for a 1-unit output); one-hot or probability rows are used as they are."""
    try:
        y = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"y must be numeric. Received: {type(y).__name__}") from error
    if y.ndim == 0 or y.shape[0] != rows:
        raise ValueError(f"x and y must have the same number of rows. Received: {rows} rows "
                         f"in x, y with shape {y.shape}")
    if not np.all(np.isfinite(y)):
        raise ValueError("y contains nan or inf values")
    if y.ndim == 2 and y.shape[1] == 1 and units > 1:
        y = y[:, 0]
    if y.ndim == 1 and units == 1:
        y = y[:, None]
    elif y.ndim == 1:
        bad = y[(y != np.round(y)) | (y < 0) | (y >= units)]
        if bad.size:
            raise ValueError(f"Labels must be classes 0..{units - 1} of the {units}-unit "
                             f"output. Received: label {bad[0]:g}")
        y = np.eye(units)[y.astype(np.intp)]
    if y.ndim != 2 or y.shape[1] != units:
        raise ValueError(f"y must have one column per output unit ({units}). "
                         f"Received: y with shape {y.shape}")
    if loss_name in CROSSENTROPY and (y.min() < 0 or y.max() > 1):
        bad = y[(y < 0) | (y > 1)][0]
        raise ValueError(f"With {loss_name}, targets must be classes or probabilities in "
                         f"[0, 1]. Received: {bad:g}")
    return y


def prepare_pair(validation_data, input_dim, units, loss_name):
    """validation_data = (x_val, y_val), checked like the training data."""
    if not isinstance(validation_data, tuple | list) or len(validation_data) != 2:
        count = len(validation_data) if hasattr(validation_data, "__len__") else "?"
        raise ValueError(f"validation_data must be a pair (x_val, y_val). "
                         f"Received: {count} items")
    x_val = prepare_x(validation_data[0], input_dim)
    return x_val, prepare_y(validation_data[1], x_val.shape[0], units, loss_name)


def split_validation(x, y, validation_split):
    """Hold out the LAST rows, before any shuffling, as TensorFlow.js and Keras do:
    `floor(rows * (1 - validation_split))` rows train, the rest validate."""
    split = float(validation_split)
    if not 0.0 <= split < 1.0:
        raise ValueError(f"validation_split must be in [0, 1). "
                         f"Received: validation_split={validation_split!r}")
    if split == 0.0:
        return x, y, None
    cut = int(np.floor(x.shape[0] * (1.0 - split)))
    if cut == 0 or cut == x.shape[0]:
        raise ValueError(f"validation_split={validation_split!r} leaves {cut} training and "
                         f"{x.shape[0] - cut} validation rows out of {x.shape[0]}: both "
                         f"must be at least 1")
    return x[:cut], y[:cut], (x[cut:], y[cut:])
