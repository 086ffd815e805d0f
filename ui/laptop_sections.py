"""The sections of the Buy the Laptop page, each a function that reads widgets and renders.

Logic lives in laptop/ and ui/laptop_state.py; figures in ui/laptop_figures.py and
ui/decision_map.py. Every text that may come from a visitor (file contents, file names, link
values) goes through laptop.plain_text.literal or is never shown.
"""

import logging

import numpy as np
import pandas as pd
import streamlit as st

from laptop.data import MAX_ROWS, to_csv_bytes
from laptop.plain_text import literal
from laptop.recipe import (
    ACTIVATIONS,
    INITIALIZERS,
    Settings,
    accuracy,
    epoch_log_line,
    majority_share,
    model_to_json_bytes,
    predict_buy,
    remedies,
)
from laptop.share_link import format_fraction
from laptop.verdict import verdict
from ui import laptop_state as ls
from ui.decision_map import decision_map_figure, probability_grid
from ui.laptop_figures import (
    confusion_matrix_figure,
    data_scatter_figure,
    network_figure,
    training_curves_figure,
    verdict_bar_figure,
)
from ui.theme import LABEL_NAMES

P = "laptop."
_LOG = logging.getLogger(__name__)
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0)
ROW_PX = 35  # the data editor's row (and header) height
SETTING_WIDGETS = ("hidden_units", "activation", "learning_rate", "epochs", "batch_size",
                   "initializer", "validation_split", "seed")


def guarded(render, what: str) -> bool:
    """Run one section; if it fails, say so in words and keep the rest of the page working
    (the traceback goes to the server log, never to the visitor). Streamlit's own rerun and
    stop signals are BaseExceptions and pass through."""
    try:
        render()
    except Exception:  # noqa: BLE001 - the safety net of last resort
        _LOG.exception("Buy the Laptop: the %s section failed", what)
        st.error(f"Something went wrong while showing {what}. Your table and model are "
                 "unchanged; reloading the page may help.", icon=":material/error:")
        return False
    return True


def show(kind: str, text: str) -> None:
    """A message box whose text is always shown literally (never as markdown or HTML)."""
    box = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}
    box[kind](literal(text, max_chars=800))


def show_queued(section: str) -> None:
    for kind, text in ls.pop_messages(st.session_state, section):
        show(kind, text)


# ---- the friend's part -------------------------------------------------------------------
def friend_section() -> None:
    ss = st.session_state
    for note in ls.apply_link(ss, st.query_params):
        show("warning", note)
    _write_link()
    verdict_box = st.container()
    ask, picture = st.columns([5, 6], gap="large")
    with ask:
        _laptop_form()
    pink, small = ls.laptop(ss)
    model = ls.current_model(ss)
    p_buy = float(predict_buy(model, np.array([[pink, small]]))[0])
    answer = verdict(p_buy)
    with verdict_box:
        color = "green" if answer.buy else "orange"
        icon = ":material/thumb_up:" if answer.buy else ":material/thumb_down:"
        st.markdown(f"### {icon} :{color}[{answer.headline}]  \n"
                    f"**{answer.sentence}** The model is {answer.confidence}.")
        if ls.model_is_stuck(ss):
            st.warning("Careful: the model in use did not learn the table (its training got "
                       "stuck), so this answer is close to a guess. See \"How good is the "
                       "model?\" below for a one-click fix.", icon=":material/warning:")
        st.plotly_chart(verdict_bar_figure(p_buy), key="laptop.verdict_bar",
                        config={"displayModeBar": False})
        st.caption(f"For a laptop that is {format_fraction(pink)} pink and "
                   f"{format_fraction(small)} small (0 = not at all, 1 = completely). "
                   "The page address now opens this laptop: copy it to share the verdict.")
    with picture:
        axis, grid = probability_grid(lambda rows: predict_buy(model, rows))
        x, y = ls.trained_on(ss)
        fig = decision_map_figure(axis, grid, points=x, labels=y, highlight=(pink, small),
                                  title="Why: the model's answer for every laptop")
        fig.update_layout(legend={"y": -0.2, "yanchor": "top", "x": 0, "xanchor": "left"},
                          margin={"b": 90}, height=480)
        st.plotly_chart(fig, key="laptop.decision_map")
        st.caption("Green areas: the model says buy; orange: don't buy; the dashed line is "
                   "50/50. Circles are laptops your friend would buy, crosses ones they "
                   "would not (the rows it learned from); the star is yours.")


