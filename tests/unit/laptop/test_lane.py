"""The lane for costly work (laptop/lane.py): long trainings and votes take turns, short ones
never wait, the lane is left whatever happens, and a waiting visitor is told.

Issue #13: several long trainings at once shared the server's one effective core with every
other visitor's short training and page. Threads and events only, no timings: a thread that
should not block is joined with a generous bound and checked to have finished.
"""

import threading

import numpy as np
import pytest

import laptop.consensus
from laptop.consensus import train_consensus
from laptop.data import tutorial_arrays
from laptop.lane import COSTLY_STEPS, LANE, Lane
from laptop.recipe import RECIPE, Settings, split_rows, train, training_steps
from laptop.train_cache import TrainCache, VoteCache

COSTLY = COSTLY_STEPS + 1
CHEAP = 20  # the tutorial's recipe
BOUND = 60  # seconds a thread that must not block is given before the test fails


def until(condition, what: str) -> None:
    """Wait (bounded) until condition() holds: for a thread to reach a point."""
    event = threading.Event()
    for _ in range(6000):
        if condition():
            return
        event.wait(0.01)
    raise AssertionError(f"never happened: {what}")


def start(target) -> threading.Thread:
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def test_the_recipe_and_its_vote_are_cheap_and_the_budget_is_costly():
    x, y = tutorial_arrays()
    n_train = len(split_rows(len(y), RECIPE.validation_split)[0])
    assert not LANE.costly(training_steps(n_train, RECIPE))  # 20 steps
    assert not LANE.costly(training_steps(n_train, Settings(epochs=500)))  # 500 steps
    assert LANE.costly(training_steps(n_train, Settings(epochs=500, batch_size=1)))


def test_two_costly_computations_never_overlap_and_take_turns_in_order():
    lane = Lane()
    inside, most, order = [0], [0], []
    counter = threading.Lock()
    first_in, release = threading.Event(), threading.Event()

    def costly(name):
        with lane.turn(COSTLY):
            with counter:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
                order.append(name)
            if name == 0:
                first_in.set()
                release.wait(BOUND)
            with counter:
                inside[0] -= 1

    threads = [start(lambda: costly(0))]
    first_in.wait(BOUND)
    for name in (1, 2, 3):
        threads.append(start(lambda name=name: costly(name)))
        until(lambda name=name: lane.waits == name, f"visitor {name} waits")
    assert order == [0]  # the others wait while the first holds the lane
    release.set()
    for thread in threads:
        thread.join(BOUND)
    assert not any(thread.is_alive() for thread in threads)
    assert most[0] == 1 and sorted(order) == [0, 1, 2, 3]
    assert order == [0, 1, 2, 3]  # first come, first served
    assert not lane.busy


def test_a_cheap_computation_runs_while_a_costly_one_holds_the_lane():
    lane = Lane()
    holding, release = threading.Event(), threading.Event()
    ran = []

    def costly():
        with lane.turn(COSTLY):
            holding.set()
            release.wait(BOUND)

    holder = start(costly)
    holding.wait(BOUND)

    def cheap():
        with lane.turn(CHEAP):
            ran.append(lane.busy)

    thread = start(cheap)
    thread.join(BOUND)
    assert not thread.is_alive() and ran == [True]  # it ran while the lane was held
    assert lane.waits == 0
    release.set()
    holder.join(BOUND)
    assert not lane.busy


def test_the_lane_is_left_after_an_exception():
    lane = Lane()
    with pytest.raises(ValueError), lane.turn(COSTLY):
        assert lane.holding()
        raise ValueError("training failed")
    assert not lane.holding() and not lane.busy
    done = []
    thread = start(lambda: done.append(lane.turn(COSTLY).__enter__() is None))
    thread.join(BOUND)
    assert done == [True] and lane.waits == 0


def test_a_waiting_visitor_is_told_it_waits_and_when_its_turn_comes():
    lane = Lane()
    holding, release, told_waiting = threading.Event(), threading.Event(), threading.Event()
    heard, ran = [], []

    def costly():
        with lane.turn(COSTLY):
            holding.set()
            release.wait(BOUND)

    def listener(waiting):
        heard.append(waiting)
        if waiting:
            told_waiting.set()

    def waiting_visitor():
        with lane.telling(listener), lane.turn(COSTLY):
            ran.append(list(heard))

    holder = start(costly)
    holding.wait(BOUND)
    visitor = start(waiting_visitor)
    told_waiting.wait(BOUND)
    assert heard == [True] and ran == []
    release.set()
    for thread in (holder, visitor):
        thread.join(BOUND)
    assert heard == [True, False] and ran == [[True, False]]


def test_a_visitor_who_does_not_wait_is_not_told():
    lane, heard = Lane(), []
    with lane.telling(heard.append), lane.turn(COSTLY):
        pass
    assert heard == []


