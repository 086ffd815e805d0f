"""The page's session logic, a plain dict standing in for st.session_state: uploads, edits,
training and the link.

Every bad input gets a message and leaves the last good table and model in place.
"""

import json
from dataclasses import replace

import numpy as np
import pytest

from decide.session import (
    SESSION_KEY,
    LaptopSession,
    default_params,
    needs_training,
    open_session,
    visit_steps,
)
from laptop.consensus import train_consensus
from laptop.lane import COSTLY_STEPS
from laptop.recipe import (
    MAX_TRAINING_STEPS,
    RECIPE,
    Settings,
    model_to_json_bytes,
    predict_buy,
    train,
)
from laptop.share_link import page_params
from laptop.train_cache import TrainCache, VoteCache
from nncore.model import Sequential

GOOD_CSV = b"pink,small,buy\n0.2,0.9,1\n0.8,0.2,0\n0.3,0.7,1\n0.9,0.4,0\n"


@pytest.fixture
def session():
    return open_session({})


def snapshot(session):
    x, y = session.good
    model = session.model
    return x.copy(), y.copy(), model, predict_buy(model, np.array([[0.1, 0.6]]))[0]


def assert_unchanged(session, before):
    x, y, model, p = before
    after = snapshot(session)
    np.testing.assert_array_equal(after[0], x)
    np.testing.assert_array_equal(after[1], y)
    assert after[2] is model and after[3] == p


def test_first_visit_has_the_tutorial_table_and_a_trained_model(session):
    x, y = session.good
    assert x.shape == (9, 2) and session.run.train_accuracy == 1.0
    assert session.laptop() == (0.1, 0.6)
    assert not session.data_changed_since_training()


def test_good_csv_replaces_the_table_once(session):
    version = session.editor_version
    assert session.take_csv_upload(GOOD_CSV, "f1") is None
    assert session.good[0].shape == (4, 2)
    assert session.editor_version == version + 1
    assert session.data_changed_since_training()
    assert ("success" in [k for k, _ in session.pop_messages("data")])
    assert session.take_csv_upload(b"garbage", "f1") is None  # same file: not handled again


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
def test_bad_csv_gives_a_message_and_keeps_table_and_model(session, raw):
    before = snapshot(session)
    message = session.take_csv_upload(raw, "bad")
    assert message and "unchanged" in message
    assert_unchanged(session, before)


def test_duplicate_rows_are_used_with_a_note(session):
    raw = b"pink,small,buy\n0.1,0.2,1\n0.1,0.2,1\n0.9,0.9,0\n"
    assert session.take_csv_upload(raw, "dup") is None
    kinds = session.pop_messages("data")
    assert any(kind == "info" and "repeats" in text for kind, text in kinds)


def test_bad_edit_keeps_the_last_good_table(session):
    before = snapshot(session)
    edited = session.source.copy()
    edited.loc[0, "pink"] = 3.0
    check = session.take_edited_table(edited)
    assert not check.ok and "outside 0 to 1" in check.problems[0]
    assert_unchanged(session, before)
    edited.loc[0, "pink"] = 0.2
    assert session.take_edited_table(edited).ok
    assert session.good[0][0, 0] == 0.2 and session.data_changed_since_training()


def test_learning_rate_100_keeps_the_model(session):
    before = snapshot(session)
    run = session.run_training(replace(RECIPE, learning_rate=100.0))
    assert not run.ok and "out of control" in run.problem
    assert_unchanged(session, before)


def test_model_file_round_trip_and_bad_files(session):
    other = open_session({}).run_training(replace(RECIPE, seed=3)).model
    assert session.take_model_upload(model_to_json_bytes(other), "m1") is None
    assert session.model is not other  # rebuilt from the file
    np.testing.assert_allclose(session.model.predict([[0.1, 0.6]]),
                               other.predict([[0.1, 0.6]]))
    assert session.run is None
    before = snapshot(session)
    data = json.loads(model_to_json_bytes(other))
    text = json.dumps(data).replace("0.", "NaN_", 1).replace("NaN_", "NaN, 0.", 1)
    for i, raw in enumerate([b"not json", b"{}", text.encode(), b"[" * 100_000]):
        message = session.take_model_upload(raw, f"bad{i}")
        assert message and "current model is kept" in message
        assert_unchanged(session, before)


