"""The Perceptron and Sigmoid Neuron charts' text alternatives, against numbers worked out
here by hand or with plain NumPy."""

import numpy as np

from learn.neurons.figures import perceptron_square_alt, sigmoid_neuron_alt, sweep_alt

CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])


def test_the_square_alt_gives_the_line_the_share_and_each_point():
    # w = (1, 1), b = -1: the line x + y = 1 runs corner to corner; 1 where x + y >= 1
    axis = np.linspace(0.0, 1.0, 11)
    xx, yy = np.meshgrid(axis, axis)
    outputs = (xx + yy - 1.0 >= -1e-12).astype(int)
    share = 66 / 121  # points of the 11 x 11 grid with i + j >= 10: 121 - 55
    text = perceptron_square_alt(axis, outputs, (1.0, 1.0), -1.0, points=CORNERS,
                                 labels=[0, 1, 1, 1], highlight=(1.0, 0.0),
                                 highlight_name="this laptop", title="The four")
    assert text.startswith(f"The four: with w = (1.00, 1.00) and b = -1.00 the perceptron says "
                           f"1 (buy) on {share:.0%} of the square")  # 55%
    assert "runs from (pink 0.00, small 1.00) to (pink 1.00, small 0.00)" in text
    assert "(0.00, 0.00) 0; (1.00, 0.00) 1; (0.00, 1.00) 1; (1.00, 1.00) 1" in text
    assert text.endswith("Ringed: this laptop at (1.00, 0.00).")


def test_the_square_alt_says_when_the_line_misses_the_square():
    axis = np.linspace(0.0, 1.0, 5)
    text = perceptron_square_alt(axis, np.ones((5, 5)), (0.0, 0.0), 0.0)
    assert "on 100% of the square" in text and "does not cross the square" in text


def test_the_sweep_alt_finds_the_jump_and_the_current_outputs():
    values = np.linspace(-2.0, 2.0, 401)  # steps of 0.01
    # a perceptron with x = (0, 1), w1 = 0.5, b = -0.5 as w2 moves: 1 once w2 >= 0.5
    step = (values - 0.5 >= -1e-12).astype(int)
    smooth = 1.0 / (1.0 + np.exp(-(values - 0.5)))
    text = sweep_alt(values, step, smooth, 0.9, "weight of small")
    assert "moves from -2.00 to 2.00" in text
    assert "jumps from 0 to 1 at 0.50" in text  # between 0.49 and 0.50: 0.495 -> "0.50"
    assert f"glides from {smooth[0]:.3f} to {smooth[-1]:.3f}" in text  # 0.076 to 0.818
    assert text.endswith(f"Now 0.90: perceptron 1, sigmoid neuron {1 / (1 + np.exp(-0.4)):.3f}.")
    flat = sweep_alt(values, np.zeros(401), smooth, 0.0, "bias")
    assert "stays at 0 all the way" in flat


def test_the_sigmoid_picture_alt_carries_this_laptop_s_numbers():
    axis = np.linspace(0.0, 1.0, 41)
    xx, yy = np.meshgrid(axis, axis)
    w, b = (0.5, 0.9), -0.5
    z_grid = w[0] * xx + w[1] * yy + b
    probs = 1 / (1 + np.exp(-z_grid))
    z = 0.5 * 0.6 + 0.9 * 0.9 - 0.5  # 0.61
    p = 1 / (1 + np.exp(-z))
    text = sigmoid_neuron_alt(axis, probs, (0.6, 0.9), w, b, z, p, 1)
    assert f"on {np.mean(z_grid >= 0):.0%} of the square" in text
    # the 50% line: 0.5 x + 0.9 y = 0.5, from (0, 0.56) to (1, 0)
    assert "runs from (pink 0.00, small 0.56) to (pink 1.00, small 0.00)" in text
    assert "z = 0.61" in text and f"{p:.4f}" in text and "0.6479" in text
    assert text.endswith("the perceptron's step gives 1.")
