"""Browser tests: a real `streamlit run` server and headless Debian Chromium via Playwright.

Without Chromium (or Playwright) the browser tests skip with one line saying why, except
under CI=true, where they fail: CI must prove the app in a real browser.
"""

import os
from pathlib import Path

import pytest

from tests.e2e.helpers import whole_app_screenshot
from tests.e2e.server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    StreamlitServer,
    free_port,
    missing_browser_reason,
)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
__all__ = ["ROOT", "ARTIFACTS"]
_SKIP_NOTE = pytest.StashKey[str]()
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 400, "height": 800}


def pytest_collection_modifyitems(config, items):
    reason = missing_browser_reason()
    skip_all = reason is not None and os.environ.get("CI", "").lower() != "true"
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.e2e)
            if skip_all:
                item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))
    if skip_all:
        config.stash[_SKIP_NOTE] = f"browser tests skipped: {reason}"


def pytest_terminal_summary(terminalreporter, config):
    note = config.stash.get(_SKIP_NOTE, None)
    if note:
        terminalreporter.write_line(note, yellow=True, bold=True)


def _require_browser() -> None:
    reason = missing_browser_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run under CI=true: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture
def own_server(request):
    """Starts a server of the test's own on one fixed port, so it can be restarted in place:
    each call starts one (the earlier must be stopped first); all are stopped at the end."""
    port = free_port()
    servers = []
    name = request.module.__name__.rsplit(".", 1)[-1]

    def start():
        server = StreamlitServer(ARTIFACTS / f"{name}-server-{len(servers)}.log",
                                 port=port).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def app_server():
    _require_browser()
    server = StreamlitServer(ARTIFACTS / "streamlit-server.log").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _new_page(browser, request, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    report = getattr(request.node, "report_call", None)
    try:
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = "".join(c if c.isalnum() else "_" for c in request.node.nodeid)[-120:]
            # what was on screen, and the whole app (Streamlit scrolls inside its own
            # container, so a full-page shot would stop at the first screen), and the text of
            # every message box
            page.screenshot(path=str(ARTIFACTS / f"FAILED_{name}.png"))
            whole_app_screenshot(page, ARTIFACTS / f"FAILED_{name}_whole.png")
            alerts = page.locator("[data-testid='stAlert']").all_inner_texts()
            (ARTIFACTS / f"FAILED_{name}_messages.txt").write_text("\n---\n".join(alerts))
    finally:
        context.close()


@pytest.fixture
def page(browser, app_server, request):
    """A fresh browser tab (own cookies, own Streamlit session) at desktop size."""
    yield from _new_page(browser, request, DESKTOP)


@pytest.fixture
def phone_page(browser, app_server, request):
    """A fresh browser tab at phone width (400x800)."""
    yield from _new_page(browser, request, PHONE)
