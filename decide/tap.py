"""Tap the map to ask: what a tap on the verdict's maps means, in plain Python (no streamlit,
no plotly), so it is tested without a browser.

Plotly tells Streamlit about taps on points only, so the maps carry a layer of points over
the whole square (`tap_points`, every TAP_STEP); a tap lands on the nearest one, or on a row
or the star. The browser reports that point's pink and small (`laptop_from_selection`),
which become the laptop asked about, or a row added to the table (`TapMode`).
"""

import math
from collections.abc import Mapping

import numpy as np

from decide.session import LaptopSession
from laptop.share_link import format_fraction

TAP_STEP = 0.02  # the tap layer's spacing: 51 x 51 points, finer than a fingertip on a phone
SLIDER_STEP = 0.01  # the sliders' step: a tapped laptop is held to it


class TapMode:
    """What a tap on the map does (the switch above the map)."""

    ASK = "ask"
    ADD_BUY = "add_buy"
    ADD_NO_BUY = "add_no_buy"
    LABELS = {
        ASK: "Tap to ask about a laptop",
        ADD_BUY: "Tap to add a laptop your friend would buy",
        ADD_NO_BUY: "Tap to add a laptop your friend would not buy",
    }
    OPTIONS = tuple(LABELS)


def tap_points(step: float = TAP_STEP) -> np.ndarray:
    """(n, 2) points (pink, small) every `step` over the unit square, rounded to the sliders'
    hundredths (so they travel as short numbers), small row by row."""
    count = int(round(1 / step)) + 1
    axis = np.round(np.linspace(0.0, 1.0, count), 2)
    pink, small = np.meshgrid(axis, axis)
    return np.column_stack([pink.ravel(), small.ravel()])


def on_the_square(value) -> float | None:
    """A coordinate the browser reported, held to the square [0, 1] and to the sliders'
    hundredths; None when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    steps = round(min(max(number, 0.0), 1.0) / SLIDER_STEP)
    return round(steps * SLIDER_STEP, 2)


def laptop_from_selection(state) -> tuple[float, float] | None:
    """The laptop (pink, small) a tap chose, from the chart's selection state as Streamlit
    gives it ({"selection": {"points": [{"x": .., "y": .., ...}], ...}}); None when it holds
    no usable point (nothing tapped, a tap undone, or anything malformed)."""
    selection = state.get("selection") if isinstance(state, Mapping) else None
    points = selection.get("points") if isinstance(selection, Mapping) else None
    if not isinstance(points, (list, tuple)) or not points:
        return None
    point = points[0]
    if not isinstance(point, Mapping):
        return None
    pink, small = on_the_square(point.get("x")), on_the_square(point.get("y"))
    if pink is None or small is None:
        return None
    return pink, small


def added_words(pink: float, small: float, buy: bool) -> str:
    """The confirmation after a tap added a row: "Added a laptop 0.42 pink, 0.7 small that
    your friend would buy; the model trained again."."""
    would = "would buy" if buy else "would not buy"
    return (f"Added a laptop {format_fraction(pink)} pink, {format_fraction(small)} small "
            f"that your friend {would}; the model trained again.")


def tap_hint(mode: str) -> str:
    """The hover line of the tap layer: what a tap there does."""
    return {TapMode.ASK: "tap to ask about this laptop",
            TapMode.ADD_BUY: "tap to add it: your friend would buy it",
            TapMode.ADD_NO_BUY: "tap to add it: your friend would not buy it"}[mode]


def apply_tap(session: LaptopSession, mode: str, laptop: tuple[float, float]) -> None:
    """What a tap on `laptop` does in `mode`: ask about it (it becomes the laptop), or add it
    to the table with the friend's answer and train again (a message says what happened)."""
    pink, small = laptop
    if mode == TapMode.ASK:
        session.set_laptop(pink, small)
        return
    buy = mode == TapMode.ADD_BUY
    problem = session.add_row(pink, small, buy)
    if problem:
        session.say("warning", problem, "tap")
    else:
        session.say("success", added_words(pink, small, buy), "tap")
