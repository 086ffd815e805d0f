"""The Training page's playground: its controls (each bound to the address through
learn.widgets.linked, keys starting `t_`), the "Try this" set-ups (learn.training.presets),
one cached call into learn.training.playground, the training player and the sentences."""

import streamlit as st

from learn.training.playground import (
    ACTIVATIONS,
    BATCH_SIZES,
    DATASETS,
    DEFAULTS,
    EPOCHS,
    L2_VALUES,
    LAYERS,
    LEARNING_RATES,
    NEURONS,
    NOISE,
    POINTS,
    SEEDS,
    TEST_SHARE,
    Settings,
    playground_view,
)
from learn.training.presets import BY_NAME, PRESETS, outcome, preset_sentence
from learn.widgets import linked
from ui.player.widgets import training_player

KEYS = {"dataset": "t_data", "noise": "t_noise", "test_share": "t_test", "layers": "t_layers",
        "neurons": "t_neurons", "activation": "t_act", "learning_rate": "t_lr",
        "batch_size": "t_batch", "l2": "t_l2", "seed": "t_seed"}
PLAYER_KEY = "t_player"
PRESET_KEYS = {p.name: f"t_try_{p.name}" for p in PRESETS}  # the buttons (not in the address)

compute_view = st.cache_data(show_spinner=False, max_entries=32)(playground_view)
# The same few set-ups for every visitor: trained once per server (6 trainings, about 0.3 s).
preset_outcome = st.cache_data(show_spinner=False, max_entries=len(PRESETS))(outcome)


def _apply_preset(name: str) -> None:
    """Button callback: every control to the preset's first set-up (the address follows)."""
    settings = BY_NAME[name].first
    for field, key in KEYS.items():
        st.session_state[key] = getattr(settings, field)


def presets_row() -> None:
    """One "Try this" button per preset, under the sentence its two trainings give."""
    st.markdown("**Try this.** Each button sets the playground to the first of two set-ups; "
                "both were trained on this page to write its sentence:")
    for column, preset in zip(st.columns(len(PRESETS), gap="medium"), PRESETS, strict=True):
        with column:
            st.markdown(preset_sentence(preset, preset_outcome(preset.name)))
            st.button(preset.label, key=PRESET_KEYS[preset.name], on_click=_apply_preset,
                      args=(preset.name,), icon=":material/science:", width="stretch")


def playground_controls() -> Settings:
    """The playground's settings, each a control bound to the address."""
    d = DEFAULTS
    data_col, net_col, learn_col = st.columns(3, gap="medium")
    with data_col:
        dataset = linked(st.selectbox, "Data", key=KEYS["dataset"], name="data",
                         help="XOR: four corners; circles: one inside the other; blobs: two "
                              "round clouds; spiral: two arms; laptops: your friend's 9.",
                         options=tuple(DATASETS), format_func=DATASETS.get,
                         index=tuple(DATASETS).index(d.dataset))
        noise = linked(st.slider, "Noise", key=KEYS["noise"], name="noise",
                       min_value=NOISE[0], max_value=NOISE[1], value=d.noise, step=0.05,
                       help="How far each point is pushed off its shape (a standard "
                            "deviation, on a square 2.5 wide).")
        test_share = linked(st.slider, "Share of points kept for the test", key=KEYS["test_share"],
                            name="test share", min_value=TEST_SHARE[0], max_value=TEST_SHARE[1],
                            value=d.test_share, step=0.05,
                            help="The network never trains on these; their loss shows how "
                                 "well it does on points it never saw.")
        seed = linked(st.number_input, "Seed", key=KEYS["seed"], name="seed",
                      min_value=SEEDS[0], max_value=SEEDS[1], value=d.seed, step=1,
                      help="Draws the points, the starting weights and the batches.")
    with net_col:
        layers = linked(st.slider, "Hidden layers", key=KEYS["layers"], name="hidden layers",
                        min_value=LAYERS[0], max_value=LAYERS[1], value=d.layers, step=1)
        neurons = linked(st.slider, "Neurons in each hidden layer", key=KEYS["neurons"],
                         name="neurons", min_value=NEURONS[0], max_value=NEURONS[1],
                         value=d.neurons, step=1)
        activation = linked(st.selectbox, "Activation", key=KEYS["activation"],
                            name="activation", options=ACTIVATIONS,
                            index=ACTIVATIONS.index(d.activation))
    with learn_col:
        learning_rate = linked(st.select_slider, "Learning rate (Adam)",
                               key=KEYS["learning_rate"], name="learning rate",
                               options=LEARNING_RATES, value=d.learning_rate)
        batch_size = linked(st.select_slider, "Batch size", key=KEYS["batch_size"],
                            name="batch size", options=BATCH_SIZES, value=d.batch_size)
        l2 = linked(st.select_slider, "L2 regularisation", key=KEYS["l2"], name="L2",
                    options=L2_VALUES, value=d.l2,
                    help="Adds l2 × (sum of the squared weights) to the loss, which keeps "
                         "the weights small and the boundary smooth.")
    return Settings(dataset=dataset, noise=round(float(noise), 2),
                    test_share=round(float(test_share), 2), layers=int(layers),
                    neurons=int(neurons), activation=activation,
                    learning_rate=float(learning_rate), batch_size=int(batch_size),
                    l2=float(l2), seed=int(seed))


@st.fragment
def playground_section() -> None:
    """The playground, under one step of learning: a fragment, so its controls rerun only
    it (not the walk-through of one step above it)."""
    st.header("Playground: data made to need a network", anchor="playground")
    st.markdown(
        f"The same engine on shapes a single straight line cannot split. Pick the data and "
        f"the network; it trains {EPOCHS} epochs (on {POINTS} points, or your friend's 9 "
        "laptops) and the player below plays the training back: the map, each hidden "
        "neuron, the weights, and the training and test loss. Every setting is in the "
        "page's address, so a copied link shares the set-up.")
    presets_row()
    settings = playground_controls()
    view = compute_view(settings)
    for sentence in view.sentences:
        st.markdown(f"- {sentence}")
    st.caption("The player's buttons and slider work with the keyboard (Tab, Enter, arrow "
               "keys); each of its views carries a text alternative with its numbers.")
    training_player(view.payload, PLAYER_KEY, encoded=view.encoded)
