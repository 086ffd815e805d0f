"""What a Learn page says about a value in its address (its link) that it could not use.

Every Learn widget is bound to the address (`bind="query-params"`, see learn/widgets.py):
Streamlit reads the value on arrival, clamps a number into range and drops one it cannot
read, without a word. `link_note` compares what the link asked for with what the widget
shows and, when they differ, says so in one plain sentence (visitor text escaped). Pure: no
streamlit.

>>> link_note("pink", ["abc"], 0.5, low=0.0, high=1.0)
'The link’s pink value “abc” is not a number; showing 0.5 instead.'
>>> link_note("pink", ["0.50"], 0.5, low=0.0, high=1.0) is None
True
"""

import math
from collections.abc import Callable, Sequence

from laptop.plain_text import literal

MAX_SHOWN = 40  # characters of a bad link value repeated in a note


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _same_number(text: str, shown: float) -> bool:
    value = _number(text)
    return value is not None and math.isclose(value, float(shown), rel_tol=1e-9, abs_tol=1e-9)


def _words(value: object, format_func: Callable[[object], str] = str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return " to ".join(_words(v, format_func) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(format_func(value))


def _problem(raw: Sequence[str], shown: object, options: Sequence | None,
             format_func: Callable[[object], str], low: float | None,
             high: float | None) -> str | None:
    """Why `raw` (the address values) does not give `shown`, or None when it does."""
    if options is not None:
        labels = [str(format_func(o)) for o in options]
        if len(raw) == 1 and raw[0] in (str(format_func(shown)), str(shown)):
            return None
        listed = ", ".join(labels[:6]) + (", …" if len(labels) > 6 else "")
        return f"is not one of {listed}"
    if isinstance(shown, bool):
        if len(raw) == 1 and raw[0].lower() == str(shown).lower():
            return None
        return "is not true or false"
    within = "" if low is None or high is None else f" from {low:g} to {high:g}"
    if isinstance(shown, tuple | list):
        if len(raw) == len(shown) and all(_same_number(t, s) for t, s in zip(raw, shown,
                                                                               strict=True)):
            return None
        return f"is not two numbers{within}"
    if len(raw) == 1 and _same_number(raw[0], shown):
        return None
    if len(raw) != 1 or _number(raw[0]) is None:
        return "is not a number"
    value = _number(raw[0])
    if (low is not None and value < low) or (high is not None and value > high):
        return f"is not a number{within}"
    return "is not one of the steps this control takes"


def link_note(name: str, raw: Sequence[str] | None, shown: object, *,
              options: Sequence | None = None,
              format_func: Callable[[object], str] = str,
              low: float | None = None, high: float | None = None) -> str | None:
    """One Markdown sentence when the address values `raw` for the control called `name` are
    not what it shows (`shown`), else None. `options` for a choice (labels by `format_func`,
    which is also how Streamlit writes them in the address), `low`/`high` for a number."""
    if raw is None:
        return None
    problem = _problem(list(raw), shown, options, format_func, low, high)
    if problem is None:
        return None
    asked = literal(", ".join(raw), MAX_SHOWN)
    return (f"The link’s {name} value “{asked}” {problem}; showing "
            f"{_words(shown, format_func)} instead.")
