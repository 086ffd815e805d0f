"""A model's answer at every point of a square grid: what every decision map shows.

Pure NumPy, no plotly: the Learn pages' experiments and Buy the Laptop's verdict both use it.
"""

from collections.abc import Callable

import numpy as np


def probability_grid(predict_buy: Callable[[np.ndarray], np.ndarray], resolution: int = 41,
                     low: float = 0.0, high: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Evaluate `predict_buy` (rows (n, 2) -> buy probability (n,), or any one number per
    row, such as a perceptron's 0/1) at once on the square grid [low, high]^2.

    Returns (axis, probabilities) where probabilities[i, j] belongs to
    x = axis[j], y = axis[i], the layout a plotly Heatmap expects.
    """
    axis = np.linspace(low, high, resolution)
    xx, yy = np.meshgrid(axis, axis)
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    probabilities = np.asarray(predict_buy(grid), dtype=float).reshape(resolution, resolution)
    return axis, probabilities
