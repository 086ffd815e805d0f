"""The Initialization page's parts: the start picker's parameters, the three experiments (each
a fragment: its own controls rerun only it) and the cached runs behind them."""

import time

import pandas as pd
import streamlit as st

from laptop.recipe import RECIPE
from learn.initialization import depth, figures, population, recipe, strategies, symmetry
from learn.widgets import linked
from ui.theme import show_chart
from ui.words import ACTIVATION_NAMES

KEY = "i_"  # the prefix of this page's address names (i_start=Constant&i_const=0.8...)
PARAM_WIDGETS = {  # strategy -> (widget, label, address name, default, options)
    "constant": (st.slider, "The number every weight gets", KEY + "const", 0.5,
                 {"min_value": 0.05, "max_value": 2.0, "step": 0.05}),
    "too_small": (st.select_slider, "How narrow (std)", KEY + "narrow", 0.01,
                  {"options": (0.0001, 0.001, 0.003, 0.01, 0.03, 0.1)}),
    "too_large": (st.select_slider, "How wide (std)", KEY + "wide", 3.0,
                  {"options": (1.5, 2.0, 3.0, 5.0, 10.0)}),
}
SECTIONS = {"same": "Same start", "deep": "10 layers deep", "many": "How often it fails"}


def strategy_name(key: str) -> str:
    """The name a learner reads for the start `key` ("Glorot normal", ...)."""
    return strategies.strategy(key).name


def _start_number(strategy: str) -> float:
    widget, label, key, default, options = PARAM_WIDGETS[strategy]
    return linked(widget, label, key=key, name=label.lower(), value=default, **options)


def start_numbers(key: str) -> dict[str, float]:
    """The number of each start that has one (the constant, the narrow and the wide spread),
    bound to the address: the chosen start's control first, the others' in an expander,
    since the experiments compare every start with its own number."""
    numbers = {key: _start_number(key)} if key in PARAM_WIDGETS else {}
    with st.expander("The other starts' numbers (the comparisons use them too)"):
        for strategy in PARAM_WIDGETS:
            if strategy != key:
                numbers[strategy] = _start_number(strategy)
    return numbers


# Pure functions of their arguments, so one cache serves every visitor. Bounded: a visitor
# trying every start, parameter and setting cannot grow the cache without limit.
run_symmetry = st.cache_data(show_spinner=False, max_entries=64)(symmetry.symmetry_run)
signal_through_depth = st.cache_data(show_spinner=False, max_entries=128)(depth.depth_signal)
widened_signal_through_depth = st.cache_data(show_spinner=False, max_entries=32)(
    depth.rescaled_depth_signal)
train_population_of = st.cache_data(show_spinner=False, max_entries=256)(
    population.population_run)
constant_on_laptops = st.cache_data(show_spinner=False, max_entries=32)(
    symmetry.constant_on_laptops)
laptops = st.cache_data(show_spinner=False, max_entries=1)(recipe.load_laptops)


def population_charts(key: str, params: tuple, size: int, hidden: int, activation: str):
    """The three population charts from the cached training results (~30 ms to build), each
    as (figure, its text alternative). Not kept in the cross-visitor resource cache: a
    figure is mutable and would be shared."""
    results = [train_population_of(k, dict(params).get(k), size, hidden, activation)
               for k in strategies.STRATEGY_KEYS]
    chosen = strategies.STRATEGY_KEYS.index(key)
    numbers = ([strategy_name(k) for k in strategies.STRATEGY_KEYS],
               [r.share_perfect for r in results], [r.share_stuck for r in results],
               [r.final_loss for r in results])
    return tuple(zip(
        figures.population_figures(*numbers, chosen=chosen,
                                   chosen_accuracy=results[chosen].final_accuracy),
        figures.population_alts(*numbers, chosen=chosen,
                                chosen_accuracy=results[chosen].final_accuracy), strict=True))


