"""Entry point: page config and navigation. Each screen lives in app_pages/.

The page files live in app_pages/, not pages/: Streamlit treats a pages/ folder next to the
entry file as a legacy multipage app until st.navigation has run once in the process, so the
first visitor after a (re)start who came by a deep link got the wrong page and sidebar.
"""

import os

# Our matrices are tiny: one BLAS thread is faster than two threads fighting over two cores
# (the Initialization page's deep stack: ~0.2 s instead of ~5 s on a busy machine). Must be
# set before NumPy is first imported, which happens when the first page runs.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import streamlit as st  # noqa: E402

from ui.site_map import PAGES  # noqa: E402

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
