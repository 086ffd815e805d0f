"""Buy the Laptop's per-visitor state: one typed object, `LaptopSession`, under one key of
st.session_state (`SESSION_KEY`), and the page's widget keys, defined once (`WidgetKeys`).

The session is plain Python (a dataclass; pandas, NumPy and laptop/, no streamlit), so the
upload, training and laptop logic is tested without a browser. Nothing here is shared between
visitors. A fresh session starts from the page address (see `open_session`), and
`link_params` says what the address should hold now.
"""

from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from laptop.consensus import Consensus
from laptop.data import (
    DataError,
    check_table,
    editor_table,
    read_csv_bytes,
    table_from_arrays,
    tutorial_arrays,
    tutorial_table,
)
from laptop.deals import Deal
from laptop.lane import LANE
from laptop.playback import new_recorder
from laptop.recipe import (
    RECIPE,
    ModelFileError,
    Settings,
    TrainingRun,
    accuracy,
    majority_share,
    model_from_json_bytes,
    planned_settings,
    planned_steps,
    train,
)
from laptop.share_link import (
    DEFAULT_LAPTOP,
    SharedPage,
    deals_params,
    page_params,
    read_page,
)
from laptop.train_cache import TRAINED, VOTES
from nncore.model import Sequential
from nncore.recording import Recording

KEY = "laptop."  # the prefix of every key the page keeps in st.session_state
SESSION_KEY = KEY + "session"

# (epochs done, epochs in all, waiting=False), 0 before the first; waiting=True while the
# training waits for another visitor's long one (laptop/lane.py), False when its turn comes
Progress = Callable[..., None]


class WidgetKeys:
    """The page's widget keys, defined once: the sections draw with them, the tests find
    the widgets by them."""

    pink = KEY + "w.pink"
    small = KEY + "w.small"
    ask_form = KEY + "ask"
    ask_button = KEY + "ask_button"
    csv_upload = KEY + "csv_upload"
    model_upload = KEY + "model_upload"
    reset = KEY + "reset"
    download_csv = KEY + "download_csv"
    download_model = KEY + "download_model"
    settings_form = KEY + "settings_form"
    train = KEY + "train"
    share = KEY + "share"
    data_scatter = KEY + "data_scatter"
    verdict_bar = KEY + "verdict_bar"
    decision_map = KEY + "decision_map"
    agreement_map = KEY + "agreement_map"
    vote_strip = KEY + "vote_strip"
    confusion = KEY + "confusion"
    network = KEY + "network"
    player = KEY + "player"  # the training player (a custom component; its state: "frame")

    @staticmethod
    def setting(name: str) -> str:
        """The settings form's widget for the Settings field `name` ("hidden_units", ...)."""
        return f"{KEY}w.{name}"

    @staticmethod
    def remedy(label: str) -> str:
        """The one-click remedy button labelled `label`."""
        return f"{KEY}remedy.{label}"


@dataclass
class PlayerState:
    """The training player's part of the session (decide/player_section.py): `run` the
    TrainingRun it was set up for (None until the first), `epoch` the place in epochs of the
    frame it shows (Recording.epochs: 6, or 2.4 for batch 2 of 5 of epoch 3),
    `note` a plain-words note on an unusable `frame` in the address (shown once),
    `rerun_page` set when the browser reported another frame (the whole page reruns once),
    `cache` (recording, laptop, start): the frame the payload for that run and laptop
    started at (the payload itself is shared, see decide.player_section.PAYLOADS)."""

    run: TrainingRun | None = None
    epoch: float | None = None
    note: str | None = None
    rerun_page: bool = False
    cache: tuple[Recording, tuple[float, float], int] | None = None


