"""The first visitor after a server start may arrive by a deep link (a shared verdict, a
bookmarked page): that first session must get the real navigation, not Streamlit's legacy
folder-based mode, and Buy the Laptop's modules are being imported since the server
started (decide/warm_up.py, started by streamlit_app.py's lifespan)."""

import time

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import exception_texts, open_page
from tests.e2e.server import StreamlitServer
from ui.site_map import PAGES, page


@pytest.fixture
def fresh_server(browser):
    server = StreamlitServer(ARTIFACTS / "cold-start-server.log").start()
    yield server
    server.stop()


@pytest.mark.parametrize("title", ["Sigmoid Neuron", "Activations"])
def test_first_visit_by_deep_link_shows_the_page_and_the_real_sidebar(browser, fresh_server,
                                                                     title):
    info = page(title)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = context.new_page()
        open_page(tab, fresh_server.url, info.url_path)
        assert exception_texts(tab) == []
        assert info.title in tab.locator("h1").first.inner_text()
        assert tab.get_by_text("Page not found").count() == 0
        nav = tab.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
        labels = [t.strip().splitlines()[-1] for t in nav]
        assert labels == [p.title for p in PAGES]
    finally:
        context.close()


def _loaded(pid: int, library: str) -> bool:
    """Whether the process has a shared library of `library` (a package) mapped in."""
    with open(f"/proc/{pid}/maps") as maps:
        return any(f"/{library}/" in line for line in maps)


def _wait_until_loaded(pid: int, library: str, seconds: float = 60) -> bool:
    """Whether `library` gets mapped into the process within `seconds` (a busy machine)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _loaded(pid, library):
            return True
        time.sleep(0.25)
    return False


def test_the_server_prepares_buy_the_laptop_when_it_starts_before_any_visit(fresh_server):
    """`streamlit run streamlit_app.py` (the deploy command) serves st.App with a lifespan:
    with no visitor at all, the process imports Buy the Laptop's modules (pandas among them,
    which nothing else loads before a visit) and logs no failure."""
    assert _wait_until_loaded(fresh_server.process.pid, "pandas")
    assert "warm-up could not" not in fresh_server.log_path.read_text()


@pytest.mark.parametrize("view", ["", "view=friend"], ids=["whole page", "friend's view"])
def test_a_link_to_the_verdict_as_the_server_s_first_request_shows_it(browser, fresh_server,
                                                                     view):
    """A friend opening a shared link on a server that has just started: the page, the
    verdict and the real navigation, nothing failing on the page or in the log."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = context.new_page()
        open_page(tab, fresh_server.url, "buy-the-laptop", view)
        assert exception_texts(tab) == []
        assert tab.get_by_text("Page not found").count() == 0
        assert "Buy the Laptop" in tab.locator("h1").first.inner_text()
        tab.get_by_text("% sure", exact=False).first.wait_for(timeout=30_000)
    finally:
        context.close()
    assert "warm-up could not" not in fresh_server.log_path.read_text()


def test_run_on_its_own_the_entry_script_prepares_it_after_home(browser):
    """The fallback: `streamlit run app_entry.py` has no lifespan, so nothing is loaded before
    the first visitor; after Home's first visit the process imports the Decide page's modules
    on its own, logs no failure, and the page then opens with its verdict."""
    server = StreamlitServer(ARTIFACTS / "cold-start-entry-server.log",
                             script="app_entry.py").start()
    try:
        pid = server.process.pid
        time.sleep(2)  # as long as the server with the lifespan would be given
        assert not _loaded(pid, "pandas")  # nothing loaded it before the first visitor
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            tab = context.new_page()
            open_page(tab, server.url, "")
            assert "Home" in tab.locator("h1").first.inner_text()
            assert _wait_until_loaded(pid, "pandas")
            open_page(tab, server.url, "buy-the-laptop")
            assert exception_texts(tab) == []
            assert tab.get_by_text("% sure", exact=False).count() > 0
        finally:
            context.close()
    finally:
        server.stop()
    assert "warm-up could not" not in server.log_path.read_text()
