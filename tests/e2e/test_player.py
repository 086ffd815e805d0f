"""The training player in a real browser: playback advances frames with no script rerun,
the buttons and the scrubber work from the keyboard, the frame shown survives a reload, and
the player fits a phone."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import APP, exception_texts, open_page, wait_for_app_run

URL = "buy-the-laptop"

COUNT_RERUNS = """() => {
  const app = document.querySelector(`APP`);
  window.__reruns = 0;
  new MutationObserver(() => {
    if (app.getAttribute("data-test-script-state") === "running") window.__reruns += 1;
  }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}""".replace("`APP`", repr(APP))

WATCH_FRAMES = """(player) => {
  window.__frames = [];
  new MutationObserver(() => window.__frames.push(Number(player.dataset.frame)))
    .observe(player, {attributes: true, attributeFilter: ["data-frame"]});
}"""


def player(page):
    root = page.locator(".player")
    expect(root).to_have_attribute("data-frame", re.compile(r"\d+"), timeout=30_000)
    return root


def test_play_advances_frames_in_the_browser_without_a_script_rerun(page, app_server):
    open_page(page, app_server.url, URL, "frame=0")
    root = player(page)
    expect(root).to_have_attribute("data-frame", "0")
    page.evaluate(COUNT_RERUNS)
    root.evaluate(WATCH_FRAMES)
    root.locator("select").select_option("10")
    root.get_by_role("button", name="Play").click()
    page.wait_for_function("() => window.__frames.length >= 8")
    frames = page.evaluate("window.__frames")
    assert frames[:8] == list(range(1, 9))  # one frame after another, in order
    assert page.evaluate("window.__reruns") == 0  # no server round trip per frame
    sentence = root.locator(".sentence").inner_text()
    assert sentence.startswith("Epoch ")
    expect(root).to_have_attribute("data-frame", "20", timeout=10_000)  # plays to the end
    expect(root).to_have_attribute("data-playing", "0")
    assert not exception_texts(page)


def test_keyboard_controls_and_the_frame_survives_a_reload(page, app_server):
    open_page(page, app_server.url, URL)
    root = player(page)
    expect(root).to_have_attribute("data-frame", "20")
    scrubber = root.locator("input[type=range]")
    scrubber.focus()
    page.keyboard.press("Home")
    expect(root).to_have_attribute("data-frame", "0")
    page.keyboard.press("ArrowRight")
    expect(root).to_have_attribute("data-frame", "1")
    expect(scrubber).to_have_attribute("aria-valuetext", "epoch 1 of 20")
    page.keyboard.press("End")
    expect(root).to_have_attribute("data-frame", "20")
    back = root.get_by_role("button", name="One step back")
    back.focus()
    page.keyboard.press("Enter")
    expect(root).to_have_attribute("data-frame", "19")
    page.keyboard.press("Shift+Tab")  # the start button, before it
    page.keyboard.press("Enter")
    expect(root).to_have_attribute("data-frame", "0")
    root.get_by_role("button", name="One step forward").focus()
    for _ in range(6):
        page.keyboard.press("Enter")
    expect(root).to_have_attribute("data-frame", "6")
    page.wait_for_url(re.compile(r"[?&]frame=6\b"))  # the page keeps the frame shown
    wait_for_app_run(page)
    expect(page.get_by_text("the player shows epoch 6")).to_be_visible()
    expect(page.get_by_text("not from the earlier moment")).to_be_visible()  # the verdict
    page.reload()
    wait_for_app_run(page)
    expect(player(page)).to_have_attribute("data-frame", "6")
    assert not exception_texts(page)


BATCH_LINK = "model=h3~arelu~lr0.1~e20~b2~iglorot_normal~v0.1~s0&frame=3b2"  # 4 batches an epoch


def test_a_short_run_steps_batch_by_batch(page, app_server):
    open_page(page, app_server.url, URL, BATCH_LINK)
    root = player(page)
    expect(root).to_have_attribute("data-frame", "10")  # 2 epochs and 2 batches trained
    expect(root.locator(".epoch")).to_have_text("Epoch 3 of 20, batch 2 of 4")
    assert root.locator(".sentence").inner_text().startswith("Epoch 3, batch 2 of 4: ")
    scrubber = root.locator("input[type=range]")
    assert scrubber.get_attribute("max") == "80"
    scrubber.focus()
    page.keyboard.press("ArrowRight")
    expect(scrubber).to_have_attribute("aria-valuetext", "epoch 3 of 20, batch 3 of 4")
    page.wait_for_url(re.compile(r"[?&]frame=3b3\b"))  # the page keeps the batch shown
    wait_for_app_run(page)
    expect(page.get_by_text("the player shows epoch 3, batch 3 of 4")).to_be_visible()
    assert not exception_texts(page)


def test_the_player_fits_a_phone(phone_page, app_server):
    open_page(phone_page, app_server.url, URL)
    root = player(phone_page)
    root.scroll_into_view_if_needed()
    box = root.bounding_box()
    assert box["width"] <= 400
    for name in ("Play", "One step back", "One step forward", "Go to the start (epoch 0)",
                 "Go to the end (the trained model)"):
        button = root.get_by_role("button", name=name)
        b = button.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= 400 and b["height"] >= 24
    widths = root.evaluate("(p) => [...p.querySelectorAll('.view, .chart, .net svg')]"
                           ".map(e => e.getBoundingClientRect().right)")
    assert max(widths) <= 400


def test_player_screenshots(browser, app_server):
    """Pictures of the player at laptop and phone width, paused at epoch 6 of the recipe and
    at batch 2 of epoch 3 of a short run (player-batch-*), for a human to look at
    (tests/e2e/artifacts/screenshots/); with REGENERATE_SCREENSHOTS=1 (`make screenshots`)
    the README's docs/player.png too."""
    import os

    from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE, ROOT

    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for name, viewport, link in (("desktop", DESKTOP, "frame=6"), ("phone", PHONE, "frame=6"),
                                 ("batch-desktop", DESKTOP, BATCH_LINK),
                                 ("batch-phone", PHONE, BATCH_LINK)):
        context = browser.new_context(viewport=viewport)
        try:
            tab = context.new_page()
            open_page(tab, app_server.url, URL, link)
            root = player(tab)
            # Streamlit scrolls inside its main element: grow the window to the page's
            # height so the whole player is on screen for the picture.
            height = tab.evaluate(
                "document.querySelector(\"[data-testid='stMain']\").scrollHeight")
            tab.set_viewport_size({"width": viewport["width"], "height": min(height, 12_000)})
            root.scroll_into_view_if_needed()
            tab.wait_for_timeout(300)
            path = shots / f"player-{name}.png"
            root.screenshot(path=str(path))
            assert path.stat().st_size > 10_000
            if os.environ.get("REGENERATE_SCREENSHOTS") == "1" and name == "desktop":
                root.screenshot(path=str(ROOT / "docs" / "player.png"))
        finally:
            context.close()
