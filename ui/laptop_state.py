"""Per-visitor state of the Buy the Laptop page, all under "laptop." keys of st.session_state.

Every function takes the state mapping as its first argument (st.session_state on the page,
a plain dict in tests), so the upload/training/laptop logic is tested without a browser.
Nothing here is shared between visitors. A fresh session starts from the page address (see
restore), and link_params says what the address should hold now.

Keys:
  laptop.source        the table the data editor starts from (changed only by reset/upload)
  laptop.editor_version  part of the editor's key; bumped to start the editor afresh
  laptop.edited        the editor's latest output (kept so edits survive leaving the page)
  laptop.good          the last table that passed the checks: (x, y)
  laptop.settings      the training Settings
  laptop.model         the model that gives the verdict
  laptop.run           the TrainingRun behind it (None for a model loaded from a file)
  laptop.trained_on    (x, y) the model was trained or evaluated on
  laptop.pink / laptop.small   the friend's laptop
  laptop.messages      [(kind, text)] to show once after a rerun
  laptop.uploads       ids of upload files already handled
"""

from collections.abc import Callable, Mapping, MutableMapping

import numpy as np
import pandas as pd

from laptop.data import (
    DataError,
    check_table,
    read_csv_bytes,
    table_from_arrays,
    tutorial_table,
)
from laptop.recipe import (
    RECIPE,
    ModelFileError,
    Settings,
    TrainingRun,
    accuracy,
    majority_share,
    model_from_json_bytes,
    planned_settings,
    train,
)
from laptop.share_link import DEFAULT_LAPTOP, SharedPage, page_params, read_page
from laptop.train_cache import TRAINED

Progress = Callable[[int, int], None]  # (epochs done, epochs in all), 0 before the first

P = "laptop."


def init(state: MutableMapping, params: Mapping | None = None,
         progress: Progress | None = None) -> None:
    """First run of a session: the table, settings, seed and laptop from the page address
    when it holds them (a reload or a shared link), else the tutorial's; then train (or
    take the model the same table and settings gave before, see laptop.train_cache),
    telling `progress` the epochs as they go by."""
    if P + "source" not in state:
        restore(state, read_page(params or {}), progress)
    state.setdefault(P + "settings", RECIPE)
    state.setdefault(P + "pink", DEFAULT_LAPTOP[0])
    state.setdefault(P + "small", DEFAULT_LAPTOP[1])
    state.setdefault(P + "messages", [])
    state.setdefault(P + "uploads", set())
    if state.get(P + "model") is None:
        _train_kept(state, state[P + "settings"], progress)


def _start_table(state: MutableMapping, table: pd.DataFrame) -> None:
    check = check_table(table)
    state[P + "source"] = table
    state[P + "edited"] = table.copy()
    state[P + "editor_version"] = 0
    state[P + "good"] = (check.x, check.y)


def restore(state: MutableMapping, shared: SharedPage, progress: Progress | None = None
            ) -> None:
    """Start a fresh session from what a link holds. Every part is checked; a part that
    cannot be used gives a note (shown above the verdict) and the default. The model is
    trained with the link's seed, so the same link gives the same model anywhere, and
    within the training budget (a note says when the link asked for more)."""
    state.setdefault(P + "messages", [])
    notes = list(shared.notes)
    table = tutorial_table()
    if shared.x is not None:
        linked = table_from_arrays(np.array(shared.x, dtype=float), np.array(shared.y))
        check = check_table(linked)
        if check.ok:
            table = linked
        else:
            notes.append("The table in the link cannot be used: " + " ".join(check.problems)
                         + " The page starts from the tutorial's table instead.")
    _start_table(state, table)
    set_laptop(state, shared.laptop.pink, shared.laptop.small)
    run = _train_kept(state, shared.settings, progress)
    if run.note:
        notes.append(run.note)
    if not run.ok:
        notes.append(f"{run.problem} The page uses the tutorial's recipe instead.")
        run = _train_kept(state, RECIPE, progress)
    if not run.ok:  # the link's table cannot train with the recipe either
        notes.append("The link's table cannot be trained on, so the page starts from the "
                     "tutorial's table instead.")
        _start_table(state, tutorial_table())
        _train_kept(state, RECIPE, progress)
    state.pop(P + "failed_run", None)
    for note in notes:
        say(state, "warning", note, "verdict")


def editor_key(state: MutableMapping) -> str:
    return f"{P}editor.{state[P + 'editor_version']}"


def restart_editor(state: MutableMapping, table: pd.DataFrame) -> None:
    """Start the editor from `table` (reset, upload, or coming back to the page)."""
    state[P + "source"] = table.reset_index(drop=True)
    state[P + "edited"] = state[P + "source"].copy()
    state[P + "editor_version"] = state[P + "editor_version"] + 1


def restore_edits_if_editor_was_dropped(state: MutableMapping) -> None:
    """Streamlit forgets a widget's state when its page is left; bring the edits back."""
    if editor_key(state) not in state and not state[P + "edited"].equals(state[P + "source"]):
        restart_editor(state, state[P + "edited"])


def take_edited_table(state: MutableMapping, edited: pd.DataFrame):
    """Record the editor's output and check it; a good table becomes the data. Returns the
    TableCheck (its problems are shown; the last good data stays when there are any)."""
    state[P + "edited"] = edited.copy()
    check = check_table(edited)
    if check.ok:
        state[P + "good"] = (check.x, check.y)
    return check


def good_data(state: MutableMapping) -> tuple[np.ndarray, np.ndarray]:
    return state[P + "good"]


def data_changed_since_training(state: MutableMapping) -> bool:
    x, y = good_data(state)
    tx, ty = state.get(P + "trained_on", (None, None))
    return tx is None or tx.shape != x.shape or not (np.array_equal(tx, x)
                                                     and np.array_equal(ty, y))


