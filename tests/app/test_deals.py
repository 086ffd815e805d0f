"""Buy the Laptop's short list under AppTest: a link's list is ranked as laptop/ ranks it,
names stay plain text, a malformed list gets a note, and every change reaches the address."""

import json
import re

import numpy as np
import pytest

from decide.deals_section import BUTTON_NAME_CHARS, SHARE_MAP_KEY, DealKeys, ranked_deals
from decide.session import SESSION_KEY, WidgetKeys
from laptop.consensus import train_consensus
from laptop.data import tutorial_arrays
from laptop.deals import MAX_DEALS, Deal, decode_deals, encode_deals, rank_deals
from laptop.plain_text import literal
from laptop.recipe import RECIPE, predict_buy, train
from tests.app import opening

PAGE = "app_pages/buy_the_laptop.py"
DEALS = (Deal(0.1, 0.6, "Dell XPS", 1299.0),
         Deal(0.9, 0.1, "<img src=x onerror=alert(1)>"),
         Deal(0.55, 0.5, "**big**[x](javascript:alert(1)", 899.5))  # 30 characters


def open_page(query=None):
    return opening.open_page(PAGE, query)


def _markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


@pytest.fixture(scope="module")
def expected():
    """The ranking laptop/ computes for the tutorial's table and recipe, trained here."""
    x, y = tutorial_arrays()
    model = train(x, y, RECIPE).model
    return rank_deals(DEALS, train_consensus(x, y, RECIPE),
                      lambda rows: predict_buy(model, rows))


def test_a_links_list_is_ranked_as_laptop_ranks_it(expected):
    at = open_page({"deals": encode_deals(DEALS)})
    shown = _markdown(at)
    places = []
    for item in expected:
        title = f"**{item.rank}\\. {literal(item.label, max_chars=60)}**"
        color = "green" if item.buy else "orange"
        assert item.agreement.endswith("% sure)")
        words = f":{color}[**{item.headline}**]: {item.agreement}"
        assert title in shown and words in shown, (title, words, shown)
        assert shown.index(words) == shown.index(title) + 1  # under its own name
        places.append(shown.index(title))
    assert places == sorted(places)  # best first
    assert {item.buy for item in expected} == {True, False}  # both answers in this list
    captions = [c.value for c in at.caption]
    for item in expected:
        assert any(f"Average P(buy) {item.buy_probability:.0%}" in c for c in captions)
    assert any("price 899.50" in c for c in captions) and not at.warning
    assert at.query_params["deals"] == encode_deals(DEALS)  # the address keeps the list
    # the list's words used the agreement map the verdict drew (not one of their own)
    assert at.session_state[SHARE_MAP_KEY][0] is at.session_state[SESSION_KEY].consensus


def test_a_name_is_never_markup():
    at = open_page({"deals": encode_deals(DEALS)})
    names = [m for m in _markdown(at) if "onerror" in m or "javascript" in m]
    assert len(names) == 2
    for text in names:  # "**2\. name**": every markdown special in the name is escaped
        assert re.fullmatch(r"\*\*\d\\\. (.*)\*\*", text)
        name = text[len("**2\\. "):-2]
        assert not re.search(r"(?<!\\)[<>\[\]()*=:]", name), name
        assert name.replace("\\", "") in {d.name for d in DEALS}


@pytest.mark.parametrize("bad, note", [
    ("1~10-20--fine~<script>alert(1)</script>",
     "Laptop 2 of the link's list could not be read, so it is left out."),
    ("9~10-20--x", "The list of laptops in the link is not one this page wrote"),
    ("1~" + "9" * 2_000, "longer than a list of 10"),
])
def test_a_malformed_list_gives_a_note_under_the_verdict_and_the_page_works(bad, note):
    at = open_page({"deals": bad, "pink": "0.3"})
    notes = [w.value.replace("\\", "") for w in at.warning]
    assert len(notes) == 1 and note in notes[0], notes
    assert "<script>" not in notes[0] and "99999" not in notes[0]
    assert at.slider(key=WidgetKeys.pink).value == 0.3  # the rest of the link is used
    assert any("networks say" in m for m in _markdown(at))  # the verdict is there
    kept = at.session_state[SESSION_KEY].deals
    assert kept == ((Deal(0.1, 0.2, "fine"),) if "fine" in bad else ())


def test_adding_and_removing_change_the_list_and_the_address():
    at = open_page()
    assert "deals" not in at.query_params
    at.text_input(key=DealKeys.name).input("<b>shop</b> **one**")
    at.number_input(key=DealKeys.price).set_value(450.5)
    at.slider(key=DealKeys.pink).set_value(0.7)
    at.slider(key=DealKeys.small).set_value(0.25)
    at.button(key=DealKeys.add).click().run()
    first = Deal(0.7, 0.25, "<b>shop</b> **one**", 450.5)
    assert decode_deals(at.query_params["deals"]).deals == (first,)
    assert at.text_input(key=DealKeys.name).value == ""  # ready for the next laptop
    at.text_input(key=DealKeys.name).input("second")
    at.button(key=DealKeys.add).click().run()
    assert decode_deals(at.query_params["deals"]).deals == (first, Deal(0.7, 0.25, "second"))
    at.button(key=DealKeys.remove(1)).click().run()
    assert decode_deals(at.query_params["deals"]).deals == (Deal(0.7, 0.25, "second"),)
    at.button(key=DealKeys.remove(1)).click().run()
    assert "deals" not in at.query_params and not at.exception


