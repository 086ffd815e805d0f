"""Teach it your taste: the next question is the least-sure laptop away from the table,
checked against a brute-force search written out point by point."""

import doctest
import math

import numpy as np
import pytest

from laptop import questions
from laptop.consensus import train_consensus
from laptop.data import tutorial_arrays
from laptop.questions import MIN_DISTANCE, least_sure_laptop, question_words
from laptop.recipe import RECIPE
from ui.grid import probability_grid


def brute_force(axis, share, mean, rows, min_distance):
    """Every grid point in the grid's order (small, then pink); keep the first best."""
    best, best_key = None, None
    for i, small in enumerate(axis):
        for j, pink in enumerate(axis):
            if not (math.isfinite(share[i, j]) and math.isfinite(mean[i, j])):
                continue
            if any(math.dist((pink, small), row) < min_distance - 1e-9 for row in rows):
                continue
            key = (round(abs(share[i, j] - 0.5), 9), round(abs(mean[i, j] - 0.5), 9))
            if best_key is None or key < best_key:
                best, best_key = (float(pink), float(small)), key
    return best


@pytest.mark.parametrize("seed", range(6))
def test_matches_a_brute_force_search_on_random_maps(seed):
    rng = np.random.default_rng(seed)
    axis = np.linspace(0, 1, 21)
    share = np.round(rng.random((21, 21)) * 20) / 20  # many ties, as a vote of 20 gives
    mean = rng.random((21, 21))
    share[rng.random((21, 21)) < 0.05] = np.nan
    rows = np.round(rng.random((int(rng.integers(0, 30)), 2)) * 20) / 20
    got = least_sure_laptop(axis, share, mean, rows)
    assert got == brute_force(axis, share, mean, rows.tolist(), MIN_DISTANCE)
    assert all(math.dist(got, row) >= MIN_DISTANCE - 1e-9 for row in rows)


def test_never_a_row_of_the_table_even_where_the_networks_are_least_sure():
    axis = np.linspace(0, 1, 41)
    pink = np.tile(axis, (41, 1))
    share = np.where(pink < 0.5, 1.0, 0.0)  # all say buy left of pink 0.5, none right of it
    share = np.where(np.isclose(pink, 0.5), 0.5, share)  # exactly split on pink = 0.5
    rows = np.array([[0.5, small] for small in np.linspace(0, 1, 6)])  # every 0.2 on it
    got = least_sure_laptop(axis, share, share, rows)
    assert got[0] == 0.5 and min(math.dist(got, row) for row in rows) >= 0.1 - 1e-9
    assert got == (0.5, 0.1)  # the first point of the line 0.1 from every row
    assert least_sure_laptop(axis, share, share, rows, min_distance=0.11)[0] != 0.5


def test_none_when_the_table_covers_the_square():
    axis = np.linspace(0, 1, 11)
    rows = np.array([[a, b] for a in np.linspace(0, 1, 11) for b in np.linspace(0, 1, 11)])
    assert least_sure_laptop(axis, np.zeros((11, 11)), np.zeros((11, 11)), rows) is None


def test_the_question_for_the_tutorial_table_is_where_the_vote_is_closest_to_split():
    x, y = tutorial_arrays()
    consensus = train_consensus(x, y, RECIPE, size=30)
    axis, share = probability_grid(consensus.buy_share)
    _, mean = probability_grid(consensus.mean_buy)
    pink, small = least_sure_laptop(axis, share, mean, x)
    assert min(math.dist((pink, small), row) for row in x) >= MIN_DISTANCE - 1e-9
    here = float(consensus.buy_share(np.array([[pink, small]]))[0])
    for p_, s_ in np.column_stack([g.ravel() for g in np.meshgrid(axis, axis)]):
        if min(math.dist((p_, s_), row) for row in x) >= MIN_DISTANCE - 1e-9:
            other = float(consensus.buy_share(np.array([[p_, s_]]))[0])
            assert abs(here - 0.5) <= abs(other - 0.5) + 1e-12
    voters = int(consensus.voting.sum())
    buy_votes = round(here * voters)
    words = question_words(pink, small, buy_votes, voters)
    assert words.startswith(f"Would your friend buy a laptop that is {pink:.2g} pink and "
                            f"{small:.2g} small?")
    assert words.endswith(f"{buy_votes} of {voters} say buy.")


def test_doctests():
    assert doctest.testmod(questions).failed == 0
