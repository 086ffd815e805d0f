"""Tap the map, and the rule in words, under AppTest.

AppTest cannot tap a chart. A tap is given as the page's tap listener (a custom component,
decide/tap_listener.js) sends it: its trigger "tap" with {pink, small}, put into the run's
widget states as the browser would (`send_tap`), so Streamlit's own reading of it and the
page's callback both run; whatever else a browser could send is tried too. A real tap is in
tests/e2e/test_tap_map.py. Expected verdicts and rules come from models trained here, and
the rule from a grid of the model's answers made here with nncore's own predict.
"""

import json
import re

import numpy as np
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from decide.session import SESSION_KEY, WidgetKeys
from decide.tap import TapMode, added_words, element_class, tap_hint
from decide.tap_section import MODE_KEY
from laptop.data import check_table, tutorial_table
from laptop.plain_text import literal
from laptop.recipe import RECIPE, train
from laptop.rule_words import rule_in_words
from laptop.verdict import verdict
from tests.app import opening

PAGE = "app_pages/buy_the_laptop.py"
RULE = "**What your model has learned, in words:** "
SENTENCE = re.compile(r"(Buy it|Don't buy it): \d+% sure\. (Don't buy|Buy): \d+%\.")


def tutorial_rows():
    check = check_table(tutorial_table())
    return check.x, check.y


def rule_of(model) -> str:
    """The rule read off the model's answers on a 41 x 41 grid built here (small row by row,
    pink along each row), with nncore's predict."""
    axis = np.linspace(0.0, 1.0, 41)
    rows = np.array([[pink, small] for small in axis for pink in axis])
    grid = model.predict(rows)[:, 1].reshape(41, 41)
    return rule_in_words(axis, grid).sentence


def shown_rule(at) -> str:
    rules = [m.value for m in at.markdown if m.value.startswith(RULE)]
    assert len(rules) == 1, [m.value for m in at.markdown]
    return rules[0].removeprefix(RULE)


def verdict_text(at):
    texts = [m.value for m in at.markdown if SENTENCE.search(m.value)]
    assert len(texts) == 1
    return SENTENCE.search(texts[0]).group(0)


def maps(at):
    """The page's two maps (agreement, the model's) as (proto, spec), by title."""
    found = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec["layout"]["title"]["text"]
        if title.startswith(("Where the", "Why:")):
            found["model" if title.startswith("Why:") else "agreement"] = (chart.proto, spec)
    return found


@pytest.fixture(scope="module")
def tutorial_model():
    return train(*tutorial_rows(), RECIPE).model


def test_the_rule_in_words_is_under_the_verdict_and_in_the_model_map_s_alt(tutorial_model):
    at = opening.open_page(PAGE)
    sentence = rule_of(tutorial_model)
    assert shown_rule(at) == sentence
    assert sentence.startswith("Buys when")  # the tutorial's model learned something
    proto, _ = maps(at)["model"]
    assert proto.alt.endswith(f" In words: {sentence}")
    assert proto.alt.startswith("Why: the model's answer for every laptop: a map of P(buy)")


def listener(at):
    """The page's tap listener (its proto), found by its name."""
    found = [e.proto for e in at.get("bidi_component")
             if e.proto.component_name == "laptop_tap_listener"]
    assert len(found) == 1
    return found[0]


def send_tap(at, report, raw: str | None = None):
    """Run the page as after the listener's trigger "tap" with `report` (or the raw JSON text
    `raw` in its place), the other widgets as they are: as a browser sends it."""
    states = at._tree.get_widget_states()
    state = WidgetState(id=f"$$STREAMLIT_INTERNAL_KEY_{listener(at).id}__events")
    state.json_trigger_value = raw if raw is not None else json.dumps(
        [{"event": "tap", "value": report}])
    states.widgets.append(state)
    return at._run(states)


def test_the_listener_hears_both_maps_which_are_plain_charts_saying_what_a_tap_does():
    at = opening.open_page(PAGE)
    found = maps(at)
    assert set(found) == {"agreement", "model"}
    proto = listener(at)
    assert json.loads(proto.mixed.json if proto.HasField("mixed") else proto.json) == {
        "hosts": [element_class(WidgetKeys.agreement_map),
                  element_class(WidgetKeys.decision_map)]}
    # the classes come from the maps' own keys (the browser test finds the maps by them)
    assert {p.id.rsplit("-", 1)[-1] for p, _ in found.values()} == {
        WidgetKeys.agreement_map, WidgetKeys.decision_map}
    for proto, spec in found.values():
        assert list(proto.selection_mode) == []  # Plotly's selection would count a tap twice
        assert spec["data"][0]["hovertemplate"].endswith(
            f"<br><i>{tap_hint(TapMode.ASK)}</i><extra></extra>")
        assert spec["layout"]["xaxis"]["fixedrange"] and spec["layout"]["yaxis"]["fixedrange"]
    assert at.radio(key=MODE_KEY).value == TapMode.ASK
    assert not any("twice" in c.value for c in at.caption)


