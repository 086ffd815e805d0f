"""Sigmoid neuron: graded inputs, the same weights and bias, and an answer with a confidence."""

import numpy as np
import streamlit as st

from learn.neurons import experiments
from learn.neurons.figures import line_in_box, sigmoid_neuron_alt, sigmoid_neuron_figure
from learn.neurons.text import answer_words, sigmoid_arithmetic, verdict_html
from learn.neurons.widgets import taste_sliders
from learn.widgets import linked
from nncore import neurons
from ui.grid import probability_grid
from ui.theme import show_chart
from ui.words import num

KEY = "s_"  # the prefix of this page's address names (s_pink=0.3&s_w1=0.7...)
MAP_TITLES = ("pink (0 = not at all, 1 = completely)", "small (0 = not at all, 1 = tiny)")
PRESET = {"pink": 0.6, "small": 0.9, "w1": 0.5, "w2": 0.9, "bias": -0.5}


def _load_preset() -> None:
    for name, value in PRESET.items():
        st.session_state[KEY + name] = value


@st.fragment
def _sigmoid_neuron() -> None:
    """Everything below the introduction follows the same five sliders, so it is one
    fragment: moving a slider reruns this part only, not the page around it."""
    controls, verdict = st.columns([1, 1.3], gap="large")
    with controls:
        st.header("The laptop")
        pink = linked(st.slider, "How pink is it? (0 = not at all, 1 = completely)",
                      key=KEY + "pink", name="pink", value=PRESET["pink"], min_value=0.0,
                      max_value=1.0, step=0.01)
        small = linked(st.slider, "How small is it? (0 = not at all, 1 = tiny)",
                       key=KEY + "small", name="small", value=PRESET["small"], min_value=0.0,
                       max_value=1.0, step=0.01)
        w1, w2, bias = taste_sliders(KEY, PRESET)
        st.button("Tutorial example", icon=":material/restart_alt:", on_click=_load_preset,
                  help="pink 0.6, small 0.9, w = [0.5, 0.9], b = -0.5")

    x, w = [pink, small], [w1, w2]
    z = neurons.weighted_sum(x, w, bias)
    p = neurons.sigmoid_neuron(x, w, bias)
    buy, words = answer_words(p)
    # Each text block below is ONE markdown element, heading and lines or badge inside: the
    # browser redraws every element of this fragment on each slider step, and fewer (and
    # plainer) elements answer sooner (bench/app_latency.py, bench/step_profile.py).
    with controls:
        st.markdown("### The arithmetic\n\n"
                    + "\n\n".join(sigmoid_arithmetic(x, w, bias, z, p)))
    with verdict:
        st.markdown(f"## The verdict\n\n{verdict_html(buy, words)}\n\n"
                    f"Output **{p:.4f}**: the neuron's confidence that your friend should buy.",
                    unsafe_allow_html=True)
        axis, probs = probability_grid(lambda rows: experiments.sigmoid_outputs(rows, w, bias))
        reach = max(8.0, abs(z) + 1.0)
        zs = np.linspace(-reach, reach, 201)
        step_now = neurons.perceptron([z], [1.0], 0.0)
        show_chart(st, sigmoid_neuron_figure(
            axis, probs, (pink, small), zs, experiments.sigmoid(zs),
            experiments.perceptron_outputs(zs[:, None], [1.0], 0.0), z, p, step_now,
            boundary=line_in_box(w, bias, 0.0, 1.0),  # σ(z) = 0.5 exactly where z = 0
            map_titles=MAP_TITLES),
            width="stretch",
            alt=sigmoid_neuron_alt(axis, probs, (pink, small), w, bias, z, p, step_now))

    far_low, far_high = experiments.sigmoid([-6.0, 6.0])
    st.markdown(
        "## Smooth instead of a jump\n\n"
        "The lower panel of the picture puts both neurons side by side over the same "
        "weighted sum z.\n\n"
        f"- **Large positive z** (say 6): σ(6) = {far_high:.4f}, practically a sure *buy*.\n"
        f"- **Large negative z** (say −6): σ(−6) = {far_low:.4f}, practically a sure *don't buy*.\n"
        f"- **Modest z** like yours, z = {num(z)}: σ(z) = {p:.4f}, a graded answer where the "
        f"perceptron can only say {step_now}.\n\n"
        "Far from 0 both neurons agree; near 0 only the sigmoid tells you how close the call was.")


st.title("Sigmoid Neuron")
st.markdown(
    "Real laptops are not simply pink or not: one is a bit pink, another quite small. This "
    "neuron takes answers anywhere from 0 to 1, weighs them exactly like the perceptron, and "
    "then squeezes the total through the **sigmoid** curve. Out comes a number between 0 and 1 "
    "that reads as *how sure* it is that your friend should buy:\n\n"
    "$$\nz = w_1 x_1 + w_2 x_2 + b \\qquad \\sigma(z) = \\frac{1}{1 + e^{-z}}\n$$")

_sigmoid_neuron()
