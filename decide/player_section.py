"""Buy the Laptop, "Watch it learn": the training player for the model in use.

One call, `player_section()`, from the training section (a fragment). The frame shown is the
page's: kept in the session (`LaptopSession.player`, a PlayerState) and in the address
(`frame=<epoch>`), so a reload or a shared link shows the same moment; a bad `frame` value
shows the end with a plain note. A new training starts the player at its end (the trained
model, the one giving the verdict). The component's own state is under WidgetKeys.player.
"""

import streamlit as st

from decide.common import laptop_session
from decide.session import LaptopSession, WidgetKeys
from laptop.playback import frame_from_link, replay_frames
from ui.player.payload import encode_payload, player_payload
from ui.player.widgets import training_player

LINK_KEY = "frame"


def shown_epoch(session: LaptopSession) -> int | None:
    """The epoch the player shows, or None when it shows the end (the trained model)."""
    recording, epoch = session.recording, session.player.epoch
    if (session.run is None or recording is None or epoch is None
            or epoch >= recording.epochs[-1]):  # no run (a model from a file): no player
        return None
    return epoch


def verdict_note(session: LaptopSession) -> str | None:
    """For the verdict: a sentence when the player shows an earlier moment than the end."""
    adopt_run(session, st.query_params.get(LINK_KEY))
    if shown_epoch(session) is None:
        return None
    last = session.recording.epochs[-1]
    return (f"This verdict comes from the trained model (after all {last} epochs), not from "
            "the earlier moment the training player below shows.")


def adopt_run(session: LaptopSession, link_value: str | None) -> None:
    """Once per run: the epoch to show. The session's first run takes it from the address
    (`link_value`; a bad value gives the end and a note in `session.player.note`); a new
    training shows its end, the model that now gives the verdict. No-op without a run."""
    run, recording, player = session.run, session.recording, session.player
    if run is None or recording is None or player.run is run:
        return
    epochs = recording.epochs
    if player.run is None:
        frame, note = frame_from_link(link_value, epochs)
        if note:
            player.note = note
    else:
        frame = len(epochs) - 1
    player.run = run
    player.epoch = epochs[frame]
    st.session_state.pop(WidgetKeys.player, None)  # the component starts afresh at `frame`
    if LINK_KEY in st.query_params and frame == len(epochs) - 1:
        del st.query_params[LINK_KEY]


def _payload(session: LaptopSession, start: int) -> tuple[dict, bytes]:
    """The player's payload for the run and laptop in use, and the same encoded as the
    player receives it (ui.player.payload.encode_payload), built once per (run, laptop),
    starting at `start` then. Later reruns send the very same payload (the player in the
    browser keeps its own frame), so Streamlit's message cache sends the browser a
    reference to it instead of the payload again (up to 2 MB for a long run)."""
    run, recording, player = session.run, session.recording, session.player
    laptop = session.laptop()
    cached = player.cache  # (recording, laptop, payload, the payload encoded)
    if cached is None or cached[0] is not recording or cached[1] != laptop:
        x, y = session.trained_on
        frames = replay_frames(run.model, recording, x, y, run.train_rows,
                               run.validation_rows, laptop)
        payload = player_payload(frames, x, y, laptop, run.settings.epochs, start)
        player.cache = cached = (recording, laptop, payload, encode_payload(payload))
    return cached[2], cached[3]


def take_frame(session: LaptopSession, params, frame) -> bool:
    """The browser shows frame index `frame`: keep its epoch in the session and in the
    address `params` (none at the end). Returns True when the shown epoch changed (the whole
    page then reruns: the verdict's note and the share link follow). Ignores a bad index."""
    recording = session.recording
    if recording is None or not isinstance(frame, int) or not 0 <= frame < len(recording):
        return False
    before = session.player.epoch
    session.player.epoch = recording.epochs[frame]
    if shown_epoch(session) is None:
        params.pop(LINK_KEY, None)
    else:
        params[LINK_KEY] = str(recording.epochs[frame])
    return before != session.player.epoch


def player_link_params() -> dict[str, str]:
    """The player's part of the share link: the epoch shown, when not the end."""
    epoch = shown_epoch(laptop_session())
    return {} if epoch is None else {LINK_KEY: str(epoch)}


def _take_frame() -> None:
    """Widget callback: the frame the browser shows. A callback cannot rerun the page, so
    it leaves a flag for the fragment, which then reruns the whole page."""
    session = laptop_session()
    reported = (st.session_state.get(WidgetKeys.player) or {}).get("frame")
    if take_frame(session, st.query_params, reported):
        session.player.rerun_page = True


def player_section() -> None:
    """The player under the training chart, for the run in use (nothing for a model loaded
    from a file, which has no recording)."""
    session = laptop_session()
    run, recording, player = session.run, session.recording, session.player
    if run is None or recording is None:
        return
    if player.rerun_page:
        player.rerun_page = False
        st.rerun(scope="app")
    epochs = recording.epochs
    adopt_run(session, st.query_params.get(LINK_KEY))
    note, player.note = player.note, None
    start = recording.frame_of_epoch(player.epoch)
    st.subheader("Watch it learn", anchor=False)
    st.caption("Play the training back: the map, every hidden neuron, the weights and the "
               "curves, epoch by epoch, as the network learned them. Buttons and the slider "
               "work with the keyboard (Tab, Enter, arrow keys). The player's loss and "
               "accuracy are those of the model as it stands after each epoch; the chart "
               "above logs the training rows' figures during each epoch, as Keras does, so "
               "those run one epoch behind.")
    if note:
        st.info(note, icon=":material/info:")
    epoch = shown_epoch(session)
    if epoch is not None:
        st.caption(f"The verdict at the top uses the trained model (epoch {epochs[-1]}); the "
                   f"player shows epoch {epoch}.")
    payload, encoded = _payload(session, start)
    training_player(payload, WidgetKeys.player, _take_frame, encoded)
