"""Buy the Laptop under AppTest, through the real navigation.

Expected verdicts are computed with the same pure functions the page uses (train with the
default settings, then laptop.verdict), never hard-coded.
"""

import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from laptop.data import check_table, tutorial_table
from laptop.recipe import RECIPE, predict_buy, train
from laptop.verdict import verdict

ENTRY = "../../streamlit_app.py"
PAGE = "pages/buy_the_laptop.py"
SENTENCE = re.compile(r"(Buy it|Don't buy it): \d+% sure\. (Don't buy|Buy): \d+%\.")


@pytest.fixture(scope="module")
def default_model():
    check = check_table(tutorial_table())
    return train(check.x, check.y, RECIPE).model


def expected(model, pink, small):
    return verdict(float(predict_buy(model, np.array([[pink, small]]))[0])).sentence


def open_page(query=None):
    at = AppTest.from_file(ENTRY, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def verdict_text(at):
    texts = [m.value for m in at.markdown if SENTENCE.search(m.value)]
    assert len(texts) == 1, [m.value for m in at.markdown]
    return SENTENCE.search(texts[0]).group(0)


def slider_values(at):
    return at.slider(key="laptop.w.pink").value, at.slider(key="laptop.w.small").value


def test_opens_with_a_verdict_for_the_default_laptop(default_model):
    at = open_page()
    assert slider_values(at) == (0.1, 0.6)
    assert verdict_text(at) == expected(default_model, 0.1, 0.6)
    assert not at.error and not at.warning


def test_share_link_sets_the_sliders_and_the_verdict(default_model):
    at = open_page({"pink": "0.9", "small": "0.1"})
    assert slider_values(at) == (0.9, 0.1)
    assert verdict_text(at) == expected(default_model, 0.9, 0.1)
    assert verdict_text(at).startswith("Don't buy it")


@pytest.mark.parametrize("bad", ["abc", "1.5", "<img src=x onerror=alert(1)>",
                                 "[x](javascript:alert(1))"])
def test_bad_link_values_fall_back_with_a_friendly_note(default_model, bad):
    at = open_page({"pink": bad, "small": "0.3"})
    assert slider_values(at) == (0.1, 0.3)
    notes = [w.value for w in at.warning]
    assert any("not a number between 0 and 1" in n for n in notes), notes
    assert all(bad not in n for n in notes)
    assert verdict_text(at) == expected(default_model, 0.1, 0.3)


def test_the_form_updates_the_verdict_and_the_link(default_model):
    at = open_page()
    at.slider(key="laptop.w.pink").set_value(0.8)
    at.slider(key="laptop.w.small").set_value(0.95)
    at.button(key="laptop.ask_button").click().run()
    assert not at.exception
    assert verdict_text(at) == expected(default_model, 0.8, 0.95)
    assert at.query_params["pink"] == "0.8" and at.query_params["small"] == "0.95"


def test_train_with_learning_rate_100_explains_and_keeps_the_model(default_model):
    at = open_page()
    before = verdict_text(at)
    at.select_slider(key="laptop.w.learning_rate").set_value(100.0)
    at.button(key="laptop.train").click().run()
    assert not at.exception
    assert any("out of control" in e.value for e in at.error), [e.value for e in at.error]
    assert verdict_text(at) == before


def test_stuck_training_is_explained_and_a_remedy_retrains():
    at = open_page()
    at.number_input(key="laptop.w.seed").set_value(8)  # a seed that gets stuck (measured)
    at.button(key="laptop.train").click().run()
    assert not at.exception
    assert any("Training got stuck" in w.value for w in at.warning)
    assert any("did not learn the table" in w.value for w in at.warning)  # next to the verdict
    remedy = next(b for b in at.button if b.label == "Switch to leaky ReLU")
    remedy.click().run()
    assert not at.exception
    assert at.selectbox(key="laptop.w.activation").value == "leaky_relu"
    assert at.session_state["laptop.settings"].activation == "leaky_relu"
    assert not any("did not learn the table" in w.value for w in at.warning)


def test_settings_survive_a_visit_to_another_page():
    at = open_page()
    at.number_input(key="laptop.w.hidden_units").set_value(5)
    at.button(key="laptop.train").click().run()
    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert at.number_input(key="laptop.w.hidden_units").value == 5
    assert not at.exception


def test_a_failing_section_shows_words_not_a_traceback():
    def script():
        import streamlit as st

        from ui.laptop_common import guarded

        def broken():
            raise RuntimeError("boom <img src=x>")

        guarded(broken, "the data")
        st.write("still here")

    at = AppTest.from_function(script, default_timeout=30).run()
    assert not at.exception
    assert "Something went wrong while showing the data" in at.error[0].value
    assert "boom" not in at.error[0].value
    assert at.markdown[-1].value == "still here"
