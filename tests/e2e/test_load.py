"""Ten visitors at once on Buy the Laptop against the one test server (loopback only).

Each opens the page with a laptop of its own, uploads a table of its own (a different rule
each, so the verdicts differ), sets a seed of its own, trains, and reads its verdict. All
finish within the bound, no exception box or browser dialog appears, and each verdict is the
one laptop/ computes for that session's own data and seed. The driver is bench/load.py
(which scales it up and measures time and memory); this test asserts no times.
"""

import pytest

from bench.load import plans, run_sessions_in_thread

SESSIONS = 10
BOUND_S = 300  # all sessions together; a session still waiting then counts as failed


@pytest.mark.timeout(BOUND_S + 180)
def test_ten_sessions_at_once_each_get_their_own_verdict(app_server):
    assert app_server.url.startswith("http://127.0.0.1:")
    visitors = plans(SESSIONS)
    assert len({p.csv for p in visitors}) == SESSIONS
    outcomes = run_sessions_in_thread(app_server.url, visitors, BOUND_S)
    failed = [f"session {o.plan.index}: shown={o.shown!r} expected={o.expected!r} "
              f"exceptions={o.exceptions!r} error={o.error!r}" for o in outcomes if not o.ok]
    assert failed == [], "\n".join(failed)
    report = [o.shown for o in outcomes]
    # the sessions really differ: not everyone got the same answer
    assert len({o.shown for o in outcomes}) > 1, report
