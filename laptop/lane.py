"""One lane for costly work: at most one costly turn (a long training, a vote of many
networks, or a whole page that asks for one) runs at a time in the server process, in the
order the visitors asked; costly turns together take at most COSTLY_SHARE of the time; short
work never waits.

Every visitor's script runs on a thread of its own, and a training is Python code holding
the interpreter's lock (NumPy's calls on a network this small are too short to let it go),
so the server has one effective core for all of them. Several long trainings at once (a
visitor opening links with 10,000-step trainings again and again, each with a new seed)
would each get a share of it, and so would every other visitor's 20-step training and page:
they would all wait longer. Through the lane, long trainings take turns, and what the page's
ordinary settings ask for (COSTLY_STEPS) runs beside the one long training, not behind a
queue of them. The one long training rests between its epochs for as long as it worked
(REST_SHARE), so that, beside it, the others have the interpreter half the time or more.

A turn that ended is followed by a rest before the next costly turn starts: as long as the
turn worked, times (1 - COSTLY_SHARE) / COSTLY_SHARE. So costly work, cached or not, cannot
take more than COSTLY_SHARE of the server's time however often it is asked for (a visitor
reopening a long training's link as fast as the server answers: each visit is cheap once the
training is kept, but a page of 300 rows, maps and a player still costs a tenth of a second,
and a flood of them kept a script running at all times). Waiting is sleeping: it holds no
interpreter lock. "Worked" is the turn's time on the clock less its rests between epochs:
on a busy server a turn takes longer and the rest after it grows with it. The rest holds
back other visitors only: a visitor whose own turn ended last goes on at once (`identify`
tells the lane who is asking), so a learner alone with a long training's page is not made
to wait between their own clicks; a flood of visits is a new visitor each time, and rests.

A thread that holds the lane and asks for it again (costly work inside costly work) goes on
at once: a visitor never waits for itself. The lane is left when the work ends, whatever
happens (a with block). A visitor who must wait is told (`LANE.telling(listener)`: the
listener hears True when the wait starts, again every `tell_every` seconds while it lasts,
and False when the work starts), so the page can say so; a listener that raises (Streamlit
stopping a closed visitor's script) gives the turn away. No streamlit.
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
# Costly turns together take at most this share of the time: after a turn that worked w
# seconds, the next one starts w * (1 - COSTLY_SHARE) / COSTLY_SHARE seconds after it ended
# at the earliest. bench/load.py --hostile measures what it changes.
COSTLY_SHARE = 0.25
TELL_EVERY = 2.0  # seconds between the reminders a waiting visitor's listener hears

Listener = Callable[[bool], None]  # True: waiting for the lane; False: the work starts


def _sleep(seconds: float) -> None:
    time.sleep(seconds)  # looked up at each call, so that tests can replace time.sleep


class Lane:
    """A first-come, first-served turn for costly work, shared by the threads of a process,
    with a rest after each turn so that costly turns take at most `share` of the time.

    `with lane.turn(steps):` runs its block at once when `steps` <= COSTLY_STEPS or when
    this thread has the lane already, else when it is this thread's turn and the rest after
    the last turn is over. `clock` and `sleep` (seconds) are time.monotonic and time.sleep
    unless a test gives its own; `tell_every`: seconds between a waiting listener's
    reminders (None: told once).
    """

    def __init__(self, costly_steps: int = COSTLY_STEPS, share: float = COSTLY_SHARE,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = _sleep, tell_every: float | None = None):
        if not 0.0 < share <= 1.0:
            raise ValueError(f"share must be in (0, 1]. Received: share={share}")
        self.costly_steps, self.share = costly_steps, share
        self.clock, self.sleep = clock, sleep  # attributes, so that a test can set its own
        self._tell_every = tell_every
        self._condition = threading.Condition()
        self._next_ticket = 0  # handed to the next thread that asks
        self._serving = 0  # the ticket whose turn it is
        self._skipped: set[int] = set()  # tickets whose threads stopped waiting
        self._free_at = -float("inf")  # when the next turn may start (the last one's rest)
        self._last_owner: object = None  # who had the last turn (None: no one known)
        self._who: Callable[[], object] | None = None  # who is asking (see identify)
        self._local = threading.local()
        self.waits = 0  # how many turns had to wait (for benchmarks and tests)
        self.worked = 0.0  # seconds worked in turns, rests between epochs left out

    def identify(self, who: Callable[[], object] | None) -> None:
        """`who()` names the visitor asking for a turn (None when unknown): the rest after a
        turn holds back other visitors, never the one whose turn it was."""
        self._who = who

    def _owner(self) -> object:
        try:
            return self._who() if self._who is not None else None
        except Exception:  # noqa: BLE001 - unknown: rested like anyone
            return None

    def _rested(self, owner: object) -> float:
        """Seconds of rest left before `owner` may start (under self._condition)."""
        if owner is not None and owner == self._last_owner:
            return 0.0
        return self._free_at - self.clock()

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

    def rest_left(self) -> float:
        """Seconds until the rest after the last turn is over (0 when it is)."""
        with self._condition:
            return max(0.0, self._free_at - self.clock())

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
        owner = self._owner()
        self._enter(owner)
        self._local.held = True
        self._local.rests = 0.0
        started = self._local.rested = self.clock()
        try:
            yield
        finally:
            self._local.held = False
            self._leave(max(0.0, self.clock() - started - self._local.rests), owner)

    def _enter(self, owner: object = None) -> None:
        listener = getattr(self._local, "listener", None)
        with self._condition:
            ticket = self._next_ticket
            self._next_ticket += 1
            if ticket == self._serving and self._rested(owner) <= 0:
                return
            self.waits += 1
        try:
            if listener is not None:
                listener(True)
            told = self.clock()

            def remind() -> None:
                nonlocal told
                if (listener is not None and self._tell_every is not None
                        and self.clock() - told >= self._tell_every):
                    told = self.clock()
                    listener(True)

            while True:  # this ticket's turn: other threads' turns first
                remind()
                with self._condition:
                    if self._serving == ticket:
                        break
                    self._condition.wait(self._tell_every)
            while True:  # then the rest after the last turn (sleeping: no lock held)
                with self._condition:
                    left = self._rested(owner)
                if left <= 0:
                    break
                remind()
                self.sleep(left if self._tell_every is None else min(left, self._tell_every))
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
                self._leave(0.0, owner)
                raise

    def _leave(self, worked: float, owner: object = None) -> None:
        with self._condition:
            self._last_owner = owner
            self.worked += worked
            rest = worked * (1.0 - self.share) / self.share
            self._free_at = max(self._free_at, self.clock() + rest)
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
        and rests for REST_SHARE of the time it worked since its last rest (the rest does
        not count as the turn's work)."""
        if not self.holding():
            return
        now = self.clock()
        worked = now - getattr(self._local, "rested", now)
        self.sleep(min(REST_SHARE * worked, MAX_REST_SECONDS))
        self._local.rested = self.clock()
        self._local.rests += self._local.rested - now


LANE = Lane(tell_every=TELL_EVERY)  # the server process's one lane
