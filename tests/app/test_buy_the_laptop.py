"""Buy the Laptop under AppTest, through the real navigation.

Most expected verdicts are computed with the same pure functions the page uses (train with
the default settings, then laptop.verdict), never hard-coded: they prove the wiring. A few
are pinned to an independent computation (tests/unit/numpy_reference.py: the tutorial's
training redone in plain NumPy from the same starting weights), which proves the number.
"""

import json
import re
from dataclasses import replace
from urllib.parse import urlencode

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from decide.figures import training_curves_figure
from decide.session import SESSION_KEY, WidgetKeys
from decide.training_section import LIVE_CHART_GAP, add_epoch, live_chart_redraws
from laptop.data import check_table, table_from_arrays, tutorial_table
from laptop.recipe import RECIPE, Settings, build_model, predict_buy, train
from laptop.share_link import MAX_LINK_ROWS, page_params, read_page
from laptop.verdict import verdict
from tests.app import opening
from tests.unit import numpy_reference as ref

PAGE = "app_pages/buy_the_laptop.py"
SENTENCE = re.compile(r"(Buy it|Don't buy it): \d+% sure\. (Don't buy|Buy): \d+%\.")


@pytest.fixture(scope="module")
def default_model():
    check = check_table(tutorial_table())
    return train(check.x, check.y, RECIPE).model


def expected(model, pink, small):
    return verdict(float(predict_buy(model, np.array([[pink, small]]))[0])).sentence


def open_page(query=None):
    return opening.open_page(PAGE, query)


def verdict_text(at):
    texts = [m.value for m in at.markdown if SENTENCE.search(m.value)]
    assert len(texts) == 1, [m.value for m in at.markdown]
    return SENTENCE.search(texts[0]).group(0)


def slider_values(at):
    return at.slider(key=WidgetKeys.pink).value, at.slider(key=WidgetKeys.small).value


def test_opens_with_a_verdict_for_the_default_laptop(default_model):
    at = open_page()
    assert slider_values(at) == (0.1, 0.6)
    assert verdict_text(at) == expected(default_model, 0.1, 0.6)
    assert not at.error and not at.warning


# The tutorial's nine laptops, typed from the tutorial.
TUTORIAL_X = [[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1], [0.75, 0.4],
              [0.75, 0.9], [0.6, 0.9], [0.6, 0.75]]
TUTORIAL_Y = [0, 0, 1, 1, 0, 0, 1, 1, 1]


def test_the_verdicts_shown_match_an_independent_numpy_training():
    laptops = [[0.1, 0.6], [0.9, 0.1], [0.5, 0.5]]
    want = ref.recipe_verdicts(build_model(RECIPE).get_weights(), TUTORIAL_X, TUTORIAL_Y,
                               laptops)
    assert want[0].startswith("Buy it") and want[1].startswith("Don't buy it")
    for (pink, small), sentence in zip(laptops, want, strict=True):
        at = open_page({"pink": str(pink), "small": str(small)})
        assert slider_values(at) == (pink, small)
        assert verdict_text(at) == sentence


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
    at.slider(key=WidgetKeys.pink).set_value(0.8)
    at.slider(key=WidgetKeys.small).set_value(0.95)
    at.button(key=WidgetKeys.ask_button).click().run()
    assert not at.exception
    assert verdict_text(at) == expected(default_model, 0.8, 0.95)
    assert at.query_params["pink"] == "0.8" and at.query_params["small"] == "0.95"


def test_train_with_learning_rate_100_explains_and_keeps_the_model(default_model):
    at = open_page()
    before = verdict_text(at)
    at.select_slider(key=WidgetKeys.setting("learning_rate")).set_value(100.0)
    at.button(key=WidgetKeys.train).click().run()
    assert not at.exception
    assert any("out of control" in e.value for e in at.error), [e.value for e in at.error]
    assert verdict_text(at) == before


