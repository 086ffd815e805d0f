"""The training budget, determinism, and the cache of trained models shared by visitors.

Issue #13 item 2: a link within the page's own limits (300 rows, 16 units, 500 epochs,
batches of 1) cost about 10 s of CPU on every visit. Training is now bounded by
MAX_TRAINING_STEPS, and the same data and settings train once for everyone.
"""

import doctest
import threading
from dataclasses import replace

import numpy as np
import pytest

import laptop.recipe
from laptop.consensus import CONSENSUS_OVERHEAD_BYTES, train_consensus, vote
from laptop.data import MAX_ROWS, check_table, tutorial_table
from laptop.recipe import (
    LIMITS,
    MAX_TRAINING_STEPS,
    RECIPE,
    Settings,
    planned_settings,
    split_rows,
    train,
    training_steps,
)
from laptop.train_cache import SharedCache, TrainCache, VoteCache, cache_key

EXPENSIVE = Settings(hidden_units=16, epochs=500, batch_size=1)  # the link


def table(n, seed=0):
    rng = np.random.default_rng(seed)
    x = np.round(rng.uniform(0, 1, size=(n, 2)), 2)
    return x, (x[:, 1] > x[:, 0]).astype(int)


@pytest.fixture(scope="module")
def tutorial():
    check = check_table(tutorial_table())
    return check.x, check.y


