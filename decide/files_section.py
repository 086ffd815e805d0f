"""Buy the Laptop, save or load the model: a JSON file (never pickle), checked on load."""

import streamlit as st

from decide.common import handle_upload, laptop_session, show, show_queued
from decide.session import WidgetKeys
from laptop.recipe import model_to_json_bytes


def model_file_section() -> None:
    session = laptop_session()
    st.header("Save or load the model", divider="gray")
    error = handle_upload(WidgetKeys.model_upload, session.take_model_upload)
    with st.container():  # always drawn, so the uploader keeps its place (decide.common)
        show_queued("model")
        if error:
            show("error", error)
    c1, c2 = st.columns(2, gap="large")
    c1.download_button("Download the model (JSON)",
                       model_to_json_bytes(session.model, session.settings),
                       "laptop-model.json", "application/json", key=WidgetKeys.download_model,
                       on_click="ignore", icon=":material/download:")
    c1.caption("Send this file to your friend, or load it here later.")
    c2.file_uploader("Load a model file (JSON saved from this page)", type=["json"],
                     key=WidgetKeys.model_upload, max_upload_size=1)
