"""Buy the Laptop: the friend's verdict first, then the data, the training and the checks."""

import streamlit as st

from ui import laptop_sections as sections
from ui import laptop_state

st.title("Buy the Laptop")
if not sections.guarded(lambda: laptop_state.init(st.session_state), "the page"):
    st.stop()
sections.guarded(sections.take_uploads, "the uploaded file")
sections.guarded(sections.friend_section, "the verdict")

st.divider()
st.caption("For the curious: how the answer above is made. Change the data or the recipe, "
           "train again, and the verdict follows.")
sections.guarded(sections.data_section, "the data")
sections.training_section()  # a fragment, guarded inside
sections.guarded(sections.evaluation_section, "the checks")
sections.guarded(sections.model_file_section, "the model file")