def test_a_fresh_session_restores_table_settings_and_laptop_and_trains_the_same_model():
    from laptop.recipe import train
    from laptop.share_link import page_params

    x = np.array([[0.1, 0.2], [0.9, 0.8], [0.5, 0.55], [0.2, 0.1]])
    y = np.array([0, 1, 1, 0])
    settings = replace(RECIPE, hidden_units=5, seed=42, validation_split=0.25)
    session = open_session({}, page_params(x, y, settings, 0.3, 0.7))
    assert session.pop_messages("verdict") == []
    np.testing.assert_array_equal(session.good[0], x)
    assert session.laptop() == (0.3, 0.7) and session.settings == settings
    direct = train(x, y, settings).model
    probe = np.array([[0.3, 0.7], [0.6, 0.4]])
    np.testing.assert_array_equal(session.model.predict(probe), direct.predict(probe))
    assert session.link_params() == {**page_params(x, y, settings, 0.3, 0.7), "deals": None}


def test_a_link_whose_training_blows_up_keeps_its_table_with_the_recipe():
    from laptop.share_link import page_params

    x, y = np.array([[0.1, 0.2], [0.9, 0.8], [0.2, 0.1], [0.8, 0.9]]), np.array([0, 1, 0, 1])
    session = open_session({}, page_params(x, y, replace(RECIPE, learning_rate=100.0), 0.5, 0.5))
    notes = session.pop_messages("verdict")
    assert len(notes) == 1 and "out of control" in notes[0][1]
    assert session.settings == RECIPE and session.model is not None
    np.testing.assert_array_equal(session.good[0], x)


def test_a_link_table_that_fails_the_checks_gives_the_tutorials_table():
    session = open_session({}, {"data": "10-10-1_20-20-1", "pink": "0.4"})  # every laptop says buy
    notes = [text for _, text in session.pop_messages("verdict")]
    assert len(notes) == 1 and "cannot be used" in notes[0] and "tutorial" in notes[0]
    assert session.good[0].shape == (9, 2) and session.laptop() == (0.4, 0.6)


def test_the_tutorials_page_wants_a_clean_address(session):
    assert session.link_params() == default_params()
    session.set_laptop(0.5, 0.5)
    assert session.link_params()["pink"] == "0.5"
    assert session.link_params() != default_params()


def test_the_link_holds_the_settings_of_the_model_in_use_not_a_failed_try(session):
    session.run_training(replace(RECIPE, learning_rate=100.0))
    assert session.settings.learning_rate == 100.0
    assert "lr0.1~" in session.link_params()["model"]


def test_the_session_lives_under_one_key_and_is_made_once():
    state = {}
    session = open_session(state)
    assert list(state) == [SESSION_KEY] and isinstance(state[SESSION_KEY], LaptopSession)
    session.set_laptop(0.7, 0.2)
    again = open_session(state, {"pink": "0.1"})  # a later run: the address is not read again
    assert again is session and again.laptop() == (0.7, 0.2)


def test_a_remedy_asks_for_training_once(session):
    session.pending_train = True
    assert session.take_pending_train() is True
    assert session.take_pending_train() is False


def test_every_good_run_is_recorded_for_the_player_and_a_failed_one_keeps_the_last(session):
    recording = session.recording
    assert recording.epochs == list(range(RECIPE.epochs + 1))  # epoch 0 = starting weights
    model = recording.load(Sequential.from_dict(session.model.to_dict()), -1)
    np.testing.assert_allclose(model.predict([[0.1, 0.6]]),
                               session.model.predict([[0.1, 0.6]]))
    assert not session.run_training(replace(RECIPE, learning_rate=100.0)).ok
    assert session.recording is recording
    session.run_training(replace(RECIPE, epochs=7))
    assert session.recording.epochs == list(range(8))
    assert session.player.run is None and session.player.epoch is None  # set by the page


def test_the_editor_always_starts_from_text_cells(session):
    """pink and small are text columns in the editor: every way of setting its source (a
    first visit, a link, an upload, reset, coming back to the page) hands it text, never
    floats (a text column over a float column is a Streamlit error on screen)."""
    def source_is_text():
        return all(isinstance(v, str) for c in ("pink", "small") for v in session.source[c])

    assert source_is_text() and session.edited.equals(session.source)
    assert LaptopSession.starting_from(session.source).source.equals(session.source)
    assert session.take_csv_upload(GOOD_CSV, "upload-1") is None
    assert source_is_text() and session.source["pink"].tolist() == ["0.2", "0.8", "0.3", "0.9"]
    session.reset_table()
    assert source_is_text()
    session.restart_editor(session.edited)
    assert source_is_text()
    fresh = open_session({}, dict(default_params(), pink="0.3"))
    assert all(isinstance(v, str) for v in fresh.source["pink"])


