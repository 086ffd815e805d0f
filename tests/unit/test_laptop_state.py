"""The page's state logic on a plain dict: uploads, edits, training and the link.

Every bad input gets a message and leaves the last good table and model in place.
"""

import json
from dataclasses import replace

import numpy as np
import pytest

from laptop.recipe import RECIPE, model_to_json_bytes, predict_buy
from ui import laptop_state as ls

GOOD_CSV = b"pink,small,buy\n0.2,0.9,1\n0.8,0.2,0\n0.3,0.7,1\n0.9,0.4,0\n"


@pytest.fixture
def state():
    state = {}
    ls.init(state)
    return state


def snapshot(state):
    x, y = ls.good_data(state)
    model = ls.current_model(state)
    return x.copy(), y.copy(), model, predict_buy(model, np.array([[0.1, 0.6]]))[0]


def assert_unchanged(state, before):
    x, y, model, p = before
    after = snapshot(state)
    np.testing.assert_array_equal(after[0], x)
    np.testing.assert_array_equal(after[1], y)
    assert after[2] is model and after[3] == p


def test_first_visit_has_the_tutorial_table_and_a_trained_model(state):
    x, y = ls.good_data(state)
    assert x.shape == (9, 2) and ls.current_run(state).train_accuracy == 1.0
    assert ls.laptop(state) == (0.1, 0.6)
    assert not ls.data_changed_since_training(state)


def test_good_csv_replaces_the_table_once(state):
    version = state["laptop.editor_version"]
    assert ls.take_csv_upload(state, GOOD_CSV, "f1") is None
    assert ls.good_data(state)[0].shape == (4, 2)
    assert state["laptop.editor_version"] == version + 1
    assert ls.data_changed_since_training(state)
    assert ("success" in [k for k, _ in ls.pop_messages(state, "data")])
    assert ls.take_csv_upload(state, b"garbage", "f1") is None  # same file: not handled again


@pytest.mark.parametrize("raw", [
    b"pink,small,buy\n0.1,,1\n0.9,0.9,0\n",  # empty cell
    b"pink,small,buy\n0.1,7,1\n0.9,0.9,0\n",  # outside [0, 1]
    b"pink,small,buy\n0.1,<b>big</b>,1\n0.9,0.9,0\n",  # text
    b"pink,small\n0.1,0.2\n",  # missing column
    b"pink,small,buy,price\n0.1,0.2,1,3\n",  # extra column
    b"pink,small,buy\n0.1,0.2,1\n0.3,0.3,1\n",  # one class only
    b"pink,small,buy\n0.1,0.2,1\n",  # fewer than 2 rows
    b"pink,small,buy\n" + b"0.1,0.2,1\n" * 100_000,  # 100,000 rows
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # not a CSV
])
def test_bad_csv_gives_a_message_and_keeps_table_and_model(state, raw):
    before = snapshot(state)
    message = ls.take_csv_upload(state, raw, "bad")
    assert message and "unchanged" in message
    assert_unchanged(state, before)


def test_duplicate_rows_are_used_with_a_note(state):
    raw = b"pink,small,buy\n0.1,0.2,1\n0.1,0.2,1\n0.9,0.9,0\n"
    assert ls.take_csv_upload(state, raw, "dup") is None
    kinds = ls.pop_messages(state, "data")
    assert any(kind == "info" and "repeats" in text for kind, text in kinds)


def test_bad_edit_keeps_the_last_good_table(state):
    before = snapshot(state)
    edited = state["laptop.source"].copy()
    edited.loc[0, "pink"] = 3.0
    check = ls.take_edited_table(state, edited)
    assert not check.ok and "outside 0 to 1" in check.problems[0]
    assert_unchanged(state, before)
    edited.loc[0, "pink"] = 0.2
    assert ls.take_edited_table(state, edited).ok
    assert ls.good_data(state)[0][0, 0] == 0.2 and ls.data_changed_since_training(state)


def test_learning_rate_100_keeps_the_model(state):
    before = snapshot(state)
    run = ls.run_training(state, replace(RECIPE, learning_rate=100.0))
    assert not run.ok and "out of control" in run.problem
    assert_unchanged(state, before)


def test_model_file_round_trip_and_bad_files(state):
    other = ls.run_training({**state}, replace(RECIPE, seed=3)).model
    assert ls.take_model_upload(state, model_to_json_bytes(other), "m1") is None
    assert ls.current_model(state) is not other  # rebuilt from the file
    np.testing.assert_allclose(ls.current_model(state).predict([[0.1, 0.6]]),
                               other.predict([[0.1, 0.6]]))
    assert ls.current_run(state) is None
    before = snapshot(state)
    data = json.loads(model_to_json_bytes(other))
    text = json.dumps(data).replace("0.", "NaN_", 1).replace("NaN_", "NaN, 0.", 1)
    for i, raw in enumerate([b"not json", b"{}", text.encode(), b"[" * 100_000]):
        message = ls.take_model_upload(state, raw, f"bad{i}")
        assert message and "current model is kept" in message
        assert_unchanged(state, before)


