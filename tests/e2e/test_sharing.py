"""Every Learn page is one link away: a control moved in the browser shows up in the address,
a fresh browser (own cookies, own session) opened on that address shows the same picture,
and the value is still there after a visit to another page."""

import re

import pytest

from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import exception_texts, open_page, slider_input, wait_for_app_run


def _fresh(browser, url: str):
    """A new browser context (nothing shared with the first) opened on `url`."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app_run(page)
    return context, page


def _slider_value(page, label: str) -> str:
    return slider_input(page, label).get_attribute("aria-valuetext") or \
        slider_input(page, label).get_attribute("aria-valuenow")


def _nudge(page, label: str, key: str, presses: int = 2) -> None:
    slider = slider_input(page, label)
    slider.focus()
    for _ in range(presses):
        slider.press("ArrowRight")
    wait_for_app_run(page)
    page.wait_for_url(re.compile(rf"{key}="), timeout=30_000)


SLIDERS = [  # page, slider label, address name, what the nudge gives
    ("perceptron", "How much pinkness counts (weight w₁)", "p_w1", "0.6"),
    ("sigmoid-neuron", "How pink is it? (0 = not at all, 1 = completely)", "s_pink", "0.62"),
    ("activations", "Leaky ReLU slope α", "a_alpha", "0.3"),
    ("initialization", "Show the hidden units after epoch", "i_epoch", "2"),
]


@pytest.mark.parametrize("url_path, label, key, value", SLIDERS, ids=[s[0] for s in SLIDERS])
def test_a_moved_slider_is_in_the_address_and_a_fresh_browser_shows_it(
        page, browser, app_server, url_path, label, key, value):
    open_page(page, app_server.url, url_path)
    _nudge(page, label, key)
    assert f"{key}={value}" in page.url
    context, other = _fresh(browser, page.url)
    try:
        assert float(_slider_value(other, label)) == float(value)
        assert exception_texts(other) == []
    finally:
        context.close()


def _go(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).click()
    page.wait_for_selector(f"h1:has-text('{title}')")
    wait_for_app_run(page)


def test_the_perceptron_step_and_its_picture_come_back_after_another_page_and_in_a_link(
        page, browser, app_server):
    open_page(page, app_server.url, "perceptron")
    page.get_by_text("Is it pink?", exact=True).click()
    wait_for_app_run(page)
    page.wait_for_url(re.compile(r"p_pink=true"), timeout=30_000)
    for _ in range(3):
        page.get_by_role("button", name="Next ▶").click()
        wait_for_app_run(page)
    page.wait_for_url(re.compile(r"p_step=3"), timeout=30_000)
    page.get_by_text("After step 3 of", exact=False).first.wait_for(timeout=60_000)
    _go(page, "Sigmoid Neuron")
    assert "p_" not in page.url  # another page's values leave the address...
    _go(page, "Perceptron")  # ...and come back with the page (persist_state="session")
    page.wait_for_url(re.compile(r"p_step=3"), timeout=30_000)
    assert "p_pink=true" in page.url
    assert float(_slider_value(page, "Step (0 = before learning)")) == 3
    context, other = _fresh(browser, page.url)
    try:
        other.get_by_text("After step 3 of", exact=False).first.wait_for(timeout=60_000)
        assert other.get_by_role("switch", name="Is it pink?").is_checked()
        assert exception_texts(other) == []
    finally:
        context.close()


def test_a_bad_link_value_gets_a_plain_note_in_the_browser(page, app_server):
    open_page(page, app_server.url, "sigmoid-neuron", "s_pink=abc")
    note = page.get_by_text("The link’s pink value “abc” is not a number; showing 0.6 instead.")
    note.wait_for(timeout=30_000)
    assert float(_slider_value(page, "How pink is it? (0 = not at all, 1 = completely)")) == 0.6
    assert exception_texts(page) == []
