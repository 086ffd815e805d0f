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
from decide.views import FRIEND_VIEW, WHOLE_PAGE, View
from ui.site_map import page

LINK_KEYS = ("pink", "small", "data", "model", "deals")
# The containers of the two links in the share box (their class: "st-key-" + the key).
FRIEND_LINK_KEY = "share-link-friend"
FULL_LINK_KEY = "share-link-everything"


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


def share_links(params: dict[str, str]) -> tuple[str, str]:
    """The two share links for the page's `params`: for the friend (`view=friend` first, then
    the same laptop, table and settings) and with everything (the whole page, and the
    training player's moment when it shows an earlier one)."""
    return (share_link(FRIEND_VIEW.params | params),
            share_link(params | player_link_params()))


def share_section(slot, view: View = WHOLE_PAGE) -> None:
    """Keep the address in step, then fill `slot` (placed under the verdict) with the
    "Copy share link" control: both links, each with what it opens. `view`: the page's."""
    session = laptop_session()
    params = sync_address()
    if slot is None:  # the verdict section failed; the address is still kept
        return
    too_long = table_too_long_for_a_link()
    with slot, st.popover("Copy share link", icon=":material/share:", key=WidgetKeys.share):
        if too_long:
            what = ("Both open this page with the same settings, seed and laptop, but not "
                    "your table (see below).")
        else:
            what = ("Both open this page with the same table, settings, seed and laptop and "
                    "train the same model, so they give the same verdict.")
        st.markdown("**Copy a link** (button at the top right of its box) and send it. "
                    f"{what} The address bar holds this page's own, so a reload keeps it.")
        friend, everything = share_links(params)
        with st.container(key=FRIEND_LINK_KEY):
            st.markdown("**For your friend**: only the verdict, the laptop's sliders and the "
                        "maps, nothing about training.")
            st.code(friend, language=None, wrap_lines=True)
        with st.container(key=FULL_LINK_KEY):
            st.markdown("**With everything**: the whole page, with the table, the training "
                        "and the checks under the verdict.")
            st.code(everything, language=None, wrap_lines=True)
        if too_long:
            st.info(too_long_words(), icon=":material/info:")
        if session.run is None:
            st.info("The model in use came from a file, which a link cannot carry: the links "
                    "train a new model with the page's settings. To share this exact model, "
                    "send the file (\"Download the model\").", icon=":material/info:")
        elif session.data_changed_since_training() and not too_long:
            train = ("Train on the whole page (\"See how this answer is made\")"
                     if view.friend else "Train")
            st.info("The table changed since the model was trained; the links train on the "
                    f"table as it is now. Press {train} first, so they give the verdict you "
                    "see.", icon=":material/info:")
