"""Browser tests: a real `streamlit run` server and headless Debian Chromium via Playwright.

Without Chromium (or Playwright) the browser tests skip with one line saying why, except
under CI=true, where they fail: CI must prove the app in a real browser.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
_SKIP_NOTE = pytest.StashKey[str]()
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 400, "height": 800}


def pytest_collection_modifyitems(config, items):
    reason = _missing_browser_reason()
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


def _missing_browser_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
    return None


def _require_browser() -> None:
    reason = _missing_browser_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run under CI=true: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """A `streamlit run streamlit_app.py` child process on a free localhost port."""

    def __init__(self, log_path: Path, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "StreamlitServer":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        return self
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"streamlit did not answer /_stcore/health in {timeout}s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


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
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() else "_" for c in request.node.nodeid)[-120:]
        page.screenshot(path=str(ARTIFACTS / f"FAILED_{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def page(browser, app_server, request):
    """A fresh browser tab (own cookies, own Streamlit session) at desktop size."""
    yield from _new_page(browser, request, DESKTOP)


@pytest.fixture
def phone_page(browser, app_server, request):
    """A fresh browser tab at phone width (400x800)."""
    yield from _new_page(browser, request, PHONE)


@pytest.fixture(scope="session")
def chromium_available():
    return shutil.which(CHROMIUM) is not None
