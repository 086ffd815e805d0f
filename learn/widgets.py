"""Learn controls bound to the page address and kept when the visitor goes elsewhere.

Streamlit does both: `bind="query-params"` writes the control's value into the address
under its key (and leaves it out while it is the default), so a reload or a shared link
shows the same picture; `persist_state="session"` keeps the value through a visit to
another page. `linked` adds what Streamlit leaves out: a plain note when the link asked for
a value the control cannot show (learn/link.py). Keys are the address names, so they are
short and unique across pages (each page's keys start with its own letter: `p_`, `s_`, `a_`,
`i_`). Presets and Previous/Next buttons change a value with `st.session_state[key] = ...`
in their callback; a bound value cannot be set through `st.query_params`. The control keeps
its default beside that write (the address leaves a default out), a pair Streamlit would
warn about on the server: .streamlit/config.toml turns that warning off, and says why.
"""

from collections.abc import Callable
from typing import Any

import streamlit as st

from learn.link import link_note

NOTE_ICON = ":material/link_off:"


def linked(widget: Callable[..., Any], label: str, *, key: str, name: str,
           **kwargs: Any) -> Any:
    """Draw `widget(label, key=key, **kwargs)` bound to the address and kept for the session;
    returns its value. `name` is what a note calls the value ("pink", "w₁"...). Pass the
    default as the widget takes it (`value=`, `index=`, `default=`), and `options`,
    `min_value` and `max_value` by name: the note reads them."""
    raw = st.query_params.get_all(key) if key in st.query_params else None
    value = widget(label, key=key, bind="query-params", persist_state="session", **kwargs)
    note = link_note(name, raw, value, options=kwargs.get("options"),
                     format_func=kwargs.get("format_func", str),
                     low=kwargs.get("min_value"), high=kwargs.get("max_value"))
    if note:
        getattr(widget, "__self__", st).info(note, icon=NOTE_ICON)
    return value
