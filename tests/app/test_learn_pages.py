"""Learn pages under AppTest: widgets drive the numbers shown, and values survive page moves."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from ui.site_map import PAGES

ENTRY = "../../app_entry.py"


def _open(file: str) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    at.switch_page(file).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture
def perceptron():
    return _open("app_pages/perceptron.py")


def test_home_links_every_page_and_the_buy_shortcut():
    at = _open("app_pages/home.py")
    links = [link.proto.page for link in at.get("page_link")]
    for info in PAGES[1:]:
        assert links.count(info.url_path) == 1, links
    assert "Black Friday" in _markdown(at)
    at.button(key="home.shortcut").click().run()
    assert not at.exception
    assert any("Buy the Laptop" in t.value for t in at.title), [t.value for t in at.title]


def test_perceptron_flips_when_the_bias_crosses_minus_point_nine(perceptron):
    at = perceptron
    assert "1 → buy" in _markdown(at)
    assert "0.5 × 0 + 0.9 × 1 + (−0.5) = **0.4** ≥ 0" in _markdown(at)
    assert "w_1 x_1 + w_2 x_2 + b \\ge 0" in _markdown(at)  # the rule, typeset once
    bias = at.slider(key="p_bias")
    bias.set_value(-0.85).run()
    assert "1 → buy" in _markdown(at) and "= **0.05** ≥ 0" in _markdown(at)
    bias.set_value(-0.9).run()
    assert "1 → buy" in _markdown(at) and "= **0** ≥ 0" in _markdown(at)
    bias.set_value(-0.95).run()
    assert "0 → don't buy" in _markdown(at) and "= **−0.05** < 0" in _markdown(at)
    assert "threshold = −b = +0.95" in at.caption[0].value


def test_perceptron_toggles_and_tutorial_preset(perceptron):
    at = perceptron
    at.toggle(key="p_small").set_value(False).run()
    assert "0 → don't buy" in _markdown(at) and "= **−0.5** < 0" in _markdown(at)
    at.toggle(key="p_pink").set_value(True).run()
    at.slider(key="p_w1").set_value(1.0).run()
    assert "1 × 1 + 0.9 × 0 + (−0.5) = **0.5** ≥ 0" in _markdown(at)
    at.button[0].click().run()  # "Tutorial example"
    assert at.toggle(key="p_small").value is True
    assert at.slider(key="p_w1").value == 0.5
    assert "= **0.4** ≥ 0" in _markdown(at)


def test_perceptron_nudge_reports_the_flip_point(perceptron):
    at = perceptron
    assert "from **0.49** to **0.51**" in _markdown(at)
    at.radio(key="p_knob").set_value("bias").run()
    assert "from **-0.91** to **-0.89**" in _markdown(at)
    at.radio(key="p_knob").set_value("w1").run()
    assert any("multiplied by 0" in i.value for i in at.info)


def test_perceptron_learning_converges_on_laptops_not_on_xor(perceptron):
    at = perceptron
    assert at.success and "Converged" in at.success[0].value
    assert _markdown(at).split("**Mistakes per epoch:** ")[1].split("\n")[0].endswith(", 0")
    step = at.slider(key="p_step")
    assert step.value == 0 and "Before learning" in _markdown(at)
    next_button = next(b for b in at.button if "Next" in b.label)
    next_button.click().run()
    assert at.slider(key="p_step").value == 1
    assert "Epoch 1, row 1" in _markdown(at)
    at.radio(key="p_data").set_value("xor").run()
    assert not at.success and "Not converged after 20 epochs (80 steps)" in at.warning[0].value
    assert "of 4 rows wrong" in at.warning[0].value
    at.slider(key="p_step").set_value(80).run()
    assert "Epoch 20, row 4" in _markdown(at)


def test_sigmoid_preset_shows_0_6479_and_sliders_change_it():
    at = _open("app_pages/sigmoid_neuron.py")
    assert "Output **0.6479**" in _markdown(at) and "buy, 65% sure" in _markdown(at)
    assert "(−0.5) = **0.61**" in _markdown(at)  # the arithmetic
    assert "e^(−0.61)) = **0.6479**" in _markdown(at)
    assert "\\sigma(z) = \\frac{1}{1 + e^{-z}}" in _markdown(at)  # the formula, typeset
    at.slider(key="s_small").set_value(0.0).run()
    # z = 0.3 - 0.5 = -0.2 -> sigmoid 0.4502: a no-buy, 55% sure
    assert "Output **0.4502**" in _markdown(at) and "buy, 55% sure" in _markdown(at)
    assert "don" in _markdown(at).split("55% sure")[0][-20:]
    at.button[0].click().run()
    assert "Output **0.6479**" in _markdown(at)


@pytest.mark.parametrize("file, key, value", [
    ("app_pages/perceptron.py", "p_bias", -1.25),
    ("app_pages/sigmoid_neuron.py", "s_pink", 0.33),
    ("app_pages/activations.py", "a_alpha", 0.45),
])
def test_slider_value_survives_a_visit_to_another_page(file, key, value):
    at = _open(file)
    at.slider(key=key).set_value(value).run()
    at.switch_page("app_pages/home.py").run()
    assert not at.exception
    at.switch_page(file).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider(key=key).value == value


def test_activations_numbers_follow_the_controls():
    at = _open("app_pages/activations.py")
    text = _markdown(at)
    assert "0.2500 at z = 0 but only 0.0452 at z = ±3 and 0.0025 at z = ±6" in text
    assert "0.2 here (α)" in text
    at.slider(key="a_alpha").set_value(0.45).run()
    assert "0.45 here (α)" in _markdown(at)
    specs = [chart.proto.spec for chart in at.get("plotly_chart")]
    assert sum("leaky ReLU (\\u03b1 = 0.45)" in spec or "leaky ReLU (α = 0.45)" in spec
               for spec in specs) == 1
    assert not any('"name":"slope of' in spec or "each one's slope" in spec for spec in specs)
    at.toggle(key="a_slopes").set_value(True).run()
    curves = json.loads(at.get("plotly_chart")[0].proto.spec)
    slopes = [t for t in curves["data"] if t["name"].startswith("slope of ")]
    # one slope per activation, on its family's panel: 2 squashing, 4 rectifying
    by_panel = [t.get("xaxis", "x") for t in slopes]
    assert len(slopes) == 6 and (by_panel.count("x"), by_panel.count("x2")) == (2, 4)
    assert "On the right the cousins agree." in _markdown(at)
    assert "5: 0)" in _markdown(at)  # ReLU, leaky ReLU and ELU give z itself for z > 0


def test_activations_network_with_activation_beats_the_linear_one():
    at = _open("app_pages/activations.py")
    for dataset in ("xor", "circles"):
        at.selectbox(key="a_data").set_value(dataset).run()
        assert not at.exception, [e.value for e in at.exception]
        metrics = {m.label: float(m.value.rstrip("%")) for m in at.metric}
        assert metrics["Accuracy with tanh"] >= 90, metrics
        assert metrics["Accuracy without (linear)"] <= 75, metrics
        gap = re.search(r"largest difference is \*\*([0-9.e+-]+)\*\*", _markdown(at))
        assert gap and float(gap.group(1)) < 1e-9
    at.selectbox(key="a_hidden").set_value("relu").run()
    at.number_input(key="a_seed").set_value(2).run()
    metrics = {m.label: float(m.value.rstrip("%")) for m in at.metric}
    assert set(metrics) == {"Accuracy with ReLU", "Accuracy without (linear)"}


def test_perceptron_parts_keep_their_state_when_the_other_part_moves(perceptron):
    # Each part is a fragment: moving a weight must not reset the learning step, and
    # stepping the learning rule must not reset the weights.
    at = perceptron
    at.slider(key="p_step").set_value(3).run()
    at.slider(key="p_w1").set_value(1.0).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider(key="p_step").value == 3
    assert "Epoch 1, row 3" in _markdown(at)
    at.slider(key="p_step").set_value(4).run()
    assert at.slider(key="p_w1").value == 1.0
    assert "0.5 × 0 + 0.9 × 1" not in _markdown(at)
    assert "1 × 0 + 0.9 × 1 + (−0.5) = **0.4**" in _markdown(at)