def expensive_link():
    """The issue's link: 300 rows, 16 hidden units, 500 epochs, batches of 1."""
    rng = np.random.default_rng(7)
    x = np.round(rng.uniform(0, 1, size=(300, 2)), 2)
    y = (x[:, 1] > x[:, 0]).astype(int)
    return x, y, page_params(x, y, Settings(hidden_units=16, epochs=500, batch_size=1),
                             0.3, 0.7)


def test_a_new_session_reports_progress_from_before_training_to_the_last_epoch():
    x, y, params = expensive_link()
    seen = []
    state = {}
    assert needs_training(state)
    session = open_session(state, params, progress=lambda done, total: seen.append((done, total)))
    assert not needs_training(state)
    assert seen[0] == (0, 37)  # the bar's total is the epochs the budget allows
    assert seen[1:] == [(epoch, 37) for epoch in range(1, 38)]
    assert session.settings.epochs == 37
    notes = [text for _, text in session.pop_messages("verdict")]
    assert len(notes) == 1 and "37 epochs instead of 500" in notes[0]
    assert "e37~" in session.link_params()["model"]  # the address says what was trained


def test_the_same_link_in_another_session_takes_the_kept_model(monkeypatch):
    calls = []

    def counting(*args, **kwargs):
        calls.append(1)
        return train(*args, **kwargs)

    monkeypatch.setattr("decide.session.TRAINED", TrainCache(trainer=counting))
    x, y, params = expensive_link()
    seen = []
    first = open_session({}, params)
    second = open_session({}, params, progress=lambda done, total: seen.append(done))
    assert len(calls) == 1 and seen == [0]
    assert first.model is not second.model
    for a, b in zip(first.model.get_weights(), second.model.get_weights(), strict=True):
        assert a.tobytes() == b.tobytes()
    assert first.pop_messages("verdict") == second.pop_messages("verdict")
    assert first.link_params() == second.link_params()


def test_the_same_link_in_another_session_shares_the_kept_vote(monkeypatch):
    calls = []

    def counting(*args, **kwargs):
        calls.append(1)
        return train_consensus(*args, **kwargs)

    monkeypatch.setattr("decide.session.TRAINED", TrainCache())
    monkeypatch.setattr("decide.session.VOTES", VoteCache(computer=counting))
    _, _, params = expensive_link()
    first, second = open_session({}, params), open_session({}, params)
    assert len(calls) == 1 and first.consensus is second.consensus
    fresh = train_consensus(*first.trained_on, first.run.settings)
    assert first.consensus.size == fresh.size == 5  # 10,000 steps a training: 5 networks
    for a, b in zip(first.consensus.weights, fresh.weights, strict=True):
        assert a.tobytes() == b.tobytes()
    second.run_training(second.settings)  # Train with the same rows and settings: kept too
    assert len(calls) == 1 and second.consensus is first.consensus
    second.run_training(replace(second.settings, seed=9))
    assert len(calls) == 2 and second.consensus.seeds[0] == 9


def test_the_train_button_is_bounded_by_the_same_budget(session):
    x, y, _ = expensive_link()
    session.good = (x, y)
    asked = Settings(hidden_units=16, epochs=500, batch_size=1)
    assert session.planned_epochs(asked) == 37
    run = session.run_training(asked)
    assert run.ok and run.model.optimizer.iterations <= MAX_TRAINING_STEPS
    assert session.settings.epochs == 37 and "37 epochs instead" in run.note


def test_an_added_row_joins_the_table_and_the_model_learns_it(session):
    rows = len(session.good[1])
    assert session.add_row(0.456, 1.7, True) is None
    x, y = session.good
    assert len(y) == rows + 1 and x[-1].tolist() == [0.46, 1.0] and y[-1] == 1
    assert session.edited.iloc[-1][["pink", "small"]].tolist() == ["0.46", "1"]
    assert np.array_equal(session.trained_on[0], x)  # trained on the new table
    expected = train(x, y, session.model_settings()).model
    assert predict_buy(session.model, x) == pytest.approx(predict_buy(expected, x), abs=1e-12)
    assert not session.data_changed_since_training()


def test_a_row_that_cannot_be_added_changes_nothing(session):
    session.take_edited_table(session.edited.assign(pink=["oops"] + list(session.edited.pink[1:])))
    before = snapshot(session)
    edited = session.edited.copy()
    problem = session.add_row(0.5, 0.5, False)
    assert problem.startswith("The laptop was not added:") and "oops" in problem
    assert_unchanged(session, before)
    assert session.edited.equals(edited)


