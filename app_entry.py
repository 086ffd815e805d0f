"""The app's script: page config and navigation. Each screen lives in app_pages/.
`streamlit run streamlit_app.py` serves it (streamlit_app.py declares the app and starts
Buy the Laptop's warm-up with the server); `streamlit run app_entry.py` and AppTest run it
directly.

The page files live in app_pages/, not pages/: Streamlit treats a pages/ folder next to the
entry file as a legacy multipage app until st.navigation has run once in the process, so the
first visitor after a (re)start who came by a deep link got the wrong page and sidebar.
"""

import os
from pathlib import Path

# Our matrices are tiny: one BLAS thread is faster than two threads fighting over two cores
# (the Initialization page's deep stack: ~0.2 s instead of ~5 s on a busy machine). Must be
# set before NumPy is first imported: streamlit_app.py sets it before the warm-up does, this
# line for a run of this file on its own, where the first page imports NumPy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import streamlit as st  # noqa: E402

from decide import warm_up  # noqa: E402
from ui.site_map import PAGES, tab_title  # noqa: E402

# The few rules .streamlit/config.toml's [theme] cannot express (the keyboard focus ring).
STYLESHEET = Path(__file__).parent / "ui" / "theme.css"

sections: dict[str, list] = {}
for info in PAGES:
    sections.setdefault(info.section, []).append(
        st.Page(info.file, title=info.title, icon=info.icon,
                url_path=info.url_path or None, default=not info.url_path)
    )

current = st.navigation(sections)
# Each page its own tab title (WCAG 2.4.2). A page_title given here would override every
# st.Page's title, so it is set after st.navigation has chosen the page.
st.set_page_config(
    page_title=tab_title(current.title),
    page_icon=":material/neurology:",
    layout="wide",
)
st.html(STYLESHEET)  # style only: Streamlit puts it in no container, it takes no space
try:
    current.run()
finally:
    # Served by streamlit_app.py, the warm-up started with the server and this does nothing.
    # Run on its own (`streamlit run app_entry.py`, AppTest), the process's first run starts
    # it here, once its page is done: Buy the Laptop's modules and the tutorial's model and
    # vote, in the background, for its first visitor.
    warm_up.start()
