"""Buy the Laptop, the data: the table in a data editor, CSV download and upload, and a
scatter of the rows.

The editor starts from the session's `source` (the tutorial's table, a restored link's table,
an upload) and its output is recorded apart (`edited`), never written back into its input.
"""

import streamlit as st

from decide.common import handle_upload, laptop_session, show, show_queued
from decide.figures import data_scatter_alt, data_scatter_figure
from decide.session import WidgetKeys
from laptop.data import MAX_ROWS, to_csv_bytes
from laptop.share_link import MAX_LINK_ROWS
from ui.theme import show_chart

ROW_PX = 35  # the data editor's row (and header) height


def data_section() -> None:
    session = laptop_session()
    ss = st.session_state
    st.header("The data: what your friend told you", divider="gray")
    st.write("Each row is a laptop your friend judged. Double-click a cell to change it, "
             "click the empty last row to add a laptop, or select rows by their left edge and "
             "press Delete to remove them. The model learns from this table when you press "
             "Train.")
    upload_error = handle_upload(WidgetKeys.csv_upload, session.take_csv_upload)
    with st.container():  # always drawn, so the uploader keeps its place (decide.common)
        show_queued("data")
        if upload_error:
            show("error", upload_error)
    session.restore_edits_if_editor_was_dropped(ss)
    table_col, scatter_col = st.columns([5, 6], gap="large")
    with table_col:
        edited = st.data_editor(
            session.source, key=session.editor_key(), num_rows="dynamic", width="stretch",
            # Room for a few new rows without scrolling. Fixed while this editor lives: a
            # dynamic editor's identity includes its height, and a new identity drops edits.
            height=min(ROW_PX * (len(session.source) + 5) + 3, 800), row_height=ROW_PX,
            column_config={
                # Text, read by laptop.data.read_amount: a number column would drop what it
                # does not take ("0,5" in en-US becomes 5, then its max makes it 1).
                "pink": st.column_config.TextColumn(
                    "pink (0-1)", alignment="right",
                    help="How pink: 0 = not at all, 1 = completely. Type 0.5, 0,5 or 50%."),
                "small": st.column_config.TextColumn(
                    "small (0-1)", alignment="right",
                    help="How small: 0 = not at all, 1 = tiny. Type 0.5, 0,5 or 50%."),
                "buy": st.column_config.CheckboxColumn(
                    "buy?", default=False, help="Ticked = your friend would buy it"),
            })
        check = session.take_edited_table(edited)
        with st.container():  # always drawn, so the uploader keeps its place (decide.common)
            for problem in check.problems:
                show("error", problem + " Until then the page keeps using the last good table.")
            for note in check.notes:
                show("info", note)
        c1, c2 = st.columns(2)
        c1.button("Tutorial's table", help="Put back the tutorial's 9 laptops",
                  on_click=session.reset_table, key=WidgetKeys.reset,
                  icon=":material/restart_alt:")
        c2.download_button("Download CSV", to_csv_bytes(edited), "laptops.csv",
                           "text/csv", key=WidgetKeys.download_csv, on_click="ignore",
                           icon=":material/download:")
        st.file_uploader(f"Upload a table: a CSV file with columns pink, small, buy (at most "
                         f"{MAX_ROWS:,} rows)", type=["csv"], key=WidgetKeys.csv_upload,
                         max_upload_size=1)
    with scatter_col:
        x, y = session.good
        show_chart(st, data_scatter_figure(x, y, highlight=session.laptop()),
                   key=WidgetKeys.data_scatter,
                   alt=data_scatter_alt(x, y, highlight=session.laptop()))
    with st.container():  # always drawn, so the uploader keeps its place (decide.common)
        _table_notes()


def _table_notes() -> None:
    session = laptop_session()
    if table_too_long_for_a_link():
        st.info(too_long_words(), icon=":material/info:")
    if session.data_changed_since_training():
        st.info("The table changed since the model was trained. Press **Train** below to "
                "learn from it.", icon=":material/info:")


def table_too_long_for_a_link() -> bool:
    session = laptop_session()
    return session.link_params()["data"] is None


def too_long_words() -> str:
    session = laptop_session()
    n = len(session.good[1])
    return (f"Your table has {n:,} laptops, too many for a link (at most {MAX_LINK_ROWS}), so "
            "the page address and the share link leave it out: a reload or the link starts "
            "from the tutorial's table. Keep or send it as a file with \"Download CSV\" and load "
            "it with \"Upload a table\".")
