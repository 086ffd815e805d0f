"""The Initialization page in a real browser: its charts are drawn, in every tab."""

from tests.e2e.helpers import exception_texts, open_page, wait_for_app_run
from ui.site_map import page as page_info

URL = page_info("Initialization").url_path


def _visible_charts(page) -> int:
    return page.locator(".js-plotly-plot:visible").count()


def _open_loaded(page, base_url: str) -> None:
    """Open the page and wait until its first run has drawn charts and finished."""
    open_page(page, base_url, URL)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    page.wait_for_selector("[data-testid='stMetric']", timeout=60_000)
    wait_for_app_run(page, settle_ms=500)


def test_initialization_page_draws_its_charts_in_every_tab(page, app_server):
    _open_loaded(page, app_server.url)
    assert exception_texts(page) == []
    tabs = page.get_by_role("tab")
    assert tabs.count() == 3
    for i in range(3):
        tabs.nth(i).click()
        wait_for_app_run(page)
        page.wait_for_timeout(300)
        assert _visible_charts(page) >= 2, f"tab {i + 1}"
        assert page.locator(".js-plotly-plot:visible .main-svg").count() >= 2
    assert exception_texts(page) == []


def test_initialization_page_choose_zeros_on_a_phone(phone_page, app_server):
    _open_loaded(phone_page, app_server.url)
    phone_page.locator("[data-testid='stSelectbox']").first.get_by_role(
        "button", name="Open").click()
    phone_page.get_by_role("option", name="All zeros", exact=True).click()
    wait_for_app_run(phone_page)
    phone_page.get_by_role("tab").nth(2).click()
    wait_for_app_run(phone_page)
    metric = phone_page.locator("[data-testid='stMetric']", has_text="Stuck")
    assert "100.0%" in metric.first.inner_text()
    assert _visible_charts(phone_page) >= 2
    assert exception_texts(phone_page) == []
