"""Buy the Laptop's friend's view (`?view=friend`) and its two share links, under AppTest,
through the real navigation. Expected verdicts come from training the model with
laptop.recipe.train directly, not from the page's session."""

import json
import re
from dataclasses import replace
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pytest

from decide.deals_section import DealKeys
from decide.link_section import FRIEND_LINK_KEY, FULL_LINK_KEY
from decide.session import SESSION_KEY, WidgetKeys
from laptop.data import tutorial_arrays
from laptop.recipe import RECIPE, predict_buy, train
from laptop.share_link import page_params
from laptop.verdict import verdict
from tests.app import opening

PAGE = "app_pages/buy_the_laptop.py"
X, Y = tutorial_arrays()
SENTENCE = re.compile(r"(Buy it|Don't buy it): \d+% sure\. (Don't buy|Buy): \d+%\.")
LEAD = re.compile(r"\*\*((?:All \d+|\d+ of \d+) networks say [^*]+|The networks are split[^*]*)"
                  r"\*\*")
# What only the whole page has: its sections' headings and the words that point at them.
WHOLE_PAGE_HEADINGS = ("The data: what your friend told you", "The model and its training",
                       "How good is the model?", "Save or load the model")
POINTERS = ("How good is the model?", "below", "training player", "Your model", "your model",
            "Press Train")
# A link of its own: another table (two more laptops), settings and seed, another laptop.
LINKED_X = np.vstack([X, [[0.2, 0.9], [0.95, 0.5]]])
LINKED_Y = np.append(Y, [1, 0])
LINKED = replace(RECIPE, hidden_units=4, seed=5)


def open_page(query=None):
    return opening.open_page(PAGE, query, timeout=90)


def verdict_text(at) -> str:
    texts = [m.value for m in at.markdown if SENTENCE.search(m.value)]
    assert len(texts) == 1, [m.value for m in at.markdown]
    return SENTENCE.search(texts[0]).group(0)


def lead_text(at) -> str:
    found = [LEAD.search(m.value) for m in at.markdown if LEAD.search(m.value)]
    assert len(found) == 1, [m.value for m in at.markdown]
    return found[0].group(1)


def expected(x, y, settings, pink, small) -> str:
    model = train(x, y, settings).model
    return verdict(float(predict_buy(model, np.array([[pink, small]]))[0])).sentence


def words_on_page(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "header", "subheader", "info",
                                  "warning", "error") for e in getattr(at, kind)]
    return "\n".join([*parts, *(t.label for t in at.tabs)]).replace("\\", "")


def test_the_friends_view_shows_the_verdict_and_nothing_about_training():
    params = page_params(LINKED_X, LINKED_Y, LINKED, 0.3, 0.55)
    at = open_page({"view": "friend", **params})
    assert verdict_text(at) == expected(LINKED_X, LINKED_Y, LINKED, 0.3, 0.55)
    assert lead_text(at)  # the vote leads
    assert (at.slider(key=WidgetKeys.pink).value, at.slider(key=WidgetKeys.small).value) == \
        (0.3, 0.55)
    assert [t.label for t in at.tabs] == ["All the networks", "One network"]
    words = words_on_page(at)
    for heading in WHOLE_PAGE_HEADINGS:
        assert heading not in words
    for pointer in POINTERS:
        assert pointer not in words, pointer
    buttons = {b.key for b in at.button}
    assert WidgetKeys.train not in buttons and not at.get("arrow_data_editor")
    assert not at.get("file_uploader") and not at.get("download_button")
    # no recipe form: the only number box is the friend's list's price
    assert [n.key for n in at.number_input] == [DealKeys.price] and not at.selectbox
    assert at.query_params["view"] == "friend"  # kept in the address
    link = at.get("page_link")
    assert [p.value for p in link] == ["See how this answer is made"]
    query = dict(parse_qsl(link[0].proto.query_string))
    assert query == params  # the whole page, the same laptop, table and settings
    assert not at.exception and not at.warning and not at.error


def rule_line(at) -> str:
    lines = [m.value for m in at.markdown if "has learned, in words:" in m.value]
    assert len(lines) == 1, [m.value for m in at.markdown]
    return lines[0]


def test_the_rule_in_words_is_worded_for_each_view():
    """The friend has no model: under "One of them, up close" the rule is the network's. The
    same rule (the same link, so the same model) on both views, only the lead changes."""
    params = page_params(LINKED_X, LINKED_Y, LINKED, 0.3, 0.55)
    friend, whole = open_page({"view": "friend", **params}), open_page(params)
    lead = "**What this network has learned, in words:** "
    assert rule_line(friend).startswith(lead)
    assert rule_line(whole).startswith("**What your model has learned, in words:** ")
    assert rule_line(friend).removeprefix(lead) == rule_line(whole).split(":** ", 1)[1]
    assert "model" not in rule_line(friend).lower()


def test_the_whole_page_still_has_every_section():
    at = open_page()
    words = words_on_page(at)
    for heading in WHOLE_PAGE_HEADINGS:
        assert heading in words
    assert [t.label for t in at.tabs][:2] == ["All the networks", "Your model"]
    assert not at.get("page_link") or all(p.value != "See how this answer is made"
                                          for p in at.get("page_link"))


