"""Buy the Laptop's short list in a real browser: a link with three laptops (one named with
markup) is ranked as laptop/ ranks it, every name shows as typed (in the list and on the
map, and no markup runs), a laptop added on a phone reaches the address, and a reload or a
server restart gives the same list.

The expected ranking comes from laptop/ itself (the tutorial's table and recipe trained
here, then laptop.deals.rank_deals), never from the page.
"""

import re
from urllib.parse import urlencode

import pytest

from laptop.consensus import train_consensus
from laptop.data import tutorial_arrays
from laptop.deals import Deal, decode_deals, encode_deals, make_deal, rank_deals
from laptop.recipe import RECIPE, predict_buy, train
from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import exception_texts, open_page, wait_for_app_run, wait_for_drawn_charts

URL = "buy-the-laptop"
HOSTILE = "<b>x</b><img src=x onerror=1>"  # under 30 characters: kept whole
DEALS = (Deal(0.1, 0.6, "Dell XPS", 1299.0), Deal(0.9, 0.1, HOSTILE),
         Deal(0.55, 0.5, "[x](javascript:alert(1))", 899.5))
CARDS = "[class*='st-key-laptop-deals-card-']"
assert all(make_deal(d.pink, d.small, d.name, d.price) == d for d in DEALS)  # names kept


@pytest.fixture(scope="module")
def expected_titles():
    x, y = tutorial_arrays()
    model = train(x, y, RECIPE).model
    ranked = rank_deals(DEALS, train_consensus(x, y, RECIPE),
                        lambda rows: predict_buy(model, rows))
    return [(f"{r.rank}. {r.label}", r.headline, r.agreement) for r in ranked]


def _open_list(page, base_url: str, query: str) -> None:
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # an alert() from a name would land here
    open_page(page, base_url, URL, query)
    page.locator(CARDS).first.wait_for(timeout=60_000)
    wait_for_app_run(page, settle_ms=500)


def _cards(page) -> list[str]:
    return [text.strip() for text in page.locator(CARDS).all_inner_texts()]


def _check_ranked(page, expected_titles) -> None:
    cards = _cards(page)
    assert len(cards) == len(expected_titles), cards
    for card, (title, headline, agreement) in zip(cards, expected_titles, strict=True):
        lines = [line.strip() for line in card.splitlines() if line.strip()]
        assert lines[0] == title, (lines, title)  # the name exactly as typed
        assert lines[1] == f"{headline}: {agreement}"


def test_a_link_ranks_three_laptops_shows_names_as_typed_and_a_reload_keeps_them(
        page, app_server, expected_titles):
    _open_list(page, app_server.url, urlencode({"deals": encode_deals(DEALS)}))
    _check_ranked(page, expected_titles)
    # no markup from a name: no element was made, no script ran
    assert page.locator(f"{CARDS} img, {CARDS} b, {CARDS} a").count() == 0
    # the map labels each laptop with its name as text (cut to 16 characters); Plotly
    # would draw <b> as a bold tspan and <a> as a link
    wait_for_drawn_charts(page, 2, timeout=60_000)
    assert page.locator(".js-plotly-plot .textpoint a, .js-plotly-plot .textpoint "
                        "tspan[style*='bold']").count() == 0
    labels = page.locator(".js-plotly-plot .textpoint text").all_text_contents()
    assert {"Dell XPS", "<b>x</b><img sr…", "[x](javascript:…"} <= set(labels), labels
    assert page.dialogs == [] and exception_texts(page) == []
    page.reload(wait_until="domcontentloaded")
    page.locator(CARDS).first.wait_for(timeout=60_000)
    wait_for_app_run(page, settle_ms=500)
    _check_ranked(page, expected_titles)
    assert decode_deals(_address_list(page)).deals == DEALS
    assert page.dialogs == []


def _address_list(page) -> str:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(page.url).query)["deals"][0]


