"""The first visitor after a server start may arrive by a deep link (a shared verdict, a
bookmarked page): that first session must get the real navigation, not Streamlit's legacy
folder-based mode."""

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


def test_after_home_the_server_prepares_buy_the_laptop_in_the_background(browser,
                                                                        fresh_server):
    """decide/warm_up.py in a real server: after the first visitor's Home, the process
    imports the Decide page's modules (pandas among them, which Home never needs) on its own,
    logs no failure, and the page then opens with its verdict."""
    pid = fresh_server.process.pid
    assert not _loaded(pid, "pandas")  # nothing loaded it before the first visitor
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = context.new_page()
        open_page(tab, fresh_server.url, "")
        assert "Home" in tab.locator("h1").first.inner_text()
        for _ in range(240):  # up to a minute on a busy machine
            if _loaded(pid, "pandas"):
                break
            time.sleep(0.25)
        assert _loaded(pid, "pandas")
        open_page(tab, fresh_server.url, "buy-the-laptop")
        assert exception_texts(tab) == []
        assert tab.get_by_text("% sure", exact=False).count() > 0
    finally:
        context.close()
    assert "warm-up could not" not in fresh_server.log_path.read_text()
