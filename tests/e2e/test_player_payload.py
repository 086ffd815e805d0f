"""The player's payload reaches a tab once: after another page and back, a reload, in two
tabs, and when the tab has lost it (it asks, the server sends it whole), the player plays
and steps. `data-decoded` counts the whole payloads the tab's player module has decoded,
`data-asked` the times it asked for one (ui/player/player.js)."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import exception_texts, open_page, wait_for_app_run

BUY = "buy-the-laptop"


def player(page):
    root = page.locator(".player")
    expect(root).to_have_attribute("data-frame", re.compile(r"\d+"), timeout=60_000)
    return root


def go_to(page, name: str) -> None:
    """Another page through the app's own navigation (the same tab and session)."""
    page.locator("[data-testid='stSidebarNav'] a", has_text=name).first.click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible(timeout=30_000)
    wait_for_app_run(page)


def steps(root, page) -> None:
    """The player answers: one step back and one forward move the frame."""
    frame = int(root.get_attribute("data-frame"))
    root.get_by_role("button", name="One step back").click()
    expect(root).to_have_attribute("data-frame", str(frame - 1))
    root.get_by_role("button", name="One step forward").click()
    expect(root).to_have_attribute("data-frame", str(frame))
    assert not exception_texts(page)


def counts(root) -> tuple[int, int]:
    return int(root.get_attribute("data-decoded")), int(root.get_attribute("data-asked"))


def test_another_page_and_back_reuses_the_payload_the_tab_holds(page, app_server):
    open_page(page, app_server.url, BUY)
    root = player(page)
    assert counts(root) == (1, 0)
    go_to(page, "Perceptron")
    expect(page.locator(".player")).to_have_count(0)
    go_to(page, "Buy the Laptop")
    root = player(page)
    expect(root).to_have_attribute("data-frame", "20")
    assert counts(root) == (1, 0)  # the stub: drawn from what the tab kept, nothing asked
    steps(root, page)


def test_a_tab_that_lost_the_payload_asks_for_it_and_plays(page, app_server):
    open_page(page, app_server.url, BUY)
    root = player(page)
    root.evaluate("(r) => r.__forget()")  # as if the tab had dropped what it was sent
    go_to(page, "Perceptron")
    go_to(page, "Buy the Laptop")
    root = player(page)  # drawn only once the payload came whole
    expect(root).to_have_attribute("data-decoded", "2", timeout=30_000)
    assert counts(root) == (2, 1)  # one stub it could not serve, one ask, one payload
    steps(root, page)
    page.wait_for_timeout(3500)  # no second ask once the payload has come
    assert counts(root) == (2, 1)


def test_a_reload_and_a_second_tab_each_get_the_payload_whole(page, app_server):
    open_page(page, app_server.url, BUY, "frame=4")
    root = player(page)
    expect(root).to_have_attribute("data-frame", "4")
    page.reload()
    wait_for_app_run(page)
    root = player(page)
    expect(root).to_have_attribute("data-frame", "4")
    assert counts(root) == (1, 0)  # a new tab's module, a new session: sent whole
    steps(root, page)
    other = page.context.new_page()
    try:
        open_page(other, app_server.url, BUY)
        second = player(other)
        assert counts(second) == (1, 0)
        steps(second, other)
        expect(second).to_have_attribute("data-frame", "20")
        expect(root).to_have_attribute("data-frame", "4")  # each tab its own frame
    finally:
        other.close()


def test_the_playground_sends_a_set_up_already_sent_as_a_stub(page, app_server):
    from tests.e2e.helpers import slider_input

    open_page(page, app_server.url, "training")
    root = player(page)
    assert counts(root) == (1, 0)
    expect(root.locator(".net .cell")).to_have_count(16)  # 2 hidden layers of 8
    layers = slider_input(page, "Hidden layers")
    for key, cells in (("ArrowRight", 24), ("ArrowLeft", 16), ("ArrowRight", 24)):
        layers.focus()
        page.keyboard.press(key)
        wait_for_app_run(page)
        expect(root.locator(".net .cell")).to_have_count(cells, timeout=60_000)
    page.wait_for_url(re.compile(r"t_layers=3"))
    assert counts(root) == (2, 0)  # the two set-ups, each decoded once; then stubs
    steps(root, page)