def test_a_tap_asks_about_the_tapped_laptop(tutorial_model):
    at = opening.open_page(PAGE)
    send_tap(at, {"pink": 0.4213, "small": 0.6987})
    assert not at.exception
    assert (at.slider(key=WidgetKeys.pink).value, at.slider(key=WidgetKeys.small).value) == \
           (0.42, 0.7)  # held to the sliders' hundredths
    p_buy = float(tutorial_model.predict(np.array([[0.42, 0.7]]))[0, 1])
    assert verdict_text(at) == verdict(p_buy).sentence
    assert (at.query_params["pink"], at.query_params["small"]) == ("0.42", "0.7")
    _, spec = maps(at)["model"]
    star = spec["data"][-1]
    assert (star["name"], star["x"], star["y"]) == ("your laptop", [0.42], [0.7])


def test_a_tap_in_add_mode_adds_the_row_trains_and_the_page_follows():
    at = opening.open_page(PAGE)
    at.radio(key=MODE_KEY).set_value(TapMode.ADD_NO_BUY).run()
    assert any("joins the table with this answer" in c.value for c in at.caption)
    send_tap(at, {"pink": 0.3, "small": 0.95})
    assert not at.exception
    assert [s.value for s in at.success] == [literal(added_words(0.3, 0.95, False))]
    x, y = tutorial_rows()
    x, y = np.vstack([x, [[0.3, 0.95]]]), np.append(y, 0)
    model = train(x, y, RECIPE).model  # the recipe on the table with the new row
    assert shown_rule(at) == rule_of(model)
    p_buy = float(model.predict(np.array([[0.1, 0.6]]))[0, 1])  # the star stayed
    assert verdict_text(at) == verdict(p_buy).sentence
    assert at.query_params["data"].endswith("_30-95-0")  # the address holds the new row
    assert at.radio(key=MODE_KEY).value == TapMode.ADD_NO_BUY
    _, spec = maps(at)["model"]
    assert spec["data"][0]["hovertemplate"].endswith(
        f"<br><i>{tap_hint(TapMode.ADD_NO_BUY)}</i><extra></extra>")
    at.run()  # the message was shown once, and the tap is not taken again
    assert not at.success
    assert at.query_params["data"].count("30-95-0") == 1


# What a browser could send in the listener's place: never a traceback, nothing done.
HOSTILE = [
    ("report", None), ("report", {}), ("report", "0.4,0.7"), ("report", [0.4, 0.7]),
    ("report", {"pink": "0.4", "small": "0.7"}), ("report", {"pink": 0.4}),
    ("report", {"pink": True, "small": False}), ("report", {"pink": {}, "small": 0.7}),
    ("raw", '[{"event": "tap", "value": {"pink": NaN, "small": 0.5}}]'),
    ("raw", '[{"event": "tap", "value": {"pink": 1e999, "small": -Infinity}}]'),
    ("raw", '[{"event": "tap", "value": {"pink": 1' + "0" * 400 + ', "small": 0.5}}]'),
    ("raw", '[{"event": "tap"}]'), ("raw", '{"event": "tap", "value": "x"}'),
    ("raw", "not json"), ("raw", "[1, 2, 3]"), ("raw", '"' + "x" * 100_000 + '"')]


@pytest.mark.parametrize(("kind", "sent"), HOSTILE)
def test_a_hostile_tap_report_changes_nothing_and_shows_no_traceback(kind, sent):
    at = opening.open_page(PAGE)
    at.radio(key=MODE_KEY).set_value(TapMode.ADD_BUY).run()
    session = at.session_state[SESSION_KEY]
    laptop, rows = session.laptop(), len(session.edited)
    send_tap(at, None, raw=sent) if kind == "raw" else send_tap(at, sent)
    assert not at.exception
    session = at.session_state[SESSION_KEY]
    assert session.laptop() == laptop and len(session.edited) == rows
    assert not at.success and not at.warning
