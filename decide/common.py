"""What every section of the Buy the Laptop page shares: the safety net, message boxes that
show text literally, and taking an uploaded file once.

Every text that may come from a visitor (file contents, file names, link values) goes through
laptop.plain_text.literal or is never shown; no section uses unsafe_allow_html.

Messages that come and go sit in an st.container() drawn on every run, so what follows them
(the file uploaders above all) keeps its place on the page. Replacing a file makes Streamlit
rerun twice: first without the old file, then with the new one once its upload ends. When the
first rerun removed the old file's message, everything after it moved up one place, the
browser built the uploader afresh from the now empty value while the new file was still
uploading, and dropped that file: its chip went, no second rerun came and its message never
appeared (a flaky browser test; test_reliability.py's
test_replacing_a_file_while_its_upload_is_slow_still_answers holds an upload to prove it).
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from decide.session import SESSION_KEY, LaptopSession, WidgetKeys, visit_steps
from decide.words import PAGE_WAIT_WORDS
from laptop.lane import LANE
from laptop.plain_text import literal

_LOG = logging.getLogger(__name__)


def visitor() -> str | None:
    """This visitor's Streamlit session id (None outside a script run)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


# The lane's rest after a long turn holds back the other visitors, not the one who had it
LANE.identify(visitor)


def guarded(render, what: str) -> bool:
    """Run one section; if it fails, say so in words and keep the rest of the page working
    (the traceback goes to the server log, never to the visitor). Streamlit's own rerun and
    stop signals are BaseExceptions and pass through."""
    try:
        render()
    except Exception:  # noqa: BLE001 - the safety net of last resort
        _LOG.exception("Buy the Laptop: the %s section failed", what)
        st.error(f"Something went wrong while showing {what}. Your table and model are "
                 "unchanged; reloading the page may help.", icon=":material/error:")
        return False
    return True


def show(kind: str, text: str) -> None:
    """A message box whose text is always shown literally (never as markdown or HTML)."""
    box = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}
    box[kind](literal(text, max_chars=800))


def laptop_session() -> LaptopSession:
    """This visitor's session (made by `decide.session.open_session` at the top of the page)."""
    return st.session_state[SESSION_KEY]


def show_queued(section: str) -> None:
    for kind, text in laptop_session().pop_messages(section):
        show(kind, text)


def handle_upload(key: str, take) -> str | None:
    """Hand a newly uploaded file (the uploader `key`'s) to `take(raw, upload_id)` once; the
    error stays shown while the file is."""
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return None
    upload_id = f"{key}:{uploaded.file_id}"
    errors = laptop_session().upload_errors
    error = take(uploaded.getvalue(), upload_id)
    if error:
        errors[upload_id] = error
    return errors.get(upload_id)


def take_uploads() -> None:
    """Handle newly uploaded files before anything is drawn, so the verdict at the top
    already uses an uploaded model (each section shows its file's message later)."""
    session = laptop_session()
    handle_upload(WidgetKeys.csv_upload, session.take_csv_upload)
    handle_upload(WidgetKeys.model_upload, session.take_model_upload)


@contextmanager
def page_turn() -> Iterator[None]:
    """The rest of the page's run as one turn in the lane (laptop/lane.py) when the model it
    shows has a long training (decide.session.visit_steps), kept or not: such pages take
    turns, with a pause after each, so that together they take at most a fixed share of the
    server's time. While the page waits, a note says so where it is drawn (and is redrawn
    every few seconds: Streamlit stops a closed visitor's script there). Other pages go on
    at once."""
    try:
        steps = visit_steps(st.session_state, st.query_params.to_dict())
    except Exception:  # noqa: BLE001 - the page goes on, unpaced, and the log says why
        _LOG.exception("Buy the Laptop: the page's training steps could not be worked out")
        steps = 0
    note = st.empty()

    def told(waiting: bool) -> None:
        if waiting:
            note.info(PAGE_WAIT_WORDS.format(steps=steps), icon=":material/hourglass_top:")
        else:
            note.empty()

    with LANE.telling(told), LANE.turn(steps):
        yield
