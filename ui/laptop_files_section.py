"""Buy the Laptop, save or load the model: a JSON file (never pickle), checked on load."""

import streamlit as st

from laptop.recipe import model_to_json_bytes
from ui import laptop_state as ls
from ui.laptop_common import P, handle_upload, show, show_queued


def model_file_section() -> None:
    ss = st.session_state
    st.header("Save or load the model", divider="gray")
    error = handle_upload(P + "model_upload", ls.take_model_upload)
    with st.container():  # always drawn, so the uploader keeps its place (ui.laptop_common)
        show_queued("model")
        if error:
            show("error", error)
    c1, c2 = st.columns(2, gap="large")
    c1.download_button("Download the model (JSON)",
                       model_to_json_bytes(ls.current_model(ss), ss[P + "settings"]),
                       "laptop-model.json", "application/json", key=P + "download_model",
                       on_click="ignore", icon=":material/download:")
    c1.caption("Send this file to your friend, or load it here later.")
    c2.file_uploader("Load a model file (JSON saved from this page)", type=["json"],
                     key=P + "model_upload", max_upload_size=1)
