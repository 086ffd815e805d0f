"""The Initialization page in a real browser: its charts are drawn, in every section."""

from tests.e2e.helpers import exception_texts, open_page, wait_for_app_run, wait_for_drawn_charts
from ui.site_map import page as page_info

URL = page_info("Initialization").url_path
SECTIONS = ("Same start", "10 layers deep", "How often it fails")


def _open_loaded(page, base_url: str) -> None:
    """Open the page and wait until its first run has drawn charts and finished."""
    open_page(page, base_url, URL)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    page.wait_for_selector("[data-testid='stMetric']", timeout=60_000)
    wait_for_app_run(page, settle_ms=500)


def _show(page, section: str) -> None:
    page.locator("[data-testid='stButtonGroup']").get_by_role(
        "radio", name=section, exact=True).click()
    wait_for_app_run(page)
    page.wait_for_timeout(300)


def test_initialization_page_draws_its_charts_in_every_section(page, app_server):
    _open_loaded(page, app_server.url)
    assert exception_texts(page) == []
    for section in (*SECTIONS[1:], SECTIONS[0]):
        _show(page, section)
        assert page.get_by_role("heading", level=2).filter(
            has_text=("10 layers" if section == SECTIONS[1] else "")).count() >= 1
        assert wait_for_drawn_charts(page, 3, timeout=60_000) >= 3, section
    assert exception_texts(page) == []


def test_initialization_epoch_slider_redraws_the_unit_tables(page, app_server):
    _open_loaded(page, app_server.url)
    _show(page, SECTIONS[0])
    page.locator(".js-plotly-plot", has_text="at the start").first.wait_for(timeout=30_000)
    slider = page.locator("[data-testid='stSlider']", has_text="after epoch")
    slider.locator("input[type='range']").first.press("End")
    wait_for_app_run(page)
    page.locator(".js-plotly-plot", has_text="after epoch 60").first.wait_for(timeout=30_000)
    assert exception_texts(page) == []


def test_initialization_page_choose_zeros_on_a_phone(phone_page, app_server):
    _open_loaded(phone_page, app_server.url)
    phone_page.locator("[data-testid='stSelectbox']").first.get_by_role(
        "button", name="Open").click()
    phone_page.get_by_role("option", name="All zeros", exact=True).click()
    wait_for_app_run(phone_page)
    _show(phone_page, SECTIONS[2])
    metric = phone_page.locator("[data-testid='stMetric']", has_text="Stuck")
    assert "100.0%" in metric.first.inner_text()
    assert wait_for_drawn_charts(phone_page, 2, timeout=60_000) >= 2
    assert exception_texts(phone_page) == []