class Counting:
    """train(), counting its calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return train(*args, **kwargs)


def test_recipe_doctests():
    assert doctest.testmod(laptop.recipe).failed == 0


# ---- the budget --------------------------------------------------------------------------
def test_the_expensive_link_trains_within_the_budget_and_says_so_in_plain_words():
    x, y = table(300)
    run = train(x, y, EXPENSIVE)
    assert run.ok
    assert run.model.optimizer.iterations <= MAX_TRAINING_STEPS  # weight updates, counted
    assert run.settings == replace(EXPENSIVE, epochs=MAX_TRAINING_STEPS // 270)
    assert len(run.history["loss"]) == run.settings.epochs == 37
    assert "135,000 training steps" in run.note
    assert f"at most {MAX_TRAINING_STEPS:,}" in run.note
    assert "37 epochs instead of 500" in run.note
    assert "batches of 14 or more" in run.note
    # the note's advice fits: all 500 epochs in batches of 14 (20 steps an epoch), no note
    assert planned_settings(300, replace(EXPENSIVE, batch_size=14)) == (
        replace(EXPENSIVE, batch_size=14), None)


@pytest.mark.parametrize("rows", [1, 2, 9, 100, 300, 999, MAX_ROWS])
@pytest.mark.parametrize("batch", [1, 2, 7, 32, 1000])
@pytest.mark.parametrize("split", [0.0, 0.1, 0.5])
def test_every_setting_the_page_allows_plans_within_the_budget(rows, batch, split):
    settings = Settings(epochs=LIMITS["epochs"][1], batch_size=batch, validation_split=split)
    planned, note = planned_settings(rows, settings)
    n_train = len(split_rows(rows, split)[0])
    assert 1 <= planned.epochs <= settings.epochs
    assert training_steps(n_train, planned) <= MAX_TRAINING_STEPS
    assert (note is None) == (planned == settings)
    assert replace(planned, epochs=settings.epochs) == settings  # only epochs change


def test_the_recipe_and_ordinary_use_are_far_below_the_budget():
    assert training_steps(8, RECIPE) == 20
    ordinary = replace(RECIPE, hidden_units=16, epochs=500)  # batches of 32, the longest run
    assert training_steps(270, ordinary) * 2 <= MAX_TRAINING_STEPS  # 300 rows in a link
    assert planned_settings(300, ordinary) == (ordinary, None)
    assert planned_settings(9, replace(RECIPE, epochs=500, batch_size=1))[1] is None


def test_the_same_data_settings_and_seed_give_identical_weights_bit_for_bit(tutorial):
    x, y = table(60, seed=3)
    settings = Settings(hidden_units=7, activation="leaky_relu", epochs=40, batch_size=4,
                        seed=12345)
    first, second = train(x, y, settings), train(x, y, settings)
    for a, b in zip(first.model.get_weights(), second.model.get_weights(), strict=True):
        assert a.tobytes() == b.tobytes()
    assert first.history == second.history
    other = train(x, y, replace(settings, seed=12346)).model.get_weights()
    assert any(a.tobytes() != b.tobytes()
               for a, b in zip(first.model.get_weights(), other, strict=True))


# ---- the cache ---------------------------------------------------------------------------
def test_the_same_link_again_does_not_train_again_and_gives_the_same_model(tutorial):
    x, y = tutorial
    counting = Counting()
    cache = TrainCache(trainer=counting)
    first = cache.train(x, y, RECIPE)
    seen = []
    again = cache.train(x.copy(), y.copy(), RECIPE, on_epoch=lambda e, logs: seen.append(e))
    assert counting.calls == 1 and seen == [] and (cache.hits, cache.misses) == (1, 1)
    direct = train(x, y, RECIPE)
    for a, b, c in zip(first.model.get_weights(), again.model.get_weights(),
                       direct.model.get_weights(), strict=True):
        assert a.tobytes() == b.tobytes() == c.tobytes()
    assert again.history == direct.history
    assert (again.train_accuracy, again.validation_accuracy, again.stuck) == (
        direct.train_accuracy, direct.validation_accuracy, direct.stuck)
    np.testing.assert_array_equal(again.train_rows, direct.train_rows)


def test_a_kept_model_is_no_one_elses_to_change(tutorial):
    x, y = tutorial
    cache = TrainCache()
    mine = cache.train(x, y, RECIPE)
    kept = [w.copy() for w in mine.model.get_weights()]
    mine.model.set_weights([w * 0 + 7.0 for w in kept])  # a visitor changes their model
    mine.history["loss"].append(99.0)
    mine.train_rows[:] = 0
    theirs = cache.train(x, y, RECIPE)
    assert theirs.model is not mine.model
    for a, b in zip(theirs.model.get_weights(), kept, strict=True):
        assert a.tobytes() == b.tobytes()
    assert 99.0 not in theirs.history["loss"]
    assert theirs.train_rows.tolist() == list(range(8))


@pytest.mark.parametrize("change", ["seed", "cell", "order", "label", "epochs"])
def test_anything_different_trains_anew(tutorial, change):
    x, y = tutorial
    other_x, other_y, settings = x.copy(), y.copy(), RECIPE
    if change == "seed":
        settings = replace(RECIPE, seed=1)
    elif change == "cell":
        other_x[3, 1] += 1e-6
    elif change == "order":
        other_x, other_y = other_x[::-1].copy(), other_y[::-1].copy()
    elif change == "label":
        other_y[0] = 1 - other_y[0]
    else:
        settings = replace(RECIPE, epochs=21)
    assert cache_key(x, y, RECIPE) != cache_key(other_x, other_y, settings)
    counting = Counting()
    cache = TrainCache(trainer=counting)
    cache.train(x, y, RECIPE)
    cache.train(other_x, other_y, settings)
    assert counting.calls == 2


def test_the_cache_is_bounded_in_entries_least_recently_used_first(tutorial):
    x, y = tutorial
    counting = Counting()
    cache = TrainCache(max_entries=3, trainer=counting)
    for seed in range(5):
        cache.train(x, y, replace(RECIPE, seed=seed))
        cache.train(x, y, replace(RECIPE, seed=0))  # seed 0 stays in use
    assert len(cache) == 3 and counting.calls == 5
    cache.train(x, y, replace(RECIPE, seed=0))
    cache.train(x, y, replace(RECIPE, seed=4))
    assert counting.calls == 5
    cache.train(x, y, replace(RECIPE, seed=1))  # dropped: trains again
    assert counting.calls == 6


def test_the_cache_is_bounded_in_bytes(tutorial):
    x, y = tutorial
    one = TrainCache()
    one.train(x, y, RECIPE)
    size = one.nbytes
    assert 4_000 < size < 20_000
    cache = TrainCache(max_bytes=int(2.5 * size))
    for seed in range(6):
        cache.train(x, y, replace(RECIPE, seed=seed))
        assert cache.nbytes <= cache.max_bytes
    assert len(cache) == 2
    tiny = TrainCache(max_bytes=size - 1)  # an outcome larger than the cache is not kept
    tiny.train(x, y, RECIPE)
    assert len(tiny) == 0 and tiny.nbytes == 0


def test_the_largest_outcome_fits_many_times_in_the_default_cache():
    x, y = table(MAX_ROWS)
    cache = TrainCache()
    cache.train(x, y, Settings(hidden_units=16, epochs=500, batch_size=1000))
    assert cache.nbytes * 200 <= cache.max_bytes


def test_visitors_asking_for_what_is_being_trained_wait_for_it(tutorial, monkeypatch):
    x, y = tutorial
    entered, release, waiting = threading.Event(), threading.Event(), threading.Event()
    calls = []

    def slow_train(*args, **kwargs):
        calls.append(1)
        entered.set()
        assert release.wait(30)
        return train(*args, **kwargs)

    class SignallingEvent(threading.Event):
        def wait(self, timeout=None):
            waiting.set()
            return super().wait(timeout)

    cache = TrainCache(trainer=slow_train)
    monkeypatch.setattr("laptop.train_cache.threading.Event", SignallingEvent)
    results = {}
    first = threading.Thread(target=lambda: results.update(a=cache.train(x, y, RECIPE)))
    first.start()
    assert entered.wait(30)
    second = threading.Thread(target=lambda: results.update(b=cache.train(x, y, RECIPE)))
    second.start()
    assert waiting.wait(30)  # the second visitor waits for the first one's training
    release.set()
    first.join(30)
    second.join(30)
    assert len(calls) == 1
    for a, b in zip(results["a"].model.get_weights(), results["b"].model.get_weights(),
                    strict=True):
        assert a.tobytes() == b.tobytes()


def test_a_training_that_fails_leaves_nothing_behind(tutorial):
    x, y = tutorial
    calls = []

    def failing_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise MemoryError("simulated")
        return train(*args, **kwargs)

    cache = TrainCache(trainer=failing_once)
    with pytest.raises(MemoryError):
        cache.train(x, y, RECIPE)
    assert len(cache) == 0
    assert cache.train(x, y, RECIPE).ok and len(calls) == 2


def test_failed_runs_are_kept_too_and_bad_settings_are_not(tutorial):
    x, y = tutorial
    counting = Counting()
    cache = TrainCache(trainer=counting)
    blown = replace(RECIPE, learning_rate=100.0)
    assert not cache.train(x, y, blown).ok
    again = cache.train(x, y, blown)
    assert not again.ok and "out of control" in again.problem and counting.calls == 1
    bad = replace(RECIPE, epochs=0)
    assert not cache.train(x, y, bad).ok and len(cache) == 1


def test_a_cache_holds_at_least_one_entry():
    with pytest.raises(ValueError, match="max_entries=0"):
        TrainCache(max_entries=0)


def test_a_kept_run_hands_its_player_recording_to_the_next_visitor_as_a_copy(tutorial):
    from laptop.playback import new_recorder

    x, y = tutorial
    cache = TrainCache()
    first = new_recorder(RECIPE.epochs)
    trained = cache.train(x, y, RECIPE, callbacks=[first])
    again = new_recorder(RECIPE.epochs)
    kept = cache.train(x, y, RECIPE, callbacks=[again])
    assert (cache.hits, cache.misses) == (1, 1)
    assert again.recording.epochs == first.recording.epochs == list(range(RECIPE.epochs + 1))
    assert again.recording.logs == first.recording.logs
    for mine, theirs in zip(again.recording.weights, first.recording.weights, strict=True):
        for a, b in zip(mine, theirs, strict=True):
            np.testing.assert_array_equal(a, b)
    # the last frame is the kept model; the copy is the visitor's own to change
    last = again.recording.load(trained.model, -1)
    np.testing.assert_array_equal(last.predict(x), kept.model.predict(x))
    again.recording.weights[0][0][0, 0] = 99.0
    third = new_recorder(RECIPE.epochs)
    cache.train(x, y, RECIPE, callbacks=[third])
    assert third.recording.weights[0][0][0, 0] == first.recording.weights[0][0][0, 0]


def test_a_run_kept_without_a_recording_is_trained_again_for_one(tutorial):
    from laptop.playback import new_recorder

    x, y = tutorial
    cache = TrainCache()
    cache.train(x, y, RECIPE)
    recorder = new_recorder(RECIPE.epochs)
    cache.train(x, y, RECIPE, callbacks=[recorder])
    assert (cache.hits, cache.misses) == (0, 2)
    assert len(recorder.recording) == RECIPE.epochs + 1


# ---- the votes ---------------------------------------------------------------------------
class CountingVotes:
    """train_consensus(), counting its calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return train_consensus(*args, **kwargs)


