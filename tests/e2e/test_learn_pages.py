"""Learn pages in a real browser: charts drawn, no exception, controls change the picture."""

import pytest

from tests.e2e.helpers import exception_texts, open_page, wait_for_app_run, wait_for_drawn_charts

CHART = ".js-plotly-plot"
PINK = "How pink is it? (0 = not at all, 1 = completely)"
# Charts per page: the sigmoid neuron draws its map and curves as one chart, the activations
# their six activations as one chart, a family to a panel (plus the two decision maps).
LEARN = [("perceptron", 3), ("sigmoid-neuron", 1), ("activations", 3)]


def _slider(page, label: str):
    """The keyboard-focusable range input inside the st.slider with this label."""
    box = page.locator("[data-testid='stSlider']").filter(has=page.get_by_text(label, exact=True))
    return box.first.locator("input[type='range']").first


def _go(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).click()
    page.wait_for_selector(f"h1:has-text('{title}')")
    wait_for_app_run(page)


def _fits_width(page) -> bool:
    """No horizontal scrolling in the main area (what a phone user would notice first)."""
    return page.evaluate(
        "() => { const m = document.querySelector(\"[data-testid='stMain']\");"
        " return m.scrollWidth <= m.clientWidth + 1; }")


@pytest.mark.parametrize("url_path, charts", LEARN, ids=[p for p, _ in LEARN])
def test_learn_page_draws_its_charts_on_desktop(page, app_server, url_path, charts):
    open_page(page, app_server.url, url_path)
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_function(f"document.querySelectorAll('{CHART}').length >= {charts}",
                           timeout=60_000)
    assert exception_texts(page) == []


@pytest.mark.parametrize("url_path, charts", LEARN, ids=[p for p, _ in LEARN])
def test_learn_page_fits_a_phone(phone_page, app_server, url_path, charts):
    open_page(phone_page, app_server.url, url_path)
    phone_page.wait_for_function(f"document.querySelectorAll('{CHART}').length >= {charts}",
                                 timeout=60_000)
    assert exception_texts(phone_page) == []
    assert _fits_width(phone_page)


def test_home_shortcut_takes_the_friend_to_buy_the_laptop(page, app_server):
    open_page(page, app_server.url)
    assert exception_texts(page) == []
    page.get_by_text("Go straight to Buy the Laptop").click()
    page.wait_for_url("**/buy-the-laptop")
    wait_for_app_run(page)
    assert "Buy the Laptop" in page.locator("h1").first.inner_text()


def test_perceptron_toggle_changes_verdict_and_chart(page, app_server):
    open_page(page, app_server.url)
    _go(page, "Perceptron")
    page.wait_for_selector(CHART)
    assert page.get_by_text("1 → buy").count() == 1
    page.get_by_text("Is it small?").click()
    page.wait_for_selector("text=0 → don't buy", timeout=30_000)
    wait_for_app_run(page)
    assert exception_texts(page) == []
    assert wait_for_drawn_charts(page, 3) >= 3


def test_slider_value_survives_leaving_the_page(page, app_server):
    # Start at Home and move by the sidebar, as a visitor does (and so this test does not
    # depend on deep links, which the first session of a fresh server cannot resolve).
    open_page(page, app_server.url)
    _go(page, "Sigmoid Neuron")
    knob = _slider(page, PINK)
    for _ in range(3):
        knob.press("ArrowRight")
        wait_for_app_run(page)
    page.wait_for_selector("text=Output 0.6514")  # sigmoid(0.5*0.63 + 0.9*0.9 - 0.5)
    assert knob.input_value() == "0.63"
    _go(page, "Home")
    _go(page, "Sigmoid Neuron")
    assert _slider(page, PINK).input_value() == "0.63"
    assert page.get_by_text("Output 0.6514").count() == 1
    assert exception_texts(page) == []
