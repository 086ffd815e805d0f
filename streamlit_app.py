"""What `streamlit run streamlit_app.py` serves: the app in app_entry.py, with Buy the
Laptop's warm-up (decide/warm_up.py) started when the server starts, before any visitor.

Streamlit runs no script before the first visitor connects, so a server whose first request
is a shared link used to pay the page's imports on that visit. `streamlit run` sees the `app`
below and serves it; its lifespan runs once, at the server's start. The entry script still
starts the warm-up after its first run, for `streamlit run app_entry.py` and for AppTest
(the second call in a process does nothing).
"""

import os

# Our matrices are tiny: one BLAS thread is faster than two threads fighting over two cores
# (docs/performance.md). Must be set before NumPy is first imported, which the warm-up does
# at the server's start. app_entry.py sets it too, for when it is run on its own.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import streamlit as st  # noqa: E402

from decide.warm_up import lifespan  # noqa: E402

app = st.App("app_entry.py", lifespan=lifespan)