def vote_arrays(consensus):
    return (*consensus.weights, consensus.train_accuracy, consensus.stuck, consensus.blew_up)


def test_the_same_rows_and_settings_vote_once_and_share_one_read_only_vote(tutorial):
    x, y = tutorial
    counting = CountingVotes()
    cache = VoteCache(computer=counting)
    first = cache.consensus(x, y, RECIPE)
    again = cache.consensus(x.copy(), y.copy(), RECIPE)
    assert counting.calls == 1 and (cache.hits, cache.misses) == (1, 1)
    assert again is first  # shared, not copied: it cannot be changed
    for array in vote_arrays(again):
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[...] = 0


@pytest.mark.parametrize("change", ["seed", "cell", "epochs"])
def test_other_rows_or_settings_vote_anew(tutorial, change):
    x, y = tutorial
    other_x, settings = x.copy(), RECIPE
    if change == "seed":
        settings = replace(RECIPE, seed=1)
    elif change == "cell":
        other_x[3, 1] += 1e-6
    else:
        settings = replace(RECIPE, epochs=21)
    counting = CountingVotes()
    cache = VoteCache(computer=counting)
    first = cache.consensus(x, y, RECIPE)
    other = cache.consensus(other_x, y, settings)
    assert counting.calls == 2 and other is not first and len(cache) == 2
    if change == "seed":
        assert other.seeds == tuple(range(1, 1 + other.size))


