"""Initialization: what the starting weights do. Three live experiments: symmetry (XOR),
the signal through a deep stack, and the laptop recipe trained a thousand times per start.

Only the chosen experiment runs, and each one is a fragment: its own controls rerun only it."""

import time

import pandas as pd
import streamlit as st

from laptop.recipe import RECIPE
from learn.initialization import depth as deep
from learn.initialization import figures as figs
from learn.initialization import population as pop
from learn.initialization import recipe
from learn.initialization import strategies as strat
from learn.initialization import symmetry as sym
from ui.state import persistent, stored
from ui.theme import show_chart

P = "initialization."
PARAM_WIDGETS = {  # strategy -> (widget, label, stored key, default, options)
    "constant": (st.slider, "The number every weight gets", P + "constant", 0.5,
                 {"min_value": 0.05, "max_value": 2.0, "step": 0.05}),
    "too_small": (st.select_slider, "How narrow (std)", P + "small_std", 0.01,
                  {"options": (0.0001, 0.001, 0.003, 0.01, 0.03, 0.1)}),
    "too_large": (st.select_slider, "How wide (std)", P + "large_std", 3.0,
                  {"options": (1.5, 2.0, 3.0, 5.0, 10.0)}),
}
SECTIONS = {"same": "Same start", "deep": "10 layers deep", "many": "How often it fails"}
ACTIVATION_NAMES = {"tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU",
                    "leaky_relu": "leaky ReLU"}


def name(key: str) -> str:
    return strat.strategy(key).name


symmetry = st.cache_data(show_spinner=False)(sym.symmetry_run)
depth = st.cache_data(show_spinner=False)(deep.depth_signal)
population = st.cache_data(show_spinner=False)(pop.population_run)
constant_on_laptops = st.cache_data(show_spinner=False)(sym.constant_on_laptops)
laptops = st.cache_data(show_spinner=False)(recipe.load_laptops)


def population_charts(key: str, params: tuple, size: int, hidden: int, activation: str):
    """The three population charts from the cached training results (~30 ms to build).
    Not kept in the cross-visitor resource cache: a figure is mutable and would be shared."""
    results = [population(k, dict(params).get(k), size, hidden, activation)
               for k in strat.STRATEGY_KEYS]
    chosen = strat.STRATEGY_KEYS.index(key)
    return figs.population_figures(
        [name(k) for k in strat.STRATEGY_KEYS], [r.share_perfect for r in results],
        [r.share_stuck for r in results], [r.final_loss for r in results],
        chosen=chosen, chosen_accuracy=results[chosen].final_accuracy)


@st.fragment
def same_start(key: str, params: dict) -> None:
    st.header("Identical twins never grow apart")
    constant_kind = strat.strategy(key).kind == "constant"
    other = "random_normal" if constant_kind else "constant"
    other_param = None if constant_kind else params["constant"]
    other_name = name(other) + ("" if constant_kind else f" = {params['constant']:g}")
    st.markdown(
        f"On XOR, a point is a *yes* when exactly one of its two coordinates is positive. No "
        f"straight line splits yes from no, so a network needs several hidden units that do "
        f"*different* jobs. Below, a network with {sym.SYMMETRY_HIDDEN} hidden units "
        f"({sym.SYMMETRY_ACTIVATION}) learns XOR for {sym.SYMMETRY_EPOCHS} epochs twice: from "
        f"**your start** and from **{other_name}**. After every epoch the page records each "
        "hidden unit's weights.")
    runs = {f"{name(key)} (yours)": symmetry(key, params.get(key)),
            other_name: symmetry(other, other_param)}
    for col, (label, run) in zip(st.columns(2, gap="large"), runs.items(), strict=True):
        with col:
            a, b = st.columns(2)
            a.metric("Units differ by", f"{run.largest_difference:.3g}",
                     help="The largest difference between the same weight of any two hidden "
                          "units, over every epoch. 0 means the units are exact copies.")
            b.metric("XOR points right", f"{run.final_accuracy:.0%}")
            st.markdown(sym.describe_symmetry(label, run))
    unit_tables(runs)
    for col, (label, run) in zip(st.columns(2, gap="large"), runs.items(), strict=True):
        show_chart(col, figs.unit_weights_figure(run.unit_weights, label), key=f"units-{label}")
    gap_col, acc_col = st.columns(2, gap="large")
    show_chart(gap_col, figs.unit_gap_figure({k: r.max_difference for k, r in runs.items()}))
    show_chart(acc_col, figs.accuracy_curves_figure(
        {k: r.accuracy for k, r in runs.items()}, "XOR points right while learning"))
    st.markdown(
        "Why: units that start equal compute equal outputs, receive equal corrections, and "
        "so stay equal forever. A random start gives every unit its own first guess, and the "
        "corrections pull them apart.")

    st.subheader("But on the laptops a constant start works. Why?")
    value = params["constant"]
    x, y = laptops()
    accuracy, gap = constant_on_laptops(value)
    split = sym.one_feature_split(x, y)
    verb = "still gets" if accuracy >= 1 else "gets"
    text = (f"Trained with every weight = {value:g}, the laptop recipe ({RECIPE.epochs} "
            f"epochs) {verb} **{accuracy:.0%}** of the 9 laptops right, while its 3 hidden "
            f"units stay identical (largest gap {gap:.1g}).")
    if split:
        text += (f" One unit is enough here, because one straight line splits the data: "
                 f"{split}.")
    st.markdown(text)


