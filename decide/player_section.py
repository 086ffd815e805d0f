"""Buy the Laptop, "Watch it learn": the training player for the model in use.

One call, `player_section()`, from the training section (a fragment). The frame shown is the
page's: kept in the session (`LaptopSession.player`, a PlayerState) and in the address
(`frame=<epoch>`, or `frame=3b2` for batch 2 of epoch 3 of a short run recorded batch by
batch), so a reload or a shared link shows the same moment; a bad `frame` value shows the
end with a plain note. A new training starts the player at its end (the trained model, the
one giving the verdict); a model loaded from a file has no player, and the address drops its
`frame`. The component's own state is under WidgetKeys.player.
"""

import streamlit as st

from decide.common import laptop_session
from decide.session import LaptopSession, WidgetKeys
from laptop.playback import frame_from_link, frame_link, moment_words, replay_frames
from laptop.train_cache import SharedCache, cache_key
from ui.player.payload import encode_payload, player_payload, starting_at
from ui.player.widgets import training_player

LINK_KEY = "frame"
# The players' payloads, kept for every visitor (see _payload): a long run's is up to 1.3 MB
# encoded, the tutorial recipe's about 0.1 MB.
# Counted as twice the encoding: the payload itself (lists of numbers) and its bytes.
PAYLOADS = SharedCache(max_entries=64, max_bytes=24_000_000,
                       size=lambda shared: 2 * len(shared[1]))


def shown_epoch(session: LaptopSession) -> float | None:
    """The place in epochs of the frame the player shows (2.4: batch 2 of 5 of epoch 3), or
    None when it shows the end (the trained model)."""
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
    training shows its end, the model that now gives the verdict. Without a run (a model
    from a file) there is no player: the address drops its frame."""
    run, recording, player = session.run, session.recording, session.player
    if run is None or recording is None:
        if LINK_KEY in st.query_params:
            del st.query_params[LINK_KEY]
        return
    if player.run is run:
        return
    epochs = recording.epochs
    if player.run is None:
        frame, note = frame_from_link(link_value, recording.steps, recording.steps_per_epoch)
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
    player receives it (ui.player.payload.encode_payload), starting at the `start` of the
    first run that showed them. Later reruns give the player the very same bytes (the
    player in the browser keeps its own frame); ui.player.widgets sends the tab a stub for
    a payload it was sent whole (up to 1.3 MB for a long run).

    The payload and its encoding are kept in PAYLOADS, shared by every visitor, not in the
    session: the same rows and settings train the same run (laptop.train_cache), so
    everyone who opens a link shares one payload, and the session keeps only which frame
    it starts at (only the encoding's short head differs, ui.player.payload.starting_at)."""
    run, recording, player = session.run, session.recording, session.player
    laptop = session.laptop()
    cached = player.cache  # (recording, laptop, start)
    if cached is None or cached[0] is not recording or cached[1] != laptop:
        player.cache = cached = (recording, laptop, start)
    x, y = session.trained_on

    def build() -> tuple[dict, bytes]:
        frames = replay_frames(run.model, recording, x, y, run.train_rows,
                               run.validation_rows, laptop)
        payload = player_payload(frames, x, y, laptop, run.settings.epochs, 0)
        return payload, encode_payload(payload)

    shared, encoded = PAYLOADS.get(f"{cache_key(x, y, run.settings)}|{laptop!r}", build)
    first = int(min(max(cached[2], 0), len(shared["epochs"]) - 1))
    return {**shared, "start": first}, starting_at(encoded, first)


def take_frame(session: LaptopSession, params, frame) -> bool:
    """The browser shows frame index `frame`: keep its place in the session and in the
    address `params` (none at the end; see laptop.playback.frame_link). Returns True when
    the moment shown changed (the whole page then reruns: the verdict's note and the share
    link follow). Ignores a bad index."""
    recording = session.recording
    if recording is None or not isinstance(frame, int) or not 0 <= frame < len(recording):
        return False
    before = session.player.epoch
    session.player.epoch = recording.epochs[frame]
    if shown_epoch(session) is None:
        params.pop(LINK_KEY, None)
    else:
        params[LINK_KEY] = frame_link(recording, frame)
    return before != session.player.epoch


def player_link_params() -> dict[str, str]:
    """The player's part of the share link: the moment shown, when not the end."""
    session = laptop_session()
    epoch = shown_epoch(session)
    if epoch is None:
        return {}
    return {LINK_KEY: frame_link(session.recording, session.recording.frame_of_epoch(epoch))}


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
    by_batch = recording.per_batch and recording.steps_per_epoch > 1
    step = (f"batch by batch (this run is short: {recording.steps_per_epoch} batches an "
            "epoch, each one step of learning)" if by_batch else "epoch by epoch")
    st.caption(f"Play the training back: the map, every hidden neuron, the weights and the "
               f"curves, {step}, as the network learned them. Buttons and the slider "
               "work with the keyboard (Tab, Enter, arrow keys). The player's loss and "
               "accuracy are those of the model as it stands at each frame; the chart "
               "above logs the training rows' figures during each epoch, as Keras does, so "
               "those run one epoch behind.")
    if note:
        st.info(note, icon=":material/info:")
    epoch = shown_epoch(session)
    if epoch is not None:
        moment = moment_words(recording.moment(start), recording.steps_per_epoch)
        st.caption(f"The verdict at the top uses the trained model (epoch {epochs[-1]}); the "
                   f"player shows {moment.lower()}.")
    payload, encoded = _payload(session, start)
    training_player(payload, WidgetKeys.player, _take_frame, encoded)
