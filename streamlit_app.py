"""Entry point: page config and navigation. Each screen lives in app_pages/."""

import streamlit as st

from ui.site_map import PAGES

st.set_page_config(
    page_title="From one neuron to a laptop",
    page_icon=":material/neurology:",
    layout="wide",
)

sections: dict[str, list] = {}
for info in PAGES:
    sections.setdefault(info.section, []).append(
        st.Page(info.file, title=info.title, icon=info.icon,
                url_path=info.url_path or None, default=not info.url_path)
    )

st.navigation(sections).run()
