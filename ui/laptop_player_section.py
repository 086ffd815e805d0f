"""Buy the Laptop, "Watch it learn": the training player for the model in use.

One call, `player_section()`, from the training section (a fragment). The frame shown is the
page's: kept in session state and in the address (`frame=<epoch>`), so a reload or a shared
link shows the same moment; a bad `frame` value shows the end with a plain note. A new
training starts the player at its end (the trained model, the one giving the verdict).

Keys: laptop.player (the component's state), laptop.player.epoch (the epoch shown),
laptop.player.run (the run it belongs to), laptop.player.cache ((recording, laptop, payload)).
"""

import streamlit as st

from laptop.playback import frame_from_link, replay_frames
from ui import laptop_state as ls
from ui.laptop_common import P
from ui.player.component import training_player
from ui.player.payload import player_payload

KEY = P + "player"
LINK_KEY = "frame"


def shown_epoch(state) -> int | None:
    """The epoch the player shows, or None when it shows the end (the trained model)."""
    recording = state.get(P + "recording")
    epoch = state.get(KEY + ".epoch")
    if (ls.current_run(state) is None or recording is None or epoch is None
            or epoch >= recording.epochs[-1]):  # no run (a model from a file): no player
        return None
    return epoch


def verdict_note(state) -> str | None:
    """For the verdict: a sentence when the player shows an earlier moment than the end."""
    adopt_run(state, st.query_params.get(LINK_KEY))
    if shown_epoch(state) is None:
        return None
    last = state[P + "recording"].epochs[-1]
    return (f"This verdict comes from the trained model (after all {last} epochs), not from "
            "the earlier moment the training player below shows.")


def adopt_run(state, link_value: str | None) -> None:
    """Once per run: the epoch to show. The session's first run takes it from the address
    (`link_value`; a bad value gives the end and a note in laptop.player.note); a new
    training shows its end, the model that now gives the verdict. No-op without a run."""
    run, recording = ls.current_run(state), state.get(P + "recording")
    if run is None or recording is None or state.get(KEY + ".run") is run:
        return
    epochs = recording.epochs
    if KEY + ".run" not in state:
        frame, note = frame_from_link(link_value, epochs)
        if note:
            state[KEY + ".note"] = note
    else:
        frame = len(epochs) - 1
    state[KEY + ".run"] = run
    state[KEY + ".epoch"] = epochs[frame]
    state.pop(KEY, None)  # the component starts afresh at `frame`
    if LINK_KEY in st.query_params and frame == len(epochs) - 1:
        del st.query_params[LINK_KEY]


def _payload(state, start: int) -> dict:
    """The player's payload for the run and laptop in use, built once per (run, laptop),
    starting at `start` then. Later reruns send the very same payload (the player in the
    browser keeps its own frame), so Streamlit's message cache sends the browser a
    reference to it instead of the payload again (up to 2 MB for a long run)."""
    run, recording = ls.current_run(state), state[P + "recording"]
    laptop = ls.laptop(state)
    cached = state.get(KEY + ".cache")  # (recording, laptop, payload)
    if cached is None or cached[0] is not recording or cached[1] != laptop:
        x, y = ls.trained_on(state)
        frames = replay_frames(run.model, recording, x, y, run.train_rows,
                               run.validation_rows, laptop)
        payload = player_payload(frames, x, y, laptop, run.settings.epochs, start)
        state[KEY + ".cache"] = cached = (recording, laptop, payload)
    return cached[2]


def take_frame(state, params, frame) -> bool:
    """The browser shows frame index `frame`: keep its epoch in `state` and in the address
    `params` (none at the end). Returns True when the shown epoch changed (the whole page
    then reruns: the verdict's note and the share link follow). Ignores a bad index."""
    recording = state.get(P + "recording")
    if recording is None or not isinstance(frame, int) or not 0 <= frame < len(recording):
        return False
    before = state.get(KEY + ".epoch")
    state[KEY + ".epoch"] = recording.epochs[frame]
    if shown_epoch(state) is None:
        params.pop(LINK_KEY, None)
    else:
        params[LINK_KEY] = str(recording.epochs[frame])
    return before != state[KEY + ".epoch"]


def player_link_params() -> dict[str, str]:
    """The player's part of the share link: the epoch shown, when not the end."""
    epoch = shown_epoch(st.session_state)
    return {} if epoch is None else {LINK_KEY: str(epoch)}


def _take_frame() -> None:
    """Widget callback: the frame the browser shows. A callback cannot rerun the page, so
    it leaves a flag for the fragment, which then reruns the whole page."""
    ss = st.session_state
    if take_frame(ss, st.query_params, (ss.get(KEY) or {}).get("frame")):
        ss[KEY + ".rerun_page"] = True


def player_section() -> None:
    """The player under the training chart, for the run in use (nothing for a model loaded
    from a file, which has no recording)."""
    ss = st.session_state
    run, recording = ls.current_run(ss), ss.get(P + "recording")
    if run is None or recording is None:
        return
    if ss.pop(KEY + ".rerun_page", False):
        st.rerun(scope="app")
    epochs = recording.epochs
    adopt_run(ss, st.query_params.get(LINK_KEY))
    note = ss.pop(KEY + ".note", None)
    start = recording.frame_of_epoch(ss[KEY + ".epoch"])
    st.subheader("Watch it learn", anchor=False)
    st.caption("Play the training back: the map, every hidden neuron, the weights and the "
               "curves, epoch by epoch, as the network learned them. Buttons and the slider "
               "work with the keyboard (Tab, Enter, arrow keys). The player's loss and "
               "accuracy are those of the model as it stands after each epoch; the chart "
               "above logs the training rows' figures during each epoch, as Keras does, so "
               "those run one epoch behind.")
    if note:
        st.info(note, icon=":material/info:")
    epoch = shown_epoch(ss)
    if epoch is not None:
        st.caption(f"The verdict at the top uses the trained model (epoch {epochs[-1]}); the "
                   f"player shows epoch {epoch}.")
    training_player(_payload(ss, start), KEY, _take_frame)
