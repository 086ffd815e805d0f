"""Activations: the common squashing functions, their slopes, and why a network needs one."""

import numpy as np
import streamlit as st

from learn.activations.figures import Curve, Panel, activations_figure
from learn.neurons import experiments as lx
from learn.neurons.figures import legend_below_layout
from learn.neurons.text import num
from nncore import activations as A
from ui.decision_map import decision_map_figure
from ui.state import persistent
from ui.theme import show_chart

P = "activations."
DATASETS = {"xor": "XOR (four clouds)", "circles": "Circles (a ring around a blob)"}
HIDDEN = {"tanh": "tanh", "relu": "ReLU", "sigmoid": "sigmoid", "leaky_relu": "leaky ReLU"}
HIDDEN_UNITS, EPOCHS = 8, 150
# The six activations in two families, each family on one panel: its title and subtitle,
# its members (how to make each, its name), the regions to warn about and the y range.
FAMILIES = (
    ("Squashing", "sigmoid and tanh", ((A.Sigmoid, "sigmoid"), (A.Tanh, "tanh")),
     ((-1e9, -3.0, "flat"), (3.0, 1e9, "flat")), (-1.1, 1.1)),
    ("Rectifying", "ReLU and its cousins",
     ((A.ReLU, "ReLU"), (A.LeakyReLU, "leaky ReLU"), (A.ELU, "ELU"), (A.Linear, "linear")),
     ((-1e9, 0.0, "ReLU dead: slope 0"),), None),
)


@st.cache_data(show_spinner=False, max_entries=32)
def _train(dataset: str, activation: str, seed: int) -> lx.TrainedPair:
    return lx.train_pair(dataset, HIDDEN_UNITS, activation, EPOCHS, seed)


def _curves_figure(low: int, high: int, slopes: bool, alpha: float):
    """The six activations over [low, high], a family to a panel: 200 points each, plus
    z = 0 itself so ReLU's kink is exact."""
    z = np.linspace(low, high, 200)
    if low < 0 < high:
        z = np.union1d(z, [0.0])
    panels = []
    for title, subtitle, members, shaded, y_range in FAMILIES:
        curves = []
        for make, name in members:
            act = make(alpha=alpha) if make is A.LeakyReLU else make()
            if make is A.LeakyReLU:
                name = f"{name} (α = {alpha:.2f})"
            curves.append(Curve(name, z, act(z), act.derivative(z) if slopes else None,
                                dash="dot" if make is A.Linear else None))
        panels.append(Panel(title, subtitle, tuple(curves), shaded, y_range))
    return activations_figure(panels)


def _matrix(m) -> str:
    rows = np.atleast_2d(m)
    return "\\begin{bmatrix}" + " \\\\ ".join(
        " & ".join(num(v, 3) for v in row) for row in rows) + "\\end{bmatrix}"


@st.fragment
def _curves() -> None:
    """The six activations and their controls: moving one reruns this part only."""
    c1, c2, c3 = st.columns([2, 1, 1])
    with c1:
        low, high = persistent(st.slider, "Range of z", key=P + "range", default=(-10, 9),
                               min_value=-20, max_value=20, step=1)
    with c2:
        alpha = persistent(st.slider, "Leaky ReLU slope α", key=P + "alpha", default=0.2,
                           min_value=0.0, max_value=1.0, step=0.05)
    with c3:
        slopes = persistent(st.toggle, "Show slopes", key=P + "slopes",
                            default=False)
    if high - low < 1:
        st.info("The range needs two different ends; showing −1 to 1 instead.")
        low, high = -1, 1

    show_chart(st, _curves_figure(int(low), int(high), bool(slopes), float(alpha)),
                   width="stretch")

    sig = {v: s for v, _, s in lx.activation_table(A.Sigmoid(), [0.0, 3.0, -3.0, 6.0, -6.0])}
    relu = {v: s for v, _, s in lx.activation_table(A.ReLU(), [-2.0, 2.0])}
    leaky = {v: s for v, _, s in lx.activation_table(A.LeakyReLU(alpha=alpha), [-2.0])}
    tanh3 = lx.activation_table(A.Tanh(), [3.0])[0][2]
    positive = np.array([0.5, 1.0, 2.0, 5.0])
    same_gap = max(float(np.max(np.abs(act(positive) - positive)))
                   for act in (A.ReLU(), A.LeakyReLU(alpha=alpha), A.ELU()))
    st.markdown(
        f"- **Flat ends of the sigmoid.** Its slope is {sig[0.0]:.4f} at z = 0 but only "
        f"{sig[3.0]:.4f} at z = ±3 and {sig[6.0]:.4f} at z = ±6 (computed now). Learning moves "
        "a weight in proportion to the slope, so a neuron pushed far out hardly learns. tanh has "
        f"the same flat ends (slope {tanh3:.4f} at z = ±3).\n"
        f"- **The dead half of ReLU.** For negative z its output is 0 and its slope is "
        f"{relu[-2.0]:g} (at z = −2; {relu[2.0]:g} at z = 2). A unit whose z stays negative for "
        "every input passes nothing and gets no correction: it is dead.\n"
        f"- **Leaky ReLU** keeps a small slope on the left, {leaky[-2.0]:g} here (α), so a unit "
        "can come back. ELU does the same with a smooth curve.\n"
        "- **On the right the cousins agree.** For positive z, ReLU, leaky ReLU and ELU all "
        f"give z itself, like the linear function (largest difference at z = 0.5, 1, 2 and 5: "
        f"{same_gap:g}), so they draw one line there. What sets them apart is only what they "
        "do with negative z.")


@st.fragment
def _with_and_without() -> None:
    """The two trained networks and their controls, rerun on their own."""
    d1, d2, d3 = st.columns(3)
    with d1:
        dataset = persistent(st.selectbox, "Data", key=P + "dataset", default="xor",
                             options=list(DATASETS), format_func=DATASETS.get)
    with d2:
        hidden = persistent(st.selectbox, "Hidden activation", key=P + "hidden", default="tanh",
                            options=list(HIDDEN), format_func=HIDDEN.get)
    with d3:
        seed = persistent(st.number_input, "Seed", key=P + "seed", default=0, min_value=0,
                          max_value=9999, step=1)
    with st.spinner("Training both networks…"):
        pair = _train(dataset, hidden, int(seed))

    left, right = st.columns(2)
    for col, name, label in ((left, hidden, f"with {HIDDEN[hidden]}"),
                             (right, "linear", "without (linear)")):
        with col:
            st.metric(f"Accuracy {label}", f"{100 * pair.accuracy[name]:.0f}%")
            show_chart(st, decision_map_figure(
                pair.axis, pair.grids[name], points=pair.x, labels=pair.y,
                title=f"Decision map {label}", x_title="first input", y_title="second input",
                class_names={0: "class 0", 1: "class 1"}, height=400,
                layout=legend_below_layout(400)), width="stretch")

    if pair.accuracy[hidden] - pair.accuracy["linear"] < 0.1:
        st.info(f"With seed {seed} the {HIDDEN[hidden]} network got stuck as well (its hidden "
                "units may have died or saturated). Try another seed: it usually escapes.")

    st.subheader("Two linear layers are one linear layer")
    st.markdown(
        "Without an activation, the hidden layer computes h = x·W₁ + b₁ and the next layer "
        "h·W₂ + b₂ = x·(W₁W₂) + (b₁W₂ + b₂). So the trained linear network folds into a single "
        "layer with")
    st.latex(f"W = W_1 W_2 = {_matrix(pair.composed_kernel)}")
    st.latex(f"b = b_1 W_2 + b_2 = {_matrix(pair.composed_bias)}")
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