def test_a_row_whose_training_fails_is_taken_back(session):
    session.run = replace(session.run, settings=replace(RECIPE, learning_rate=100.0))
    before, edited, version = snapshot(session), session.edited.copy(), session.editor_version
    problem = session.add_row(0.5, 0.5, False)
    assert problem.startswith("The laptop was not added:") and "out of control" in problem
    assert_unchanged(session, before)
    assert session.edited.equals(edited) and session.editor_version == version
    assert session.failed_run is None


def test_a_long_training_that_waits_for_another_visitors_says_so(monkeypatch):
    """laptop/lane.py: while another visitor's long training holds the lane, the progress
    callback hears waiting=True, then waiting=False when the turn comes, then the epochs."""
    import threading

    from laptop.data import tutorial_arrays
    from laptop.lane import COSTLY_STEPS, LANE

    monkeypatch.setattr("decide.session.TRAINED", TrainCache())
    monkeypatch.setattr("decide.session.VOTES", VoteCache())
    x, y = tutorial_arrays()
    params = page_params(x, y, Settings(epochs=500, batch_size=1, seed=7), 0.3, 0.7)
    holding, release, told = threading.Event(), threading.Event(), threading.Event()
    seen = []

    def other_visitor():
        with LANE.turn(COSTLY_STEPS + 1):
            holding.set()
            release.wait(60)

    def progress(done, total, waiting=None):
        seen.append((done, total, waiting))
        if waiting:
            told.set()

    holder = threading.Thread(target=other_visitor, daemon=True)
    holder.start()
    holding.wait(60)
    visitor = threading.Thread(target=lambda: open_session({}, params, progress), daemon=True)
    visitor.start()
    told.wait(60)
    assert seen == [(0, 500, None), (0, 500, True)]  # told before any epoch
    release.set()
    holder.join(60)
    visitor.join(60)
    assert not visitor.is_alive()
    assert seen[2] == (0, 500, False)
    assert seen[3:] == [(epoch, 500, None) for epoch in range(1, 501)]
    assert not LANE.busy


def test_a_kept_long_training_still_waits_its_turn_and_the_recipe_never_does(monkeypatch):
    """Issue #13: the expensive link reopened as fast as the server answers cost a page of
    work each time, cached or not. A long training's turn (training and vote) is paced
    however it is served: the next visitor of the same link waits for the pause after it
    (told through `progress`), gets the kept model, and the tutorial's recipe goes on at
    once. A clock of the test's own: the training 'works' 2 s, the pause is 3 x 2 s."""
    from laptop.lane import LANE

    now, slept = [0.0], []

    def sleep(seconds):
        if seconds:  # the lane's pauses, not a training's zero rests between epochs
            slept.append(seconds)
        now[0] += seconds

    def working(*args, **kwargs):
        now[0] += 2.0
        return train(*args, **kwargs)

    monkeypatch.setattr(LANE, "clock", lambda: now[0])
    monkeypatch.setattr(LANE, "sleep", sleep)
    monkeypatch.setattr(LANE, "share", 0.25)
    monkeypatch.setattr("laptop.lane.REST_SHARE", 0.0)
    monkeypatch.setattr("decide.session.TRAINED", TrainCache(trainer=working))
    monkeypatch.setattr("decide.session.VOTES", VoteCache())
    _, _, params = expensive_link()
    assert visit_steps({}, params) == 9990 > COSTLY_STEPS  # 37 epochs of 270 rows
    first = open_session({}, params)
    assert slept == [] and now[0] == 2.0 and LANE.rest_left() == 6.0
    seen = []
    second = open_session({}, params, lambda done, total, waiting=None:
                          seen.append((done, waiting)))
    assert sum(slept) == 6.0 and now[0] == 8.0  # waited for the pause, trained nothing
    assert seen[0] == (0, None) and seen[-1] == (0, False)  # told, reminded every 2 s
    assert seen[1:-1] == [(0, True)] * 3  # at 0, 2 and 4 s of the 6 s pause
    assert second.model.get_weights()[0].tobytes() == first.model.get_weights()[0].tobytes()
    assert visit_steps({SESSION_KEY: second}) == 9990
    with LANE.turn(COSTLY_STEPS + 1):  # another long turn: 1 s of work, a 3 s pause
        now[0] += 1.0
    assert LANE.rest_left() == 3.0  # a tutorial visitor during the pause goes on at once
    slept.clear()
    tutorial = open_session({}, {})
    assert visit_steps({}, {}) == visit_steps({SESSION_KEY: tutorial}) == 20
    assert slept == [] and tutorial.model is not None