def test_a_kept_vote_is_the_vote_trained_afresh(tutorial):
    x, y = tutorial
    settings = replace(RECIPE, hidden_units=5, activation="tanh", seed=7)
    cache = VoteCache()
    cache.consensus(x, y, settings)
    kept, fresh = cache.consensus(x, y, settings), train_consensus(x, y, settings)
    assert cache.hits == 1
    assert (kept.seeds, kept.wanted, kept.steps, kept.settings) == (
        fresh.seeds, fresh.wanted, fresh.steps, fresh.settings)
    for a, b in zip(vote_arrays(kept), vote_arrays(fresh), strict=True):
        assert a.tobytes() == b.tobytes()
    grid = np.array([[i / 10, j / 10] for i in range(11) for j in range(11)])
    np.testing.assert_array_equal(kept.buy_share(grid), fresh.buy_share(grid))
    for point in [(0.1, 0.6), (0.5, 0.5), (0.9, 0.1)]:
        a, b = vote(kept, point, x), vote(fresh, point, x)
        assert (a.headline, a.why, a.left_out, a.voter_seeds) == (
            b.headline, b.why, b.left_out, b.voter_seeds)
        np.testing.assert_array_equal(a.probabilities, b.probabilities)
    assert kept.budget_note() == fresh.budget_note()


