"""Screenshots of every page at laptop and phone width.

Always written to tests/e2e/artifacts/screenshots/ for a human to look at. With
REGENERATE_SCREENSHOTS=1 (`make screenshots`) the README's picture in docs/ is rewritten too.
"""

import os

import pytest

from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE, ROOT
from tests.e2e.helpers import exception_texts, open_page
from ui.site_map import PAGES, page

SHOTS = ARTIFACTS / "screenshots"
README_SHOT = ROOT / "docs" / "screenshot.png"
README_PAGE = page("Buy the Laptop")


@pytest.mark.parametrize("size_name,viewport", [("desktop", DESKTOP), ("phone", PHONE)])
@pytest.mark.parametrize("info", PAGES, ids=[p.title for p in PAGES])
def test_screenshot(browser, app_server, info, size_name, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        open_page(tab, app_server.url, info.url_path)
        # Let Plotly finish drawing before the picture is taken.
        tab.wait_for_timeout(500)
        assert exception_texts(tab) == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{info.url_path or 'home'}-{size_name}.png"
        # Streamlit scrolls inside its main element, not the document: grow the window to
        # the content's height so the picture shows the whole page.
        height = tab.evaluate(
            "document.querySelector(\"[data-testid='stMain']\").scrollHeight")
        tab.set_viewport_size({"width": viewport["width"], "height": min(height, 12_000)})
        tab.wait_for_timeout(300)
        tab.screenshot(path=str(path), full_page=True)
        tab.set_viewport_size(viewport)
        assert path.stat().st_size > 10_000  # a real rendering, not a blank page
        if (os.environ.get("REGENERATE_SCREENSHOTS") == "1" and info == README_PAGE
                and size_name == "desktop"):
            README_SHOT.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(README_SHOT), full_page=False)
    finally:
        context.close()


def test_readme_screenshot_exists():
    assert README_SHOT.is_file(), "run `make screenshots` to create docs/screenshot.png"
