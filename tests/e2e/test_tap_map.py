"""Tap the map, in a real browser: ONE tap (a touch on a touch screen, or a mouse click) on a
known point of a map (its pixel worked out from the map's own axes, `_fullLayout.xaxis.l2p`)
moves the star there, the address and the verdict follow; in an add mode the table gets
the row and the model trains again. A tap off the plot area, or a drag, does nothing; after
other runs of the page a tap still counts exactly once (one tap, one row).

Expected verdicts and rows come from laptop/ (the recipe trained on the rows the test knows,
the address decoded with laptop.share_link), never hard-coded numbers. Waits are for the
address, a message, the app's run to end or the map to stop moving, never a fixed sleep.
"""

import re
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest

from laptop.share_link import decode_table
from tests.e2e.conftest import PHONE
from tests.e2e.helpers import exception_texts, slider_input, wait_for_app_run
from tests.e2e.test_buy_the_laptop import (
    SENTENCE,
    expected_sentence,
    open_laptop,
    shown_sentence,
    tutorial_rows,
)

MAP = """(title) => [...document.querySelectorAll('.js-plotly-plot')].find(gd =>
    gd.getClientRects().length && gd.layout && gd.layout.title
    && gd.layout.title.text.startsWith(title))"""
# Where (pink, small) is on the screen: the plot area's corner plus the axes' own positions;
# and where the plot area's edges are, for taps just off it.
WHERE = """([title, pink, small]) => {
    const gd = (MAP)(title);
    if (!gd) return null;
    const area = gd.querySelector('.nsewdrag').getBoundingClientRect();
    const L = gd._fullLayout, bar = gd.querySelector('.colorbar').getBoundingClientRect();
    return {x: area.left + L.xaxis.l2p(pink), y: area.top + L.yaxis.l2p(small),
            left: area.left, bottom: area.bottom, side: Math.min(area.width, area.height),
            bar: [bar.left + bar.width / 2, bar.top + bar.height / 2]};
}""".replace("MAP", MAP)
# The same, once it has not moved for 300 ms: a map in a tab just shown is resized after it
# appears, and a tap computed before that lands on another laptop.
STEADY = """([title, pink, small]) => {
    const spot = (WHERE)([title, pink, small]);
    if (!spot) return false;
    const key = JSON.stringify(spot), now = performance.now(), last = window.__tapSpot;
    if (!last || last.key !== key) { window.__tapSpot = {key, since: now}; return false; }
    return now - last.since >= 300 ? spot : false;
}""".replace("WHERE", WHERE)
STAR = """(title) => { const gd = (MAP)(title);
    const star = gd.data.find(t => t.name === 'your laptop');
    return [star.x[0], star.y[0]]; }""".replace("MAP", MAP)
LISTENERS = "() => window.__tapListeners"  # how many tap listeners the page has attached
MODEL_MAP, AGREEMENT_MAP = "Why: the model's answer", "Where the"
ADD_BUY, ADD_NO_BUY = ("Tap to add a laptop your friend would buy",
                       "Tap to add a laptop your friend would not buy")


def steady_spot(page, title: str, pink: float, small: float) -> dict:
    """Where (pink, small) is on the map whose title starts with `title`, scrolled into view,
    once the map has stopped moving (STEADY): {"x", "y", "side" of the square, its "left"
    and "bottom", and the colour bar's centre "bar": [x, y]} in pixels."""
    page.wait_for_function(f"(t) => {{ const gd = ({MAP})(t); return gd && "
                           "gd.querySelector('.nsewdrag'); }", arg=title)
    page.evaluate(f"(t) => ({MAP})(t).scrollIntoView({{block: 'center'}})", title)
    page.evaluate("() => { window.__tapSpot = null; }")
    return page.wait_for_function(STEADY, arg=[title, pink, small], polling=50).json_value()


def tap(page, title: str, pink: float, small: float, touch: bool = False) -> dict:
    """ONE tap on the map whose title starts with `title` at (pink, small): a touch, or a
    mouse click (no hover first: the pointer jumps there and clicks). Returns the spot."""
    spot = steady_spot(page, title, pink, small)
    if touch:
        page.touchscreen.tap(spot["x"], spot["y"])
    else:
        page.mouse.click(spot["x"], spot["y"])
    return spot


