"""Tap the map, in a real browser: a tap on a known point of a map (its pixel worked out from
the map's own axes, `_fullLayout.xaxis.l2p`) moves the star there, the address and the
verdict follow; in an add mode the table gets the row and the model trains again.

Expected verdicts come from laptop/ (the recipe trained on the rows the test knows), never
hard-coded numbers. Waits are for the address, a message or the app's run to end, never a
fixed sleep.
"""

import re

import numpy as np
import pytest

from tests.e2e.helpers import exception_texts, slider_input, wait_for_app_run
from tests.e2e.test_buy_the_laptop import (
    cell_text,
    expected_sentence,
    open_laptop,
    shown_sentence,
    tutorial_rows,
)

MAP = """(title) => [...document.querySelectorAll('.js-plotly-plot')].find(gd =>
    gd.getClientRects().length && gd.layout && gd.layout.title
    && gd.layout.title.text.startsWith(title))"""
# Where (pink, small) is on the screen: the plot area's corner plus the axes' own positions.
WHERE = """([title, pink, small]) => {
    const gd = (MAP)(title);
    if (!gd) return null;
    const area = gd.querySelector('.nsewdrag').getBoundingClientRect();
    const L = gd._fullLayout;
    return {x: area.left + L.xaxis.l2p(pink), y: area.top + L.yaxis.l2p(small),
            side: Math.min(area.width, area.height)};
}""".replace("MAP", MAP)
# The same, once it has not moved for 300 ms: a map in a tab just shown is resized after it
# appears, and a click computed before that lands on another laptop.
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
MODEL_MAP, AGREEMENT_MAP = "Why: the model's answer", "Where the"


def steady_spot(page, title: str, pink: float, small: float) -> dict:
    """Where (pink, small) is on the map whose title starts with `title`, scrolled into view,
    once the map has stopped moving (STEADY): {"x", "y", "side"} in pixels."""
    page.wait_for_function(f"(t) => {{ const gd = ({MAP})(t); return gd && "
                           "gd.querySelector('.nsewdrag'); }", arg=title)
    page.evaluate(f"(t) => ({MAP})(t).scrollIntoView({{block: 'center'}})", title)
    page.evaluate("() => { window.__tapSpot = null; }")
    return page.wait_for_function(STEADY, arg=[title, pink, small], polling=50).json_value()


def tap(page, title: str, pink: float, small: float) -> float:
    """Tap (click) the map whose title starts with `title` at (pink, small); returns the
    side of the map's square in pixels."""
    spot = steady_spot(page, title, pink, small)
    page.mouse.move(spot["x"], spot["y"])  # the tap layer's point under the pointer...
    # ...once Plotly has hovered it (its hover runs at most every 50 ms, after the move), as
    # a person's pointer rests before a click...
    page.wait_for_function(f"(t) => {{ const gd = ({MAP})(t); return gd && "
                           "gd.querySelector('.hoverlayer .hovertext'); }", arg=title)
    page.mouse.click(spot["x"], spot["y"])  # ...is the one selected
    return spot["side"]


def wait_for_laptop(page, pink: str, small: str) -> None:
    """Wait until the address holds the laptop and the run that put it there has ended."""
    page.wait_for_url(re.compile(rf"[?&]pink={re.escape(pink)}&small={re.escape(small)}(&|$)"))
    wait_for_app_run(page, settle_ms=300)


def test_a_tap_on_the_map_asks_about_that_laptop_and_again_after_the_sliders(page, app_server):
    open_laptop(page, app_server.url)
    x, y = tutorial_rows()
    page.get_by_role("tab", name="Your model").click()
    tap(page, MODEL_MAP, 0.42, 0.7)
    wait_for_laptop(page, "0.42", "0.7")
    assert shown_sentence(page) == expected_sentence(x, y, 0.42, 0.7)
    assert page.evaluate(STAR, MODEL_MAP) == [0.42, 0.7]
    assert page.get_by_role("tab", name="Your model").get_attribute("aria-selected") == "true"

    # the sliders still work after a tap, and a tap on the same spot then counts again
    # (five steps away: a tap within the star's own marker would ask about the star)
    for _ in range(5):
        slider_input(page, "How pink is it?").press("ArrowRight")
    page.get_by_role("button", name="Ask the model").click()
    wait_for_laptop(page, "0.47", "0.7")
    tap(page, MODEL_MAP, 0.42, 0.7)
    wait_for_laptop(page, "0.42", "0.7")

    # the agreement map takes taps too
    page.get_by_role("tab", name="All the networks").click()
    tap(page, AGREEMENT_MAP, 0.9, 0.3)
    wait_for_laptop(page, "0.9", "0.3")
    assert shown_sentence(page) == expected_sentence(x, y, 0.9, 0.3)
    assert page.evaluate(STAR, AGREEMENT_MAP) == [0.9, 0.3]
    assert exception_texts(page) == []


def test_a_tap_in_add_mode_adds_the_row_and_the_model_trains_again(page, app_server):
    open_laptop(page, app_server.url)
    x, y = tutorial_rows()
    page.get_by_text("Tap to add a laptop your friend would buy").click()
    wait_for_app_run(page, settle_ms=300)
    tap(page, AGREEMENT_MAP, 0.8, 0.2)
    added = "Added a laptop 0.8 pink, 0.2 small that your friend would buy"
    page.get_by_text(added).wait_for(timeout=60_000)
    wait_for_app_run(page, settle_ms=500)
    assert (cell_text(page, 1, 9), cell_text(page, 2, 9)) == ("0.8", "0.2")  # row 10
    x, y = np.vstack([x, [[0.8, 0.2]]]), np.append(y, 1)
    assert shown_sentence(page) == expected_sentence(x, y, 0.1, 0.6)  # the star stayed
    assert "80-20-1" in page.url  # the address holds the new row
    assert exception_texts(page) == []


@pytest.mark.parametrize("title", [MODEL_MAP])
def test_a_tap_works_on_a_phone_and_the_map_is_big_enough(phone_page, app_server, title):
    page = phone_page
    open_laptop(page, app_server.url)
    page.get_by_role("tab", name="Your model").click()
    side = tap(page, title, 0.3, 0.84)
    wait_for_laptop(page, "0.3", "0.84")
    assert side >= 0.6 * 400  # the square takes most of the phone's width


def test_on_a_touch_screen_two_taps_on_a_spot_ask_about_it(browser, app_server):
    """Plotly selects the point hovered before a tap, and a touch hovers only once it is
    done: the first tap on a fresh map shows the spot's numbers, the second one asks (the
    page's caption says so)."""
    context = browser.new_context(viewport={"width": 400, "height": 800}, has_touch=True,
                                  is_mobile=True)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        open_laptop(page, app_server.url)
        page.get_by_role("tab", name="Your model").tap()
        spot = steady_spot(page, MODEL_MAP, 0.66, 0.24)
        page.touchscreen.tap(spot["x"], spot["y"])
        page.locator(".hoverlayer .hovertext").first.wait_for()  # the spot's numbers
        page.touchscreen.tap(spot["x"], spot["y"])
        wait_for_laptop(page, "0.66", "0.24")
        assert page.get_by_text("On a touch screen, tap the spot twice").count()
    finally:
        context.close()
