"""Teach it your taste in five questions, in a real browser: the dialog asks, Yes and No add
exactly the laptop asked about (one answer given with the keyboard alone), Skip adds nothing,
and once it closes the address holds the new table and the verdict is the one
laptop.recipe.train gives on it. Each answer reaches the address at once, so a reload
mid-round keeps every answer given. With the keyboard alone, the next question is said in
the dialog's live region while the focus stays on the button pressed. axe-core runs with
the dialog open at 1280 and 400 px.
"""

import re

import numpy as np
import pytest

from decide.questions_section import QUESTION_ANNOUNCE_KEY
from laptop.share_link import decode_table
from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.e2e.helpers import exception_texts, wait_for_app_run, wait_for_drawn_charts
from tests.e2e.test_accessibility import (
    FOCUSED,
    _show_whole_page,
    _tab_to,
    assert_no_own_violations,
)
from tests.e2e.test_buy_the_laptop import (
    expected_sentence,
    open_laptop,
    shown_sentence,
    tutorial_rows,
)
from tests.e2e.test_chart_margins import UNDER

BUTTON = "Teach it your taste: 5 questions"
QUESTION = re.compile(r"A laptop (\d+)% pink and (\d+)% small: would your friend buy it\?")


def open_questions(page, base_url):
    open_laptop(page, base_url)
    page.get_by_role("button", name=BUTTON).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Question 1 of 5", exact=True).wait_for(timeout=60_000)
    return dialog


def asked(dialog):
    text = dialog.get_by_role("heading", name=QUESTION).inner_text()
    found = QUESTION.search(text)
    return int(found.group(1)) / 100, int(found.group(2)) / 100


def answer(page, dialog, name, number, keyboard=False):
    button = dialog.get_by_role("button", name=name, exact=True)
    if keyboard:
        button.focus()
        page.keyboard.press("Enter")
    else:
        button.click()
    if number < 5:
        dialog.get_by_text(f"Question {number + 1} of 5", exact=True).wait_for(timeout=60_000)
    else:
        dialog.get_by_role("heading", name="What your answers changed").wait_for(timeout=60_000)
    wait_for_app_run(page)


def test_five_answers_grow_the_table_by_the_answered_laptops_and_the_verdict_follows(
        page, app_server):
    x, y = tutorial_rows()
    rows, labels = x.tolist(), y.tolist()
    dialog = open_questions(page, app_server.url)
    for number, (name, keyboard) in enumerate([("Yes, buy it", False), ("No, don't buy", False),
                                               ("Skip", False), ("Yes, buy it", True),
                                               ("No, don't buy", False)], start=1):
        point = asked(dialog)
        assert all(np.hypot(point[0] - a, point[1] - b) >= 0.1 - 1e-9 for a, b in rows)
        answer(page, dialog, name, number, keyboard)
        if name != "Skip":
            rows.append(list(point))
            labels.append(int(name.startswith("Yes")))
    # shown once (the live region says it too, after "Done.")
    assert dialog.get_by_text(re.compile(
        r"^You added 4 laptops to the table \(2 buy, 2 don't buy\) and skipped 1: it went "
        r"from 9 to 13 rows")).count() == 1
    assert dialog.get_by_role("status").filter(has_text="Done. You added 4 laptops").count() == 1
    dialog.get_by_role("button", name="Close and see the verdict").click()
    dialog.wait_for(state="detached")
    wait_for_app_run(page, settle_ms=500)
    assert exception_texts(page) == []
    page.wait_for_function("() => new URLSearchParams(location.search).has('data')")
    data = page.evaluate("() => new URLSearchParams(location.search).get('data')")
    table_x, table_y = decode_table(data)
    np.testing.assert_allclose(np.asarray(table_x, float), np.asarray(rows, float))
    assert list(table_y) == labels
    assert shown_sentence(page) == expected_sentence(rows, labels, 0.1, 0.6)


@pytest.mark.parametrize("size", ["1280", "400"])
def test_the_open_dialog_has_no_serious_axe_violation(browser, app_server, size):
    viewport = {"1280": DESKTOP, "400": PHONE}[size]
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        dialog = open_questions(page, app_server.url)
        answer(page, dialog, "No, don't buy", 1)
        wait_for_drawn_charts(page, 1)
        # the map's legend (seven rows on a phone) stays clear of its x-axis title "pink"
        page.wait_for_timeout(500)
        under = [c for c in page.evaluate(UNDER) if c["title"].startswith("How the")]
        assert len(under) == 1, under
        assert under[0]["legend"]["top"] - under[0]["xtitle"]["bottom"] >= 8, under
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"five_questions_{size}.png"))
        _show_whole_page(page, viewport)
        page.screenshot(path=str(ARTIFACTS / f"five_questions_{size}_tall.png"))
        assert_no_own_violations(page)
    finally:
        context.close()


