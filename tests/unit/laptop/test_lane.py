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


class FakeTime:
    """A clock that moves only when a turn works (`work`) or the lane sleeps (`sleep`)."""

    def __init__(self):
        self.now = 0.0
        self.slept: list[float] = []
        self._lock = threading.Lock()

    def clock(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept.append(seconds)
            self.now += seconds

    def work(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


def paced_lane(fake: FakeTime, share: float = 0.25, **kwargs) -> Lane:
    return Lane(share=share, clock=fake.clock, sleep=fake.sleep, **kwargs)


def test_costly_turns_take_at_most_their_share_of_the_time():
    """Issue #13: a visitor reopening a long training's link as fast as the server answers
    kept a script running at all times. After each costly turn the next one waits as long as
    the turn worked, times (1 - share) / share: over any stretch, costly work is at most
    `share` of the time."""
    fake = FakeTime()
    lane = paced_lane(fake, share=0.25)
    works = [0.3, 0.05, 2.0, 0.0, 0.7, 1.1, 0.2]
    spans = []
    for work in works:
        with lane.turn(COSTLY):
            start = fake.clock()
            fake.work(work)
            spans.append((start, fake.clock()))
    for (_, end), (start, _), work in zip(spans, spans[1:], works, strict=False):
        assert start == pytest.approx(end + 3 * work)  # the rest: 3x the work at 1/4
    for n in range(1, len(works)):
        assert sum(works[:n]) <= 0.25 * (spans[n][0] - spans[0][0]) + 1e-9
    assert lane.worked == pytest.approx(sum(works))
    assert lane.waits == len(works) - 1 - works[:-1].count(0.0)


def test_the_share_holds_for_many_visitors_at_once_in_their_order():
    fake = FakeTime()
    lane = paced_lane(fake, share=0.5)
    spans, order = {}, []
    holding, release = threading.Event(), threading.Event()

    def visitor(name, work):
        with lane.turn(COSTLY):
            order.append(name)
            start = fake.clock()
            if name == 0:
                holding.set()
                release.wait(BOUND)
            fake.work(work)
            spans[name] = (start, fake.clock(), work)

    threads = [start(lambda: visitor(0, 1.0))]
    holding.wait(BOUND)
    for name in (1, 2, 3):
        threads.append(start(lambda name=name: visitor(name, 0.5 * name)))
        until(lambda name=name: lane.waits == name, f"visitor {name} waits")
    release.set()
    for thread in threads:
        thread.join(BOUND)
    assert not any(thread.is_alive() for thread in threads)
    assert order == [0, 1, 2, 3]  # first come, first served, rests or not
    for before, after in zip(order, order[1:], strict=False):
        _, end, work = spans[before]
        assert spans[after][0] == pytest.approx(end + work)  # share 1/2: rest = work
    assert not lane.busy


def test_cheap_work_never_waits_for_a_rest():
    fake = FakeTime()
    lane = paced_lane(fake)
    with lane.turn(COSTLY):
        fake.work(10.0)
    assert lane.rest_left() == pytest.approx(30.0)
    heard = []
    with lane.telling(heard.append), lane.turn(CHEAP):
        assert not lane.holding()
    assert fake.slept == [] and heard == [] and lane.waits == 0


def test_a_turn_that_fails_still_counts_and_gives_the_lane_away():
    fake = FakeTime()
    lane = paced_lane(fake, share=0.5)
    with pytest.raises(ValueError), lane.turn(COSTLY):
        fake.work(2.0)
        raise ValueError("the page failed")
    assert not lane.busy and lane.rest_left() == pytest.approx(2.0)
    with lane.turn(COSTLY):
        assert fake.clock() == pytest.approx(4.0)  # worked 0-2, rested 2-4


def test_a_waiting_visitor_is_reminded_and_one_who_left_gives_the_turn_away():
    """A waiting visitor hears True again every `tell_every` seconds (the page redraws its
    note; Streamlit stops a closed visitor's script there): a listener that raises while
    the rest goes on leaves the lane free for the next visitor."""
    fake = FakeTime()
    lane = paced_lane(fake, share=0.5, tell_every=1.0)
    with lane.turn(COSTLY):
        fake.work(5.0)
    heard = []

    def leaving(waiting):
        heard.append(waiting)
        if len(heard) == 3:
            raise RuntimeError("the visitor closed the page")

    with pytest.raises(RuntimeError), lane.telling(leaving), lane.turn(COSTLY):
        pass
    assert heard == [True, True, True]
    assert fake.slept == [1.0, 1.0]  # slept in steps of tell_every, so it was reminded
    assert not lane.busy
    told = []
    with lane.telling(told.append), lane.turn(COSTLY):
        assert fake.clock() == pytest.approx(10.0)  # the rest after the 5 s turn
    assert told[0] is True and told[-1] is False and set(told[1:-1]) <= {True}


def test_a_trainings_rests_between_epochs_are_not_counted_as_work(monkeypatch):
    import laptop.lane

    monkeypatch.setattr(laptop.lane, "REST_SHARE", 1.0)
    monkeypatch.setattr(laptop.lane, "MAX_REST_SECONDS", 10.0)
    fake = FakeTime()
    lane = paced_lane(fake, share=0.5)
    with lane.turn(COSTLY):
        for _ in range(3):
            fake.work(1.0)
            lane.pause()  # rests 1 s after each second of work
    assert fake.slept == [1.0, 1.0, 1.0]
    assert lane.worked == pytest.approx(3.0)
    assert lane.rest_left() == pytest.approx(3.0)


def test_a_share_outside_0_to_1_is_refused():
    for share in (0.0, -0.5, 1.5):
        with pytest.raises(ValueError, match="share"):
            Lane(share=share)


def test_the_rest_holds_back_other_visitors_not_the_one_whose_turn_it_was():
    """A learner alone with a long training's page clicks again at once; another visitor
    (or the same link opened anew: a new visitor each time) waits out the rest; a visitor
    the lane cannot name rests like anyone."""
    fake = FakeTime()
    lane = paced_lane(fake, share=0.25)
    asking = ["learner"]
    lane.identify(lambda: asking[0])
    with lane.turn(COSTLY):
        fake.work(1.0)
    with lane.turn(COSTLY):  # the same visitor: no rest
        assert fake.clock() == pytest.approx(1.0)
        fake.work(1.0)
    assert fake.slept == []
    asking[0] = "someone else"
    with lane.turn(COSTLY):  # rests 3 x the learner's last turn
        assert fake.clock() == pytest.approx(5.0)
        fake.work(1.0)
    asking[0] = None
    with lane.turn(COSTLY):  # unknown: rests after "someone else"'s turn
        assert fake.clock() == pytest.approx(9.0)
    asking[0] = "learner"
    with lane.turn(COSTLY):  # the learner's turn was not the last: rests too
        assert fake.clock() == pytest.approx(9.0)  # the unknown turn worked 0 s


def test_a_failing_who_is_an_unknown_visitor():
    fake = FakeTime()
    lane = paced_lane(fake, share=0.5)

    def broken():
        raise RuntimeError("no script run")

    lane.identify(broken)
    with lane.turn(COSTLY):
        fake.work(2.0)
    with lane.turn(COSTLY):
        assert fake.clock() == pytest.approx(4.0)
