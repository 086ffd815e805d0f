"""Buy the Laptop, tap the map to ask: the switch that says what a tap does, the verdict's
maps, and the listener that hears one tap (a touch, a pen or a mouse click) anywhere on a
map's square and asks about that laptop, or adds it to the table with the friend's answer and
trains again.

The listener is a tiny custom component (decide/tap_listener.js, no library) mounted once
under the switch. It finds the maps by their keys in the page, turns the pointer's place into
pink and small with the map's own axes, and reports {pink, small} as a trigger: one tap, one
run of the page. The tap is taken in the listener's callback, before the page runs again, so
the whole page (the star, the verdict, the vote, the table, the training, the address)
already follows it. The maps themselves are plain charts (no selection): Plotly alone would
take a tap on a touch screen only on the second tap.
"""

from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from decide.common import laptop_session, show
from decide.session import KEY, WidgetKeys
from decide.tap import TapMode, apply_tap, element_class, laptop_from_tap
from ui.theme import show_chart

MODE_KEY = KEY + "w.tap_mode"
LISTENER_KEY = KEY + "tap_listener"
MAP_KEYS = (WidgetKeys.agreement_map, WidgetKeys.decision_map)  # the maps a tap asks on
TAP_LISTENER = st.components.v2.component(
    "laptop_tap_listener",
    js=(Path(__file__).parent / "tap_listener.js").read_text(encoding="utf-8"),
)


def tap_mode() -> str:
    """The switch above the map (radio buttons: the arrow keys move between them), and the
    tap listener; returns the mode."""
    mode = st.radio("What a tap (or a click) on the map does", TapMode.OPTIONS,
                    format_func=TapMode.LABELS.get, key=MODE_KEY)
    mode = mode or TapMode.ASK
    st.caption(tap_caption(mode))
    with st.container():  # drawn on every run, so the tabs below keep their place (and tab)
        tap_listener()  # draws nothing: it takes no room
        show_tap_messages()
    return mode


def tap_caption(mode: str) -> str:
    """What a tap does now, under the switch."""
    if mode == TapMode.ASK:
        return ("Tap anywhere on the map: the star moves to that laptop and the verdict "
                "follows. With a keyboard, the sliders do the same.")
    return ("Tap anywhere on the map: that laptop joins the table with this answer, and "
            "the model trains again.")


def show_tap_messages() -> None:
    """The message of the last tap that added a row (shown once)."""
    for kind, text in laptop_session().pop_messages("tap"):
        show(kind, text)


def tap_listener() -> None:
    """Mount the listener, told which maps to hear (their elements' classes)."""
    TAP_LISTENER(key=LISTENER_KEY, data={"hosts": [element_class(k) for k in MAP_KEYS]},
                 on_tap_change=take_tap)


def show_tap_map(fig, key: str, alt: str) -> None:
    """Draw a map built with a tap hint (decide.tap_figures.tappable) under `key`, one of
    MAP_KEYS: the listener hears taps on it."""
    if key not in MAP_KEYS:
        raise ValueError(f"the tap listener hears only the maps {MAP_KEYS}; received: {key!r}")
    show_chart(st, fig, key=key, alt=alt)


def take_tap() -> None:
    """The listener's callback: the tapped laptop, asked about or added (per the switch).
    Whatever else arrives is ignored."""
    state = st.session_state.get(LISTENER_KEY)
    laptop = laptop_from_tap(state.get("tap") if isinstance(state, Mapping) else None)
    if laptop is None:
        return
    apply_tap(laptop_session(), st.session_state.get(MODE_KEY) or TapMode.ASK, laptop)
