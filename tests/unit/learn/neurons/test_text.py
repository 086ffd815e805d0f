from learn.neurons.text import (
    answer_words,
    perceptron_arithmetic,
    sigmoid_arithmetic,
    verdict_html,
    weighted_sum_text,
)
from ui.colors import BUY_COLOR, NO_BUY_COLOR


def test_perceptron_arithmetic_shows_the_tutorial_numbers():
    assert perceptron_arithmetic([0, 1], [0.5, 0.9], -0.5, 0.4, 1) == \
        "0.5 × 0 + 0.9 × 1 + (−0.5) = **0.4** ≥ 0, so the output is **1**"
    below = perceptron_arithmetic([0, 1], [0.5, 0.9], -1.0, -0.1, 0)
    assert "= **−0.1** < 0" in below and below.endswith("**0**")


def test_weighted_sum_text_brackets_negatives_but_not_a_leading_weight():
    assert weighted_sum_text([-1, 1], [-0.5, 0.9], 0.2) == "−0.5 × (−1) + 0.9 × 1 + 0.2"


def test_sigmoid_arithmetic_shows_the_tutorial_numbers():
    z_line, s_line = sigmoid_arithmetic([0.6, 0.9], [0.5, 0.9], -0.5, 0.61, 0.6479407548)
    assert z_line == "z = 0.5 × 0.6 + 0.9 × 0.9 + (−0.5) = **0.61**"
    assert s_line == "σ(0.61) = 1 / (1 + e^(−0.61)) = **0.6479**"


def test_sigmoid_arithmetic_brackets_later_negatives_and_flips_the_exponent():
    z_line, s_line = sigmoid_arithmetic([0.2, 1.0], [-1.0, -0.5], 0.1, -0.6, 0.3543)
    assert z_line == "z = −1 × 0.2 + (−0.5) × 1 + 0.1 = **−0.6**"
    assert s_line == "σ(−0.6) = 1 / (1 + e^(0.6)) = **0.3543**"
    assert sigmoid_arithmetic([0.5, 0.5], [1, -1], 0.0, -0.0, 0.5)[1].startswith("σ(0) = ")


def test_answer_words_reads_both_sides():
    assert answer_words(0.6479) == (True, "buy, 65% sure")
    buy, words = answer_words(0.3)
    assert not buy and words.endswith("buy, 70% sure") and words.startswith("don")


def test_verdict_html_uses_theme_colours_and_escapes_text():
    assert BUY_COLOR in verdict_html(True, "buy")
    html = verdict_html(False, "<b>no</b>")
    assert NO_BUY_COLOR in html and "<b>" not in html and "&lt;b&gt;" in html
