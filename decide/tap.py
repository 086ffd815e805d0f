"""Tap the map to ask: what a tap on the verdict's maps means, in plain Python (no streamlit,
no plotly), so it is tested without a browser.

A small listener in the browser (decide/tap_listener.js, mounted by decide.tap_section) hears
one tap (a touch, a pen, a mouse click) anywhere on a map's plot area and reports the laptop
under it, {"pink": .., "small": ..} in the map's units. `laptop_from_tap` reads that report,
whatever arrives, into the laptop on the sliders' grid, which is asked about or becomes a row
of the table (`TapMode`, `apply_tap`).
"""

import math
import re
from collections.abc import Mapping

from decide.session import LaptopSession
from laptop.share_link import format_fraction

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


def on_the_square(value) -> float | None:
    """A coordinate the browser reported, held to the square [0, 1] and to the sliders'
    hundredths; None when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):  # "pink", or an integer too big for a float
        return None
    if not math.isfinite(number):
        return None
    steps = round(min(max(number, 0.0), 1.0) / SLIDER_STEP)
    return round(steps * SLIDER_STEP, 2)


def laptop_from_tap(report) -> tuple[float, float] | None:
    """The laptop (pink, small) a tap asked about, from what the browser's listener reported
    ({"pink": 0.4213, "small": 0.7}), held to the square and the sliders' hundredths; None
    for anything else (no report, a missing or non-numeric coordinate, NaN, infinity: a
    listener only ever sends two finite numbers, so nothing else is guessed at).

    >>> laptop_from_tap({"pink": 0.4213, "small": 1.003})
    (0.42, 1.0)
    >>> laptop_from_tap({"pink": "0.4", "small": 0.7}) is None
    True
    """
    if not isinstance(report, Mapping):
        return None
    pink, small = report.get("pink"), report.get("small")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (pink, small)):
        return None
    pink, small = on_the_square(pink), on_the_square(small)
    if pink is None or small is None:
        return None
    return pink, small


def element_class(key: str) -> str:
    """The class Streamlit puts on the element of widget `key` (every character but a
    letter, a digit, "_" and "-" becomes "-"), by which the listener finds a map.

    >>> element_class("laptop.decision_map")
    'st-key-laptop-decision_map'
    """
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


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
