"""Buy the Laptop, the model and its training: the settings form and a Train button that
reruns only this part (a fragment) while the epochs go by."""

import time

import pandas as pd
import streamlit as st

from decide.common import guarded, laptop_session, show_queued
from decide.figures import training_curves_alt, training_curves_figure, training_curves_table
from decide.player_section import player_section
from decide.session import WidgetKeys
from decide.words import LANE_WAIT_WORDS
from laptop.lane import LANE
from laptop.recipe import (
    ACTIVATIONS,
    INITIALIZERS,
    LEARNING_RATES,
    LIMITS,
    MORE_LAYER_UNITS,
    VALIDATION_STEP,
    Settings,
    epoch_log_line,
)
from ui.theme import show_chart
from ui.words import ACTIVATION_NAMES

SETTING_WIDGETS = ("hidden_units", "activation", "learning_rate", "epochs", "batch_size",
                   "initializer", "validation_split", "seed", "hidden_layers")
# The neurons of hidden layers 2 and 3: a form reruns nothing until Train, so both are
# always shown and "Hidden layers" picks how many of them the model uses.
MORE_LAYER_WIDGETS = tuple(f"layer_{n}" for n in range(2, LIMITS["hidden_layers"][1] + 1))
MORE_LAYER_START = 4  # what a layer not used yet offers


def _sync_setting_widgets(settings: Settings, force: bool = False) -> None:
    ss = st.session_state
    for name in SETTING_WIDGETS:
        if force or WidgetKeys.setting(name) not in ss:
            ss[WidgetKeys.setting(name)] = getattr(settings, name)
    for number, name in enumerate(MORE_LAYER_WIDGETS):
        used = number < len(settings.more_layers)
        if (force and used) or WidgetKeys.setting(name) not in ss:
            ss[WidgetKeys.setting(name)] = (settings.more_layers[number] if used
                                            else MORE_LAYER_START)


def _settings_from_widgets() -> Settings:
    ss = st.session_state
    values = {name: ss[WidgetKeys.setting(name)] for name in SETTING_WIDGETS}
    values["validation_split"] = round(values["validation_split"], 2)  # 0.15, not 0.1500..02
    layers = values.pop("hidden_layers")
    values["more_layers"] = tuple(ss[WidgetKeys.setting(name)]
                                  for name in MORE_LAYER_WIDGETS[:layers - 1])
    return Settings(**values)


def use_settings_and_train(settings: Settings) -> None:
    """Callback of the one-click remedies: change the settings and train on the next run."""
    session = laptop_session()
    _sync_setting_widgets(settings, force=True)
    session.settings = settings
    session.pending_train = True


@st.fragment
def training_section() -> None:
    """A fragment: pressing Train reruns only this part while the epochs go by."""
    guarded(_training_body, "the training")


def _training_body() -> None:
    session = laptop_session()
    st.header("The model and its training", divider="gray")
    st.write("The tutorial's recipe is the starting point: 2 inputs, 3 hidden neurons with "
             "ReLU, 2 outputs with softmax, Adam with learning rate 0.1, binary "
             "cross-entropy, 20 epochs, batches of 32, rows shuffled every epoch.")
    _sync_setting_widgets(session.settings)
    with st.form(WidgetKeys.settings_form, border=True):
        # One row of four a line, one setting a column: a phone stacks each row's columns,
        # so it reads them in the desktop's order, the network's shape first.
        layers, *units = st.columns(4)
        layers.number_input("Hidden layers", *LIMITS["hidden_layers"], step=1,
                            key=WidgetKeys.setting("hidden_layers"),
                            help="How many layers of neurons sit between the inputs and the "
                                 "answer.")
        units[0].number_input("Neurons in hidden layer 1", *LIMITS["hidden_units"], step=1,
                              key=WidgetKeys.setting("hidden_units"))
        for column, name in zip(units[1:], MORE_LAYER_WIDGETS, strict=True):
            number = name.removeprefix("layer_")
            column.number_input(f"Neurons in hidden layer {number}", *MORE_LAYER_UNITS, step=1,
                                key=WidgetKeys.setting(name),
                                help=f"Used when the model has {number} or more hidden "
                                     "layers.")
        c1, c2, c3, c4 = st.columns(4)
        c1.selectbox("Hidden activation", ACTIVATIONS, format_func=ACTIVATION_NAMES.get,
                     key=WidgetKeys.setting("activation"))
        c2.selectbox("Starting weights", list(INITIALIZERS), format_func=INITIALIZERS.get,
                     key=WidgetKeys.setting("initializer"))
        c3.select_slider("Learning rate", LEARNING_RATES, key=WidgetKeys.setting("learning_rate"))
        c4.number_input("Epochs", 1, 500, step=1, key=WidgetKeys.setting("epochs"))
        c1, c2, c3, _ = st.columns(4)
        c1.number_input("Batch size", 1, 1000, step=1, key=WidgetKeys.setting("batch_size"))
        c2.slider("Share held out for validation", 0.0, 0.5, step=VALIDATION_STEP,
                  key=WidgetKeys.setting("validation_split"),
                  help="The last rows of the table are kept out of training to check the "
                       "model on laptops it has not seen.")
        c3.number_input("Seed", 0, 2**31 - 1, step=1, key=WidgetKeys.setting("seed"),
                        help="Picks the random starting weights and the shuffling order.")
        clicked = st.form_submit_button("Train", type="primary", key=WidgetKeys.train,
                                        icon=":material/model_training:")
    # The same three places whether training runs now or ran before: a status line (the
    # progress bar while training, its outcome after), the chart, the log. So the last live
    # chart is the very element the page's rerun draws there, and the browser keeps it.
    status, chart, log = st.container(), st.empty(), st.empty()
    with status:
        show_queued("training")
    if clicked or session.take_pending_train():
        _train_live(_settings_from_widgets() if clicked else session.settings,
                    status, chart, log)
        return
    run = session.run
    if run is not None:
        show_chart(chart, training_curves_figure(run.history, run.settings.epochs),
                   alt=training_curves_alt(run.history))
        with log.expander("Epoch log, and the chart's numbers as a table"):
            st.code(_epoch_log(run.history), language=None)
            st.dataframe(pd.DataFrame(training_curves_table(run.history)), hide_index=True,
                         height=240)
        player_section()
    else:
        status.info("The model in use was loaded from a file, so there is no training "
                    "history.")


