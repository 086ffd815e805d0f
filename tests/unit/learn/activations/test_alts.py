"""The activation curves' text alternative, against the functions computed here with NumPy."""

import numpy as np

from learn.activations import experiments
from learn.activations.figures import activations_alt


def test_the_alt_gives_each_curve_at_both_ends_of_the_range():
    panels = experiments.activation_panels(-4, 3, False, 0.1)
    text = activations_alt(panels)
    assert text.startswith("Activation functions from z = -4 to z = 3")
    sigmoid = 1 / (1 + np.exp(-np.array([-4.0, 3.0])))
    assert f"sigmoid {sigmoid[0]:.2f} to {sigmoid[1]:.2f}" in text  # 0.02 to 0.95
    assert f"tanh {np.tanh(-4):.2f} to {np.tanh(3):.2f}" in text  # -1.00 to 1.00
    assert "ReLU 0.00 to 3.00" in text
    assert "-0.40 to 3.00" in text  # leaky ReLU with α = 0.1: 0.1 × (−4)
    assert f"ELU {np.expm1(-4):.2f} to 3.00" in text  # -0.98
    assert "linear -4.00 to 3.00" in text
    assert "steepest" not in text


def test_with_slopes_the_alt_gives_the_steepest_slope_and_the_shaded_regions():
    text = activations_alt(experiments.activation_panels(-10, 9, True, 0.2))
    assert "sigmoid 0.00 to 1.00 (steepest slope 0.25)" in text  # σ'(0) = 1/4
    assert "tanh -1.00 to 1.00 (steepest slope 1.00)" in text  # tanh'(0) = 1
    assert "shaded from z = -10 to 0" in text
