"""Buy the Laptop, the page address: it always holds the laptop, the table and the settings
with the seed (so a reload loses nothing), and the page offers it as a share link.

Runs at the end of the page, after the editor's latest edit was taken, so the address never
lags one edit behind.
"""

from urllib.parse import urlencode

import streamlit as st

from decide.common import laptop_session
from decide.data_section import table_too_long_for_a_link, too_long_words
from decide.player_section import player_link_params
from decide.session import WidgetKeys, default_params
from ui.site_map import page

LINK_KEYS = ("pink", "small", "data", "model", "deals")


def sync_address() -> dict[str, str]:
    """Write the parts of the page that changed into the address; drop `data` when the table
    is too long for a link. Returns the link's parameters. A first visit with everything at
    the tutorial's values keeps its clean address (writing then made Streamlit 1.67 flash
    "Page not found" on a fresh server)."""
    session = laptop_session()
    wanted = session.link_params()
    current = {k: st.query_params.get(k) for k in LINK_KEYS}
    shown = {k: v for k, v in wanted.items() if v is not None}
    if all(v is None for v in current.values()) and wanted == default_params():
        return shown
    changed = {k: v for k, v in shown.items() if current.get(k) != v}
    if changed:
        st.query_params.update(changed)
    for k, v in wanted.items():
        if v is None and current.get(k) is not None:
            del st.query_params[k]
    return shown


def share_link(params: dict[str, str]) -> str:
    """The full link: the page's own address (scheme, host, path) and the parameters."""
    base = st.context.url or page("Buy the Laptop").url_path
    return f"{base}?{urlencode(params)}"


def share_section(slot) -> None:
    """Keep the address in step, then fill `slot` (placed under the verdict) with the
    "Copy share link" control."""
    session = laptop_session()
    params = sync_address()
    if slot is None:  # the verdict section failed; the address is still kept
        return
    too_long = table_too_long_for_a_link()
    with slot, st.popover("Copy share link", icon=":material/share:", key=WidgetKeys.share):
        if too_long:
            what = ("It opens this page with the same settings, seed and laptop, but not "
                    "your table (see below).")
        else:
            what = ("It opens this page with the same table, settings, seed and laptop and "
                    "trains the same model, so it gives the same verdict.")
        st.markdown("**Copy this link** (button at the top right of the box) and send it. "
                    f"{what} The address bar holds it too, so a reload keeps it.")
        st.code(share_link(params | player_link_params()), language=None, wrap_lines=True)
        if too_long:
            st.info(too_long_words(), icon=":material/info:")
        if session.run is None:
            st.info("The model in use came from a file, which a link cannot carry: the link "
                    "trains a new model with the settings below. To share this exact model, "
                    "send the file (\"Download the model\").", icon=":material/info:")
        elif session.data_changed_since_training() and not too_long:
            st.info("The table changed since the model was trained; the link trains on the "
                    "table as it is now. Press Train first, so the link gives the verdict "
                    "you see.", icon=":material/info:")