def test_stuck_training_is_explained_and_a_remedy_retrains():
    at = open_page()
    at.number_input(key=WidgetKeys.setting("seed")).set_value(8)  # gets stuck (measured)
    at.button(key=WidgetKeys.train).click().run()
    assert not at.exception
    assert any("Training got stuck" in w.value for w in at.warning)
    assert any("did not learn the table" in w.value for w in at.warning)  # next to the verdict
    remedy = next(b for b in at.button if b.label == "Switch to leaky ReLU")
    remedy.click().run()
    assert not at.exception
    assert at.selectbox(key=WidgetKeys.setting("activation")).value == "leaky_relu"
    assert at.session_state[SESSION_KEY].settings.activation == "leaky_relu"
    assert not any("did not learn the table" in w.value for w in at.warning)


def test_training_ends_with_its_chart_its_log_and_a_summary():
    at = open_page()
    at.number_input(key=WidgetKeys.setting("epochs")).set_value(12)
    at.button(key=WidgetKeys.train).click().run()
    assert not at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    curves = [s for s in specs if s["layout"]["title"]["text"].startswith("Training")]
    assert len(curves) == 1  # the live chart was replaced, not added to
    assert {len(t["y"]) for t in curves[0]["data"]} == {12}
    log = next(c.value for c in at.code if c.value.startswith("Epoch 1 / Loss: "))
    assert len(log.splitlines()) == 12 and log.splitlines()[-1].startswith("Epoch 12 / Loss: ")
    assert any("Trained for 12 epochs" in m.value for m in at.success)


@pytest.mark.parametrize("epochs,redraws", [(20, [7, 14, 20]), (1, [1]), (3, [1, 2, 3]),
                                            (500, [167, 334, 500])])
def test_a_fast_run_redraws_its_live_chart_a_few_times(epochs, redraws):
    assert [e for e in range(1, epochs + 1) if live_chart_redraws(e, epochs, 0.0)] == redraws


def test_a_slow_run_keeps_redrawing_its_live_chart():
    assert live_chart_redraws(3, 500, LIVE_CHART_GAP)
    assert not live_chart_redraws(3, 500, LIVE_CHART_GAP / 2)


def test_the_last_live_chart_is_the_chart_shown_after_training():
    """The page's rerun after training then draws the chart already on screen: the browser
    keeps it instead of drawing it again."""
    check = check_table(tutorial_table())
    live: dict = {}
    settings = replace(RECIPE, validation_split=0.25)
    run = train(check.x, check.y, settings, on_epoch=lambda epoch, logs: add_epoch(live, logs))
    assert run.ok and set(live) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert (training_curves_figure(live, settings.epochs).to_json()
            == training_curves_figure(run.history, run.settings.epochs).to_json())


def test_settings_survive_a_visit_to_another_page():
    at = open_page()
    at.number_input(key=WidgetKeys.setting("hidden_units")).set_value(5)
    at.button(key=WidgetKeys.train).click().run()
    at.switch_page("app_pages/home.py").run()
    at.switch_page(PAGE).run()
    assert at.number_input(key=WidgetKeys.setting("hidden_units")).value == 5
    assert not at.exception


def test_a_failing_section_shows_words_not_a_traceback():
    def script():
        import streamlit as st

        from decide.common import guarded

        def broken():
            raise RuntimeError("boom <img src=x>")

        guarded(broken, "the data")
        st.write("still here")

    at = AppTest.from_function(script, default_timeout=30).run()
    assert not at.exception
    assert "Something went wrong while showing the data" in at.error[0].value
    assert "boom" not in at.error[0].value
    assert at.markdown[-1].value == "still here"


# ---- the page address: reload and share links --------------------------------------------
LINKED_X = np.array([[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1], [0.75, 0.4],
                     [0.75, 0.9], [0.6, 0.9], [0.6, 0.75], [0.95, 0.05], [0.125, 0.85]])
