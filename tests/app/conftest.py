"""AppTest runs the entry script inside the test process: Buy the Laptop's background
warm-up (decide/warm_up.py) stays off there, so no test's caches or patched trainers are
touched by a thread it did not start. tests/app/test_warm_up.py switches it on."""

import pytest

from decide import warm_up


@pytest.fixture(autouse=True)
def no_background_warm_up(monkeypatch):
    monkeypatch.setattr(warm_up, "ENABLED", False)
