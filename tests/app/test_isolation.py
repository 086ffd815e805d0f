"""Two visitors side by side (two AppTest sessions of the real app, one Python process, so any
module-level or st.cache_resource state would be shared): uploads, edits, settings, training
and the laptop in one never show in the other.

Expected verdicts come from laptop/ pure functions, never hard-coded; visitor A's is also
checked against an independent plain-NumPy training (tests/unit/numpy_reference.py).
"""

import re
from dataclasses import replace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from decide.session import SESSION_KEY, WidgetKeys
from laptop.data import check_table, read_csv_bytes, tutorial_table
from laptop.recipe import RECIPE, build_model, predict_buy, train
from laptop.verdict import verdict
from tests.e2e.server import ROOT
from tests.unit import numpy_reference as ref

ENTRY = "../../app_entry.py"
PAGE = "app_pages/buy_the_laptop.py"
SENTENCE = re.compile(r"(Buy it|Don't buy it): \d+% sure\. (Don't buy|Buy): \d+%\.")
MINE = b"pink,small,buy\n0.9,0.9,1\n0.8,0.95,1\n0.1,0.2,0\n0.2,0.1,0\n0.95,0.7,1\n0.05,0.3,0\n"


def open_page() -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def verdict_text(at) -> str:
    texts = [m.value for m in at.markdown if SENTENCE.search(m.value)]
    assert len(texts) == 1, [m.value for m in at.markdown]
    return SENTENCE.search(texts[0]).group(0)


def expected(x, y, settings, pink, small) -> str:
    model = train(np.asarray(x, float), np.asarray(y, int), settings).model
    return verdict(float(predict_buy(model, np.array([[pink, small]]))[0])).sentence


def snapshot(at) -> dict:
    ss = at.session_state
    x, y = ss[SESSION_KEY].good
    return {
        "x": x.copy(), "y": y.copy(), "settings": ss[SESSION_KEY].settings,
        "laptop": (ss[SESSION_KEY].pink, ss[SESSION_KEY].small),
        "weights": [w.copy() for w in ss[SESSION_KEY].model.get_weights()],
        "verdict": verdict_text(at),
        "hidden": at.number_input(key=WidgetKeys.setting("hidden_units")).value,
        "seed": at.number_input(key=WidgetKeys.setting("seed")).value,
        "sliders": (at.slider(key=WidgetKeys.pink).value, at.slider(key=WidgetKeys.small).value),
    }


