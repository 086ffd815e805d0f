"""Buy the Laptop made ready before its first visitor: once per server process, in the
background, its modules are imported and the tutorial's model and vote trained.

`start()` starts one daemon thread that runs `warm_up()` the first time it is called in a
process; every later call does nothing. It is called by `lifespan()`, which streamlit_app.py
gives to `st.App`, so when the server starts, before any visitor (a shared link that is the
server's very first request finds the work under way or done); and by the entry script
app_entry.py at the end of every run, which starts it when the script is run without
streamlit_app.py (`streamlit run app_entry.py`, AppTest).

The page is the same with or without it: the modules are the ones the page imports anyway,
and the model and vote are those a visitor without a link would train (laptop.train_cache
keeps them; training is deterministic given the seed). A visitor who arrives while it
works waits for nothing more than without it: an import half done is finished by whichever
thread is first, and a training under way is waited for (train_cache's one computation per
key), not done twice.

A failure here never reaches a page: it is one plain log line, and the page then does the
work itself. Importing this module loads only the standard library (the entry script
imports it on every run); the heavy imports happen in the thread.
"""

import ast
import contextlib
import importlib
import logging
import threading
from pathlib import Path

PAGE = Path(__file__).resolve().parents[1] / "app_pages" / "buy_the_laptop.py"
# Imported by the page's first run only when first used, after its own imports: Plotly's
# bar and axis classes and its JSON writer (the first chart), pyarrow's pandas bridge (the
# data editor), pandas' CSV writer (the table's download button).
FIRST_USE = ("plotly.io._json", "plotly.graph_objs._bar", "plotly.graph_objs.layout._yaxis",
             "pyarrow.pandas_compat", "pandas.io.formats.csvs")
LOG = logging.getLogger(__name__)

ENABLED = True  # tests/app switch it off: AppTest runs the entry script in the test process
_lock = threading.Lock()
_started = False


def page_modules(page: Path | None = None) -> list[str]:
    """The modules the page file (`page`, else PAGE) imports: its `import` and `from ...
    import` lines, in order.

    >>> page_modules()[:2]
    ['streamlit', 'decide.checks_section']
    """
    names = []
    for node in ast.parse((page or PAGE).read_text()).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return list(dict.fromkeys(names))


def warm_up() -> list[str]:
    """Import the page's modules and FIRST_USE, then open a session as a visitor without a
    link would (on a plain dict, thrown away), which trains the tutorial's model and its vote
    into the server's caches. Returns what failed, in plain words (each also logged); raises
    nothing."""
    failed = []
    try:
        names = (*page_modules(), *FIRST_USE)
    except Exception as error:  # noqa: BLE001 - an unreadable page file: warm nothing
        names = ()
        failed.append(f"could not read {PAGE.name} ({type(error).__name__}: {error})")
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - the page will import it and say what fails
            failed.append(f"could not import {name} ({type(error).__name__}: {error})")
    try:
        from decide.session import open_session

        open_session({})
    except Exception as error:  # noqa: BLE001 - the visitor's own session trains then
        failed.append(f"could not train the tutorial's model ({type(error).__name__}: "
                      f"{error})")
    for problem in failed:
        LOG.warning("Buy the Laptop's warm-up %s; the page will do it on its first visit.",
                    problem)
    return failed


def start() -> threading.Thread | None:
    """Start warm_up() in a daemon thread, the first time it is called in this process (and
    only while ENABLED); returns the thread, or None when there is nothing to start."""
    global _started
    with _lock:
        if _started or not ENABLED:
            return None
        _started = True
    thread = threading.Thread(target=warm_up, name="buy-the-laptop-warm-up", daemon=True)
    try:
        thread.start()
    except RuntimeError as error:  # no thread to be had: the page does the work itself
        LOG.warning("Buy the Laptop's warm-up could not start (%s).", error)
        return None
    return thread


@contextlib.asynccontextmanager
async def lifespan(app=None):
    """`st.App`'s lifespan (streamlit_app.py): `start()` when the server starts, nothing to
    do when it stops, no state. Never raises: a warm-up that cannot start is one log line
    and the server serves as it would without it."""
    try:
        start()
    except Exception as error:  # noqa: BLE001 - the server must start whatever happens here
        LOG.warning("Buy the Laptop's warm-up could not start (%s: %s).",
                    type(error).__name__, error)
    yield