def wait_for_laptop(page, pink: str, small: str) -> None:
    """Wait until the address holds the laptop and the run that put it there has ended."""
    page.wait_for_url(re.compile(rf"[?&]pink={re.escape(pink)}&small={re.escape(small)}(&|$)"))
    wait_for_app_run(page, settle_ms=300)


def rows_in_address(page) -> list[tuple[float, float, int]]:
    """The table's rows as the address holds them, decoded (pink, small, buy)."""
    x, y = decode_table(parse_qs(urlparse(page.url).query)["data"][0])
    return [(float(p), float(s), int(b)) for (p, s), b in zip(x, y, strict=True)]


def tutorial_row_list() -> list[tuple[float, float, int]]:
    """The tutorial's rows, (pink, small, buy): the page's table when the address has none."""
    x, y = tutorial_rows()
    return [(float(p), float(s), int(b)) for (p, s), b in zip(x, y, strict=True)]


def add_by_tap(page, title: str, pink: float, small: float, words: str,
               touch: bool = False) -> None:
    """Tap once in an add mode and wait for the message saying the row was added and for
    the run to end."""
    tap(page, title, pink, small, touch=touch)
    page.get_by_text(words).wait_for(timeout=60_000)
    wait_for_app_run(page, settle_ms=300)


def choose_mode(page, label: str) -> None:
    page.get_by_text(label, exact=True).click()
    wait_for_app_run(page, settle_ms=300)


