"""Every Learn page restores its picture from its address (the widgets are bound with
`bind="query-params"`), and a value it cannot use gets a plain note and the default."""

import math

import pytest
from streamlit.testing.v1 import AppTest

ENTRY = "../../app_entry.py"
XOR = "XOR: buy when exactly one answer is yes"  # how the Perceptron's data reads in a link


def _open(file: str, query: dict) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(file).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _notes(at: AppTest) -> list[str]:
    return [i.value.replace("\\", "") for i in at.info if i.value.startswith("The link’s")]


def test_a_perceptron_link_restores_the_laptop_the_taste_and_the_step():
    at = _open("app_pages/perceptron.py", {"p_pink": "true", "p_small": "false", "p_w1": "1",
                                           "p_data": XOR, "p_rate": "1.0", "p_step": "3"})
    assert (at.toggle(key="p_pink").value, at.toggle(key="p_small").value) == (True, False)
    assert at.slider(key="p_w1").value == 1.0
    assert "1 × 1 + 0.9 × 0 + (−0.5) = **0.5** ≥ 0" in _markdown(at)
    assert (at.radio(key="p_data").value, at.select_slider(key="p_rate").value) == ("xor", 1.0)
    assert at.slider(key="p_step").value == 3
    assert "**Epoch 1, row 3**" in _markdown(at)  # the step's words follow the restored step
    assert not _notes(at)


def test_a_sigmoid_link_restores_the_sliders_and_the_answer():
    at = _open("app_pages/sigmoid_neuron.py", {"s_pink": "0.25", "s_w2": "-1"})
    assert (at.slider(key="s_pink").value, at.slider(key="s_w2").value) == (0.25, -1.0)
    p = 1 / (1 + math.exp(-(0.5 * 0.25 - 1 * 0.9 - 0.5)))
    assert f"Output **{p:.4f}**" in _markdown(at)
    assert not _notes(at)


def test_an_activations_link_restores_the_range_the_slope_and_the_network():
    at = _open("app_pages/activations.py", {"a_range": ["-3", "4"], "a_alpha": "0.45",
                                           "a_slopes": "true", "a_hidden": "ReLU", "a_seed": "2"})
    assert at.slider(key="a_range").value == (-3, 4)
    assert at.slider(key="a_alpha").value == 0.45 and at.toggle(key="a_slopes").value is True
    assert (at.selectbox(key="a_hidden").value, at.number_input(key="a_seed").value) == ("relu", 2)
    assert "a small slope on the left, 0.45 here" in _markdown(at)
    assert not _notes(at)


def test_the_activations_range_starts_symmetric():
    at = _open("app_pages/activations.py", {})
    assert at.slider(key="a_range").value == (-10, 10)


def test_an_initialization_link_restores_the_start_and_the_experiment():
    at = _open("app_pages/initialization.py", {"i_start": "One constant", "i_const": "0.8",
                                               "i_exp": "10 layers deep", "i_layers": "ReLU"})
    assert (at.selectbox(key="i_start").value, at.slider(key="i_const").value) == ("constant",
                                                                                   0.8)
    assert at.segmented_control(key="i_exp").value == "deep"
    assert at.radio(key="i_layers").value == "relu"
    assert any(h.value == "A signal through 10 layers" for h in at.header)
    assert not _notes(at)


@pytest.mark.parametrize("file, query, key, note", [
    ("app_pages/perceptron.py", {"p_w1": "abc"}, "p_w1",
     "The link’s w₁ value “abc” is not a number; showing 0.5 instead."),
    ("app_pages/perceptron.py", {"p_step": "500"}, "p_step",
     "The link’s step value “500” is not a number from 0 to 45; showing 0 instead."),
    ("app_pages/sigmoid_neuron.py", {"s_pink": "abc"}, "s_pink",
     "The link’s pink value “abc” is not a number; showing 0.6 instead."),
    ("app_pages/activations.py", {"a_slopes": "maybe"}, "a_slopes",
     "The link’s slopes value “maybe” is not true or false; showing no instead."),
    ("app_pages/initialization.py", {"i_start": "<b>huge</b>"}, "i_start",
     "The link’s start value “<b>huge</b>” is not one of"),
])
def test_a_bad_link_value_gets_a_plain_note_and_the_default(file, query, key, note):
    at = _open(file, query)
    notes = _notes(at)
    assert len(notes) == 1 and notes[0].startswith(note), notes
    assert "<b>" not in at.info[0].value  # escaped: shown as text, never as markup


def test_an_initialization_link_keeps_every_start_s_number_not_just_the_chosen_one():
    at = _open("app_pages/initialization.py", {"i_const": "0.8", "i_wide": "10.0"})
    assert at.selectbox(key="i_start").value == "glorot_normal"
    assert at.slider(key="i_const").value == 0.8 and at.select_slider(key="i_wide").value == 10
    assert "**One constant = 0.8:**" in _markdown(at)  # the comparison uses the link's number