def test_a_laptop_added_on_a_phone_reaches_the_address(phone_page, app_server):
    page = phone_page
    _open_list(page, app_server.url, urlencode({"deals": encode_deals(DEALS[:1])}))
    page.get_by_text("Add a laptop to the list").click()
    page.get_by_role("textbox", name="Name (optional)").fill("<i>the pink one</i>")
    page.get_by_role("spinbutton", name="Price (optional)").fill("450")
    page.get_by_role("button", name="Add to the list").click()
    page.wait_for_url(re.compile(r"deals=1~10-60-1299-Dell"), timeout=30_000)
    page.wait_for_function("() => decodeURIComponent(location.search).includes('450-')",
                           timeout=30_000)
    wait_for_app_run(page, settle_ms=500)
    added = decode_deals(_address_list(page)).deals
    assert added[0] == DEALS[0] and added[1].name == "<i>the pink one</i>"
    assert added[1].price == 450.0
    assert any(card.startswith(("1. <i>the pink one</i>", "2. <i>the pink one</i>"))
               for card in _cards(page))
    assert page.locator(f"{CARDS} i").count() == 0 and exception_texts(page) == []


def test_a_server_restart_gives_the_same_list(browser, own_server, expected_titles):
    first = own_server()
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        _open_list(page, first.url, urlencode({"deals": encode_deals(DEALS)}))
        _check_ranked(page, expected_titles)
        first.stop()
        first.process.wait(timeout=30)
        own_server()
        page.reload(wait_until="domcontentloaded")
        page.locator(CARDS).first.wait_for(timeout=60_000)
        wait_for_app_run(page, settle_ms=800)
        _check_ranked(page, expected_titles)
        assert page.dialogs == [] and exception_texts(page) == []
    finally:
        context.close()


def test_each_cards_buttons_are_named_after_its_laptop_as_typed(page, app_server):
    """A screen reader's list of buttons tells the cards apart: "Ask about “Dell XPS”",
    "Remove Laptop B"...; a name with Markdown and HTML in it is read (and shown) as typed,
    cut to 20 characters, and makes no element."""
    hostile = "**x** <b>y</b> [z](http://a)"
    deals = (Deal(0.1, 0.6, "Dell XPS", 1299.0), Deal(0.9, 0.1), Deal(0.55, 0.5, hostile))
    _open_list(page, app_server.url, urlencode({"deals": encode_deals(deals)}))
    cut = hostile[:19] + "…"
    for which in ("“Dell XPS”", "Laptop B", f"“{cut}”"):
        for verb in ("Ask about", "Remove"):
            button = page.get_by_role("button", name=f"{verb} {which}", exact=True)
            assert button.count() == 1, (verb, which)
            assert button.inner_text().strip().endswith(f"{verb} {which}")
    names = [b.inner_text().strip() for b in page.locator(CARDS).get_by_role("button").all()]
    assert len(names) == 6 and len(set(names)) == 6, names
    assert page.locator(f"{CARDS} button :is(strong, b, a, em, img)").count() == 0
    # the name's button still does its work: the verdict moves to that laptop
    page.get_by_role("button", name=f"Ask about “{cut}”", exact=True).click()
    page.wait_for_function("() => { const q = new URLSearchParams(location.search);"
                           " return q.get('pink') === '0.55' && q.get('small') === '0.5'; }",
                           timeout=30_000)
    assert page.dialogs == [] and exception_texts(page) == []


@pytest.mark.parametrize("size", ["1280", "400"])
def test_the_list_has_no_serious_axe_violation(browser, app_server, size):
    """axe-core (WCAG 2.1 AA) on the page with the list, its cards, buttons and form open."""
    from tests.e2e.test_accessibility import SIZES, _show_whole_page, axe_violations

    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        _open_list(page, app_server.url, urlencode({"deals": encode_deals(DEALS)}))
        page.get_by_text("Add a laptop to the list").click()
        wait_for_drawn_charts(page, 2, timeout=60_000)
        _show_whole_page(page, SIZES[size])
        own = [{**v, "nodes": [n for n in v["nodes"] if not n["allowed"]]}
               for v in axe_violations(page)]
        assert [v for v in own if v["nodes"]] == []
    finally:
        context.close()