def _write_link() -> None:
    """Keep the address bar a share link for the laptop on screen. A first visit without a
    link keeps its clean address (writing it then made Streamlit 1.67 flash "Page not found"
    on a fresh server)."""
    params = ls.link_params(st.session_state)
    current = {k: st.query_params.get(k) for k in params}
    if current == params:
        return
    if all(v is None for v in current.values()) and ls.is_default_laptop(st.session_state):
        return
    st.query_params.update(params)


def _laptop_form() -> None:
    ss = st.session_state
    pink, small = ls.laptop(ss)
    ss[P + "w.pink"], ss[P + "w.small"] = pink, small
    with st.form(P + "ask"):
        st.slider("How pink is it?", 0.0, 1.0, step=0.01, key=P + "w.pink",
                  help="0 = not pink at all, 1 = completely pink")
        st.slider("How small is it?", 0.0, 1.0, step=0.01, key=P + "w.small",
                  help="0 = not small at all, 1 = as small as laptops get")
        st.form_submit_button("Ask the model", type="primary", key=P + "ask_button",
                              on_click=_take_form)


def _take_form() -> None:
    ss = st.session_state
    ls.set_laptop(ss, ss[P + "w.pink"], ss[P + "w.small"])


# ---- the data ----------------------------------------------------------------------------
def data_section() -> None:
    ss = st.session_state
    st.header("The data: what your friend told you", divider="gray")
    st.write("Each row is a laptop your friend judged. Double-click a cell to change it, "
             "click the empty last row to add a laptop, or select rows by their left edge and "
             "press Delete to remove them. The model learns from this table when you press "
             "Train.")
    upload_error = _handle_upload(P + "csv_upload", ls.take_csv_upload)
    show_queued("data")
    if upload_error:
        show("error", upload_error)
    ls.restore_edits_if_editor_was_dropped(ss)
    table_col, scatter_col = st.columns([5, 6], gap="large")
    with table_col:
        edited = st.data_editor(
            ss[P + "source"], key=ls.editor_key(ss), num_rows="dynamic", width="stretch",
            # Room for a few new rows without scrolling. Fixed while this editor lives: a
            # dynamic editor's identity includes its height, and a new identity drops edits.
            height=min(ROW_PX * (len(ss[P + "source"]) + 5) + 3, 800), row_height=ROW_PX,
            column_config={
                "pink": st.column_config.NumberColumn(
                    "pink (0-1)", min_value=0.0, max_value=1.0, step=0.01, format="%.2f",
                    help="How pink: 0 = not at all, 1 = completely"),
                "small": st.column_config.NumberColumn(
                    "small (0-1)", min_value=0.0, max_value=1.0, step=0.01, format="%.2f",
                    help="How small: 0 = not at all, 1 = tiny"),
                "buy": st.column_config.CheckboxColumn(
                    "buy?", default=False, help="Ticked = your friend would buy it"),
            })
        check = ls.take_edited_table(ss, edited)
        for problem in check.problems:
            show("error", problem + " Until then the page keeps using the last good table.")
        for note in check.notes:
            show("info", note)
        c1, c2 = st.columns(2)
        c1.button("Back to the tutorial's table", on_click=ls.reset_table, args=(ss,),
                  key=P + "reset", icon=":material/restart_alt:")
        c2.download_button("Download the table (CSV)", to_csv_bytes(edited), "laptops.csv",
                           "text/csv", key=P + "download_csv", on_click="ignore",
                           icon=":material/download:")
        st.file_uploader(f"Upload a table: a CSV file with columns pink, small, buy (at most "
                         f"{MAX_ROWS:,} rows)", type=["csv"], key=P + "csv_upload",
                         max_upload_size=1)
    with scatter_col:
        x, y = ls.good_data(ss)
        st.plotly_chart(data_scatter_figure(x, y, highlight=ls.laptop(ss)),
                        key="laptop.data_scatter")
    if ls.data_changed_since_training(ss):
        st.info("The table changed since the model was trained. Press **Train** below to "
                "learn from it.", icon=":material/info:")


def take_uploads() -> None:
    """Handle newly uploaded files before anything is drawn, so the verdict at the top
    already uses an uploaded model (each section shows its file's message later)."""
    _handle_upload(P + "csv_upload", ls.take_csv_upload)
    _handle_upload(P + "model_upload", ls.take_model_upload)


