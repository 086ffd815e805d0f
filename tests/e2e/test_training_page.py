"""The Training page in a real browser: Next walks through the four stages, the address
follows, the diagram is drawn with its text alternative, and a step can be taken."""

import re

from tests.e2e.helpers import (
    exception_texts,
    open_page,
    slider_input,
    wait_for_app_run,
    wait_for_drawn_charts,
    whole_app_screenshot,
)
from tests.e2e.test_chart_margins import _grown
from ui.site_map import page as page_info

URL = page_info("Training").url_path


def _heading(page, text: str) -> None:
    page.get_by_role("heading", level=2, name=text).wait_for(timeout=60_000)


def test_next_walks_through_the_stages_and_the_address_follows(page, app_server):
    open_page(page, app_server.url, URL, "row=3")
    _heading(page, "1. Forward pass")
    assert page.get_by_role("heading", level=1, name="Training").count() == 1
    for stage, heading in (("Loss", "2. Loss"), ("Backward", "3. Backward pass"),
                           ("Update", "4. Update")):
        page.get_by_role("button", name="Next stage").click()
        wait_for_app_run(page)
        _heading(page, heading)
        page.wait_for_url(re.compile(rf"stage={stage}"), timeout=30_000)
        if stage == "Backward":
            wait_for_drawn_charts(page, 1, timeout=60_000)
            diagram = page.get_by_role("figure", name=re.compile("^Network diagram"))
            assert diagram.count() == 1
            assert _grown(page) == []  # the chart fits the margins it asks for
    assert page.get_by_role("button", name="Next stage").is_disabled()
    wait_for_drawn_charts(page, 1, timeout=60_000)
    assert page.get_by_role("figure", name=re.compile("^Line chart of the loss")).count() == 1
    assert _grown(page) == []
    assert "row=3" in page.url
    # keyboard: Enter on the focused Previous button goes back one stage
    page.get_by_role("button", name="Previous stage").focus()
    page.keyboard.press("Enter")
    wait_for_app_run(page)
    _heading(page, "3. Backward pass")
    page.get_by_role("button", name="Next stage").focus()
    page.keyboard.press("Enter")
    wait_for_app_run(page)
    _heading(page, "4. Update")
    page.get_by_role("button", name="Take this step (Adam)").click()
    wait_for_app_run(page)
    page.get_by_text("1 step taken", exact=False).first.wait_for(timeout=30_000)
    page.wait_for_url(re.compile(r"steps=1"), timeout=30_000)
    assert exception_texts(page) == []


def _playground_player(page):
    from playwright.sync_api import expect

    root = page.locator(".player")
    expect(root).to_have_attribute("data-frame", re.compile(r"\d+"), timeout=60_000)
    return root


def test_the_playground_plays_its_training_and_a_control_writes_the_address(page, app_server):
    from playwright.sync_api import expect

    open_page(page, app_server.url, URL, "t_data=XOR&t_neurons=4")
    root = _playground_player(page)
    root.scroll_into_view_if_needed()
    last = int(root.get_attribute("data-frame"))
    assert last > 100  # starts at the end of 200 epochs (frames recorded on a schedule)
    assert "test points" in root.inner_text()  # the curves name the held-out points
    # keyboard: Start, then Play; the frame advances in the browser
    root.get_by_role("button", name="Go to the start (epoch 0)").focus()
    page.keyboard.press("Enter")
    expect(root).to_have_attribute("data-frame", "0", timeout=10_000)
    root.get_by_role("button", name="Play").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("(el) => Number(el.dataset.frame) >= 5", arg=root.element_handle(),
                           timeout=20_000)
    assert root.locator(".sentence").inner_text().startswith("Epoch ")
    root.get_by_role("button", name=re.compile("Pause|Play")).first.click()
    # a control by the keyboard: one more hidden layer, into the address
    layers = slider_input(page, "Hidden layers")
    layers.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"t_layers=3"), timeout=30_000)
    wait_for_app_run(page)
    assert "t_data=XOR" in page.url and "t_neurons=4" in page.url
    expect(page.get_by_text(re.compile(r"^With 3 hidden layers the test loss ends at"))
           ).to_be_visible(timeout=30_000)
    assert not exception_texts(page)
    # a "Try this" button sets every control, and the address follows
    page.get_by_role("button", name="Spiral: 1 hidden layer or 2").click()
    page.wait_for_url(re.compile(r"t_layers=1"), timeout=30_000)
    wait_for_app_run(page)
    assert "t_data" not in page.url and "t_neurons" not in page.url  # back to the defaults
    expect(page.get_by_text(re.compile(
        r"^With 1 hidden layer the test loss ends at [0-9.]+; trained the same way"))
           ).to_be_visible(timeout=30_000)
    assert not exception_texts(page)


def test_playground_screenshots(browser, app_server):
    """The whole Training page at 1280 px (a 5000 px tall window) and at 400 px, for a human
    to look at (tests/e2e/artifacts/screenshots/training-playground-*.png)."""
    from tests.e2e.conftest import ARTIFACTS

    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("desktop", {"width": 1280, "height": 5000}),
                           ("phone", {"width": 400, "height": 5000})):
        context = browser.new_context(viewport=viewport)
        try:
            tab = context.new_page()
            open_page(tab, app_server.url, URL, "")
            root = _playground_player(tab)
            if name == "phone":
                box = root.bounding_box()
                assert box["width"] <= 400
            tab.wait_for_timeout(500)
            path = shots / f"training-playground-{name}.png"
            whole_app_screenshot(tab, path)
            assert path.stat().st_size > 10_000
            root.screenshot(path=str(shots / f"training-playground-player-{name}.png"))
        finally:
            context.close()
