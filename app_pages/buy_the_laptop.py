"""Buy the Laptop: the friend's verdict first, then the data, the training and the checks.

The page address keeps the laptop, the table and the settings with the seed: a fresh session
(a reload, a restarted server, a shared link) starts from it and trains the same model.
"""

import streamlit as st

from ui import laptop_state
from ui.laptop_checks_section import evaluation_section
from ui.laptop_common import guarded, take_uploads
from ui.laptop_data_section import data_section
from ui.laptop_files_section import model_file_section
from ui.laptop_link_section import share_section
from ui.laptop_training_section import training_section
from ui.laptop_verdict_section import friend_section, verdict_progress

st.title("Buy the Laptop")
waiting = st.empty()  # a new session's verdict region: a progress bar while it trains
progress = (verdict_progress(waiting) if laptop_state.current_model(st.session_state) is None
            else None)
started = guarded(lambda: laptop_state.init(st.session_state, st.query_params.to_dict(),
                                           progress), "the page")
waiting.empty()
if not started:
    st.stop()
guarded(take_uploads, "the uploaded file")
slots = {}
guarded(lambda: slots.update(share=friend_section()), "the verdict")

st.divider()
st.caption("For the curious: how the answer above is made. Change the data or the recipe, "
           "train again, and the verdict follows.")
guarded(data_section, "the data")
training_section()  # a fragment, guarded inside
guarded(evaluation_section, "the checks")
guarded(model_file_section, "the model file")
guarded(lambda: share_section(slots.get("share")), "the share link")