@st.fragment
def same_start(key: str, params: dict) -> None:
    st.header("Identical twins never grow apart")
    constant_kind = strategies.strategy(key).kind == "constant"
    other = "random_normal" if constant_kind else "constant"
    other_param = None if constant_kind else params["constant"]
    other_name = strategy_name(other) + ("" if constant_kind else f" = {params['constant']:g}")
    st.markdown(
        f"On XOR, a point is a *yes* when exactly one of its two coordinates is positive. No "
        f"straight line splits yes from no, so a network needs several hidden units that do "
        f"*different* jobs. Below, a network with {symmetry.SYMMETRY_HIDDEN} hidden units "
        f"({symmetry.SYMMETRY_ACTIVATION}) learns XOR for {symmetry.SYMMETRY_EPOCHS} epochs "
        f"twice: from **your start** and from **{other_name}**. After every epoch the page "
        "records each hidden unit's weights.")
    runs = {f"{strategy_name(key)} (yours)": run_symmetry(key, params.get(key)),
            other_name: run_symmetry(other, other_param)}
    for col, (label, run) in zip(st.columns(2, gap="large"), runs.items(), strict=True):
        with col:
            a, b = st.columns(2)
            a.metric("Units differ by", f"{run.largest_difference:.3g}",
                     help="The largest difference between the same weight of any two hidden "
                          "units, over every epoch. 0 means the units are exact copies.")
            b.metric("XOR points right", f"{run.final_accuracy:.0%}")
            st.markdown(symmetry.describe_symmetry(label, run))
    unit_tables(runs)
    for col, (label, run) in zip(st.columns(2, gap="large"), runs.items(), strict=True):
        show_chart(col, figures.unit_weights_figure(run.unit_weights, label), key=f"units-{label}",
                   alt=figures.unit_weights_alt(run.unit_weights, label))
    gap_col, acc_col = st.columns(2, gap="large")
    gaps = {k: r.max_difference for k, r in runs.items()}
    show_chart(gap_col, figures.unit_gap_figure(gaps), alt=figures.unit_gap_alt(gaps))
    curves, acc_title = {k: r.accuracy for k, r in runs.items()}, "XOR points right while learning"
    show_chart(acc_col, figures.accuracy_curves_figure(curves, acc_title),
               alt=figures.accuracy_curves_alt(curves, acc_title))
    st.markdown(
        "Why: units that start equal compute equal outputs, receive equal corrections, and "
        "so stay equal forever. A random start gives every unit its own first guess, and the "
        "corrections pull them apart.")

    st.subheader("But on the laptops a constant start works. Why?")
    value = params["constant"]
    x, y = laptops()
    accuracy, gap = constant_on_laptops(value)
    split = symmetry.one_feature_split(x, y)
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
    epoch = linked(st.slider, "Show the hidden units after epoch", key=KEY + "epoch",
                   name="epoch", value=0, min_value=0, max_value=epochs,
                       help="0 is the start, before any learning. Drag to the right to watch "
                            "the units learn. Each row is one hidden unit, each column one of "
                            "its numbers.")
    when = "at the start (epoch 0)" if epoch == 0 else f"after epoch {epoch}"
    tables = {label: run.unit_weights[epoch] for label, run in runs.items()}
    title = f"The hidden units {when}"
    show_chart(st, figures.unit_tables_figure(tables, symmetry.UNIT_PARTS, title),
               key="unit-tables", alt=figures.unit_tables_alt(tables, symmetry.UNIT_PARTS, title))


@st.fragment
def ten_layers(key: str, params: dict) -> None:
    st.header("A signal through 10 layers")
    activation = linked(st.radio, "Activation of every layer", key=KEY + "layers",
                        name="activation", options=depth.DEPTH_ACTIVATIONS,
                        index=depth.DEPTH_ACTIVATIONS.index("tanh"),
                        format_func=ACTIVATION_NAMES.get, horizontal=True)
    st.markdown(
        f"{depth.DEPTH_SAMPLES:,} random inputs (each {depth.DEPTH_UNITS} numbers from the "
        f"standard bell curve) go through {depth.DEPTH_LAYERS} layers of {depth.DEPTH_UNITS} "
        "units, all started the same way. Watch the size of what comes out of each layer. "
        f"For a layer of {depth.DEPTH_UNITS} inputs and {depth.DEPTH_UNITS} units your start "
        "reads:")
    st.latex(strategies.formula_latex(key, params.get(key), depth.DEPTH_UNITS, depth.DEPTH_UNITS))
    with st.spinner("Sending inputs through every stack…"):
        signals = {k: signal_through_depth(k, params.get(k), activation)
                   for k in strategies.STRATEGY_KEYS}
    mine = signals[key]
    st.markdown(depth.describe_depth(strategy_name(key), ACTIVATION_NAMES[activation], mine,
                                     widened_signal_through_depth(key, activation)))
    spreads = {strategy_name(k): s.std for k, s in signals.items()}
    show_chart(st, figures.depth_spread_figure(spreads, highlight=strategy_name(key)),
               alt=figures.depth_spread_alt(spreads, highlight=strategy_name(key)))
    box_title = f"{strategy_name(key)}, {ACTIVATION_NAMES[activation]}"
    show_chart(st, figures.depth_box_figure(mine.percentiles, box_title),
               alt=figures.depth_box_alt(mine.percentiles, box_title))
    st.caption("The boxes pool all the layer's units and inputs. A unit stuck at its own "
               "value for every input widens a box but tells the next layer nothing; the "
               "spread chart above counts only how much each unit changes from input to input.")
    st.markdown(depth.describe_healthy(ACTIVATION_NAMES[activation], activation, signals,
                                      {k: strategy_name(k) for k in signals}))
    st.subheader("And the corrections on the way back")
    st.markdown(
        "Learning runs the other way: an error at the top is passed down, layer by layer, "
        "and tells each layer how to change its weights. Here a random error of spread 1 "
        "enters at the top of the same stacks.")
    corrections = {strategy_name(k): s.weight_gradient for k, s in signals.items()}
    show_chart(st, figures.depth_spread_figure(
        corrections, highlight=strategy_name(key),
        title="Size of each layer's weight correction", first_layer=1,
        y_title="typical correction (RMS, log scale)", x_title="layer"),
        alt=figures.depth_spread_alt(corrections, highlight=strategy_name(key),
                                     title="Size of each layer's weight correction",
                                     first_layer=1))
    st.markdown(depth.describe_gradients(strategy_name(key), mine))


