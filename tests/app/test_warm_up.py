"""Buy the Laptop's background warm-up (decide/warm_up.py): started once per server process
(by the server's lifespan, else by the entry script), never raising into a page or the
server's start, and the page it prepares is the page a visitor gets without it."""

import asyncio
import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from decide import warm_up
from laptop.train_cache import TrainCache, VoteCache
from tests.app.test_hostile_input import all_text

ENTRY = "../../app_entry.py"
PAGE = "app_pages/buy_the_laptop.py"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_caches(monkeypatch):
    """The server's caches of trained models and votes, empty, for this test only."""
    trained, votes = TrainCache(), VoteCache()
    monkeypatch.setattr("decide.session.TRAINED", trained)
    monkeypatch.setattr("decide.session.VOTES", votes)
    return trained, votes


@pytest.fixture
def first_process(monkeypatch):
    """As in a server process whose entry script has not run yet, warm-up on; warm_up()
    itself replaced by a counter (its work is tested below)."""
    calls = []
    monkeypatch.setattr(warm_up, "ENABLED", True)
    monkeypatch.setattr(warm_up, "_started", False)
    monkeypatch.setattr(warm_up, "warm_up", lambda: calls.append(threading.current_thread()))
    return calls


def test_start_runs_the_warm_up_once_per_process_in_a_daemon_thread(first_process):
    threads = []
    callers = [threading.Thread(target=lambda: threads.append(warm_up.start()))
               for _ in range(8)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    started = [t for t in threads if t is not None]
    assert len(started) == 1 and started[0].daemon
    started[0].join(10)
    assert first_process == started[0:1]  # it ran there, once
    assert warm_up.start() is None and len(first_process) == 1


def test_the_entry_script_starts_it_on_the_process_s_first_run_only(first_process):
    at = AppTest.from_file(ENTRY, default_timeout=60).run()  # Home, the process's first run
    assert not at.exception
    at.switch_page("app_pages/perceptron.py").run()
    AppTest.from_file(ENTRY, default_timeout=60).run()  # another visitor
    for thread in threading.enumerate():
        if thread.name == "buy-the-laptop-warm-up":
            thread.join(10)
    assert len(first_process) == 1


def test_switched_off_it_starts_nothing(first_process, monkeypatch):
    monkeypatch.setattr(warm_up, "ENABLED", False)
    assert warm_up.start() is None
    assert first_process == []


def test_a_failing_import_or_training_is_one_log_line_not_an_exception(monkeypatch, caplog):
    monkeypatch.setattr(warm_up, "FIRST_USE", ("no_such_module_for_the_warm_up",))

    def broken(state, *args):
        raise RuntimeError("the trainer broke")

    monkeypatch.setattr("decide.session.open_session", broken)
    with caplog.at_level(logging.WARNING, logger=warm_up.__name__):
        problems = warm_up.warm_up()
    assert len(problems) == 2
    assert "no_such_module_for_the_warm_up" in problems[0]
    assert "the trainer broke" in problems[1]
    lines = [r.getMessage() for r in caplog.records if r.name == warm_up.__name__]
    assert len(lines) == 2 and all("\n" not in line for line in lines)
    assert all(line.startswith("Buy the Laptop's warm-up could not") for line in lines)


def test_an_unreadable_page_file_is_logged_too(monkeypatch, tmp_path, fresh_caches, caplog):
    monkeypatch.setattr(warm_up, "PAGE", tmp_path / "gone.py")
    with caplog.at_level(logging.WARNING, logger=warm_up.__name__):
        problems = warm_up.warm_up()
    assert len(problems) == 1 and "gone.py" in problems[0]
    assert len(fresh_caches[0]) == 1  # the rest was still done


def test_it_imports_every_module_the_page_imports(fresh_caches):
    names = warm_up.page_modules()
    source = (warm_up.PAGE).read_text()
    assert names[0] == "streamlit" and len(names) >= 10
    assert all(f"from {n} import" in source or f"import {n}" in source for n in names)
    assert warm_up.warm_up() == []
    assert all(name in sys.modules for name in (*names, *warm_up.FIRST_USE))


def test_the_first_visitor_after_it_is_served_from_the_caches(fresh_caches):
    trained, votes = fresh_caches
    assert warm_up.warm_up() == []
    assert (len(trained), trained.misses, len(votes), votes.misses) == (1, 1, 1, 1)
    for view in ({}, {"view": "friend"}):
        at = _open(view)
        assert not at.exception
    assert (trained.misses, trained.hits) == (1, 2)  # nothing trained again
    assert (votes.misses, votes.hits) == (1, 2)


def _open(query: dict) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    return at


def _page(at: AppTest) -> tuple:
    """What the visitor is shown: every text, and every chart's figure."""
    return all_text(at), [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("query", [{}, {"view": "friend"}], ids=["whole page", "friend"])
def test_the_page_is_the_same_with_and_without_the_warm_up(query, monkeypatch):
    pages = []
    for warmed in (False, True):
        monkeypatch.setattr("decide.session.TRAINED", TrainCache())
        monkeypatch.setattr("decide.session.VOTES", VoteCache())
        if warmed:
            assert warm_up.warm_up() == []
        at = _open(query)
        assert not at.exception, [e.value for e in at.exception]
        pages.append(_page(at))
    without, warmed = pages
    assert any("% sure" in text for text in without[0])
    assert len(without[1]) >= 3
    assert warmed == without


def test_no_thread_to_be_had_is_a_log_line_too(first_process, monkeypatch, caplog):
    def refuse(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    with caplog.at_level(logging.WARNING, logger=warm_up.__name__):
        assert warm_up.start() is None
    assert [r.getMessage() for r in caplog.records] == [
        "Buy the Laptop's warm-up could not start (can't start new thread)."]


def _serve(lifespan, times: int = 1) -> list:
    """Start and stop a server `times` times with `lifespan`, as st.App does (an async
    context manager given the app); returns what each start yielded."""
    async def serve():
        async with lifespan(object()) as state:
            return state

    return [asyncio.run(serve()) for _ in range(times)]


def test_the_server_s_lifespan_starts_it_once_and_holds_no_state(first_process):
    assert _serve(warm_up.lifespan, times=3) == [None, None, None]
    for thread in threading.enumerate():
        if thread.name == "buy-the-laptop-warm-up":
            thread.join(10)
    assert len(first_process) == 1  # three starts of the server, one warm-up
    AppTest.from_file(ENTRY, default_timeout=60).run()  # then a visitor: nothing more
    assert len(first_process) == 1


def test_the_server_starts_even_if_the_warm_up_cannot(monkeypatch, caplog):
    def broken():
        raise MemoryError("no room")

    monkeypatch.setattr(warm_up, "start", broken)
    with caplog.at_level(logging.WARNING, logger=warm_up.__name__):
        assert _serve(warm_up.lifespan) == [None]
    assert [r.getMessage() for r in caplog.records] == [
        "Buy the Laptop's warm-up could not start (MemoryError: no room)."]


def test_streamlit_run_streamlit_app_serves_the_entry_script_with_the_lifespan():
    """What `streamlit run streamlit_app.py` (the deploy command) finds: an st.App to serve,
    whose script is app_entry.py and whose lifespan is the warm-up's. Imported in a process
    of its own (st.App sets process-wide config); importing it starts nothing."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(ROOT / "streamlit_app.py")
    assert (found.is_asgi_app, found.import_string) == (True, "streamlit_app:app")
    probe = ("import threading, streamlit_app as m; from decide import warm_up; "
             "print(m.app.script_path, m.app._user_lifespan is warm_up.lifespan, "
             "warm_up._started, threading.active_count())")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True).stdout.split()
    assert out == ["app_entry.py", "True", "False", "1"]
    assert (ROOT / out[0]).is_file()
