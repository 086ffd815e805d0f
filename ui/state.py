"""Widget values that survive moving between pages.

Streamlit deletes a keyed widget's state when the page holding it is not rendered, so a
slider set on one page would snap back to its default after a visit elsewhere. Here each
value lives under a plain session-state key (namespaced per page, e.g. "perceptron.w1");
the widget itself uses a separate key derived from it and is re-seeded from the stored
value whenever Streamlit has dropped it. Any page can use these helpers:

    w1 = persistent(st.slider, "Weight", key="perceptron.w1", default=0.5,
                    min_value=-2.0, max_value=2.0, step=0.05)

and presets change values from a button callback with `set_value(key, value)`.
"""

from collections.abc import Callable
from typing import Any

import streamlit as st

_WIDGET_PREFIX = "_widget."


def widget_key(key: str) -> str:
    """The key the widget itself uses for the stored value `key`."""
    return _WIDGET_PREFIX + key


def stored(key: str, default: Any = None) -> Any:
    """The stored value for `key`, creating it with `default` the first time."""
    if key not in st.session_state:
        st.session_state[key] = default
    return st.session_state[key]


def set_value(key: str, value: Any) -> None:
    """Set a stored value and its widget at once (safe inside on_click/on_change callbacks,
    or in the script before the widget is drawn)."""
    st.session_state[key] = value
    st.session_state[widget_key(key)] = value


def persistent(widget: Callable[..., Any], label: str, *, key: str, default: Any,
               **kwargs: Any) -> Any:
    """Draw `widget(label, **kwargs)` bound to the stored value `key`; returns its value.

    Do not pass `value=`/`index=`: the widget is seeded from session state instead.
    """
    wkey = widget_key(key)
    current = stored(key, default)
    if wkey not in st.session_state:
        st.session_state[wkey] = current
    value = widget(label, key=wkey, **kwargs)
    st.session_state[key] = value
    return value