@st.fragment
def unit_tables(runs: dict) -> None:
    """Both networks' hidden units at one epoch; the slider reruns only this part."""
    epochs = next(iter(runs.values())).unit_weights.shape[0] - 1
    epoch = persistent(st.slider, "Show the hidden units after epoch", key=P + "epoch",
                       default=0, min_value=0, max_value=epochs,
                       help="0 is the start, before any learning. Drag to the right to watch "
                            "the units learn. Each row is one hidden unit, each column one of "
                            "its numbers.")
    when = "at the start (epoch 0)" if epoch == 0 else f"after epoch {epoch}"
    show_chart(st, figs.unit_tables_figure(
        {label: run.unit_weights[epoch] for label, run in runs.items()}, sym.UNIT_PARTS,
        f"The hidden units {when}"), key="unit-tables")


@st.fragment
def ten_layers(key: str, params: dict) -> None:
    st.header("A signal through 10 layers")
    activation = persistent(st.radio, "Activation of every layer", key=P + "depth_activation",
                            default="tanh", options=deep.DEPTH_ACTIVATIONS,
                            format_func=ACTIVATION_NAMES.get, horizontal=True)
    st.markdown(
        f"{deep.DEPTH_SAMPLES:,} random inputs (each {deep.DEPTH_UNITS} numbers from the "
        f"standard bell curve) go through {deep.DEPTH_LAYERS} layers of {deep.DEPTH_UNITS} "
        "units, all started the same way. Watch the size of what comes out of each layer. "
        f"For a layer of {deep.DEPTH_UNITS} inputs and {deep.DEPTH_UNITS} units your start "
        "reads:")
    st.latex(strat.formula_latex(key, params.get(key), deep.DEPTH_UNITS, deep.DEPTH_UNITS))
    with st.spinner("Sending inputs through every stack…"):
        signals = {k: depth(k, params.get(k), activation) for k in strat.STRATEGY_KEYS}
    mine = signals[key]
    st.markdown(deep.describe_depth(name(key), ACTIVATION_NAMES[activation], mine))
    show_chart(st, figs.depth_spread_figure(
        {name(k): s.std for k, s in signals.items()}, highlight=name(key)))
    show_chart(st, figs.depth_box_figure(
        mine.percentiles, f"{name(key)}, {ACTIVATION_NAMES[activation]}"))
    st.caption("The boxes pool all the layer's units and inputs. A unit stuck at its own "
               "value for every input widens a box but tells the next layer nothing; the "
               "spread chart above counts only how much each unit changes from input to input.")
    st.markdown(deep.describe_healthy(ACTIVATION_NAMES[activation], activation, signals,
                                      {k: name(k) for k in signals}))
    st.subheader("And the corrections on the way back")
    st.markdown(
        "Learning runs the other way: an error at the top is passed down, layer by layer, "
        "and tells each layer how to change its weights. Here a random error of spread 1 "
        "enters at the top of the same stacks.")
    show_chart(st, figs.depth_spread_figure(
        {name(k): s.weight_gradient for k, s in signals.items()}, highlight=name(key),
        title="Size of each layer's weight correction", first_layer=1,
        y_title="typical correction (RMS, log scale)", x_title="layer"))
    st.markdown(deep.describe_gradients(name(key), mine))


