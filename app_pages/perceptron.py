"""Perceptron: yes/no questions, two weights and a bias; the verdict with its arithmetic,
its dividing line, how jumpy it is, and the learning rule step by step."""

import numpy as np
import streamlit as st

from laptop.data import tutorial_arrays
from learn.neurons import experiments
from learn.neurons.figures import (
    perceptron_square_alt,
    perceptron_square_figure,
    sweep_alt,
    sweep_figure,
)
from learn.neurons.text import perceptron_arithmetic, verdict_html
from learn.neurons.widgets import B_RANGE, W_RANGE, taste_sliders
from learn.widgets import linked
from nncore import neurons
from ui.colors import LABEL_NAMES
from ui.grid import probability_grid
from ui.theme import show_chart

KEY = "p_"  # the prefix of this page's address names (p_w1=0.7&p_step=3...)
TUTORIAL = {"pink": False, "small": True, "w1": 0.5, "w2": 0.9, "bias": -0.5}
KNOB_NAMES = {"w1": "weight of pink (w₁)", "w2": "weight of small (w₂)", "bias": "bias (b)"}
DATASETS = {"laptops": "Your friend's 9 laptops (data/laptops.csv)",
            "xor": "XOR: buy when exactly one answer is yes"}
MAX_EPOCHS = 20
RATES = (0.01, 0.05, 0.1, 0.5, 1.0)
AXES = {"laptops": {"x_title": "pink (0 = not at all, 1 = completely)",
                    "y_title": "small (0 = not at all, 1 = tiny)"},
        "xor": {"x_title": "pink (0 = no, 1 = yes)", "y_title": "small (0 = no, 1 = yes)"}}


def _load_tutorial() -> None:
    for name, value in TUTORIAL.items():
        st.session_state[KEY + name] = value


def _move_step(delta: int, last: int) -> None:
    st.session_state[KEY + "step"] = int(min(max(st.session_state[KEY + "step"] + delta, 0),
                                             last))


@st.fragment
def _one_perceptron() -> None:
    """The laptop, the taste, the verdict and the nudge: a slider here reruns only this."""
    controls, verdict = st.columns([1, 1.3], gap="large")
    with controls:
        st.header("The laptop")
        pink = linked(st.toggle, "Is it pink?", key=KEY + "pink", name="pink",
                      value=TUTORIAL["pink"])
        small = linked(st.toggle, "Is it small?", key=KEY + "small", name="small",
                       value=TUTORIAL["small"])
        w1, w2, bias = taste_sliders(KEY, TUTORIAL)
        st.caption(f"Bias and threshold are the same knob: threshold = −b = {-bias:+.2f}. "
                   f"The weighted answers must add up to at least {-bias:.2f} for a yes.")
        st.button("Tutorial example", icon=":material/restart_alt:", on_click=_load_tutorial,
                  help="pink = no, small = yes, w = [0.5, 0.9], b = -0.5")

    x = [1.0 if pink else 0.0, 1.0 if small else 0.0]
    w = [w1, w2]
    z = neurons.weighted_sum(x, w, bias)
    out = neurons.perceptron(x, w, bias)
    with verdict:
        st.header("The verdict")
        st.markdown(verdict_html(out == 1, f"{out} → {LABEL_NAMES[out]}"), unsafe_allow_html=True)
        st.markdown("**The arithmetic** (weight × answer, added up, plus the bias):\n\n"
                    + perceptron_arithmetic(x, w, bias, z, out))
        axis, grid = probability_grid(lambda rows: experiments.perceptron_outputs(rows, w, bias),
                                      resolution=61, low=-0.1, high=1.1)
        corner_out = experiments.perceptron_outputs(experiments.CORNERS, w, bias)
        show_chart(st, perceptron_square_figure(
            axis, grid, w, bias, points=experiments.CORNERS, labels=corner_out,
            point_text=[f"→ {o}" for o in corner_out], highlight=x, highlight_name="this laptop",
            title="The four yes/no laptops"), width="stretch",
            alt=perceptron_square_alt(axis, grid, w, bias, points=experiments.CORNERS,
                                      labels=corner_out, highlight=x,
                                      highlight_name="this laptop",
                                      title="The four yes/no laptops"))
        st.caption("Shaded: where the perceptron says buy (green) or don't buy (orange). "
                   "The black line is where w·x + b = 0.")

    st.header("A tiny nudge, a big jump")
    st.markdown(
        "Learning means nudging the weights a little at a time and watching the answer improve. "
        "A perceptron makes that hard: its answer does not move at all for most nudges, then "
        "jumps all the way from 0 to 1. A sigmoid neuron with the same numbers (dotted) glides "
        "instead, so every nudge tells you whether it helped.")
    knob = linked(st.radio, "Which knob to move", key=KEY + "knob", name="knob",
                  options=list(KNOB_NAMES), index=list(KNOB_NAMES).index("w2"),
                  format_func=KNOB_NAMES.get, horizontal=True)
    knob_range = B_RANGE if knob == "bias" else W_RANGE
    values = np.linspace(knob_range[0], knob_range[1], 401)
    step_out, smooth_out = experiments.sweep(knob, values, x, w, bias)
    current = bias if knob == "bias" else w[experiments.KNOBS.index(knob)]
    show_chart(st, sweep_figure(values, step_out, smooth_out, current, KNOB_NAMES[knob]),
               width="stretch",
               alt=sweep_alt(values, step_out, smooth_out, current, KNOB_NAMES[knob]))
    change = experiments.tiny_change(knob, x, w, bias)
    if change.flip_at is None:
        st.info("This laptop's answer for that question is *no* (0), so its weight is multiplied "
                "by 0 and cannot change anything. Pick another knob or flip the toggle.")
    else:
        st.markdown(
            f"Moving the {KNOB_NAMES[knob]} from **{change.before:.2f}** to **{change.after:.2f}** "
            f"(a change of {change.after - change.before:.2f}) flips the perceptron from "
            f"**{change.step_before}** to **{change.step_after}**, while the sigmoid neuron only "
            f"moves from **{change.sigmoid_before:.4f}** to **{change.sigmoid_after:.4f}**.")