def say(state: MutableMapping, kind: str, text: str, section: str = "data") -> None:
    """Queue a message ("success", "info", "warning", "error") for a section's next render."""
    state[P + "messages"].append((section, kind, text))


def pop_messages(state: MutableMapping, section: str) -> list[tuple[str, str]]:
    """The queued (kind, text) messages of one section; they are shown once."""
    messages = state.get(P + "messages", [])
    mine = [(kind, text) for where, kind, text in messages if where == section]
    state[P + "messages"] = [m for m in messages if m[0] != section]
    return mine


def _train_kept(state: MutableMapping, settings: Settings, progress: Progress | None
                ) -> TrainingRun:
    """run_training through the server's cache of trained models (a link opened again, by
    anyone, does not train again), telling `progress` (0, total) first, then each epoch."""
    on_epoch = None
    if progress is not None and not settings.problems():
        total = planned_settings(len(good_data(state)[1]), settings)[0].epochs
        progress(0, total)
        on_epoch = lambda epoch, logs: progress(epoch, total)  # noqa: E731
    return run_training(state, settings, on_epoch, trainer=TRAINED.train)


def run_training(state: MutableMapping, settings: Settings, on_epoch=None,
                 trainer: Callable[..., TrainingRun] = train) -> TrainingRun:
    """Train on the last good data; a good run replaces the model, a bad one only explains.
    The settings become the run's (fewer epochs when the budget cut them, see run.note)."""
    x, y = good_data(state)
    run = trainer(x, y, settings, on_epoch=on_epoch)
    state[P + "settings"] = run.settings
    if run.ok:
        state[P + "model"] = run.model
        state[P + "run"] = run
        state[P + "trained_on"] = (x, y)
    else:
        state[P + "failed_run"] = run
    return run


def current_model(state: MutableMapping):
    return state.get(P + "model")


def trained_on(state: MutableMapping) -> tuple[np.ndarray, np.ndarray]:
    """The rows the current model learned from (or, for a loaded model, was checked on)."""
    return state[P + "trained_on"]


def model_is_stuck(state: MutableMapping) -> bool:
    """True when the model in use is right no more often than always giving the commoner
    answer on the rows it learned from (or, for a loaded model, on the current rows)."""
    run = current_run(state)
    if run is not None:
        return run.stuck
    x, y = trained_on(state)
    return accuracy(current_model(state), x, y) <= majority_share(y) + 1e-9


def current_run(state: MutableMapping) -> TrainingRun | None:
    return state.get(P + "run")


def laptop(state: MutableMapping) -> tuple[float, float]:
    return state[P + "pink"], state[P + "small"]


def set_laptop(state: MutableMapping, pink: float, small: float) -> None:
    state[P + "pink"], state[P + "small"] = float(pink), float(small)


def is_default_laptop(state: MutableMapping) -> bool:
    return laptop(state) == DEFAULT_LAPTOP


def model_settings(state: MutableMapping) -> Settings:
    """The settings the model in use was trained with (a loaded model: the page's)."""
    run = current_run(state)
    return run.settings if run is not None else state[P + "settings"]


def link_params(state: MutableMapping) -> dict[str, str | None]:
    """What the page address should hold: the laptop, the table (None when it is too long
    for a link) and the settings with the seed."""
    x, y = good_data(state)
    return page_params(x, y, model_settings(state), *laptop(state))


def is_default_page(state: MutableMapping) -> bool:
    """The tutorial's table, the recipe and the tutorial's laptop: a clean address will do."""
    return link_params(state) == default_params()


def default_params() -> dict[str, str | None]:
    check = check_table(tutorial_table())
    return page_params(check.x, check.y, RECIPE, *DEFAULT_LAPTOP)


def _first_time(state: MutableMapping, upload_id: str) -> bool:
    if upload_id in state[P + "uploads"]:
        return False
    state[P + "uploads"].add(upload_id)
    return True


def take_csv_upload(state: MutableMapping, raw: bytes, upload_id: str) -> str | None:
    """Use an uploaded CSV as the table if it passes every check. Returns an error message
    (the current table stays) or None. A file is handled once, however often the page runs."""
    if not _first_time(state, upload_id):
        return None
    try:
        table = read_csv_bytes(raw, name="The uploaded file")
    except DataError as error:
        return f"{error} Your current table is unchanged."
    check = check_table(table)
    if not check.ok:
        return "The uploaded table cannot be used: " + " ".join(check.problems) + \
            " Your current table is unchanged."
    restart_editor(state, table)
    state[P + "good"] = (check.x, check.y)
    say(state, "success", f"Loaded {len(table)} laptops from the file. Press Train to learn "
                          "from them.")
    for note in check.notes:
        say(state, "info", note)
    return None


def take_model_upload(state: MutableMapping, raw: bytes, upload_id: str) -> str | None:
    """Use an uploaded model file for the verdict if it passes every check. Returns an error
    message (the current model stays) or None."""
    if not _first_time(state, upload_id):
        return None
    try:
        model = model_from_json_bytes(raw, name="The uploaded file")
    except ModelFileError as error:
        return f"{error} The current model is kept."
    state[P + "model"] = model
    state[P + "run"] = None
    state[P + "trained_on"] = good_data(state)
    say(state, "success", "Loaded the model from the file; it now gives the verdict.", "model")
    return None


def reset_table(state: MutableMapping) -> None:
    table = tutorial_table()
    restart_editor(state, table)
    check = check_table(table)
    state[P + "good"] = (check.x, check.y)
    say(state, "info", "The table is back to the tutorial's 9 laptops.")
