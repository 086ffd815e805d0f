"""The rule in words, on maps and on tables whose rule is known by construction."""

import doctest
from dataclasses import replace

import numpy as np
import pytest

from laptop import rule_words
from laptop.recipe import RECIPE, predict_buy, train
from laptop.rule_words import crossing, effects, rule_in_words
from ui.grid import probability_grid

AXIS = np.linspace(0, 1, 41)
PINK, SMALL = np.meshgrid(AXIS, AXIS)  # the layout of ui.grid: [i, j] is pink j, small i


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_effects_are_the_total_change_across_the_square():
    along_pink, along_small = effects(0.2 + 0.7 * PINK)
    assert along_pink == pytest.approx(0.7) and along_small == 0
    bump = np.where(SMALL < 0.5, SMALL, 1 - SMALL)  # up 0.5 then down 0.5: moves it by 1
    assert effects(bump) == pytest.approx((0, 1.0), abs=0.03)


def test_crossing_interpolates_where_a_line_passes_one_half():
    assert crossing(np.array([0, 1.0]), np.array([[0.2, 0.6]])) == pytest.approx(0.75)
    assert crossing(AXIS, np.array([AXIS, AXIS * 0 + 0.7])) == pytest.approx(0.5)
    assert crossing(AXIS, np.array([AXIS * 0 + 0.7])) is None


@pytest.mark.parametrize("p, sentence", [
    (sigmoid(20 * (SMALL - 0.45)), "Buys when small is above about 0.45; pinkness barely "
                                   "matters."),
    (sigmoid(-15 * (PINK - 0.3)), "Buys when pink is below about 0.3; smallness barely "
                                  "matters."),
    (sigmoid(20 * (SMALL - 0.7)) * 0.95 + 0.05 * PINK, "Buys when small is above about 0.7; "
                                                        "pinkness barely matters."),
    (np.full((41, 41), 0.8), "Says buy for almost every laptop: neither pinkness nor "
                             "smallness changes its answer much."),
    (0.6 + 0.3 * SMALL, "Says buy for every laptop, more surely the smaller it is; pinkness "
                        "barely matters."),
    (0.4 - 0.3 * PINK, "Says don't buy for every laptop, more surely the pinker it is; "
                       "smallness barely matters."),
])
def test_maps_with_a_known_rule(p, sentence):
    assert rule_in_words(AXIS, p).sentence == sentence


def test_a_diagonal_map_needs_both_and_names_its_line():
    rule = rule_in_words(AXIS, sigmoid(10 * (PINK + SMALL - 1)))
    assert rule.matters == ("pink", "small") or rule.matters == ("small", "pink")
    assert rule.pink_direction == rule.small_direction == 1
    assert rule.sentence.startswith("Buys when it is pinker and smaller: both matter")
    assert f"pinkness moves the answer by {rule.pink_effect:.2f}" in rule.sentence
    assert rule.sentence.endswith("The 50/50 line runs from pink 1, small 0 to pink 0, "
                                  "small 1.")
    opposite = rule_in_words(AXIS, sigmoid(10 * (SMALL - PINK)))
    assert opposite.sentence.startswith("Buys when it is less pink and smaller")


def table(rule):
    """36 laptops on a 6 x 6 grid (shuffled), bought when `rule(pink, small)`."""
    g = np.linspace(0.05, 0.95, 6)
    pink, small = (a.ravel() for a in np.meshgrid(g, g))
    order = np.random.default_rng(0).permutation(36)
    x = np.column_stack([pink, small])[order]
    return x, rule(x[:, 0], x[:, 1]).astype(int)


LEARNER = replace(RECIPE, hidden_units=8, epochs=200, validation_split=0.0)


@pytest.mark.parametrize("rule, matters, threshold", [
    (lambda pink, small: small > 0.5, ("small",), 0.5),  # rows at 0.41 and 0.59: between
    (lambda pink, small: pink > 0.5, ("pink",), 0.5),
    (lambda pink, small: small < 0.35, ("small",), 0.32),  # rows at 0.23 and 0.41
])
def test_a_network_trained_on_a_one_input_table_says_which_input(rule, matters, threshold):
    x, y = table(rule)
    run = train(x, y, LEARNER)
    assert run.train_accuracy == 1.0
    axis, p = probability_grid(lambda rows: predict_buy(run.model, rows))
    result = rule_in_words(axis, p)
    assert result.matters == matters
    assert abs(result.threshold - threshold) <= 0.09 + 1e-9  # within the gap between rows
    other = "pinkness" if matters == ("small",) else "smallness"
    side = "below" if rule(0.5, 0.0) and not rule(0.5, 1.0) else "above"
    assert result.sentence.startswith(f"Buys when {matters[0]} is {side} about ")
    assert result.sentence.endswith(f"{other} barely matters.")


def test_a_network_trained_on_a_diagonal_table_needs_both():
    x, y = table(lambda pink, small: pink + small > 1.0)
    run = train(x, y, LEARNER)
    assert run.train_accuracy == 1.0
    axis, p = probability_grid(lambda rows: predict_buy(run.model, rows))
    result = rule_in_words(axis, p)
    assert set(result.matters) == {"pink", "small"}
    assert result.sentence.startswith("Buys when it is pinker and smaller: both matter")


def test_doctests():
    assert doctest.testmod(rule_words).failed == 0


def test_an_input_moving_the_answer_less_than_a_quarter_of_the_other_barely_matters():
    p = sigmoid(20 * (SMALL - 0.45)) * 0.8 + 0.15 * PINK  # pink moves it 0.15, small ~0.8
    rule = rule_in_words(AXIS, p)
    assert rule.pink_effect == pytest.approx(0.15) and rule.small_effect > 0.6
    assert rule.matters == ("small",) and rule.sentence.endswith("pinkness barely matters.")
    both = rule_in_words(AXIS, sigmoid(20 * (SMALL - 0.45)) * 0.6 + 0.3 * PINK)
    assert both.matters == ("small", "pink")