@st.fragment
def how_often(key: str, params: dict) -> None:
    st.header("How often does the recipe fail?")
    st.markdown(
        "The laptop recipe (2 inputs, hidden units, 2 outputs, Adam with learning rate 0.1, "
        f"{RECIPE.epochs} epochs) starts from random weights, so every run is "
        "different. Here it is trained many times per start, each copy from its own random "
        "draw. Try the remedies and see the stuck share move. "
        + population.TRAINED_ON_ALL_ROWS)
    c1, c2, c3 = st.columns(3)
    hidden = linked(c1.select_slider, "Hidden units", key=KEY + "units", name="hidden units",
                    value=3, options=(3, 4, 5, 6, 8, 12, 16))
    activation = linked(c2.radio, "Hidden activation", key=KEY + "hidden",
                        name="hidden activation", options=("relu", "leaky_relu"), index=0,
                        format_func=ACTIVATION_NAMES.get, horizontal=True)
    size = linked(c3.select_slider, "Networks per start", key=KEY + "size",
                  name="networks per start", value=1000, options=(1000, 2000, 5000))
    results, slot, start = {}, st.empty(), time.perf_counter()
    for i, k in enumerate(strategies.STRATEGY_KEYS):
        results[k] = train_population_of(k, params.get(k), size, hidden, activation)
        if time.perf_counter() - start > 0.1:  # a bar only when it takes a while (not cached)
            slot.progress((i + 1) / len(strategies.STRATEGY_KEYS),
                          text=f"Trained {size:,} networks from: {strategy_name(k)}")
    slot.empty()
    mine = results[key]
    m1, m2, m3 = st.columns(3)
    m1.metric("All 9 right", f"{mine.share_perfect:.1%}")
    m2.metric("Stuck (5 of 9 or fewer)", f"{mine.share_stuck:.1%}")
    m3.metric("Typical final loss", f"{mine.median_loss:.3f}",
              help="The median: half of the runs end lower, half higher. A network that "
                   "always answers with the share of buys (5 in 9) scores "
                   f"{recipe.commoner_answer_loss(laptops()[1]):.3f}.")
    st.markdown(population.describe_population(strategy_name(key), mine))
    if key != "glorot_normal":
        st.markdown(population.describe_population(strategy_name("glorot_normal"),
                                                   results["glorot_normal"]))
    st.markdown(population.describe_constant_population(
        params["constant"], results["constant"],
        run_symmetry("constant", params["constant"]).final_accuracy))
    shares, runs, losses = population_charts(key, tuple(params.items()), size, hidden, activation)
    show_chart(st, shares[0], alt=shares[1])
    left, right = st.columns(2, gap="large")
    show_chart(left, runs[0], alt=runs[1])
    show_chart(right, losses[0], alt=losses[1])
    st.dataframe(pd.DataFrame({
        "Start": [strategy_name(k) for k in results],
        "All 9 right (%)": [100 * r.share_perfect for r in results.values()],
        "Stuck (%)": [100 * r.share_stuck for r in results.values()],
        "Typical final loss": [r.median_loss for r in results.values()],
    }), hide_index=True, column_config={
        "All 9 right (%)": st.column_config.NumberColumn(format="%.1f%%"),
        "Stuck (%)": st.column_config.NumberColumn(format="%.1f%%"),
        "Typical final loss": st.column_config.NumberColumn(format="%.3f")})


EXPERIMENTS = {"same": same_start, "deep": ten_layers, "many": how_often}  # SECTIONS' keys