def _epoch_log(history: dict) -> str:
    n = len(history.get("loss", []))
    return "\n".join(epoch_log_line(e + 1, {k: v[e] for k, v in history.items() if len(v) > e})
                     for e in range(n))


LIVE_CHARTS = 3  # the growing chart is redrawn this many times (more only for long runs)
LIVE_CHART_GAP = 0.25  # ...and whenever this many seconds passed since its last redraw
LIVE_FRAME_SECONDS = 0.1  # a redraw waits this long after the last, so the browser shows it


def live_chart_redraws(epoch: int, epochs: int, seconds_since_redraw: float) -> bool:
    """Whether the live chart redraws after `epoch` (1-based) of `epochs`.

    Every redraw is a chart the browser draws anew, far slower than an epoch of the recipe
    (docs/performance.md), so redrawing after every epoch only made the browser fall
    behind: a few evenly spaced redraws, always the last epoch, and one whenever
    LIVE_CHART_GAP seconds went by, so a long run keeps growing as it trains."""
    step = max(1, -(-epochs // LIVE_CHARTS))  # ceil: 20 epochs -> 7, 14 and 20
    return epoch == epochs or epoch % step == 0 or seconds_since_redraw >= LIVE_CHART_GAP


def add_epoch(history: dict[str, list[float]], logs: dict) -> None:
    """Append one epoch's logs to a live history, the way a finished run's history holds
    them: the last live chart is then the very chart the page shows after training."""
    for k, v in logs.items():
        history.setdefault(k, []).append(float(v))


def _train_live(settings: Settings, status, chart, log) -> None:
    session = laptop_session()
    with status:
        progress = st.progress(0.0, text="Training...")
    history: dict[str, list[float]] = {}
    shown = {"percent": 0, "started": time.monotonic(), "chart": None}
    # the epochs it will train: fewer than asked when over the budget (run.note says so)
    epochs = session.planned_epochs(settings)

    def on_epoch(epoch: int, logs: dict) -> None:
        add_epoch(history, logs)
        percent = int(100 * epoch / epochs)
        if percent != shown["percent"]:  # at most 100 updates, however many epochs
            shown["percent"] = percent
            progress.progress(epoch / epochs, text=f"Epoch {epoch} of {epochs}")
        since = time.monotonic() - (shown["chart"] or shown["started"])
        if live_chart_redraws(epoch, epochs, since):
            if shown["chart"] is not None:
                # The recipe trains in milliseconds: without this short wait the browser
                # would draw only the finished chart, and nothing would be seen to grow.
                time.sleep(max(0.0, LIVE_FRAME_SECONDS - since))
            show_chart(chart, training_curves_figure(history, epochs),
                       alt=training_curves_alt(history))
            log.code(epoch_log_line(epoch, logs), language=None)
            shown["chart"] = time.monotonic()

    def waiting(now: bool) -> None:  # another visitor's long training goes first
        if now:
            progress.progress(max(shown["percent"], 0) / 100, text=LANE_WAIT_WORDS)
        shown["percent"] = -1  # the bar is redrawn at the next epoch

    with LANE.telling(waiting):
        run = session.run_training(settings, on_epoch=on_epoch)
    if run.ok:
        session.say("success", _run_summary(run), "training")
    else:
        session.say("error", run.problem, "training")
    if run.note:  # the budget cut the epochs: the form shows the epochs it trained for
        session.say("info", run.note, "training")
        st.session_state.pop(WidgetKeys.setting("epochs"), None)
    st.rerun()


def _rows(n: int, kind: str) -> str:
    return f"{n} {kind} row{'' if n == 1 else 's'}"


def _run_summary(run) -> str:
    text = (f"Trained for {run.settings.epochs} epochs: right on {run.train_accuracy:.0%} of "
            f"the {_rows(len(run.train_rows), 'training')}")
    if run.validation_accuracy is not None:
        text += (f" and {run.validation_accuracy:.0%} of the "
                 f"{_rows(len(run.validation_rows), 'validation')}")
    return text + "."