def test_a_kept_vote_counts_its_arrays_and_holds_no_training_curves(tutorial):
    x, y = tutorial
    cache = VoteCache()
    consensus = cache.consensus(x, y, RECIPE)  # 3 hidden units: 2*3 + 3 + 3*2 + 2 weights
    members = consensus.size
    arrays = members * 17 * 8 + members * 8 + 2 * members  # weights, accuracy, two masks
    assert consensus.nbytes == CONSENSUS_OVERHEAD_BYTES + arrays + 8 * members
    assert cache.nbytes == consensus.nbytes
    longer = train_consensus(x, y, replace(RECIPE, epochs=200))  # 200 steps: 100 members
    assert longer.size == members and longer.nbytes == consensus.nbytes


def test_the_votes_are_bounded_in_bytes_and_entries_least_recently_used_first(tutorial):
    x, y = tutorial
    size = train_consensus(x, y, RECIPE).nbytes
    counting = CountingVotes()
    cache = VoteCache(max_bytes=int(2.5 * size), computer=counting)
    for seed in range(6):
        cache.consensus(x, y, replace(RECIPE, seed=seed))
        assert cache.nbytes <= cache.max_bytes
    assert len(cache) == 2 and counting.calls == 6
    cache.consensus(x, y, replace(RECIPE, seed=5))  # still kept
    assert counting.calls == 6
    cache.consensus(x, y, replace(RECIPE, seed=0))  # dropped: trained again
    assert counting.calls == 7
    few = VoteCache(max_entries=3)
    for seed in range(5):
        few.consensus(x, y, replace(RECIPE, seed=seed))
    assert len(few) == 3
    tiny = VoteCache(max_bytes=size - 1)  # a vote larger than the cache is not kept
    tiny.consensus(x, y, RECIPE)
    assert len(tiny) == 0 and tiny.nbytes == 0


def test_no_vote_is_not_kept(tutorial):
    x, _ = tutorial
    cache = VoteCache()
    assert cache.consensus(x, np.zeros(len(x), dtype=int), RECIPE) is None
    assert len(cache) == 0


def test_visitors_asking_for_the_vote_being_trained_wait_for_it(tutorial, monkeypatch):
    x, y = tutorial
    entered, release, waiting = threading.Event(), threading.Event(), threading.Event()
    calls = []

    def slow_votes(*args, **kwargs):
        calls.append(1)
        entered.set()
        assert release.wait(30)
        return train_consensus(*args, **kwargs)

    class SignallingEvent(threading.Event):
        def wait(self, timeout=None):
            waiting.set()
            return super().wait(timeout)

    cache = VoteCache(computer=slow_votes)
    monkeypatch.setattr("laptop.train_cache.threading.Event", SignallingEvent)
    results = {}
    first = threading.Thread(target=lambda: results.update(a=cache.consensus(x, y, RECIPE)))
    first.start()
    assert entered.wait(30)
    second = threading.Thread(target=lambda: results.update(b=cache.consensus(x, y, RECIPE)))
    second.start()
    assert waiting.wait(30)
    release.set()
    first.join(30)
    second.join(30)
    assert len(calls) == 1 and results["a"] is results["b"]


def test_a_shared_cache_makes_once_per_key_hands_out_the_same_object_and_is_bounded():
    made = []

    def make(key):
        def build():
            made.append(key)
            return {"key": key, "data": "x" * 1_000}
        return build

    cache = SharedCache(max_entries=10, max_bytes=2_500, size=lambda value: len(value["data"]))
    first = cache.get("a", make("a"))
    assert cache.get("a", make("a")) is first and made == ["a"]
    cache.get("b", make("b"))
    cache.get("c", make("c"))  # 3,000 bytes: "a", the least recently used, goes
    assert len(cache) == 2 and cache.nbytes == 2_000
    cache.get("a", make("a"))
    assert made == ["a", "b", "c", "a"]