@pytest.fixture
def touch_page(browser, app_server):
    """A phone-sized tab with a touch screen: taps are touches (no mouse hovers first)."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield page
    finally:
        context.close()


def test_one_touch_on_the_map_asks_about_that_laptop_and_again_after_other_runs(
        touch_page, app_server):
    page = touch_page
    open_laptop(page, app_server.url)
    x, y = tutorial_rows()
    page.get_by_role("tab", name="Your model").tap()
    spot = tap(page, MODEL_MAP, 0.66, 0.24, touch=True)
    wait_for_laptop(page, "0.66", "0.24")
    assert shown_sentence(page) == expected_sentence(x, y, 0.66, 0.24)
    assert page.evaluate(STAR, MODEL_MAP) == [0.66, 0.24]
    assert spot["side"] >= 0.6 * PHONE["width"]  # the square takes most of the phone's width
    assert not page.get_by_text("tap the spot twice").count()

    # other runs of the page (the sliders, then the other tab): one touch still asks, and
    # the page has one listener
    for _ in range(5):
        slider_input(page, "How small is it?").press("ArrowRight")
    page.get_by_role("button", name="Ask the model").tap()
    wait_for_laptop(page, "0.66", "0.29")
    page.get_by_role("tab", name="All the networks").tap()
    tap(page, AGREEMENT_MAP, 0.3, 0.84, touch=True)
    wait_for_laptop(page, "0.3", "0.84")
    assert shown_sentence(page) == expected_sentence(x, y, 0.3, 0.84)
    assert page.evaluate(STAR, AGREEMENT_MAP) == [0.3, 0.84]
    assert page.evaluate(LISTENERS) == 1
    assert exception_texts(page) == []


def test_one_touch_asks_on_the_friends_view_too(touch_page, app_server):
    page = touch_page
    page.goto(f"{app_server.url}/buy-the-laptop?view=friend&pink=0.3&small=0.55",
              wait_until="domcontentloaded")
    page.get_by_text(SENTENCE).first.wait_for(timeout=60_000)
    wait_for_app_run(page, settle_ms=500)
    x, y = tutorial_rows()
    tap(page, AGREEMENT_MAP, 0.85, 0.75, touch=True)
    wait_for_laptop(page, "0.85", "0.75")
    assert "view=friend" in page.url
    assert shown_sentence(page) == expected_sentence(x, y, 0.85, 0.75)
    assert exception_texts(page) == []


def test_one_click_on_either_map_asks_about_that_laptop(page, app_server):
    open_laptop(page, app_server.url)
    x, y = tutorial_rows()
    page.get_by_role("tab", name="Your model").click()
    tap(page, MODEL_MAP, 0.42, 0.7)
    wait_for_laptop(page, "0.42", "0.7")
    assert shown_sentence(page) == expected_sentence(x, y, 0.42, 0.7)
    assert page.evaluate(STAR, MODEL_MAP) == [0.42, 0.7]
    assert page.get_by_role("tab", name="Your model").get_attribute("aria-selected") == "true"

    page.get_by_role("tab", name="All the networks").click()
    tap(page, AGREEMENT_MAP, 0.9, 0.3)
    wait_for_laptop(page, "0.9", "0.3")
    assert shown_sentence(page) == expected_sentence(x, y, 0.9, 0.3)
    assert page.evaluate(STAR, AGREEMENT_MAP) == [0.9, 0.3]
    assert page.evaluate(LISTENERS) == 1
    assert exception_texts(page) == []


def test_one_tap_in_each_add_mode_adds_one_row_and_the_model_trains_again(
        touch_page, app_server):
    page = touch_page
    open_laptop(page, app_server.url)
    x, y = tutorial_rows()
    rows = tutorial_row_list()
    assert "data=" not in page.url  # the tutorial's table
    choose_mode(page, ADD_BUY)
    add_by_tap(page, AGREEMENT_MAP, 0.8, 0.2, touch=True,
               words="Added a laptop 0.8 pink, 0.2 small that your friend would buy")
    assert rows_in_address(page) == [*rows, (0.8, 0.2, 1)]
    x, y = np.vstack([x, [[0.8, 0.2]]]), np.append(y, 1)
    assert shown_sentence(page) == expected_sentence(x, y, 0.1, 0.6)  # the star stayed

    choose_mode(page, ADD_NO_BUY)
    page.get_by_role("tab", name="Your model").tap()
    add_by_tap(page, MODEL_MAP, 0.3, 0.95, touch=True,
               words="Added a laptop 0.3 pink, 0.95 small that your friend would not buy")
    assert rows_in_address(page) == [*rows, (0.8, 0.2, 1), (0.3, 0.95, 0)]
    x, y = np.vstack([x, [[0.3, 0.95]]]), np.append(y, 0)
    assert shown_sentence(page) == expected_sentence(x, y, 0.1, 0.6)
    assert exception_texts(page) == []


def test_a_tap_off_the_plot_area_or_a_drag_adds_nothing_and_a_tap_counts_once(page, app_server):
    """Taps just off the square (on the axis's numbers, on the colour bar below), and a drag
    across it, come first; then one tap on it. Had any of them counted, its row would be in
    the table before the tap's (the listener reports in order): exactly the tap's row is."""
    open_laptop(page, app_server.url)
    rows = tutorial_row_list()
    assert "data=" not in page.url  # the tutorial's table
    choose_mode(page, ADD_BUY)
    page.get_by_role("tab", name="Your model").click()
    spot = steady_spot(page, MODEL_MAP, 0.5, 0.5)
    page.mouse.click(spot["left"] - 20, spot["y"])  # the small axis's numbers
    page.mouse.click(spot["x"], spot["bottom"] + 30)  # below the square: the pink axis
    page.mouse.click(*spot["bar"])  # the colour bar
    page.mouse.move(spot["x"] - 40, spot["y"])  # a drag of 80 px across the square
    page.mouse.down()
    page.mouse.move(spot["x"] + 40, spot["y"], steps=8)
    page.mouse.up()
    add_by_tap(page, MODEL_MAP, 0.62, 0.38,
               words="Added a laptop 0.62 pink, 0.38 small that your friend would buy")
    assert rows_in_address(page) == [*rows, (0.62, 0.38, 1)]

    # after another run of the page (a slider moved), one tap is still one row
    for _ in range(3):
        slider_input(page, "How pink is it?").press("ArrowRight")
    page.get_by_role("button", name="Ask the model").click()
    wait_for_laptop(page, "0.13", "0.6")
    add_by_tap(page, MODEL_MAP, 0.2, 0.9,
               words="Added a laptop 0.2 pink, 0.9 small that your friend would buy")
    assert rows_in_address(page) == [*rows, (0.62, 0.38, 1), (0.2, 0.9, 1)]
    assert page.evaluate(LISTENERS) == 1
    assert exception_texts(page) == []
