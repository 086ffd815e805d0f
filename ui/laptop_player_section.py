"""Buy the Laptop, "Watch it learn": the training player for the model in use.

One call, `player_section()`, from the training section (a fragment). The frame shown is the
page's: kept in session state and in the address (`frame=<epoch>`), so a reload or a shared
link shows the same moment; a bad `frame` value shows the end with a plain note. A new
training starts the player at its end (the trained model, the one giving the verdict).

Keys: laptop.player (the component's state), laptop.player.epoch (the epoch shown),
laptop.player.run (the run it belongs to), laptop.player.cache ((token, payload)).
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
    if recording is None or epoch is None or epoch >= recording.epochs[-1]:
        return None
    return epoch


def verdict_note(state) -> str | None:
    """For the verdict: a sentence when the player shows an earlier moment than the end."""
    epoch = shown_epoch(state)
    if epoch is None:
        return None
    last = state[P + "recording"].epochs[-1]
    return (f"This verdict comes from the trained model (after all {last} epochs). The "
            f"training player below shows epoch {epoch}, an earlier moment.")


def _payload(state, start: int) -> dict:
    """The player's payload for the run and laptop in use, built once per (run, laptop)."""
    run, recording = ls.current_run(state), state[P + "recording"]
    laptop = ls.laptop(state)
    token = (id(recording), laptop)
    cached = state.get(KEY + ".cache")
    if cached is None or cached[0] != token:
        x, y = ls.trained_on(state)
        frames = replay_frames(run.model, recording, x, y, run.train_rows,
                               run.validation_rows, laptop)
        payload = player_payload(frames, x, y, laptop, run.settings.epochs, start)
        state[KEY + ".cache"] = cached = (token, payload)
    return {**cached[1], "start": start}


def _take_frame() -> None:
    """Widget callback: the browser shows another frame; keep its epoch and the address."""
    ss = st.session_state
    was_end = shown_epoch(ss) is None
    frame = (ss.get(KEY) or {}).get("frame")
    epochs = ss[P + "recording"].epochs
    if not isinstance(frame, int) or not 0 <= frame < len(epochs):
        return
    ss[KEY + ".epoch"] = epochs[frame]
    st.query_params[LINK_KEY] = str(epochs[frame])
    # The verdict at the top says when the player shows an earlier moment: rerun the whole
    # page (not only this fragment) when that changes.
    ss[KEY + ".rerun_page"] = was_end != (shown_epoch(ss) is None)


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
    note = None
    if ss.get(KEY + ".run") is not run:
        if KEY + ".run" not in ss:  # the session's first run: the address may hold a frame
            frame, note = frame_from_link(st.query_params.get(LINK_KEY), epochs)
        else:  # a new training: show its end, the model that now gives the verdict
            frame = len(epochs) - 1
        ss[KEY + ".run"] = run
        ss[KEY + ".epoch"] = epochs[frame]
        ss.pop(KEY, None)  # the component starts afresh at `frame`
        if LINK_KEY in st.query_params and frame == len(epochs) - 1:
            del st.query_params[LINK_KEY]
    start = recording.frame_of_epoch(ss[KEY + ".epoch"])
    st.subheader("Watch it learn", anchor=False)
    st.caption("Play the training back: the map, every hidden neuron, the weights and the "
               "curves, epoch by epoch, as the network learned them. Buttons and the slider "
               "work with the keyboard (Tab, Enter, arrow keys).")
    if note:
        st.info(note, icon=":material/info:")
    epoch = shown_epoch(ss)
    if epoch is not None:
        st.caption(f"The verdict at the top uses the trained model (epoch {epochs[-1]}); the "
                   f"player shows epoch {epoch}.")
    training_player(_payload(ss, start), KEY, _take_frame)
