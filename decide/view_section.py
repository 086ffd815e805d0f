"""Buy the Laptop's view as the page reads it from its address (`?view=friend`, see
decide/views.py for what each view shows), and the friend's view's link to the whole page."""

import streamlit as st

from decide.session import KEY
from decide.views import LINK_KEY, View, read_view
from ui.site_map import page

SHOWN_KEY = KEY + "view"  # st.session_state: the view the session's last run showed


def page_view() -> View:
    """The view the page's address asks for; its note (if any) shown at once. When the view
    changed since the session's last run (the friend's view's link to the whole page, a
    link to the page itself), the address is written back: Streamlit 1.67 leaves the
    browser's address as it was after a link to the page it is on, and a reload would bring
    the old view back."""
    view = read_view(st.query_params.get(LINK_KEY))
    if view.note:
        st.info(view.note, icon=":material/info:")
    shown = st.session_state.get(SHOWN_KEY)
    if shown is not None and shown != view.friend:
        st.query_params.from_dict(st.query_params.to_dict())
    st.session_state[SHOWN_KEY] = view.friend
    return view


def full_page_link() -> None:
    """The friend's view's last line: a link to the whole page with the same laptop, table
    and settings (the address as it is now, without the view). Drawn after the address was
    brought in step (decide.link_section.sync_address)."""
    params = st.query_params.to_dict()
    st.divider()
    st.page_link(page("Buy the Laptop").file, label="See how this answer is made",
                 icon=":material/arrow_forward:",
                 query_params={k: v for k, v in params.items() if k != LINK_KEY})
    st.caption("The whole page: the table of laptops, how the model learned it, how good it "
               "is, and the model file.")