def test_asking_about_a_deal_moves_the_verdict_to_it():
    at = open_page({"deals": encode_deals(DEALS)})
    at.button(key=DealKeys.ask(2)).click().run()
    assert (at.slider(key=WidgetKeys.pink).value, at.slider(key=WidgetKeys.small).value) == (
        0.9, 0.1)
    assert at.query_params["pink"] == "0.9" and at.query_params["small"] == "0.1"


def test_a_full_list_takes_no_more():
    deals = tuple(Deal(i / 10, 0.5, f"n{i}") for i in range(MAX_DEALS))
    at = open_page({"deals": encode_deals(deals)})
    assert at.button(key=DealKeys.add).disabled
    assert any(f"The list is full ({MAX_DEALS} laptops)" in c.value for c in at.caption)
    assert len([m for m in _markdown(at) if m.startswith("**") and "\\. n" in m]) == MAX_DEALS


def test_a_model_from_a_file_ranks_by_its_own_p_buy():
    at = open_page({"deals": encode_deals(DEALS)})
    session = at.session_state[SESSION_KEY]
    session.consensus = None  # as take_model_upload leaves it (AppTest cannot upload)
    at.run()
    model = session.model
    p = predict_buy(model, np.array([[d.pink, d.small] for d in DEALS]))
    order = sorted(range(len(DEALS)), key=lambda i: -p[i])
    shown = _markdown(at)
    places = [shown.index(f"**{rank}\\. {literal(DEALS[i].name, max_chars=60)}**")
              for rank, i in enumerate(order, start=1)]
    assert places == sorted(places)
    assert any("ranked by the model's own P(buy)" in c.value for c in at.caption)
    assert any(f"the model is {p[order[0]]:.0%} sure of buy" in m for m in shown)


def test_the_card_of_the_laptop_asked_about_says_so():
    at = open_page({"deals": encode_deals(DEALS), "pink": "0.9", "small": "0.1"})
    marked = [c.value for c in at.caption if "the verdict above is about this one" in c.value]
    assert len(marked) == 1 and marked[0].endswith(
        "pink 0.9, small 0.1; the verdict above is about this one (the star).")


def _unescaped(label: str) -> str:
    """A button label as Streamlit's Markdown shows it: every backslash escape undone."""
    return re.sub(r"\\(.)", r"\1", label)


def test_each_cards_buttons_name_its_laptop_as_plain_text():
    hostile = "**x** <b>y</b> [z](http://a)"
    deals = (Deal(0.1, 0.6, hostile), Deal(0.9, 0.1), Deal(0.5, 0.5, "Dell"),
             Deal(0.3, 0.3, "Dell"))
    at = open_page({"deals": encode_deals(deals)})
    ranks = {item.position: item.rank for item in ranked_deals(at.session_state[SESSION_KEY])}
    shown = {position: (_unescaped(at.button(key=DealKeys.ask(position)).label),
                        _unescaped(at.button(key=DealKeys.remove(position)).label))
             for position in range(1, 5)}
    cut = hostile[:BUTTON_NAME_CHARS - 1] + "…"
    assert shown[1] == (f"Ask about “{cut}”", f"Remove “{cut}”")
    # no name: the card's title, a letter for its place in the list (a number read as a rank)
    assert shown[2] == ("Ask about Laptop B", "Remove Laptop B")
    for position in (3, 4):  # the same name twice: each with its card's number
        rank = ranks[position]
        assert shown[position] == (f"Ask about “Dell” (no. {rank})", f"Remove “Dell” (no. {rank})")
    labels = [label for pair in shown.values() for label in pair]
    assert len(set(labels)) == len(labels)  # no two buttons named alike
    # the raw labels escape every Markdown character of the name: shown as typed
    raw = at.button(key=DealKeys.ask(1)).label
    assert not re.search(r"(?<!\\)[*<>\[\]()]", raw.removeprefix("Ask about ")), raw


def test_a_laptop_without_a_name_is_lettered_not_numbered():
    """An unnamed laptop first on the list but ranked 2nd once read "2. Laptop 1": its name
    came from its place in the list, its card's number from its rank. Now it is lettered
    ("Laptop A"), the same on its card, its buttons and the maps."""
    deals = (Deal(0.9, 0.1), Deal(0.1, 0.6, "Dell"))  # the tutorial's friend: Dell first
    at = open_page({"deals": encode_deals(deals)})
    shown = _markdown(at)
    titles = [_unescaped(m) for m in shown if re.fullmatch(r"\*\*\d+\\\. .*\*\*", m)]
    assert titles == ["**1. Dell**", "**2. Laptop A**"]
    assert not any(re.search(r"Laptop \d", m) for m in shown)
    assert [b.label for b in at.button if b.key in (DealKeys.ask(1), DealKeys.remove(1))] == [
        "Ask about Laptop A", "Remove Laptop A"]
    marked = set()
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            if trace.get("name") == "your list":
                marked.add(tuple(trace["text"]))
    assert marked == {("Laptop A", "Dell")}  # every map, same names
