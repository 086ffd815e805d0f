"""Settings shared by every test."""

import pytest
from hypothesis import settings

from laptop.lane import LANE

# Tests never assert wall-clock times, so Hypothesis gets no deadline either: on the busy
# shared machine, or under mutmut's tracing, one example of a 1 ms test can take 250 ms and
# fail as "flaky" (seen in `make mutate`'s clean run).
settings.register_profile("no_deadline", deadline=None)
settings.load_profile("no_deadline")


@pytest.fixture(autouse=True)
def _the_lane_on_a_still_clock(monkeypatch):
    """The process's one lane (laptop/lane.py) on a clock that does not move: a turn counts
    no work, so no test waits for the pause after another test's (or its own) long training
    and none depends on how fast this machine is. Pacing is tested with clocks of its own
    (tests/unit/laptop/test_lane.py, tests/unit/decide/test_session.py); the browser tests
    run a real server, with real time."""
    monkeypatch.setattr(LANE, "clock", lambda: 0.0)
    monkeypatch.setattr(LANE, "_free_at", float("-inf"))  # nothing owed from before
    yield