def _handle_upload(key: str, take) -> str | None:
    """Hand a newly uploaded file to `take` once; the error stays shown while the file is."""
    ss = st.session_state
    uploaded = ss.get(key)
    if uploaded is None:
        return None
    upload_id = f"{key}:{uploaded.file_id}"
    errors = ss.setdefault(P + "upload_errors", {})
    error = take(ss, uploaded.getvalue(), upload_id)
    if error:
        errors[upload_id] = error
    return errors.get(upload_id)


# ---- the model and its training ----------------------------------------------------------
def _sync_setting_widgets(settings: Settings, force: bool = False) -> None:
    ss = st.session_state
    for name in SETTING_WIDGETS:
        if force or P + "w." + name not in ss:
            ss[P + "w." + name] = getattr(settings, name)


def _settings_from_widgets() -> Settings:
    ss = st.session_state
    return Settings(**{name: ss[P + "w." + name] for name in SETTING_WIDGETS})


def use_settings_and_train(settings: Settings) -> None:
    """Callback of the one-click remedies: change the settings and train on the next run."""
    _sync_setting_widgets(settings, force=True)
    st.session_state[P + "settings"] = settings
    st.session_state[P + "pending_train"] = True


@st.fragment
def training_section() -> None:
    """A fragment: pressing Train reruns only this part while the epochs go by."""
    guarded(_training_body, "the training")


def _training_body() -> None:
    ss = st.session_state
    st.header("The model and its training", divider="gray")
    st.write("The tutorial's recipe is the starting point: 2 inputs, 3 hidden neurons with "
             "ReLU, 2 outputs with softmax, Adam with learning rate 0.1, binary "
             "cross-entropy, 20 epochs, batches of 32, rows shuffled every epoch.")
    _sync_setting_widgets(ss[P + "settings"])
    with st.form(P + "settings_form", border=True):
        c1, c2, c3, c4 = st.columns(4)
        c1.number_input("Hidden neurons", 1, 16, step=1, key=P + "w.hidden_units")
        c2.selectbox("Hidden activation", list(ACTIVATIONS), format_func=ACTIVATIONS.get,
                     key=P + "w.activation")
        c3.select_slider("Learning rate", LEARNING_RATES, key=P + "w.learning_rate")
        c4.number_input("Epochs", 1, 500, step=1, key=P + "w.epochs")
        c1.number_input("Batch size", 1, 1000, step=1, key=P + "w.batch_size")
        c2.selectbox("Starting weights", list(INITIALIZERS), format_func=INITIALIZERS.get,
                     key=P + "w.initializer")
        c3.slider("Share held out for validation", 0.0, 0.5, step=0.05,
                  key=P + "w.validation_split",
                  help="The last rows of the table are kept out of training to check the "
                       "model on laptops it has not seen.")
        c4.number_input("Seed", 0, 2**31 - 1, step=1, key=P + "w.seed",
                        help="Picks the random starting weights and the shuffling order.")
        clicked = st.form_submit_button("Train", type="primary", key=P + "train",
                                        icon=":material/model_training:")
    show_queued("training")
    if clicked or ss.pop(P + "pending_train", False):
        _train_live(_settings_from_widgets() if clicked else ss[P + "settings"])
        return
    run = ls.current_run(ss)
    if run is not None:
        st.plotly_chart(training_curves_figure(run.history, run.settings.epochs),
                        key="laptop.curves")
        with st.expander("Epoch log"):
            st.code(_epoch_log(run.history), language=None)
    else:
        st.info("The model in use was loaded from a file, so there is no training history.")


def _epoch_log(history: dict) -> str:
    n = len(history.get("loss", []))
    return "\n".join(epoch_log_line(e + 1, {k: v[e] for k, v in history.items() if len(v) > e})
                     for e in range(n))