def test_a_fresh_session_restores_table_settings_and_laptop_and_trains_the_same_model():
    from laptop.recipe import train
    from laptop.share_link import page_params

    x = np.array([[0.1, 0.2], [0.9, 0.8], [0.5, 0.55], [0.2, 0.1]])
    y = np.array([0, 1, 1, 0])
    settings = replace(RECIPE, hidden_units=5, seed=42, validation_split=0.25)
    state = {}
    ls.init(state, page_params(x, y, settings, 0.3, 0.7))
    assert ls.pop_messages(state, "verdict") == []
    np.testing.assert_array_equal(ls.good_data(state)[0], x)
    assert ls.laptop(state) == (0.3, 0.7) and state["laptop.settings"] == settings
    direct = train(x, y, settings).model
    probe = np.array([[0.3, 0.7], [0.6, 0.4]])
    np.testing.assert_array_equal(ls.current_model(state).predict(probe), direct.predict(probe))
    assert ls.link_params(state) == page_params(x, y, settings, 0.3, 0.7)


def test_a_link_whose_training_blows_up_keeps_its_table_with_the_recipe():
    from laptop.share_link import page_params

    x, y = np.array([[0.1, 0.2], [0.9, 0.8], [0.2, 0.1], [0.8, 0.9]]), np.array([0, 1, 0, 1])
    state = {}
    ls.init(state, page_params(x, y, replace(RECIPE, learning_rate=100.0), 0.5, 0.5))
    notes = ls.pop_messages(state, "verdict")
    assert len(notes) == 1 and "out of control" in notes[0][1]
    assert state["laptop.settings"] == RECIPE and ls.current_model(state) is not None
    np.testing.assert_array_equal(ls.good_data(state)[0], x)


def test_a_link_table_that_fails_the_checks_gives_the_tutorials_table():
    state = {}
    ls.init(state, {"data": "10-10-1_20-20-1", "pink": "0.4"})  # every laptop says buy
    notes = [text for _, text in ls.pop_messages(state, "verdict")]
    assert len(notes) == 1 and "cannot be used" in notes[0] and "tutorial" in notes[0]
    assert ls.good_data(state)[0].shape == (9, 2) and ls.laptop(state) == (0.4, 0.6)


def test_the_tutorials_page_wants_a_clean_address(state):
    assert ls.link_params(state) == ls.default_params()
    ls.set_laptop(state, 0.5, 0.5)
    assert ls.link_params(state)["pink"] == "0.5"
    assert ls.link_params(state) != ls.default_params()


def test_the_link_holds_the_settings_of_the_model_in_use_not_a_failed_try(state):
    ls.run_training(state, replace(RECIPE, learning_rate=100.0))
    assert state["laptop.settings"].learning_rate == 100.0
    assert "lr0.1~" in ls.link_params(state)["model"]


def expensive_link():
    """The issue's link: 300 rows, 16 hidden units, 500 epochs, batches of 1."""
    from laptop.recipe import Settings
    from laptop.share_link import page_params

    rng = np.random.default_rng(7)
    x = np.round(rng.uniform(0, 1, size=(300, 2)), 2)
    y = (x[:, 1] > x[:, 0]).astype(int)
    return x, y, page_params(x, y, Settings(hidden_units=16, epochs=500, batch_size=1),
                             0.3, 0.7)


def test_a_new_session_reports_progress_from_before_training_to_the_last_epoch():
    x, y, params = expensive_link()
    seen = []
    state = {}
    ls.init(state, params, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 37)  # the bar's total is the epochs the budget allows
    assert seen[1:] == [(epoch, 37) for epoch in range(1, 38)]
    assert state["laptop.settings"].epochs == 37
    notes = [text for _, text in ls.pop_messages(state, "verdict")]
    assert len(notes) == 1 and "37 epochs instead of 500" in notes[0]
    assert "e37~" in ls.link_params(state)["model"]  # the address says what was trained


def test_the_same_link_in_another_session_takes_the_kept_model(monkeypatch):
    from laptop.recipe import train
    from laptop.train_cache import TrainCache

    calls = []

    def counting(*args, **kwargs):
        calls.append(1)
        return train(*args, **kwargs)

    monkeypatch.setattr(ls, "TRAINED", TrainCache(trainer=counting))
    x, y, params = expensive_link()
    first, second, seen = {}, {}, []
    ls.init(first, params)
    ls.init(second, params, progress=lambda done, total: seen.append(done))
    assert len(calls) == 1 and seen == [0]
    assert ls.current_model(first) is not ls.current_model(second)
    for a, b in zip(ls.current_model(first).get_weights(),
                    ls.current_model(second).get_weights(), strict=True):
        assert a.tobytes() == b.tobytes()
    assert ls.pop_messages(first, "verdict") == ls.pop_messages(second, "verdict")
    assert ls.link_params(first) == ls.link_params(second)


def test_the_train_button_is_bounded_by_the_same_budget(state):
    from laptop.recipe import MAX_TRAINING_STEPS, Settings

    x, y, _ = expensive_link()
    state["laptop.good"] = (x, y)
    run = ls.run_training(state, Settings(hidden_units=16, epochs=500, batch_size=1))
    assert run.ok and run.model.optimizer.iterations <= MAX_TRAINING_STEPS
    assert state["laptop.settings"].epochs == 37 and "37 epochs instead" in run.note
