"""The decision map's text alternative against numbers worked out by hand."""

import numpy as np
import pytest

from ui.decision_map import boundary_crossings, decision_map_alt

AXIS = np.linspace(0.0, 1.0, 11)
XX, YY = np.meshgrid(AXIS, AXIS)  # probabilities[i, j] at x = AXIS[j], y = AXIS[i]


def test_a_vertical_line_meets_the_bottom_and_the_top_edge():
    # P = 0.3 + 0.4 x is 0.5 where x = 0.5, whatever y
    crossings = boundary_crossings(AXIS, 0.3 + 0.4 * XX)
    assert crossings == [pytest.approx((0.5, 0.0)), pytest.approx((0.5, 1.0))]


def test_a_diagonal_line_meets_two_sides():
    # P = (x + y) / 2 is 0.5 on x + y = 1: the corners (1, 0) and (0, 1)
    crossings = boundary_crossings(AXIS, (XX + YY) / 2 + 1e-9)
    assert sorted(crossings) == [pytest.approx((0.0, 1.0), abs=1e-6),
                                 pytest.approx((1.0, 0.0), abs=1e-6)]


def test_no_crossing_when_the_whole_map_is_one_answer():
    assert boundary_crossings(AXIS, np.full((11, 11), 0.9)) == []


def test_the_sentence_carries_the_share_the_line_the_rows_and_the_point():
    p = 0.3 + 0.4 * XX
    share = np.count_nonzero(AXIS >= 0.5) / AXIS.size  # columns x >= 0.5: 6 of 11
    labels = np.array([1, 1, 0, 1, 0])
    text = decision_map_alt(AXIS, p, points=np.zeros((5, 2)), labels=labels,
                            highlight=(0.8, 0.3), title="Why")
    assert text.startswith("Why: a map of P(buy)")
    assert f"50% or more on {share:.0%} of it" in text  # 55%
    assert "(pink 0.50, small 0.00) and (pink 0.50, small 1.00)" in text
    assert "3 buy" in text and "2 don't buy" in text
    assert "At your laptop (pink 0.80, small 0.30) P(buy) is 62%." in text  # 0.3 + 0.4 * 0.8


def test_a_known_value_at_the_point_wins_over_the_grid_and_names_follow_the_caller():
    text = decision_map_alt(AXIS, 0.3 + 0.4 * XX, highlight=(0.8, 0.3), highlight_value=0.934,
                            highlight_name="the star", x_name="a", y_name="b",
                            value_name="P(class 1)")
    assert text.endswith("At the star (a 0.80, b 0.30) P(class 1) is 93%.")
    assert "no 50% line" not in text and "(a 0.50, b 0.00)" in text
