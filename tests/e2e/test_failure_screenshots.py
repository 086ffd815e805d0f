"""The failure screenshot shows the whole app, not only its first screen (Streamlit scrolls
inside its own container, so Playwright's full-page shot stops at the viewport)."""

import struct

from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import open_page, wait_for_app_run, whole_app_screenshot


def png_size(path) -> tuple[int, int]:
    with open(path, "rb") as file:
        header = file.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_the_whole_app_screenshot_reaches_the_bottom_of_a_long_page(page, app_server, tmp_path):
    open_page(page, app_server.url, "buy-the-laptop")
    page.get_by_text("Save or load the model").first.wait_for(timeout=60_000)
    wait_for_app_run(page, settle_ms=500)
    content = page.evaluate("""() => document.querySelector("[data-testid='stMain']")
                                        .scrollHeight""")
    assert content > 2 * DESKTOP["height"]  # a page that scrolls, or the test proves nothing
    whole_app_screenshot(page, tmp_path / "whole.png")
    width, height = png_size(tmp_path / "whole.png")
    assert width == DESKTOP["width"]
    assert height >= content, (height, content)
    assert page.viewport_size == DESKTOP  # put back for whatever the test does next
