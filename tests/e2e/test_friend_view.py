"""Buy the Laptop's friend's view in a real browser: the "For your friend" link from the
share box opens, in another browser, the verdict and nothing about training, passes axe,
keeps its view across a reload, and leads to the whole page with the same verdict.
Screenshots at 1280 and 400 px go to tests/e2e/artifacts/screenshots/ for a human to see."""

import re

import numpy as np
import pytest

from decide.link_section import FRIEND_LINK_KEY
from laptop.data import tutorial_arrays
from laptop.recipe import predict_buy, train
from laptop.verdict import verdict
from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.e2e.helpers import (
    exception_texts,
    wait_for_app_run,
    wait_for_drawn_charts,
    whole_app_screenshot,
)
from tests.e2e.test_accessibility import _report, _show_whole_page, axe_violations
from tests.e2e.test_buy_the_laptop import SENTENCE, open_laptop, shown_sentence

TRAINING = "The model and its training"  # the whole page's training section's heading
SHOTS = ARTIFACTS / "screenshots"


def friend_link(page) -> str:
    """The share box's "For your friend" link."""
    page.get_by_role("button", name=re.compile("Copy share link")).click()
    code = page.locator(f".st-key-{FRIEND_LINK_KEY} [data-testid='stCode'] code")
    code.wait_for()
    text = code.inner_text().replace("\n", "").strip()
    page.keyboard.press("Escape")
    return text


def expected(pink: float, small: float) -> str:
    model = train(*tutorial_arrays()).model
    return verdict(float(predict_buy(model, np.array([[pink, small]]))[0])).sentence


def open_as_friend(browser, link: str, viewport: dict):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(link, wait_until="domcontentloaded")
    page.get_by_text(SENTENCE).first.wait_for()
    wait_for_app_run(page, settle_ms=500)
    return context, page


def has_no_training(page) -> bool:
    return (page.get_by_role("heading", name=TRAINING).count() == 0
            and page.get_by_role("button", name="Train", exact=True).count() == 0
            and page.locator("[data-testid='stFileUploader']").count() == 0)


def test_the_friend_link_shows_the_verdict_only_and_keeps_its_view(browser, page, app_server):
    open_laptop(page, app_server.url, "pink=0.3&small=0.55")
    want = expected(0.3, 0.55)
    assert shown_sentence(page) == want
    assert page.get_by_role("heading", name=TRAINING).count() == 1  # the whole page has it
    link = friend_link(page)
    assert link.startswith(app_server.url) and "view=friend" in link, link
    context, friend = open_as_friend(browser, link, DESKTOP)
    try:
        assert shown_sentence(friend) == want
        assert has_no_training(friend)
        assert exception_texts(friend) == []
        friend.reload(wait_until="domcontentloaded")
        friend.get_by_text(SENTENCE).first.wait_for()
        wait_for_app_run(friend, settle_ms=500)
        assert "view=friend" in friend.url
        assert shown_sentence(friend) == want and has_no_training(friend)
        friend.get_by_role("link", name="See how this answer is made").click()
        friend.get_by_role("heading", name=TRAINING).wait_for()
        wait_for_app_run(friend, settle_ms=500)
        assert "view=" not in friend.url and "pink=0.3" in friend.url, friend.url
        assert shown_sentence(friend) == want
        assert exception_texts(friend) == []
    finally:
        context.close()


@pytest.mark.parametrize("name, viewport", [("1280", DESKTOP), ("400", PHONE)])
def test_the_friends_view_passes_axe_and_is_photographed(browser, app_server, name, viewport):
    link = f"{app_server.url}/buy-the-laptop?view=friend&pink=0.3&small=0.55"
    context, friend = open_as_friend(browser, link, viewport)
    try:
        wait_for_drawn_charts(friend, 2)
        assert exception_texts(friend) == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        whole_app_screenshot(friend, SHOTS / f"buy-the-laptop-friend-{name}.png")
        _show_whole_page(friend, viewport)
        violations = [{**v, "nodes": [n for n in v["nodes"] if not n["allowed"]]}
                      for v in axe_violations(friend)]
        own = [v for v in violations if v["nodes"]]
        assert own == [], _report(own)
    finally:
        context.close()
