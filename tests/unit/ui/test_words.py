from ui import words
from ui.words import num


def test_num_drops_trailing_zeros_and_negative_zero():
    assert num(0.4000000001) == "0.4"
    assert num(-0.5) == "-0.5"
    assert num(-0.00001) == "0"
    assert num(2.0) == "2"
    assert num(0.6479407, 4) == "0.6479"


def test_readable_numbers_avoid_e_notation():
    assert words.readable(0.588) == "0.588"
    assert words.readable(6.7e12) == "6.7 × 10¹²"
    assert words.readable(9.1e-11) == "9.1 × 10⁻¹¹"
    assert words.readable(0.0) == "0"
    assert words.readable(1110.0) == "1,110"
    assert words.readable(635036.2) == "635,000"


def test_activation_names_cover_the_settings_choices_and_the_learn_pages():
    from laptop.recipe import ACTIVATIONS
    from learn.initialization.depth import DEPTH_ACTIVATIONS

    assert set(ACTIVATIONS) <= set(words.ACTIVATION_NAMES)
    assert set(DEPTH_ACTIVATIONS) <= set(words.ACTIVATION_NAMES)
    assert words.ACTIVATION_NAMES["leaky_relu"] == "leaky ReLU"
