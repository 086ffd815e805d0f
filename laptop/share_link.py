"""The share link: read and write the laptop (pink, small) in the page's query parameters.

Pure functions over plain mappings, so they are tested without Streamlit. A bad value never
raises: it is replaced by the default and a note says so in plain words (the note never
repeats the raw value, which may be hostile text).
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_LAPTOP = (0.1, 0.6)  # the tutorial's question: a bit pink, fairly small
PARAMS = ("pink", "small")
MAX_PARAM_CHARS = 32
QUESTIONS = {"pink": "how pink it is", "small": "how small it is"}


@dataclass(frozen=True)
class SharedLaptop:
    pink: float
    small: float
    notes: tuple[str, ...] = ()
    from_link: bool = False  # True when at least one valid value came from the link


def _first(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return str(value[-1]) if value else None
    return str(value)


def parse_fraction(text: str | None) -> float | None:
    """A number in [0, 1] from link text, or None when it is missing, not a number or outside."""
    if text is None:
        return None
    text = text.strip()
    if not text or len(text) > MAX_PARAM_CHARS:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        return None
    return value


def read_laptop(params: Mapping, default: tuple[float, float] = DEFAULT_LAPTOP) -> SharedLaptop:
    """The laptop a link describes; missing values take the default, bad values too (noted)."""
    values = dict(zip(PARAMS, default, strict=True))
    notes = []
    from_link = False
    for name in PARAMS:
        raw = _first(params.get(name)) if name in params else None
        if raw is None:
            continue
        value = parse_fraction(raw)
        if value is None:
            notes.append(f"The link's value for {QUESTIONS[name]} is not a number between 0 and "
                         f"1, so the page uses {values[name]:g} instead.")
        else:
            values[name] = round(value, 2)  # the sliders move in steps of 0.01
            from_link = True
    return SharedLaptop(values["pink"], values["small"], tuple(notes), from_link)


def format_fraction(value: float) -> str:
    """Short text for a value in [0, 1]: 0.1, 0.65, 1 (at most 2 decimals)."""
    return f"{round(float(value), 2):g}"


def laptop_params(pink: float, small: float) -> dict[str, str]:
    """The query parameters that describe a laptop."""
    return {"pink": format_fraction(pink), "small": format_fraction(small)}


def share_query(pink: float, small: float) -> str:
    """`pink=0.1&small=0.6`: the part after `?` in a share link."""
    return "&".join(f"{k}={v}" for k, v in laptop_params(pink, small).items())
