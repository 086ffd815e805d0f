"""Teach it your taste: the next laptop to ask the friend about. No streamlit.

The most useful question is the laptop the networks are least sure of: on the map's grid,
the point where the share of networks saying buy is closest to half (ties: where their mean
P(buy) is closest to 0.5, then the first in the grid's order, small then pink), and at
least MIN_DISTANCE from every laptop already in the table, so it is never one of them.
"""

import numpy as np

# How far (on the 0..1 square) a question must be from every row of the table.
MIN_DISTANCE = 0.1


def least_sure_laptop(axis: np.ndarray, buy_share: np.ndarray, mean_buy: np.ndarray,
                      table_x: np.ndarray,
                      min_distance: float = MIN_DISTANCE) -> tuple[float, float] | None:
    """(pink, small) of the next question, or None when every grid point is too close to a
    row. `buy_share` and `mean_buy` are grids in ui.grid.probability_grid's layout:
    grid[i, j] belongs to pink = axis[j], small = axis[i]. nan points are never chosen.

    >>> axis = np.linspace(0, 1, 11)
    >>> share = np.tile(axis, (11, 1))  # the share saying buy grows with pinkness only
    >>> least_sure_laptop(axis, share, share, np.array([[0.5, 0.0]]))
    (0.5, 0.1)
    """
    axis = np.asarray(axis, dtype=float)
    pink, small = np.meshgrid(axis, axis)
    points = np.column_stack([pink.ravel(), small.ravel()])
    share = np.asarray(buy_share, dtype=float).ravel()
    mean = np.asarray(mean_buy, dtype=float).ravel()
    rows = np.asarray(table_x, dtype=float).reshape(-1, 2)
    allowed = np.isfinite(share) & np.isfinite(mean)
    if len(rows):
        gaps = np.hypot(points[:, None, 0] - rows[None, :, 0],
                        points[:, None, 1] - rows[None, :, 1])
        allowed &= gaps.min(axis=1) >= min_distance - 1e-9
    if not allowed.any():
        return None
    candidates = np.flatnonzero(allowed)
    # rounded so that float noise (0.6 - 0.5 vs 0.5 - 0.4) does not break a true tie
    unsure = np.round(np.abs(share[candidates] - 0.5), 9)
    unsure_mean = np.round(np.abs(mean[candidates] - 0.5), 9)
    best = candidates[np.lexsort((candidates, unsure_mean, unsure))[0]]
    return float(points[best, 0]), float(points[best, 1])


def question_words(pink: float, small: float, buy_votes: int, voters: int) -> str:
    """The question for the friend, with why it is asked.

    >>> question_words(0.45, 0.3, 11, 20).split("? ")
    ['Would your friend buy a laptop that is 0.45 pink and 0.3 small', 'The networks are \
least sure about this one: 11 of 20 say buy.']
    """
    return (f"Would your friend buy a laptop that is {pink:.2g} pink and {small:.2g} small? "
            f"The networks are least sure about this one: {buy_votes} of {voters} say buy.")