def assert_same(before: dict, after: dict) -> None:
    for key in ("settings", "laptop", "verdict", "hidden", "seed", "sliders"):
        assert after[key] == before[key], key
    np.testing.assert_array_equal(after["x"], before["x"])
    np.testing.assert_array_equal(after["y"], before["y"])
    assert len(after["weights"]) == len(before["weights"])
    for a, b in zip(after["weights"], before["weights"], strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.fixture(scope="module")
def tutorial_rows():
    check = check_table(tutorial_table())
    return check.x, check.y


def test_upload_settings_training_and_laptop_in_one_session_stay_there(tutorial_rows):
    a, b = open_page(), open_page()
    b_before = snapshot(b)
    x, y = tutorial_rows
    assert b_before["verdict"] == expected(x, y, RECIPE, 0.1, 0.6)

    # A: a table of its own, other settings, trained, another laptop
    a.file_uploader(key=WidgetKeys.csv_upload).upload("mine.csv", MINE, "text/csv")
    a.run()
    assert not a.exception
    assert any("Loaded 6 laptops" in s.value for s in a.success)
    a.number_input(key=WidgetKeys.setting("hidden_units")).set_value(6)
    a.number_input(key=WidgetKeys.setting("seed")).set_value(4)
    a.button(key=WidgetKeys.train).click().run()
    a.slider(key=WidgetKeys.pink).set_value(0.85)
    a.slider(key=WidgetKeys.small).set_value(0.8)
    a.button(key=WidgetKeys.ask_button).click().run()
    assert not a.exception, [e.value for e in a.exception]
    mine = check_table(read_csv_bytes(MINE))
    a_settings = replace(RECIPE, hidden_units=6, seed=4)
    assert a.session_state[SESSION_KEY].settings == a_settings
    assert verdict_text(a) == expected(mine.x, mine.y, a_settings, 0.85, 0.8)
    mine_x = [[0.9, 0.9], [0.8, 0.95], [0.1, 0.2], [0.2, 0.1], [0.95, 0.7], [0.05, 0.3]]
    assert verdict_text(a) == ref.recipe_verdicts(  # 5 rows train, the 6th validates
        build_model(a_settings).get_weights(), mine_x, [1, 1, 0, 0, 1, 0], [[0.85, 0.8]])[0]

    # B reruns (and is used) while A's changes stand: B sees none of them
    b.run()
    assert not b.exception
    assert_same(b_before, snapshot(b))
    b.slider(key=WidgetKeys.pink).set_value(0.3)
    b.button(key=WidgetKeys.ask_button).click().run()
    assert verdict_text(b) == expected(x, y, RECIPE, 0.3, 0.6)

    # ... and B's own change does not reach A
    a_before = snapshot(a)
    a.run()
    assert_same(a_before, snapshot(a))
    assert a.query_params["pink"] == "0.85" and b.query_params["pink"] == "0.3"


def test_reset_and_model_upload_in_one_session_stay_there():
    a, b = open_page(), open_page()
    a.file_uploader(key=WidgetKeys.csv_upload).upload("mine.csv", MINE, "text/csv")
    a.run()
    b.file_uploader(key=WidgetKeys.model_upload).upload(
        "m.json", b'{"not": "a model"}', "application/json")
    b.run()
    assert any("The current model is kept" in e.value for e in b.error)
    a.run()
    assert not a.exception
    assert not any("The current model is kept" in e.value for e in a.error)
    assert len(a.session_state[SESSION_KEY].good[1]) == 6
    assert len(b.session_state[SESSION_KEY].good[1]) == 9
    a.button(key=WidgetKeys.reset).click().run()
    assert len(a.session_state[SESSION_KEY].good[1]) == 9
    b.run()
    assert len(b.session_state[SESSION_KEY].good[1]) == 9


def test_failed_training_in_one_session_leaves_the_other_alone():
    a, b = open_page(), open_page()
    b_before = snapshot(b)
    a.select_slider(key=WidgetKeys.setting("learning_rate")).set_value(100.0)
    a.button(key=WidgetKeys.train).click().run()
    assert any("out of control" in e.value for e in a.error)
    b.run()
    assert not any("out of control" in e.value for e in b.error)
    assert_same(b_before, snapshot(b))


def test_nothing_a_visitor_changes_is_cached_across_sessions():
    """st.cache_resource is shared by every session; the app's code holds no visitor data in
    it."""
    users = []
    for folder in ("app_pages", "ui", "laptop"):
        assert (ROOT / folder).is_dir(), folder
        for path in sorted((ROOT / folder).glob("*.py")):
            text = path.read_text()
            if "cache_resource" in text:
                users.append(path.name)
    assert users == [], f"st.cache_resource used in {users}: check it holds no visitor data"


def test_a_big_seed_travels_by_link():
    """The Seed box takes up to 2**31 - 1; the address carries it exactly, so a reload or a
    shared link trains the very same model (seeds of a million or more were once lost)."""
    at = open_page()
    at.number_input(key=WidgetKeys.setting("seed")).set_value(1_234_567)
    at.button(key=WidgetKeys.train).click().run()
    assert at.session_state[SESSION_KEY].settings.seed == 1_234_567
    link = {k: at.query_params[k] for k in at.query_params}
    again = AppTest.from_file(ENTRY, default_timeout=60)
    for k, v in link.items():
        again.query_params[k] = v
    again.run()
    again.switch_page(PAGE).run()
    assert not again.exception
    assert again.session_state[SESSION_KEY].settings.seed == 1_234_567, link
    assert not again.warning, [w.value for w in again.warning]
    a = at.session_state[SESSION_KEY].model.get_weights()
    b = again.session_state[SESSION_KEY].model.get_weights()
    assert all((x == y).all() for x, y in zip(a, b, strict=True))