LINKED_Y = np.array([0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1])
LINKED_SETTINGS = replace(RECIPE, hidden_units=5, activation="leaky_relu", learning_rate=0.3,
                          epochs=30, validation_split=0.2, seed=7)


def test_a_link_restores_table_settings_and_laptop_and_gives_the_same_verdict():
    params = page_params(LINKED_X, LINKED_Y, LINKED_SETTINGS, 0.3, 0.55)
    at = open_page(params)
    model = train(LINKED_X, LINKED_Y, LINKED_SETTINGS).model
    assert verdict_text(at) == expected(model, 0.3, 0.55)
    assert slider_values(at) == (0.3, 0.55)
    assert at.number_input(key=WidgetKeys.setting("hidden_units")).value == 5
    assert at.selectbox(key=WidgetKeys.setting("activation")).value == "leaky_relu"
    assert at.select_slider(key=WidgetKeys.setting("learning_rate")).value == 0.3
    assert at.number_input(key=WidgetKeys.setting("seed")).value == 7
    np.testing.assert_array_equal(at.session_state[SESSION_KEY].good[0], LINKED_X)
    assert not at.warning and not at.error
    assert {k: at.query_params[k] for k in params} == params  # the address is unchanged
    link = next(c.value for c in at.code if "?pink=" in c.value)
    assert link.endswith("buy-the-laptop?" + urlencode(params))


@pytest.mark.parametrize("params", [
    {"data": "<img src=x onerror=alert(1)>", "model": "[x](javascript:alert(1))",
     "pink": "**9**", "small": "<b>1</b>"},
    {"data": "10-10-1_20-20-1", "model": "h3~arelu~lr7~e20~b32~iglorot_normal~v0.1~s0",
     "pink": "2", "small": "0.6"},
])
def test_a_malformed_link_gives_notes_and_the_tutorials_page(default_model, params):
    at = open_page(params)
    notes = [w.value for w in at.warning]
    assert len(notes) == 1, notes  # one box, under the verdict
    assert "table" in notes[0] and "recipe" in notes[0] and "how pink" in notes[0], notes
    assert all(bad not in notes[0] for bad in params.values())
    assert slider_values(at) == (0.1, 0.6)
    assert at.session_state[SESSION_KEY].settings == RECIPE
    assert verdict_text(at) == expected(default_model, 0.1, 0.6)
    assert not at.exception


def test_training_writes_the_new_settings_into_the_address():
    at = open_page()
    assert "model" not in at.query_params  # the tutorial's page keeps a clean address
    at.number_input(key=WidgetKeys.setting("hidden_units")).set_value(6)
    at.number_input(key=WidgetKeys.setting("seed")).set_value(11)
    at.button(key=WidgetKeys.train).click().run()
    assert at.query_params["model"].startswith("h6~") and at.query_params["model"].endswith(
        "~s11")
    shared = read_page(dict(at.query_params))
    assert shared.settings == replace(RECIPE, hidden_units=6, seed=11) and not shared.notes
    np.testing.assert_array_equal(np.array(shared.x), at.session_state[SESSION_KEY].good[0])


def test_a_table_too_long_for_a_link_is_left_out_with_a_note():
    at = open_page({"pink": "0.2"})
    rng = np.random.default_rng(0)
    x = rng.integers(0, 101, size=(MAX_LINK_ROWS + 1, 2)) / 100
    big = table_from_arrays(x, (x[:, 1] > x[:, 0]).astype(int))
    at.session_state[SESSION_KEY].restart_editor(big)  # as an upload does (AppTest cannot upload)
    at.run()
    assert at.session_state[SESSION_KEY].good[0].shape == (MAX_LINK_ROWS + 1, 2)
    assert "data" not in at.query_params and at.query_params["pink"] == "0.2"
    assert any("too many for a link" in i.value for i in at.info)
    assert not at.exception


