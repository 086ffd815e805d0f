"""One lane for costly work: at most one long training (or vote of many networks) runs at a
time in the server process, in the order the visitors asked; short ones never wait.

Every visitor's script runs on a thread of its own, and a training is Python code holding
the interpreter's lock (NumPy's calls on a network this small are too short to let it go),
so the server has one effective core for all of them. Several long trainings at once (a
visitor opening links with 10,000-step trainings again and again, each with a new seed)
would each get a share of it, and so would every other visitor's 20-step training and page:
they would all wait longer. Through the lane, long trainings take turns, and what the page's
ordinary settings ask for (COSTLY_STEPS) runs beside the one long training, not behind a
queue of them. And the one long training rests between its epochs for as long as it worked
(REST_SHARE), so that, beside it, the others have the interpreter half the time or more,
not a share that shrinks as more threads run. bench/lane.py and bench/load.py --hostile
measure what both change.

A thread that holds the lane and asks for it again (costly work inside costly work) goes on
at once: a visitor never waits for itself. The lane is left when the work ends, whatever
happens (a with block). A visitor who must wait is told (`LANE.telling(listener)`: the
listener hears True when the wait starts and False when the work starts), so the page can
say so. No streamlit.
"""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Training steps (weight updates, laptop.recipe.training_steps) above which a training, or
# a vote of networks trained that way, is costly and takes its turn in the lane. The
# tutorial's recipe takes 20 (its vote 100 networks x 20 steps, 14 ms); the tutorial's 9
# rows for the largest 500 epochs take 500 in batches of 32; 1,000 steps are 35-110 ms of
# one core (laptop/recipe.py). The budget (MAX_TRAINING_STEPS) is 10,000.
COSTLY_STEPS = 1_000
# Between epochs, a costly training rests for this share of the time it worked since its last
# rest (at most MAX_REST_SECONDS), so that the other visitors' threads have the interpreter
# to themselves meanwhile (0: a bare switch to another thread). bench/lane.py measures it.
REST_SHARE = 1.0
MAX_REST_SECONDS = 0.05

Listener = Callable[[bool], None]  # True: waiting for the lane; False: the work starts


class Lane:
    """A first-come, first-served turn for costly work, shared by the threads of a process.

    `with lane.turn(steps):` runs its block at once when `steps` <= COSTLY_STEPS or when
    this thread has the lane already, else when it is this thread's turn.
    """

    def __init__(self, costly_steps: int = COSTLY_STEPS):
        self.costly_steps = costly_steps
        self._condition = threading.Condition()
        self._next_ticket = 0  # handed to the next thread that asks
        self._serving = 0  # the ticket whose turn it is
        self._skipped: set[int] = set()  # tickets whose threads stopped waiting
        self._local = threading.local()
        self.waits = 0  # how many turns had to wait (for benchmarks and tests)

    def costly(self, steps: int) -> bool:
        return steps > self.costly_steps

    @property
    def busy(self) -> bool:
        """Whether some thread has the lane or is waiting for it."""
        with self._condition:
            return self._next_ticket != self._serving

    def holding(self) -> bool:
        """Whether this thread has the lane now."""
        return getattr(self._local, "held", False)

    @contextmanager
    def telling(self, listener: Listener | None) -> Iterator[None]:
        """Within the block, this thread's waits for the lane are told to `listener`."""
        before = getattr(self._local, "listener", None)
        self._local.listener = listener
        try:
            yield
        finally:
            self._local.listener = before

    @contextmanager
    def turn(self, steps: int) -> Iterator[None]:
        """The block runs in the lane when `steps` is costly (see the class)."""
        if not self.costly(steps) or self.holding():
            yield
            return
        self._enter()
        self._local.held = True
        self._local.rested = time.perf_counter()
        try:
            yield
        finally:
            self._local.held = False
            self._leave()

    def _enter(self) -> None:
        listener = getattr(self._local, "listener", None)
        with self._condition:
            ticket = self._next_ticket
            self._next_ticket += 1
            if ticket == self._serving:
                return
            self.waits += 1
        try:
            if listener is not None:
                listener(True)
            with self._condition:
                while self._serving != ticket:
                    self._condition.wait()
        except BaseException:  # stopped while waiting: the turn is skipped when it comes
            with self._condition:
                if self._serving == ticket:
                    self._serve_next()
                else:
                    self._skipped.add(ticket)
            raise
        if listener is not None:
            try:
                listener(False)
            except BaseException:
                self._leave()
                raise

    def _leave(self) -> None:
        with self._condition:
            self._serve_next()

    def _serve_next(self) -> None:
        """The next ticket's turn (skipping those whose threads stopped waiting); under
        self._condition."""
        self._serving += 1
        while self._serving in self._skipped:
            self._skipped.remove(self._serving)
            self._serving += 1
        self._condition.notify_all()

    def pause(self) -> None:
        """Let other threads run for a moment: a costly training calls it between epochs,
        and rests for REST_SHARE of the time it worked since its last rest."""
        if not self.holding():
            return
        now = time.perf_counter()
        worked = now - getattr(self._local, "rested", now)
        time.sleep(min(REST_SHARE * worked, MAX_REST_SECONDS))
        self._local.rested = time.perf_counter()


LANE = Lane()  # the server process's one lane
