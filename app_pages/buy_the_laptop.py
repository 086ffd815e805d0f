"""Buy the Laptop: the friend's verdict first, then the data, the training and the checks.

The page address keeps the laptop, the table and the settings with the seed: a fresh session
(a reload, a restarted server, a shared link) starts from it and trains the same model. With
`view=friend` it shows only the friend's part (decide/views.py decides what each view shows).
"""

import streamlit as st

from decide.checks_section import evaluation_section
from decide.common import guarded, page_turn, take_uploads
from decide.data_section import data_section
from decide.deals_section import deals_section
from decide.files_section import model_file_section
from decide.link_section import share_section
from decide.session import needs_training, open_session
from decide.training_section import training_section
from decide.verdict_section import friend_section, verdict_progress
from decide.view_section import full_page_link, page_view

st.title("Buy the Laptop")
view = page_view()
# A page whose model has a long training waits for its turn first (decide.common.page_turn)
with page_turn():
    waiting = st.empty()  # a new session's verdict region: a progress bar while it trains
    progress = verdict_progress(waiting) if needs_training(st.session_state) else None
    started = guarded(lambda: open_session(st.session_state, st.query_params.to_dict(), progress),
                      "the page")
    waiting.empty()
    if not started:
        st.stop()
    if view.shows_how_it_is_made:
        guarded(take_uploads, "the uploaded file")
    slots = {}
    guarded(lambda: slots.update(share=friend_section(view)), "the verdict")
    guarded(deals_section, "the list of laptops")

    if view.shows_how_it_is_made:
        st.divider()
        st.caption("For the curious: how the answer above is made. Change the data or the "
                   "recipe, train again, and the verdict follows.")
        guarded(data_section, "the data")
        training_section()  # a fragment, guarded inside
        guarded(evaluation_section, "the checks")
        guarded(model_file_section, "the model file")
    guarded(lambda: share_section(slots.get("share"), view), "the share link")
    if view.friend:
        guarded(full_page_link, "the link to the whole page")
