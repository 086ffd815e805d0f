"""Tap the map, and the rule in words, under AppTest.

AppTest cannot tap a chart, so a tap is given as the map's callback gives it
(decide.tap.apply_tap on the page's session; decide.tap.laptop_from_selection, which reads
the browser's selection, is tested in tests/unit/decide/test_tap.py, and a real tap in
tests/e2e/test_tap_map.py). Expected verdicts and rules come from models trained here, and
the rule from a grid of the model's answers made here with nncore's own predict.
"""

import base64
import json
import re

import numpy as np
import pytest

from decide.session import SESSION_KEY, WidgetKeys
from decide.tap import TapMode, added_words, apply_tap, tap_points
from decide.tap_figures import TAP_LAYER_NAME
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


def test_both_maps_take_taps_on_points_over_the_whole_square():
    at = opening.open_page(PAGE)
    found = maps(at)
    assert set(found) == {"agreement", "model"}
    for proto, spec in found.values():
        assert list(proto.selection_mode) == [proto.SelectionMode.POINTS]
        layer = [t for t in spec["data"] if t.get("name") == TAP_LAYER_NAME]
        assert len(layer) == 1 and layer[0]["x"]["dtype"] == "f4"
        assert len(base64.b64decode(layer[0]["x"]["bdata"])) == 4 * 51 * 51
        assert spec["layout"]["xaxis"]["fixedrange"] and spec["layout"]["yaxis"]["fixedrange"]
    assert at.radio(key=MODE_KEY).value == TapMode.ASK
    assert_layer_values(at)


def assert_layer_values(at):
    """Each map's tap layer tells, on hover, the map's own value at its points."""
    session = at.session_state[SESSION_KEY]
    points = tap_points()
    for name, values in (("model", session.model.predict(points)[:, 1]),
                         ("agreement", session.consensus.buy_share(points))):
        _, spec = maps(at)[name]
        layer = next(t for t in spec["data"] if t.get("name") == TAP_LAYER_NAME)
        sent = np.frombuffer(base64.b64decode(layer["customdata"]["bdata"]), dtype=np.uint8)
        np.testing.assert_array_equal(sent, np.round(values * 100))


def test_a_tap_asks_about_the_tapped_laptop(tutorial_model):
    at = opening.open_page(PAGE)
    apply_tap(at.session_state[SESSION_KEY], TapMode.ASK, (0.42, 0.7))
    at.run()
    assert not at.exception
    assert (at.slider(key=WidgetKeys.pink).value, at.slider(key=WidgetKeys.small).value) == \
           (0.42, 0.7)
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
    apply_tap(at.session_state[SESSION_KEY], TapMode.ADD_NO_BUY, (0.3, 0.95))
    at.run()
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
    assert_layer_values(at)  # the layers follow the new model and vote
    at.run()  # the message was shown once
    assert not at.success
