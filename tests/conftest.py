"""Settings shared by every test."""

from hypothesis import settings

# Tests never assert wall-clock times, so Hypothesis gets no deadline either: on the busy
# shared machine, or under mutmut's tracing, one example of a 1 ms test can take 250 ms and
# fail as "flaky" (seen in `make mutate`'s clean run).
settings.register_profile("no_deadline", deadline=None)
settings.load_profile("no_deadline")
