"""The training player as a Streamlit custom component (v2): HTML, CSS and JS from this
folder, mounted with a payload from ui.player.payload. Playback runs in the browser; the
component reports the frame shown (state "frame", a frame index) when playback stops, on a
step, a jump and when the scrubber is released, which reruns the calling fragment once.

A payload goes to a browser tab once: the session remembers the ids it sent in full
(HELD_KEY) and sends a stub ({"id", "start"}) for those; the tab keeps its last few
payloads. A tab that gets a stub it cannot serve (a reload, a lost message) says so (the
"need" event): the session then forgets what it sent, and the next run sends it whole."""

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from ui.player.payload import encode_payload, for_browser

HELD_KEY = "_player_held"  # session state: ids of the payloads sent whole to this tab

HERE = Path(__file__).parent
PLAYER = st.components.v2.component(
    "nn_training_player",
    html=(HERE / "player.html").read_text(encoding="utf-8"),
    css=(HERE / "player.css").read_text(encoding="utf-8"),
    js=(HERE / "player.js").read_text(encoding="utf-8"),
)


def training_player(payload: dict, key: str, on_frame: Callable[[], None] | None = None,
                    encoded: bytes | None = None):
    """Mount the player with `payload` under widget `key`. `encoded`: the payload as
    `encode_payload` makes it, when the caller keeps it (each rerun then sends it without
    encoding it again). `on_frame` runs (as a widget callback) when the browser reports a
    new frame; read it from `st.session_state[key]["frame"]`. Returns the component's
    result."""
    data = encoded if encoded is not None else encode_payload(payload)
    data, st.session_state[HELD_KEY] = for_browser(data, st.session_state.get(HELD_KEY, ()))
    return PLAYER(key=key, data=data, default={"frame": payload["start"]},
                  on_frame_change=on_frame or (lambda: None), on_need_change=forget_held)


def forget_held() -> None:
    """The "need" event's callback: the tab lacks a payload it was sent (or never got it),
    so count on it holding none; this run sends the player's payload whole."""
    st.session_state.pop(HELD_KEY, None)
