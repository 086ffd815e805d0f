"""Buy the Laptop, tap the map to ask: the switch that says what a tap does, and the verdict's
maps drawn so that a tap (a click) anywhere on the square asks about that laptop, or adds it
to the table with the friend's answer and trains again.

The maps are chart widgets (ui.theme.show_chart with `on_select`, points only). A tap is
taken in the chart's callback, before the page runs again, so the whole page (the star, the
verdict, the vote, the table, the training, the address) already follows it. Each taken tap
gives the maps new keys: a fresh chart, with no selection left over, so a second tap on the
same spot counts again.
"""

from functools import partial

import streamlit as st

from decide.common import laptop_session, show
from decide.session import KEY
from decide.tap import TapMode, apply_tap, laptop_from_selection, tap_hint, tap_points
from decide.tap_figures import tap_layer
from ui.theme import show_chart

MODE_KEY = KEY + "w.tap_mode"
TAPS_KEY = KEY + "taps"  # how many taps were taken: part of the maps' keys
VALUES_KEY = KEY + "tap_values"  # (what the values came from, the tap layer's values)


def tap_mode() -> str:
    """The switch above the map (radio buttons: the arrow keys move between them); returns
    the mode."""
    mode = st.radio("What a tap (or a click) on the map does", TapMode.OPTIONS,
                    format_func=TapMode.LABELS.get, key=MODE_KEY)
    mode = mode or TapMode.ASK
    st.caption(tap_caption(mode))
    with st.container():  # drawn on every run, so the tabs below keep their place (and tab)
        show_tap_messages()
    return mode


TOUCH_HINT = "On a touch screen, tap the spot twice: the first tap shows its numbers."


def tap_caption(mode: str) -> str:
    """What a tap does now, under the switch. Plotly takes a tap on a touch screen for the
    point hovered before it, and a touch hovers only once it is done: the first tap on a
    spot shows its numbers, the second one there counts (TOUCH_HINT)."""
    if mode == TapMode.ASK:
        return ("Tap anywhere on the map: the star moves to that laptop and the verdict "
                f"follows (the sliders do the same). {TOUCH_HINT}")
    return ("Tap anywhere on the map: that laptop joins the table with this answer, and "
            f"the model trains again. {TOUCH_HINT}")


def show_tap_messages() -> None:
    """The message of the last tap that added a row (shown once)."""
    for kind, text in laptop_session().pop_messages("tap"):
        show(kind, text)


def tap_layer_for(mode: str, values_at, value_hover: str, source=None) -> dict:
    """The tap layer of one map: `values_at(points)` gives the map's value at the layer's
    points (P(buy), or the share of networks saying buy), shown on hover as `value_hover`.
    With `source` (what the values come from, such as the vote) they are worked out once
    per source and kept for this visitor: the vote's 50-odd networks answer only when it
    changes, not on every run of the page."""
    points = tap_points()
    kept = st.session_state.get(VALUES_KEY)
    if source is not None and kept is not None and kept[0] is source:
        values = kept[1]
    else:
        values = values_at(points)
        if source is not None:
            st.session_state[VALUES_KEY] = (source, values)
    return tap_layer(points, values, value_hover, tap_hint(mode))


def chart_key(base: str) -> str:
    """The key of a tap map: `base` and the number of taps taken so far."""
    return f"{base}.{st.session_state.get(TAPS_KEY, 0)}"


def show_tap_map(fig, base_key: str, alt: str) -> None:
    """Draw a map built with a tap layer, as a chart that takes taps (points only)."""
    key = chart_key(base_key)
    show_chart(st, fig, key=key, alt=alt, selection_mode="points",
               on_select=partial(_take_tap, key))


def _take_tap(key: str) -> None:
    """The map's callback: take the tapped laptop, then start the maps afresh."""
    state = st.session_state.get(key)
    laptop = laptop_from_selection(state)
    if laptop is None:
        return
    st.session_state[TAPS_KEY] = st.session_state.get(TAPS_KEY, 0) + 1
    apply_tap(laptop_session(), st.session_state.get(MODE_KEY) or TapMode.ASK, laptop)