def test_escape_closes_the_dialog_and_the_page_keeps_the_answer(page, app_server):
    x, y = tutorial_rows()
    dialog = open_questions(page, app_server.url)
    point = asked(dialog)
    button = dialog.get_by_role("button", name="No, don't buy", exact=True)
    button.focus()
    page.keyboard.press("Space")
    dialog.get_by_text("Question 2 of 5", exact=True).wait_for(timeout=60_000)
    wait_for_app_run(page, settle_ms=500)
    # the keyboard focus stays in the dialog, on the button pressed
    focused = page.evaluate("() => [document.activeElement.textContent, "
                            "!!document.activeElement.closest('[role=dialog]')]")
    assert focused[1] and "No, don't buy" in focused[0], focused
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    rows, labels = x.tolist() + [list(point)], y.tolist() + [0]
    # the tutorial's page keeps a clean address: a table in it is the new one
    page.wait_for_function("() => new URLSearchParams(location.search).has('data')")
    wait_for_app_run(page, settle_ms=500)
    table_x, table_y = decode_table(
        page.evaluate("() => new URLSearchParams(location.search).get('data')"))
    np.testing.assert_allclose(np.asarray(table_x, float), np.asarray(rows, float))
    assert list(table_y) == labels
    assert shown_sentence(page) == expected_sentence(rows, labels, 0.1, 0.6)


def address_table(page):
    return decode_table(page.evaluate("() => new URLSearchParams(location.search).get('data')"))


def test_each_answer_reaches_the_address_at_once_and_a_reload_mid_round_keeps_both(
        page, app_server):
    x, y = tutorial_rows()
    rows, labels = x.tolist(), y.tolist()
    dialog = open_questions(page, app_server.url)
    for number, name in enumerate(["Yes, buy it", "No, don't buy"], start=1):
        point = asked(dialog)
        answer(page, dialog, name, number)
        rows.append(list(point))
        labels.append(int(name.startswith("Yes")))
        # the address holds the new row while the dialog is still open
        page.wait_for_function("(n) => { const d = new URLSearchParams(location.search)"
                               ".get('data'); return d && d.split('_').length === n; }",
                               arg=len(rows), timeout=30_000)
        table_x, table_y = address_table(page)
        np.testing.assert_allclose(np.asarray(table_x, float), np.asarray(rows, float))
        assert list(table_y) == labels
    assert dialog.is_visible()  # mid-round
    page.reload(wait_until="domcontentloaded")
    page.get_by_text(re.compile(r"(Buy it|Don't buy it): \d+% sure")).first.wait_for(
        timeout=60_000)
    wait_for_app_run(page, settle_ms=500)
    assert exception_texts(page) == []
    table_x, table_y = address_table(page)
    np.testing.assert_allclose(np.asarray(table_x, float), np.asarray(rows, float))
    assert list(table_y) == labels
    # the page after the reload learned from both answers
    assert shown_sentence(page) == expected_sentence(rows, labels, 0.1, 0.6)


def test_with_the_keyboard_alone_the_next_question_is_announced_where_the_focus_is(
        page, app_server):
    """Tab to the questions' button, Enter; Tab to "Yes, buy it", Enter. The dialog's live
    region (st.info: role="status", polite; the same element all along) then says "Question
    2 of 5: " and the new question, while the focus stays on the button pressed."""
    open_laptop(page, app_server.url)
    page.keyboard.press("Home")
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].endswith(BUTTON), limit=120)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Question 1 of 5", exact=True).wait_for(timeout=60_000)
    wait_for_app_run(page, settle_ms=300)
    region = dialog.locator(f".st-key-{QUESTION_ANNOUNCE_KEY} [role='status']")
    assert region.count() == 1
    words = region.locator("[data-testid='stMarkdownContainer']")  # what is read: no icon
    first = asked(dialog)
    heading = dialog.get_by_role("heading", name=QUESTION).inner_text()
    assert words.inner_text().strip() == f"Question 1 of 5: {heading}"
    region.evaluate("e => { e.dataset.seen = 'yes'; }")
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].endswith("Yes, buy it"),
            limit=10)
    page.keyboard.press("Enter")
    dialog.get_by_text("Question 2 of 5", exact=True).wait_for(timeout=60_000)
    wait_for_app_run(page, settle_ms=300)
    second = asked(dialog)
    assert second != first
    heading = dialog.get_by_role("heading", name=QUESTION).inner_text()
    assert words.inner_text().strip() == f"Question 2 of 5: {heading}"
    assert region.get_attribute("data-seen") == "yes"  # the same live region: its change is heard
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "BUTTON" and focused["text"].endswith("Yes, buy it"), focused
    # out of sight (the heading shows the question) but not out of the accessibility tree
    box = dialog.locator(f".st-key-{QUESTION_ANNOUNCE_KEY}").bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1, box
    assert dialog.get_by_role("status").filter(has_text="Question 2 of 5").count() == 1