# ---- typing into the data editor (its edit state, as the browser sends it) ------------------
def type_cells(at, edited_rows=None, added_rows=()):
    """Send the editor the edits a visitor made, as the browser does, and rerun."""
    key = at.session_state[SESSION_KEY].editor_key()
    at.session_state[key] = {"edited_rows": edited_rows or {}, "added_rows": list(added_rows),
                             "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def plain(message: str) -> str:
    return message.replace("\\", "")  # the page escapes every markdown character


@pytest.mark.parametrize("typed", ["0,5", ",5", "50%", "5e-1", " 0.5 ", "0.5"])
def test_a_typed_cell_is_read_as_meant_in_any_locale(typed):
    at = open_page()
    type_cells(at, {0: {"pink": typed}, 1: {"small": ",25"}},
               [{"pink": "1e-3", "small": "0,95", "buy": True}])
    x, y = check_table(tutorial_table()).x.copy(), check_table(tutorial_table()).y
    x[0, 0], x[1, 1] = float("0.5"), float("0.25")
    np.testing.assert_array_equal(at.session_state[SESSION_KEY].good[0],
                                  np.vstack([x, [[float("0.001"), float("0.95")]]]))
    np.testing.assert_array_equal(at.session_state[SESSION_KEY].good[1], np.append(y, 1))
    assert not at.error
    assert any("changed since the model was trained" in i.value for i in at.info)


@pytest.mark.parametrize("typed, words", [
    ("5", 'Row 1, pink: "5" is outside 0 to 1.'),
    ("abc", 'Row 1, pink: "abc" is not a number.'),
    ("1,000.5", 'Row 1, pink: "1,000.5" has both a comma and a dot'),
    ("1,000", 'Row 1, pink: "1,000" could be read two ways'),
])
def test_a_typed_cell_that_cannot_be_read_is_named_and_changes_nothing(typed, words):
    at = open_page()
    before_model = at.session_state[SESSION_KEY].model
    good_x = at.session_state[SESSION_KEY].good[0].copy()
    type_cells(at, {0: {"pink": typed}})
    errors = [plain(e.value) for e in at.error]
    assert any(words in e and "keeps using the last good table" in e for e in errors), errors
    np.testing.assert_array_equal(at.session_state[SESSION_KEY].good[0], good_x)
    assert at.session_state[SESSION_KEY].model is before_model
    assert at.session_state[SESSION_KEY].edited.loc[0, "pink"] == typed  # kept as typed
    assert "data" not in at.query_params  # the address keeps the tutorial's table


def test_an_expensive_link_trains_within_the_budget_with_a_plain_note_and_train_too():
    from laptop.recipe import MAX_TRAINING_STEPS, Settings

    rng = np.random.default_rng(11)
    x = np.round(rng.uniform(0, 1, size=(300, 2)), 2)
    y = (x[:, 0] + x[:, 1] > 1).astype(int)
    asked = Settings(hidden_units=16, epochs=500, batch_size=1, seed=5)
    at = open_page({k: v for k, v in page_params(x, y, asked, 0.4, 0.6).items()})
    notes = [w.value for w in at.warning]
    assert any("135,000 training steps" in n and "37 epochs instead of 500" in n
               for n in notes), notes
    assert at.number_input(key=WidgetKeys.setting("epochs")).value == 37
    model = at.session_state[SESSION_KEY].model
    assert model.optimizer.iterations <= MAX_TRAINING_STEPS
    expected_run = train(x, y, replace(asked, epochs=37))
    assert verdict_text(at) == expected(expected_run.model, 0.4, 0.6)
    # The same combination from the page's own form is bounded alike, and says so.
    at.number_input(key=WidgetKeys.setting("epochs")).set_value(500)
    at.button(key=WidgetKeys.train).click().run()
    assert not at.exception
    assert any("37 epochs instead of 500" in m.value for m in at.info), [m.value for m in at.info]
    assert any("Trained for 37 epochs" in m.value for m in at.success)
    assert at.number_input(key=WidgetKeys.setting("epochs")).value == 37
    assert at.session_state[SESSION_KEY].model.optimizer.iterations <= MAX_TRAINING_STEPS


def test_a_new_session_shows_the_verdict_region_and_a_progress_bar_when_training_starts(
        monkeypatch):
    """What the visitor sees at the moment training starts: the script stops right there
    (st.stop from inside the trainer), so the page holds exactly what had been sent."""
    import streamlit as st

    from laptop.train_cache import TrainCache

    def stop_at_start(*args, **kwargs):
        st.stop()

    monkeypatch.setattr("decide.session.TRAINED", TrainCache(trainer=stop_at_start))
    at = open_page({"model": "h3~arelu~lr0.1~e20~b32~iglorot_normal~v0.1~s777"})
    assert not at.exception
    bars = at.get("progress")
    assert len(bars) == 1 and "epoch 0 of 20" in bars[0].proto.text
    assert any("Working out the verdict" in m.value for m in at.markdown)
    assert at.title[0].value == "Buy the Laptop"


def test_the_progress_region_is_gone_once_the_verdict_is_there():
    at = open_page({"model": "h3~arelu~lr0.1~e20~b32~iglorot_normal~v0.1~s778"})
    assert not at.exception and verdict_text(at)
    assert not at.get("progress")
    assert not any("Working out the verdict" in m.value for m in at.markdown)


def test_a_page_with_a_long_training_waits_for_its_turn_and_the_tutorial_never_does(
        monkeypatch):
    """Issue #13: the expensive link, reopened as fast as the server answers, cost a page of
    work each time even with its training kept. A page whose model has a long training takes
    its turn in the lane (laptop/lane.py) for its whole run: after another long page's turn it
    waits for the pause, saying so at the top, then shows its verdict; the tutorial's page
    goes on at once. A clock of the test's own."""
    from decide.words import PAGE_WAIT_WORDS
    from laptop.lane import COSTLY_STEPS, LANE

    now, slept, heard = [100.0], [], []

    def sleep(seconds):
        if seconds:
            slept.append(seconds)
        now[0] += seconds

    telling = LANE.telling

    def recorded(listener):
        def told(waiting):
            heard.append(waiting)
            if listener is not None:
                listener(waiting)
        return telling(told)

    monkeypatch.setattr(LANE, "clock", lambda: now[0])
    monkeypatch.setattr(LANE, "sleep", sleep)
    monkeypatch.setattr(LANE, "telling", recorded)
    monkeypatch.setattr("laptop.lane.REST_SHARE", 0.0)
    with LANE.turn(COSTLY_STEPS + 1):  # another visitor's long page: 1 s of work
        now[0] += 1.0
    pause = (1 - LANE.share) / LANE.share
    tutorial = open_page()
    assert slept == [] and True not in heard and verdict_text(tutorial)
    rng = np.random.default_rng(11)
    x = np.round(rng.uniform(0, 1, size=(300, 2)), 2)
    y = (x[:, 0] + x[:, 1] > 1).astype(int)
    asked = Settings(hidden_units=16, epochs=500, batch_size=1, seed=6)
    at = open_page(page_params(x, y, asked, 0.4, 0.6))
    assert sum(slept) == pytest.approx(pause) and heard[:1] == [True] and False in heard
    assert verdict_text(at) == expected(train(x, y, replace(asked, epochs=37)).model, 0.4, 0.6)
    shown = [e.value for kind in ("info", "warning", "markdown") for e in getattr(at, kind)]
    assert not any("waits for its turn" in text for text in shown)  # gone once it went on
    assert "{steps:,} training steps" in PAGE_WAIT_WORDS
    # Its next runs straight after its own turns go on at once, though each turn now works
    # (the clock moves on every reading): the rest holds back the other visitors, not the
    # one whose turn it was (a learner clicking again).
    def ticking():
        now[0] += 1.0
        return now[0]

    monkeypatch.setattr(LANE, "clock", ticking)
    slept.clear()
    waits = LANE.waits
    for _ in range(2):
        at.run()
        assert not at.exception and slept == [] and LANE.waits == waits and verdict_text(at)
    assert LANE.rest_left() > 0  # another visitor would rest
    monkeypatch.setattr(LANE, "clock", lambda: now[0])
    now[0] += LANE.rest_left()
    # After another visitor's turn, its next run (it trains nothing) still takes a turn and
    # rests: showing such a page is costly.
    with LANE.turn(COSTLY_STEPS + 1):
        now[0] += 2.0
    slept.clear()
    at.run()
    assert not at.exception and sum(slept) == pytest.approx(2 * pause) and verdict_text(at)


def _progress_script(waits: tuple[bool, ...]):
    import streamlit as st

    from decide.verdict_section import verdict_progress

    progress = verdict_progress(st.empty())
    progress(0, 20)
    progress(3, 20)
    for waiting in waits:
        progress(3, 20, waiting=waiting)


def test_the_progress_bar_says_when_a_long_training_waits_for_its_turn():
    """laptop/lane.py: the bar's text while the lane is taken, and back to the epochs."""
    from streamlit.testing.v1 import AppTest

    from decide.words import LANE_WAIT_WORDS

    waiting = AppTest.from_function(_progress_script, kwargs={"waits": (True,)}).run()
    bars = waiting.get("progress")
    assert not waiting.exception and len(bars) == 1
    assert bars[0].proto.text == LANE_WAIT_WORDS
    assert LANE_WAIT_WORDS.startswith("Waiting for its turn: long trainings take turns")
    turn = AppTest.from_function(_progress_script, kwargs={"waits": (True, False)}).run()
    assert turn.get("progress")[0].proto.text == "Training: epoch 3 of 20"


def _form_rows(node) -> list[list[list[str]]]:
    """The settings form's rows of columns, each column its widgets' labels, in the order
    of the page (a phone stacks each row's columns one under the other)."""
    rows = []
    for child in node.children.values():
        if child.type == "flex_container":
            rows.append([[w.label for w in column.children.values()]
                         for column in child.children.values()])
    return rows


def test_the_settings_form_reads_in_the_same_order_on_a_phone_and_a_desktop():
    """One setting a column: a phone stacks a row's columns, so with two settings in a column
    it read "Hidden layers, Batch size, Neurons in hidden layer 1..."; now both read the
    network's shape first (its layers, then each layer's neurons), then how it learns."""
    at = open_page()
    form = next(f for f in at.get("form") if WidgetKeys.settings_form in str(f.proto))
    rows = _form_rows(form)
    assert rows and all(len(column) <= 1 for row in rows for column in row), rows
    phone = [label for row in rows for column in row for label in column]
    desktop = [row[i][0] for row in rows for i in range(len(row)) if row[i]]
    assert phone == desktop
    assert phone[:4] == ["Hidden layers"] + [f"Neurons in hidden layer {n}" for n in (1, 2, 3)]
    assert sorted(phone) == sorted(
        ["Hidden layers", "Neurons in hidden layer 1", "Neurons in hidden layer 2",
         "Neurons in hidden layer 3", "Hidden activation", "Starting weights",
         "Learning rate", "Epochs", "Batch size", "Share held out for validation", "Seed"])
    # the form still trains with what it shows: one hidden layer of 5, seed 3
    at.number_input(key=WidgetKeys.setting("hidden_units")).set_value(5)
    at.number_input(key=WidgetKeys.setting("seed")).set_value(3)
    at.button(key=WidgetKeys.train).click().run()
    settings = at.session_state[SESSION_KEY].run.settings
    assert (settings.hidden_units, settings.seed, settings.more_layers) == (5, 3, ())
