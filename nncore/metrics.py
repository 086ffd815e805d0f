"""Accuracy, chosen from the loss the way Keras and TensorFlow.js resolve "accuracy".

- binary_crossentropy: binary accuracy, `mean_units((p > 0.5) == y)`, over every output
  element (with a 2-unit softmax a row is either fully right or fully wrong).
- categorical_crossentropy: `argmax(p) == argmax(y)`.
- mean_squared_error: binary accuracy for 1 output unit, argmax match otherwise.
Each function returns one value per row (leading member axes are kept).

>>> accuracy_for("binary_crossentropy", 2).__name__, check_metrics(["acc"])
('binary_accuracy', ['accuracy'])
"""

import numpy as np

NAMES = ("accuracy", "acc")


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """`mean_units((y_pred > threshold) == y_true)` per row.

    >>> y = np.array([[0, 1], [0, 1]])
    >>> binary_accuracy(y, np.array([[0.4, 0.6], [0.5, 0.5]])).tolist()
    [1.0, 0.5]
    """
    return np.mean((y_pred > threshold) == y_true, axis=-1)


def categorical_accuracy(y_true, y_pred):
    """`1.0 if argmax(y_pred) == argmax(y_true) else 0.0` per row.

    >>> categorical_accuracy(np.array([[0, 0, 1], [1, 0, 0]]),
    ...                      np.array([[0.2, 0.3, 0.5], [0.2, 0.3, 0.5]])).tolist()
    [1.0, 0.0]
    """
    return (np.argmax(y_pred, axis=-1) == np.argmax(y_true, axis=-1)).astype(np.float64)


def accuracy_for(loss_name, units):
    """The accuracy function that "accuracy" means for this loss and output size."""
    if loss_name == "binary_crossentropy" or (loss_name != "categorical_crossentropy"
                                              and units == 1):
        return binary_accuracy
    return categorical_accuracy


def check_metrics(metrics):
    """Return the list of metric names, raising ValueError for unsupported ones.

    >>> check_metrics("accuracy"), check_metrics(None)
    (['accuracy'], [])
    >>> check_metrics(["f1"])
    Traceback (most recent call last):
    ...
    ValueError: Unknown metric: 'f1'. Valid names: accuracy, acc
    """
    metrics = [] if metrics is None else [metrics] if isinstance(metrics, str) else list(metrics)
    for metric in metrics:
        if metric not in NAMES:
            raise ValueError(f"Unknown metric: {metric!r}. Valid names: {', '.join(NAMES)}")
    return ["accuracy"] if metrics else []