@dataclass
class LaptopSession:
    """Everything Buy the Laptop keeps for one visitor.

    The table: `source` is what the data editor starts from (changed only by reset, upload
    or a link), with pink and small as text (laptop.data.editor_table), `edited` the
    editor's latest output (kept so edits survive leaving the page; never written back into
    the editor), `good` the last table that passed the checks, as (x, y). The model:
    `settings` of the form, `model` giving the verdict, `run` the TrainingRun behind it
    (None for a model loaded from a file), `failed_run` the last run that could not replace
    it, `trained_on` the (x, y) it learned from (or, loaded, was checked on), `consensus`
    the vote of many networks trained like it (member 0 is the model itself; None for a
    model loaded from a file; read-only and shared with every visitor whose rows and
    settings are the same, see laptop.train_cache.VOTES). The friend's laptop: `pink`,
    `small`. `messages`: (section, kind, text) to show once after a rerun; `uploads` and
    `upload_errors`: files already handled. The training player: `recording` of `run`
    (nncore.recording.Recording), `player` what it shows (PlayerState). `deals`: the
    friend's short list (laptop.deals).
    """

    source: pd.DataFrame
    edited: pd.DataFrame
    good: tuple[np.ndarray, np.ndarray]
    editor_version: int = 0
    settings: Settings = RECIPE
    model: Sequential | None = None
    run: TrainingRun | None = None
    failed_run: TrainingRun | None = None
    trained_on: tuple[np.ndarray, np.ndarray] | None = None
    consensus: Consensus | None = None  # the vote: the model's settings from many seeds
    pink: float = DEFAULT_LAPTOP[0]
    small: float = DEFAULT_LAPTOP[1]
    messages: list[tuple[str, str, str]] = field(default_factory=list)
    uploads: set[str] = field(default_factory=set)
    upload_errors: dict[str, str] = field(default_factory=dict)
    pending_train: bool = False  # a remedy asked for training on the next run
    recording: Recording | None = None
    player: PlayerState = field(default_factory=PlayerState)
    deals: tuple[Deal, ...] = ()  # the friend's short list of laptops (laptop.deals)

    def take_pending_train(self) -> bool:
        """Whether a remedy asked for training on this run (asked once, then cleared)."""
        pending, self.pending_train = self.pending_train, False
        return pending

    @classmethod
    def starting_from(cls, table: pd.DataFrame) -> "LaptopSession":
        """A session whose editor starts from `table` (not trained yet)."""
        check = check_table(table)
        source = editor_table(table)
        return cls(source=source, edited=source.copy(), good=(check.x, check.y))

    def _start_table(self, table: pd.DataFrame) -> None:
        check = check_table(table)
        self.source = editor_table(table)
        self.edited = self.source.copy()
        self.editor_version = 0
        self.good = (check.x, check.y)

    def restore(self, shared: SharedPage, progress: Progress | None = None) -> None:
        """Start from what a link holds. Every part is checked; a part that
        cannot be used gives a note (shown above the verdict) and the default. The model is
        trained with the link's seed, so the same link gives the same model anywhere, and
        within the training budget (a note says when the link asked for more); `progress`
        hears the epochs as they go by."""
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
        self._start_table(table)
        self.set_laptop(shared.laptop.pink, shared.laptop.small)
        self.deals = shared.deals
        run = self._train_kept(shared.settings, progress)
        if run.note:
            notes.append(run.note)
        if not run.ok:
            notes.append(f"{run.problem} The page uses the tutorial's recipe instead.")
            run = self._train_kept(RECIPE, progress)
        if not run.ok:  # the link's table cannot train with the recipe either
            notes.append("The link's table cannot be trained on, so the page starts from the "
                         "tutorial's table instead.")
            self._start_table(tutorial_table())
            self._train_kept(RECIPE, progress)
        self.failed_run = None
        for note in notes:
            self.say("warning", note, "verdict")

    def editor_key(self) -> str:
        """The data editor's widget key: a new one starts the editor afresh."""
        return f"{KEY}editor.{self.editor_version}"

    def restart_editor(self, table: pd.DataFrame) -> None:
        """Start the editor from `table` (reset, upload, or coming back to the page); pink and
        small become text (editor_table), so the editor hands back what was typed."""
        self.source = editor_table(table.reset_index(drop=True))
        self.edited = self.source.copy()
        self.editor_version = self.editor_version + 1

    def restore_edits_if_editor_was_dropped(self, widgets: Mapping) -> None:
        """Streamlit forgets a widget's state when its page is left; bring the edits back.
        `widgets`: where Streamlit keeps widget values (st.session_state)."""
        if self.editor_key() not in widgets and not self.edited.equals(self.source):
            self.restart_editor(self.edited)

    def take_edited_table(self, edited: pd.DataFrame):
        """Record the editor's output and check it; a good table becomes the data. Returns the
        TableCheck (its problems are shown; the last good data stays when there are any)."""
        self.edited = edited.copy()
        check = check_table(edited)
        if check.ok:
            self.good = (check.x, check.y)
        return check

    def data_changed_since_training(self) -> bool:
        x, y = self.good
        tx, ty = self.trained_on or (None, None)
        return tx is None or tx.shape != x.shape or not (np.array_equal(tx, x)
                                                         and np.array_equal(ty, y))

    def say(self, kind: str, text: str, section: str = "data") -> None:
        """Queue a message ("success", "info", "warning", "error") for a section's next render."""
        self.messages.append((section, kind, text))

    def pop_messages(self, section: str) -> list[tuple[str, str]]:
        """The queued (kind, text) messages of one section; they are shown once."""
        messages = self.messages
        mine = [(kind, text) for where, kind, text in messages if where == section]
        self.messages = [m for m in messages if m[0] != section]
        return mine

    def planned_epochs(self, settings: Settings) -> int:
        """The epochs a training with `settings` runs on the current rows: fewer than asked
        when over the budget (laptop.recipe.planned_settings; the run's note says so)."""
        if settings.problems():
            return settings.epochs
        return planned_settings(len(self.good[1]), settings)[0].epochs

    def _train_kept(self, settings: Settings, progress: Progress | None = None) -> TrainingRun:
        """run_training through the server's cache of trained models (a link opened again, by
        anyone, does not train again), telling `progress` (0, total) first, then each epoch,
        and (done, total, waiting=True) while a long training waits for another visitor's
        (laptop/lane.py), then (done, total, waiting=False) when its turn comes."""
        on_epoch = listener = None
        if progress is not None and not settings.problems():
            total = self.planned_epochs(settings)
            done = [0]
            progress(0, total)

            def on_epoch(epoch: int, logs: dict) -> None:
                done[0] = epoch
                progress(epoch, total)

            def listener(waiting: bool) -> None:
                progress(done[0], total, waiting=waiting)

        with LANE.telling(listener):
            return self.run_training(settings, on_epoch, trainer=TRAINED.train)

    def run_training(self, settings: Settings, on_epoch=None,
                     trainer: Callable[..., TrainingRun] = train) -> TrainingRun:
        """Train on the last good data; a good run replaces the model, a bad one only explains.
        The settings become the run's (fewer epochs when the budget cut them, see run.note)."""
        x, y = self.good
        # every epoch's weights for the player, scheduled over the epochs the run will take
        recorder = new_recorder(self.planned_epochs(settings))
        # A long training and its vote are one turn in the lane (laptop/lane.py), taken
        # before the caches are asked: a cached long training is costly to show too, and
        # whoever computes a long one for the caches holds the lane, so no one in the lane
        # waits for a key that someone outside it is computing.
        with LANE.turn(planned_steps(len(y), settings)):
            run = trainer(x, y, settings, on_epoch=on_epoch, callbacks=[recorder])
            self.settings = run.settings
            if run.ok:
                self.model = run.model
                self.run = run
                self.recording = recorder.recording
                self.trained_on = (x, y)
                # the vote on the same rows and settings is trained once for every visitor
                self.consensus = VOTES.consensus(x, y, run.settings)
            else:
                self.failed_run = run
        return run

    def add_row(self, pink: float, small: float, buy: bool) -> str | None:
        """Add the laptop (pink, small), with the friend's answer `buy`, at the end of the
        table as the editor shows it, and train again with the model's settings (through the
        server's cache). Returns None, or a plain-words problem when the row could not be
        added or trained on (then the table and the model stay as they were). Values are
        held to the square and to the sliders' hundredths."""
        pink, small = (round(min(max(float(v), 0.0), 1.0), 2) for v in (pink, small))
        row = editor_table(table_from_arrays(np.array([[pink, small]]), np.array([int(buy)])))
        table = pd.concat([self.edited, row], ignore_index=True)
        check = check_table(table)
        if not check.ok:
            return "The laptop was not added: " + " ".join(check.problems)
        kept = (self.source, self.edited, self.editor_version, self.good)
        self.restart_editor(table)
        self.good = (check.x, check.y)
        run = self._train_kept(self.model_settings())
        if not run.ok:
            self.source, self.edited, self.editor_version, self.good = kept
            self.failed_run = None
            return f"The laptop was not added: {run.problem}"
        return None

    def model_is_stuck(self) -> bool:
        """True when the model in use is right no more often than always giving the commoner
        answer on the rows it learned from (or, for a loaded model, on the current rows)."""
        run = self.run
        if run is not None:
            return run.stuck
        x, y = self.trained_on
        return accuracy(self.model, x, y) <= majority_share(y) + 1e-9

    def laptop(self) -> tuple[float, float]:
        return self.pink, self.small

    def set_laptop(self, pink: float, small: float) -> None:
        self.pink, self.small = float(pink), float(small)

    def is_default_laptop(self) -> bool:
        return self.laptop() == DEFAULT_LAPTOP

    def model_settings(self) -> Settings:
        """The settings the model in use was trained with (a loaded model: the page's)."""
        run = self.run
        return run.settings if run is not None else self.settings

    def link_params(self) -> dict[str, str | None]:
        """What the page address should hold: the laptop, the table (None when it is too long
        for a link), the settings with the seed and the list of deals (None when empty)."""
        x, y = self.good
        return {**page_params(x, y, self.model_settings(), *self.laptop()),
                **deals_params(self.deals)}

    def is_default_page(self) -> bool:
        """The tutorial's table, the recipe and the tutorial's laptop: a clean address will do."""
        return self.link_params() == default_params()

    def _first_time(self, upload_id: str) -> bool:
        if upload_id in self.uploads:
            return False
        self.uploads.add(upload_id)
        return True

    def take_csv_upload(self, raw: bytes, upload_id: str) -> str | None:
        """Use an uploaded CSV as the table if it passes every check. Returns an error message
        (the current table stays) or None. A file is handled once, however often the page runs."""
        if not self._first_time(upload_id):
            return None
        try:
            table = read_csv_bytes(raw, name="The uploaded file")
        except DataError as error:
            return f"{error} Your current table is unchanged."
        check = check_table(table)
        if not check.ok:
            return "The uploaded table cannot be used: " + " ".join(check.problems) + \
                " Your current table is unchanged."
        self.restart_editor(table)
        self.good = (check.x, check.y)
        self.say("success", f"Loaded {len(table)} laptops from the file. Press Train to learn "
                              "from them.")
        for note in check.notes:
            self.say("info", note)
        return None

    def take_model_upload(self, raw: bytes, upload_id: str) -> str | None:
        """Use an uploaded model file for the verdict if it passes every check. Returns an error
        message (the current model stays) or None."""
        if not self._first_time(upload_id):
            return None
        try:
            self.model = model_from_json_bytes(raw, name="The uploaded file")
        except ModelFileError as error:
            return f"{error} The current model is kept."
        self.run, self.trained_on = None, self.good  # no history; checked on the current rows
        self.consensus = None  # a file holds one network: there is no vote
        self.say("success", "Loaded the model from the file; it now gives the verdict.", "model")
        return None

    def reset_table(self) -> None:
        table = tutorial_table()
        self.restart_editor(table)
        check = check_table(table)
        self.good = (check.x, check.y)
        self.say("info", "The table is back to the tutorial's 9 laptops.")