@st.fragment
def _learning_rule() -> None:
    """The learning rule, step by step: its own controls rerun only this part."""
    learn_controls, learn_chart = st.columns([1, 1.2], gap="large")
    with learn_controls:
        dataset = linked(st.radio, "Data to learn", key=KEY + "data", name="data",
                         options=list(DATASETS), index=0, format_func=DATASETS.get)
        rate = linked(st.select_slider, "Learning rate (size of each correction)",
                      key=KEY + "rate", name="learning rate", value=0.1, options=RATES)
        xs, ys = (tutorial_arrays() if dataset == "laptops"
                  else (experiments.CORNERS, experiments.XOR_LABELS))
        run = neurons.perceptron_learning(xs, ys, w0=(0.0, 0.0), b0=0.0, learning_rate=rate,
                                          max_epochs=MAX_EPOCHS)
        last = len(run.steps)
        if st.session_state.get(KEY + "step", 0) > last:  # fewer steps with the new data/rate
            st.session_state[KEY + "step"] = last
        step = linked(st.slider, "Step (0 = before learning)", key=KEY + "step", name="step",
                      value=0, min_value=0, max_value=last)
        back, forward = st.columns(2)
        back.button("◀ Previous", on_click=_move_step, args=(-1, last), disabled=step == 0,
                    width="stretch")
        forward.button("Next ▶", on_click=_move_step, args=(1, last), disabled=step == last,
                       width="stretch")
        if step == 0:
            sw, sb, row = (0.0, 0.0), 0.0, None
            says_yes = int(experiments.perceptron_outputs(xs, sw, sb).sum())
            st.markdown(f"**Before learning:** weights (0, 0) and bias 0, so z = 0 for every row "
                        f"and the perceptron says 1 (buy) for {says_yes} of the {len(xs)} rows.")
        else:
            s = run.steps[step - 1]
            sw, sb, row = s.weights, s.bias, s.index
            outcome = ("a **mistake**, so the weights move" if s.changed
                       else "**right**, so nothing changes")
            st.markdown(
                f"**Epoch {s.epoch}, row {s.index + 1}** (pink {s.x[0]:.2f}, small {s.x[1]:.2f}, "
                f"answer {s.target}): the perceptron said {s.output}, {outcome}. "
                f"Now w = ({s.weights[0]:.2f}, {s.weights[1]:.2f}), b = {s.bias:.2f}.")
    with learn_chart:
        axis, grid = probability_grid(lambda rows: experiments.perceptron_outputs(rows, sw, sb),
                                      resolution=61, low=-0.1, high=1.1)
        show_chart(st, perceptron_square_figure(
            axis, grid, sw, sb, points=xs, labels=ys,
            point_text=[str(i + 1) for i in range(len(xs))],
            highlight=None if row is None else xs[row], highlight_name="row being checked",
            title=f"After step {step} of {last}", **AXES[dataset]), width="stretch",
            alt=perceptron_square_alt(
                axis, grid, sw, sb, points=xs, labels=ys,
                highlight=None if row is None else xs[row], highlight_name="row being checked",
                title=f"After step {step} of {last}"))
        st.caption("Dots: the rows, coloured by the right answer and numbered in the order they "
                   "are checked. Shading: what the perceptron says with the weights after this "
                   "step.")
    mistakes = experiments.mistakes_per_epoch(run)
    st.markdown("**Mistakes per epoch:** " + ", ".join(str(m) for m in mistakes))
    if run.converged:
        st.success(f"Converged: epoch {run.epochs} went through every row without a mistake, "
                   f"so the line now separates buy from don't-buy ({last} steps in all).")
    elif dataset == "xor":
        st.warning(f"Not converged after {run.epochs} epochs ({last} steps): even the last epoch "
                   f"got {mistakes[-1]} of {len(xs)} rows wrong. No straight line puts both 'buy' "
                   "corners on one side and both 'don't buy' corners on the other, so the rule "
                   "keeps correcting forever.")
    else:
        st.warning(f"Not converged within {run.epochs} epochs ({last} steps): the corrections "
                   "are too small to finish in time. Try a larger learning rate.")


st.title("Perceptron")
st.markdown(
    "The oldest kind of artificial neuron. It asks yes/no questions about a laptop, gives "
    "each answer a **weight** (how much it matters), adds a **bias** (how eager it is to "
    "say yes at all) and answers with a hard **1 = buy** or **0 = don't buy**:\n\n"
    "$$\n\\text{output} = \\begin{cases} 1 & \\text{if } w_1 x_1 + w_2 x_2 + b \\ge 0 \\\\ "
    "0 & \\text{otherwise} \\end{cases}\n$$")

_one_perceptron()

st.header("The perceptron learning rule, step by step")
st.markdown(
    "Start with all weights at 0. Take the rows one at a time. If the perceptron gets a row "
    "right, change nothing. If it says 0 but the answer is 1, add the row's inputs (times the "
    "learning rate) to the weights and the learning rate to the bias; if it says 1 but the "
    "answer is 0, subtract them. Repeat until a whole pass (an *epoch*) has no mistakes. "
    "The graded pink/small values of the laptop table work just as well as yes/no answers.")
_learning_rule()
