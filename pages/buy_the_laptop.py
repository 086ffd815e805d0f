"""Buy the Laptop: the friend's verdict first, then the data, the training and the checks."""

import streamlit as st

from ui import laptop_sections as sections
from ui import laptop_state

laptop_state.init(st.session_state)

st.title("Buy the Laptop")
sections.friend_section()

st.divider()
st.caption("For the curious: how the answer above is made. Change the data or the recipe, "
           "train again, and the verdict follows.")
sections.data_section()
sections.training_section()
sections.evaluation_section()
sections.model_file_section()