def open_session(state: MutableMapping, params: Mapping | None = None,
                 progress: Progress | None = None) -> LaptopSession:
    """The visitor's session, kept in `state` (st.session_state on the page, a plain dict in
    tests) under SESSION_KEY. The first run makes it from the page address when it holds the
    table, settings, seed and laptop (a reload or a shared link), else from the tutorial's,
    and trains (or takes the model the same table and settings gave before, see
    laptop.train_cache), telling `progress` the epochs as they go by."""
    if SESSION_KEY not in state:
        session = LaptopSession.starting_from(tutorial_table())
        session.restore(read_page(params or {}), progress)
        state[SESSION_KEY] = session
    session = state[SESSION_KEY]
    if session.model is None:
        session._train_kept(session.settings, progress)
    return session


def visit_steps(state: Mapping, params: Mapping | None = None) -> int:
    """The training steps behind the page this run shows (laptop.recipe.planned_steps): the
    model in use's settings on the rows it learned from, or, for a new visitor, what the
    page address asks for (the tutorial's recipe without one). Above COSTLY_STEPS the run
    takes its turn in the lane (laptop/lane.py), whether the training is kept or not."""
    session = state.get(SESSION_KEY)
    if session is not None:
        rows = (session.trained_on or session.good)[1]
        return planned_steps(len(rows), session.model_settings())
    shared = read_page(params or {})
    rows = len(tutorial_arrays()[1]) if shared.x is None else len(shared.x)
    return planned_steps(rows, shared.settings)


def needs_training(state: Mapping) -> bool:
    """Whether open_session(state, ...) will train: a new visitor, or no model yet."""
    session = state.get(SESSION_KEY)
    return session is None or session.model is None


def default_params() -> dict[str, str | None]:
    """What the address holds for the tutorial's table, recipe and laptop (and no list)."""
    return {**page_params(*tutorial_arrays(), RECIPE, *DEFAULT_LAPTOP), **deals_params(())}