@st.fragment
def how_often(key: str, params: dict) -> None:
    st.header("How often does the recipe fail?")
    st.markdown(
        "The laptop recipe (2 inputs, hidden units, 2 outputs, Adam with learning rate 0.1, "
        f"{RECIPE.epochs} epochs) starts from random weights, so every run is "
        "different. Here it is trained many times per start, each copy from its own random "
        "draw. Try the remedies and see the stuck share move.")
    c1, c2, c3 = st.columns(3)
    hidden = persistent(c1.select_slider, "Hidden units", key=P + "hidden", default=3,
                        options=(3, 4, 5, 6, 8, 12, 16))
    activation = persistent(c2.radio, "Hidden activation", key=P + "pop_activation",
                            default="relu", options=("relu", "leaky_relu"),
                            format_func=ACTIVATION_NAMES.get, horizontal=True)
    size = persistent(c3.select_slider, "Networks per start", key=P + "size", default=1000,
                      options=(1000, 2000, 5000))
    results, slot, start = {}, st.empty(), time.perf_counter()
    for i, k in enumerate(strat.STRATEGY_KEYS):
        results[k] = population(k, params.get(k), size, hidden, activation)
        if time.perf_counter() - start > 0.1:  # a bar only when it takes a while (not cached)
            slot.progress((i + 1) / len(strat.STRATEGY_KEYS),
                          text=f"Trained {size:,} networks from: {name(k)}")
    slot.empty()
    mine = results[key]
    m1, m2, m3 = st.columns(3)
    m1.metric("All 9 right", f"{mine.share_perfect:.1%}")
    m2.metric("Stuck (5 of 9 or fewer)", f"{mine.share_stuck:.1%}")
    m3.metric("Typical final loss", f"{mine.median_loss:.3f}",
              help="The median: half of the runs end lower, half higher. A network that "
                   "always answers with the share of buys (5 in 9) scores "
                   f"{recipe.commoner_answer_loss(laptops()[1]):.3f}.")
    st.markdown(pop.describe_population(name(key), mine))
    if key != "glorot_normal":
        st.markdown(pop.describe_population(name("glorot_normal"), results["glorot_normal"]))
    st.markdown(pop.describe_constant_population(
        params["constant"], results["constant"],
        symmetry("constant", params["constant"]).final_accuracy))
    shares, runs, losses = population_charts(key, tuple(params.items()), size, hidden, activation)
    show_chart(st, shares)
    left, right = st.columns(2, gap="large")
    show_chart(left, runs)
    show_chart(right, losses)
    st.dataframe(pd.DataFrame({
        "Start": [name(k) for k in results],
        "All 9 right (%)": [100 * r.share_perfect for r in results.values()],
        "Stuck (%)": [100 * r.share_stuck for r in results.values()],
        "Typical final loss": [r.median_loss for r in results.values()],
    }), hide_index=True, column_config={
        "All 9 right (%)": st.column_config.NumberColumn(format="%.1f%%"),
        "Stuck (%)": st.column_config.NumberColumn(format="%.1f%%"),
        "Typical final loss": st.column_config.NumberColumn(format="%.3f")})


st.title("Initialization")
st.markdown(
    "Before a network learns anything, every weight needs a first value. That choice looks "
    "harmless, yet it decides whether hidden units can become different from each other, "
    "whether a signal survives a deep stack of layers, and how often the laptop recipe simply "
    "fails. Every claim on this page comes with the computation behind it, run live.")

st.header("Pick a start")
pick, rule = st.columns([1, 1.6], gap="large")
with pick:
    key = persistent(st.selectbox, "How should the weights start?", key=P + "strategy",
                     default="glorot_normal", options=strat.STRATEGY_KEYS, format_func=name)
    params = {k: stored(skey, default) for k, (_, _, skey, default, _) in PARAM_WIDGETS.items()}
    if key in PARAM_WIDGETS:
        widget, label, skey, default, options = PARAM_WIDGETS[key]
        params[key] = persistent(widget, label, key=skey, default=default, **options)
with rule:
    st.markdown(f"**{name(key)}.** {strat.strategy(key).words}")
    st.latex(strat.formula_latex(key, params.get(key)))
    if strat.strategy(key).kind == "random":
        st.caption("σ is the spread (standard deviation) of the draws. n_in and n_out count a "
                   "layer's inputs and units; filled in here for the laptop network's first "
                   "layer (2 inputs, 3 hidden units).")
    st.caption("Biases always start at 0; the start applies to every layer's weights.")

section = persistent(st.segmented_control, "Which experiment?", key=P + "section",
                     default="same", options=tuple(SECTIONS), format_func=SECTIONS.get,
                     required=True, width="stretch")
{"same": same_start, "deep": ten_layers, "many": how_often}[section](key, params)