def test_the_friends_view_stays_across_reruns_and_the_address_follows_the_laptop():
    at = open_page({"view": "friend"})
    at.slider(key=WidgetKeys.pink).set_value(0.8)
    at.slider(key=WidgetKeys.small).set_value(0.2)
    at.button(key=WidgetKeys.ask_button).click().run()
    assert not at.exception
    assert at.query_params["view"] == "friend"
    assert (at.query_params["pink"], at.query_params["small"]) == ("0.8", "0.2")
    assert "How good is the model?" not in words_on_page(at)
    assert verdict_text(at) == expected(X, Y, RECIPE, 0.8, 0.2)


def test_a_stuck_model_in_the_friends_view_points_at_the_whole_page():
    stuck = replace(RECIPE, seed=8)  # gets stuck (measured; see test_buy_the_laptop.py)
    assert train(X, Y, stuck).stuck
    at = open_page({"view": "friend", **page_params(X, Y, stuck, 0.1, 0.6)})
    warnings = [w.value for w in at.warning if "did not learn the table" in w.value]
    assert len(warnings) == 1 and "See how this answer is made" in warnings[0], warnings
    assert "How good is the model?" not in warnings[0]


@pytest.mark.parametrize("value", ["everything", "<b>friend</b>", "x" * 500, ""])
def test_a_view_the_page_does_not_have_gives_the_whole_page_and_a_note(value):
    at = open_page({"view": value})
    assert not at.exception
    notes = [i.value for i in at.info if "does not have" in i.value]
    assert len(notes) == 1, [i.value for i in at.info]
    assert len(notes[0]) < 400 and "<b>" not in notes[0]
    assert "How good is the model?" in words_on_page(at)  # the whole page
    assert verdict_text(at) == expected(X, Y, RECIPE, 0.1, 0.6)


@pytest.mark.parametrize("view", [None, "friend"])
def test_both_share_links_reproduce_the_verdict_in_a_fresh_session(view):
    params = page_params(LINKED_X, LINKED_Y, LINKED, 0.3, 0.55)
    at = open_page(params | ({"view": view} if view else {}))
    want = verdict_text(at), lead_text(at)
    assert want[0] == expected(LINKED_X, LINKED_Y, LINKED, 0.3, 0.55)
    words = [m.value for m in at.markdown]
    assert any(w.startswith("**For your friend**") for w in words)
    assert any(w.startswith("**With everything**") for w in words)
    friend, everything = (_link_in(at, key) for key in (FRIEND_LINK_KEY, FULL_LINK_KEY))
    assert dict(parse_qsl(urlsplit(friend).query)) == {"view": "friend", **params}
    assert dict(parse_qsl(urlsplit(everything).query)) == params
    for link, friend_view in ((friend, True), (everything, False)):
        other = open_page(dict(parse_qsl(urlsplit(link).query)))  # a fresh AppTest session
        assert other.session_state[SESSION_KEY] is not at.session_state[SESSION_KEY]
        assert (verdict_text(other), lead_text(other)) == want
        assert ("How good is the model?" in words_on_page(other)) is not friend_view


def _link_in(at, key: str) -> str:
    """The text of the one st.code inside the container keyed `key`."""
    box = _keyed(at._tree, key)
    assert box is not None, key
    codes = [n.value for n in _walk(box) if getattr(n, "type", None) == "code"]
    assert len(codes) == 1, codes
    return codes[0]


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _keyed(node, key: str):
    for n in _walk(node):
        if getattr(n, "type", None) == "flex_container" and \
                getattr(n.proto, "id", "").endswith(f"-{key}"):
            return n
    return None


def test_a_table_edited_on_the_whole_page_is_explained_in_the_friends_view_too():
    at = open_page()
    key = at.session_state[SESSION_KEY].editor_key()
    at.session_state[key] = {"edited_rows": {0: {"pink": "0.5"}}, "added_rows": [],
                             "deleted_rows": []}
    at.run()
    notes = [i.value for i in at.info if "the links train" in i.value]
    assert len(notes) == 1 and "Press Train first" in notes[0], notes
    at.query_params["view"] = "friend"
    at.run()
    assert not at.exception and "How good is the model?" not in words_on_page(at)
    assert "below" not in words_on_page(at)
    notes = [i.value.replace("\\", "") for i in at.info
             if "the links train" in i.value]
    assert len(notes) == 1 and "on the whole page" in notes[0], notes


def test_the_one_network_is_worded_for_each_view():
    """Under the vote the friend reads about "this network" (the one shown up close), never
    "the model": in the verdict's sentence, the bar's title and its text alternative, and
    the line announced under "Ask the model". The whole page keeps "the model"."""
    params = page_params(LINKED_X, LINKED_Y, LINKED, 0.3, 0.55)
    friend, whole = open_page({"view": "friend", **params}), open_page(params)
    for at, network in ((friend, "this network"), (whole, "the model")):
        bar = at.get("plotly_chart")
        bars = [c for c in bar if json.loads(c.proto.spec)["layout"]["title"]["text"]
                .startswith("How sure")]
        assert len(bars) == 1
        assert json.loads(bars[0].proto.spec)["layout"]["title"]["text"] == \
            f"How sure {network} is"
        assert bars[0].proto.alt.startswith(f"How sure {network} is. Buy: ")
        capital = network.capitalize()
        assert any(f"{capital} is " in m.value for m in at.markdown)
        assert any(i.value.split(". ", 2)[-1].startswith(f"{capital}'s answer: ")
                   or f". {capital}'s answer: " in i.value for i in at.info)
    assert "The model" not in words_on_page(friend)