def _train_live(settings: Settings) -> None:
    ss = st.session_state
    progress = st.progress(0.0, text="Training...")
    chart = st.empty()
    log = st.empty()
    history: dict[str, list[float]] = {}
    every = max(1, settings.epochs // 25)

    def on_epoch(epoch: int, logs: dict) -> None:
        for k, v in logs.items():
            history.setdefault(k, []).append(float(v))
        progress.progress(epoch / settings.epochs,
                          text=f"Epoch {epoch} of {settings.epochs}")
        if epoch % every == 0 or epoch == settings.epochs:
            chart.plotly_chart(training_curves_figure(history, settings.epochs),
                               key=f"laptop.live_curves.{epoch}")
            log.code(epoch_log_line(epoch, logs), language=None)

    run = ls.run_training(ss, settings, on_epoch=on_epoch)
    if run.ok:
        ls.say(ss, "success", _run_summary(run), "training")
    else:
        ls.say(ss, "error", run.problem, "training")
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


# ---- how good is it ----------------------------------------------------------------------
def evaluation_section() -> None:
    ss = st.session_state
    model = ls.current_model(ss)
    run = ls.current_run(ss)
    x, y = ls.trained_on(ss)
    st.header("How good is the model?", divider="gray")
    p_buy = predict_buy(model, x)
    said = (p_buy >= 0.5).astype(int)
    if run is not None:
        train_rows, val_rows = run.train_rows, run.validation_rows
    else:
        train_rows, val_rows = np.arange(len(y)), np.arange(0)
    train_acc = accuracy(model, x[train_rows], y[train_rows])
    val_acc = accuracy(model, x[val_rows], y[val_rows])
    baseline = majority_share(y[train_rows])
    c1, c2, c3 = st.columns(3)
    c1.metric("Right on training rows", f"{train_acc:.0%}", help=f"{len(train_rows)} rows")
    c2.metric("Right on validation rows", "none held out" if val_acc is None
              else f"{val_acc:.0%}", help=f"{len(val_rows)} rows")
    c3.metric("Always giving the commoner answer", f"{baseline:.0%}",
              help="The score of a model that learned nothing")
    if train_acc <= baseline + 1e-9:
        _stuck_help(ss[P + "settings"], train_acc, baseline)
    left, right = st.columns(2, gap="large")
    with left:
        st.plotly_chart(confusion_matrix_figure(y, said, title="Right and wrong answers "
                                                               "(all rows)"),
                        key="laptop.confusion")
    with right:
        model_layers = getattr(model, "layers", [])
        weights = model.get_weights()
        st.plotly_chart(network_figure(weights[0::2], weights[1::2],
                                       [layer.activation.name for layer in model_layers]),
                        key="laptop.network")
    role = np.array(["training"] * len(y), dtype=object)
    role[val_rows] = "validation"
    st.dataframe(pd.DataFrame({
        "pink": x[:, 0], "small": x[:, 1], "table says": [LABEL_NAMES[int(v)] for v in y],
        "P(buy)": p_buy, "model says": [LABEL_NAMES[int(v)] for v in said],
        "right?": np.where(said == y, "yes", "NO"), "used for": role,
    }, index=pd.RangeIndex(1, len(y) + 1, name="row")), width="stretch",
        column_config={"P(buy)": st.column_config.ProgressColumn(
            "P(buy)", min_value=0.0, max_value=1.0, format="%.2f")})


def _stuck_help(settings: Settings, train_acc: float, baseline: float) -> None:
    st.warning(f"Training got stuck: the model is right on {train_acc:.0%} of the training "
               f"rows, no better than always giving the commoner answer ({baseline:.0%}). "
               "This happens to this small network with some starting weights (some hidden "
               "neurons output 0 for every laptop and stop learning). Try one of these:",
               icon=":material/warning:")
    cols = st.columns(3)
    for col, (label, fixed) in zip(cols, remedies(settings).items(), strict=False):
        col.button(label, on_click=use_settings_and_train, args=(fixed,),
                   key=f"{P}remedy.{label}")


# ---- save and load -----------------------------------------------------------------------
def model_file_section() -> None:
    ss = st.session_state
    st.header("Save or load the model", divider="gray")
    error = _handle_upload(P + "model_upload", ls.take_model_upload)
    show_queued("model")
    if error:
        show("error", error)
    c1, c2 = st.columns(2, gap="large")
    c1.download_button("Download the model (JSON)",
                       model_to_json_bytes(ls.current_model(ss), ss[P + "settings"]),
                       "laptop-model.json", "application/json", key=P + "download_model",
                       on_click="ignore", icon=":material/download:")
    c1.caption("Send this file to your friend, or load it here later.")
    c2.file_uploader("Load a model file (JSON saved from this page)", type=["json"],
                     key=P + "model_upload", max_upload_size=1)
