"""The depth experiment says how much of the Glorot start's fall comes from TensorFlow.js's
truncation (issue 19: 0.586 -> 0.102 over 10 tanh layers, a 5.7x fall; 2.8x widened back)."""

import re

import numpy as np
import pytest

from learn.initialization import depth
from nncore.initializers import truncated_normal


def test_the_truncated_spread_factor_is_the_spread_of_a_normal_cut_at_2():
    x = np.linspace(-2.0, 2.0, 400_001)
    density = np.exp(-x * x / 2)
    by_integration = np.sqrt(np.trapezoid(x * x * density, x) / np.trapezoid(density, x))
    assert depth.truncated_spread_factor() == pytest.approx(by_integration, abs=1e-9)
    drawn = truncated_normal(np.random.default_rng(0), (400_000,), 0.0, 1.0)
    assert depth.truncated_spread_factor() == pytest.approx(drawn.std(), abs=0.003)


def test_widened_back_the_glorot_start_draws_the_spread_its_rule_asks_for():
    signal = depth.rescaled_depth_signal("glorot_normal", "tanh")
    plain = depth.depth_signal("glorot_normal", None, "tanh")
    # Layer 1 is tanh of inputs times weights: the widened weights give a wider layer 1.
    assert signal.std[1] > plain.std[1]
    # The figures, measured outside the app: a 5.7x fall as drawn, 2.8x widened back.
    assert plain.std[1] == pytest.approx(0.586, abs=0.0005)
    assert plain.std[-1] == pytest.approx(0.102, abs=0.0005)
    assert plain.std[1] / plain.std[-1] == pytest.approx(5.7, abs=0.05)
    assert signal.std[1] / signal.std[-1] == pytest.approx(2.8, abs=0.1)  # 2.85 here


@pytest.mark.parametrize("key", ["glorot_uniform", "random_normal", "zeros", "too_small"])
def test_starts_that_are_not_truncated_have_nothing_to_widen(key):
    assert depth.rescaled_depth_signal(key, "tanh") is None


def test_the_words_give_both_falls_and_how_much_narrower_the_start_is():
    plain = depth.depth_signal("glorot_normal", None, "tanh")
    widened = depth.rescaled_depth_signal("glorot_normal", "tanh")
    text = depth.describe_depth("Glorot normal", "tanh", plain, widened)
    factors = [float(f) for f in re.findall(r"factor of (\d+\.\d)", text)]
    assert factors == [round(plain.std[1] / plain.std[-1], 1),
                       round(widened.std[1] / widened.std[-1], 1)]
    assert "12.0% narrower" in text  # 1 - 0.8796
    assert "healthy" not in text
    # Without the widened run (or for a start that grows), no truncation sentence.
    assert "TensorFlow.js" not in depth.describe_depth("Glorot normal", "tanh", plain)