def test_a_thread_that_holds_the_lane_never_waits_for_itself():
    lane = Lane()
    done = []

    def nested():
        with lane.turn(COSTLY), lane.turn(COSTLY):
            done.append(lane.holding())
        done.append(lane.holding())

    thread = start(nested)
    thread.join(BOUND)
    assert done == [True, False] and lane.waits == 0 and not lane.busy


def test_a_listener_that_raises_gives_the_turn_away():
    lane = Lane()
    holding, release = threading.Event(), threading.Event()

    def costly():
        with lane.turn(COSTLY):
            holding.set()
            release.wait(BOUND)

    def stopping(waiting):
        raise RuntimeError("the visitor left")

    holder = start(costly)
    holding.wait(BOUND)
    errors = []

    def visitor():
        try:
            with lane.telling(stopping), lane.turn(COSTLY):
                pass
        except RuntimeError as error:
            errors.append(error)

    start(visitor).join(BOUND)
    assert len(errors) == 1
    release.set()
    holder.join(BOUND)
    assert not lane.busy  # the stopped visitor's turn was skipped
    with lane.turn(COSTLY):
        assert lane.holding()


def test_a_long_training_and_its_vote_run_in_the_lane_and_the_recipe_does_not(monkeypatch):
    x, y = tutorial_arrays()
    seen = []
    train(x, y, RECIPE, on_epoch=lambda epoch, logs: seen.append(("recipe", LANE.holding())))
    long = Settings(epochs=500, batch_size=1)
    train(x, y, long, on_epoch=lambda epoch, logs: seen.append(("long", LANE.holding())))
    assert {held for what, held in seen if what == "recipe"} == {False}
    assert {held for what, held in seen if what == "long"} == {True}
    assert not LANE.holding() and not LANE.busy

    population = laptop.consensus.train_population

    def watched(*args, **kwargs):
        seen.append(("vote", LANE.holding()))
        return population(*args, **kwargs)

    monkeypatch.setattr(laptop.consensus, "train_population", watched)
    seen.clear()
    train_consensus(x, y, RECIPE)
    train_consensus(x, y, long)
    assert seen == [("vote", False), ("vote", True)]


def test_a_visitor_waiting_for_a_key_being_trained_holds_no_turn():
    lane = Lane()
    holding, release = threading.Event(), threading.Event()
    calls = []

    def trainer(x, y, settings, on_epoch=None, **kwargs):
        calls.append(settings.seed)
        with lane.turn(COSTLY):
            if settings.seed == 1:
                holding.set()
                release.wait(BOUND)
            return train(x, y, settings)

    cache = TrainCache(trainer=trainer)
    x, y = tutorial_arrays()
    runs, heard = {}, []

    def visit(name, seed):
        with lane.telling(heard.append):
            runs[name] = cache.train(x, y, Settings(seed=seed))

    first = start(lambda: visit("first", 1))
    holding.wait(BOUND)
    same_key = start(lambda: visit("same key", 1))  # waits for the first's result
    other_key = start(lambda: visit("other key", 2))  # waits for the lane
    until(lambda: lane.waits == 1, "the other key waits for the lane")
    release.set()
    for thread in (first, same_key, other_key):
        thread.join(BOUND)
    assert not any(t.is_alive() for t in (first, same_key, other_key))
    assert sorted(calls) == [1, 2]  # the same key was trained once
    assert lane.waits == 1 and heard == [True, False]  # only the other key waited for a turn
    assert np.array_equal(runs["first"].model.get_weights()[0],
                          runs["same key"].model.get_weights()[0])
    assert not lane.busy


def test_the_vote_cache_waits_for_a_key_without_a_turn():
    lane = Lane()
    holding, release = threading.Event(), threading.Event()
    calls = []

    def computer(x, y, settings):
        calls.append(settings.seed)
        with lane.turn(COSTLY):
            holding.set()
            release.wait(BOUND)
            return train_consensus(x, y, settings)

    votes = VoteCache(computer=computer)
    x, y = tutorial_arrays()
    got = []
    first = start(lambda: got.append(votes.consensus(x, y, RECIPE)))
    holding.wait(BOUND)
    second = start(lambda: got.append(votes.consensus(x, y, RECIPE)))
    release.set()
    for thread in (first, second):
        thread.join(BOUND)
    assert calls == [RECIPE.seed] and len(got) == 2 and got[0] is got[1]
    assert lane.waits == 0


def test_a_costly_training_rests_between_epochs_only_in_the_lane(monkeypatch):
    import laptop.lane

    rests = []
    monkeypatch.setattr(laptop.lane.time, "sleep", rests.append)
    monkeypatch.setattr(laptop.lane, "REST_SHARE", 1.0)
    lane = Lane()
    lane.pause()  # not in the lane: no rest
    with lane.turn(CHEAP):
        lane.pause()
    assert rests == []
    with lane.turn(COSTLY):
        lane.pause()
        lane.pause()
    assert len(rests) == 2
    assert all(0.0 <= rest <= laptop.lane.MAX_REST_SECONDS for rest in rests)
