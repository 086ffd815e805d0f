"""Activations: the common squashing functions, their slopes, and why a network needs one."""

import streamlit as st

from learn.activations import experiments
from learn.activations.figures import activations_alt, activations_figure
from learn.widgets import linked
from ui.decision_map import decision_map_alt, decision_map_figure
from ui.theme import show_chart
from ui.traces import legend_below_layout
from ui.words import ACTIVATION_NAMES

KEY = "a_"  # the prefix of this page's address names (a_range=-5&a_range=5&a_alpha=0.3...)
# Symmetric around 0, so every curve shows both its sides equally. (The tutorial's -10..9 is
# NumPy's arange(-10, 10), the integers it plots; this page draws smooth curves instead.)
Z_RANGE = (-10, 10)
DATASETS = {"xor": "XOR (four clouds)", "circles": "Circles (a ring around a blob)"}
HIDDEN = ("tanh", "relu", "sigmoid", "leaky_relu")  # the hidden activations to pick from
HIDDEN_UNITS, EPOCHS = 8, 150


@st.cache_data(show_spinner=False, max_entries=32)
def _train(dataset: str, activation: str, seed: int) -> experiments.TrainedPair:
    return experiments.train_pair(dataset, HIDDEN_UNITS, activation, EPOCHS, seed)


@st.fragment
def _curves() -> None:
    """The six activations and their controls: moving one reruns this part only."""
    c1, c2, c3 = st.columns([2, 1, 1])
    with c1:
        low, high = linked(st.slider, "Range of z", key=KEY + "range", name="range of z",
                           value=Z_RANGE, min_value=-20, max_value=20, step=1)
    with c2:
        alpha = linked(st.slider, "Leaky ReLU slope α", key=KEY + "alpha", name="α",
                       value=0.2, min_value=0.0, max_value=1.0, step=0.05)
    with c3:
        slopes = linked(st.toggle, "Show slopes", key=KEY + "slopes", name="slopes",
                        value=False)
    if high - low < 1:
        st.info("The range needs two different ends; showing −1 to 1 instead.")
        low, high = -1, 1

    panels = experiments.activation_panels(int(low), int(high), bool(slopes), float(alpha))
    show_chart(st, activations_figure(panels), width="stretch", alt=activations_alt(panels))

    facts = experiments.slope_facts(float(alpha))
    sigmoid, relu = facts.sigmoid, facts.relu
    st.markdown(
        f"- **Flat ends of the sigmoid.** Its slope is {sigmoid[0.0]:.4f} at z = 0 but only "
        f"{sigmoid[3.0]:.4f} at z = ±3 and {sigmoid[6.0]:.4f} at z = ±6 (computed now). "
        "Learning moves a weight in proportion to the slope, so a neuron pushed far out hardly "
        "learns. tanh has "
        f"the same flat ends (slope {facts.tanh_at_3:.4f} at z = ±3).\n"
        f"- **The dead half of ReLU.** For negative z its output is 0 and its slope is "
        f"{relu[-2.0]:g} (at z = −2; {relu[2.0]:g} at z = 2). A unit whose z stays negative for "
        "every input passes nothing and gets no correction: it is dead.\n"
        f"- **Leaky ReLU** keeps a small slope on the left, {facts.leaky_left:g} here (α), so a "
        "unit can come back. ELU does the same with a smooth curve.\n"
        "- **On the right the cousins agree.** For positive z, ReLU, leaky ReLU and ELU all "
        f"give z itself, like the linear function (largest difference at z = 0.5, 1, 2 and 5: "
        f"{facts.right_side_gap:g}), so they draw one line there. What sets them apart is only "
        "what they do with negative z.")


@st.fragment
def _with_and_without() -> None:
    """The two trained networks and their controls, rerun on their own."""
    d1, d2, d3 = st.columns(3)
    with d1:
        dataset = linked(st.selectbox, "Data", key=KEY + "data", name="data",
                         options=list(DATASETS), index=0, format_func=DATASETS.get)
    with d2:
        hidden = linked(st.selectbox, "Hidden activation", key=KEY + "hidden",
                        name="hidden activation", options=HIDDEN, index=0,
                        format_func=ACTIVATION_NAMES.get)
    with d3:
        seed = linked(st.number_input, "Seed", key=KEY + "seed", name="seed", value=0,
                      min_value=0, max_value=9999, step=1)
    with st.spinner("Training both networks…"):
        pair = _train(dataset, hidden, int(seed))

    left, right = st.columns(2)
    for col, name, label in ((left, hidden, f"with {ACTIVATION_NAMES[hidden]}"),
                             (right, "linear", "without (linear)")):
        with col:
            st.metric(f"Accuracy {label}", f"{100 * pair.accuracy[name]:.0f}%")
            show_chart(st, decision_map_figure(
                pair.axis, pair.grids[name], points=pair.x, labels=pair.y,
                title=f"Decision map {label}", x_title="first input", y_title="second input",
                class_names={0: "class 0", 1: "class 1"}, height=400,
                layout=legend_below_layout(400)), width="stretch",
                alt=decision_map_alt(
                    pair.axis, pair.grids[name], points=pair.x, labels=pair.y,
                    class_names={0: "class 0", 1: "class 1"}, x_name="first input",
                    y_name="second input", value_name="P(class 1)",
                    title=f"Decision map {label}, "
                    f"{100 * pair.accuracy[name]:.0f}% of the points right"))

    if pair.accuracy[hidden] - pair.accuracy["linear"] < 0.1:
        st.info(f"With seed {seed} the {ACTIVATION_NAMES[hidden]} network got stuck as well (its "
                "hidden units may have died or saturated). Try another seed: it usually escapes.")

    st.subheader("Two linear layers are one linear layer")
    st.markdown(
        "Without an activation, the hidden layer computes h = x·W₁ + b₁ and the next layer "
        "h·W₂ + b₂ = x·(W₁W₂) + (b₁W₂ + b₂). So the trained linear network folds into a single "
        "layer with")
    st.latex(f"W = W_1 W_2 = {experiments.matrix_latex(pair.composed_kernel)}")
    st.latex(f"b = b_1 W_2 + b_2 = {experiments.matrix_latex(pair.composed_bias)}")
    st.markdown(
        f"A one-layer network given this W and b gives the same outputs as the trained two-layer "
        f"one on all {len(pair.x)} points: the largest difference is **{pair.composed_gap:.1e}**, "
        "rounding noise. Stacking linear layers adds no power: the result is still one straight "
        "dividing line, which is why the linear network cannot do better.")


st.title("Activations")
st.markdown(
    "After a neuron adds up its weighted inputs into z, an **activation function** decides "
    "what it passes on. Move the range and the leaky-ReLU slope; switch on the slopes to see "
    "where learning gets a strong signal and where it gets almost none.")

_curves()

st.header("Why a network needs an activation")
st.markdown(
    f"Below, the same network (2 inputs → {HIDDEN_UNITS} hidden units → 2 outputs, Adam, "
    f"{EPOCHS} epochs) is trained twice on data no straight line can split: once with an "
    "activation in the hidden layer and once with none (linear).")
_with_and_without()
