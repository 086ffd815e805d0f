"""What the lane for costly work (laptop/lane.py) changes, in one process, without a server.

An ordinary visitor (one thread) trains the tutorial's recipe and its vote again and again
(new seeds, what a visitor's first verdict costs in laptop/) while H hostile threads train
the expensive link (300 rows, 16 units, 500 epochs, batches of 1: cut to 10,000 steps by the
budget) and its vote, each with a new seed, as fast as they can. Prints the ordinary
visitor's time per verdict (median and p90) alone and with the hostile threads, for:
  - no lane (every thread at once: how the server ran before laptop/lane.py);
  - the lane as it is (a costly training rests between epochs for REST_SHARE of the time
    it worked; 0: a bare switch to another thread);
  - the lane without any rest;
  - the lane with rests of 50% and 100% of the time worked.
and how many expensive trainings the hostile threads finished per second.

Run: .venv/bin/python bench/lane.py [--hostile 3] [--visits 30]
Timing figures are noisy on a shared machine: compare the ratios within one run.
"""

import argparse
import statistics
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import laptop.consensus  # noqa: E402
import laptop.lane  # noqa: E402
import laptop.recipe  # noqa: E402
from laptop.consensus import train_consensus  # noqa: E402
from laptop.data import tutorial_arrays  # noqa: E402
from laptop.lane import Lane  # noqa: E402
from laptop.recipe import RECIPE, Settings, train  # noqa: E402

EXPENSIVE = Settings(hidden_units=16, epochs=500, batch_size=1)


def expensive_table(n=300):
    rng = np.random.default_rng(0)
    x = np.round(rng.uniform(0, 1, size=(n, 2)), 2)
    return x, (x[:, 1] > x[:, 0]).astype(int)


def use_lane(lane: Lane) -> None:
    laptop.recipe.LANE = lane
    laptop.consensus.LANE = lane


def ordinary(visits: int) -> list[float]:
    x, y = tutorial_arrays()
    times = []
    for seed in range(visits):
        started = time.perf_counter()
        settings = replace(RECIPE, seed=1000 + seed)
        run = train(x, y, settings)
        train_consensus(x, y, run.settings)
        times.append(time.perf_counter() - started)
    return times


def hostile(stop: threading.Event, done: list[int], first_seed: int) -> None:
    x, y = expensive_table()
    seed = first_seed
    while not stop.is_set():
        run = train(x, y, replace(EXPENSIVE, seed=seed))
        train_consensus(x, y, run.settings)
        done.append(1)
        seed += 1


def scenario(hostiles: int, visits: int) -> tuple[list[float], float]:
    stop, done = threading.Event(), []
    threads = [threading.Thread(target=hostile, args=(stop, done, 10_000 * (i + 1)),
                                daemon=True) for i in range(hostiles)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    times = ordinary(visits)
    elapsed = time.perf_counter() - started
    stop.set()
    for thread in threads:
        thread.join()
    return times, len(done) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hostile", type=int, default=3)
    parser.add_argument("--visits", type=int, default=30)
    args = parser.parse_args()

    def no_pause() -> Lane:
        lane = Lane()
        lane.pause = lambda: None
        return lane

    share = laptop.lane.REST_SHARE
    variants = [
        ("no lane (before)", lambda: Lane(costly_steps=10**12), 0.0),
        (f"lane, rest {share:.0%} (as is)", Lane, share),
        ("lane, no rest", no_pause, 0.0),
        ("lane, rest 50%", Lane, 0.5),
        ("lane, rest 100%", Lane, 1.0),
    ]
    ordinary(3)  # warm up
    use_lane(Lane())
    alone, _ = scenario(0, args.visits)
    base = statistics.median(alone)
    print(f"ordinary visitor alone: median {1000 * base:.1f} ms, "
          f"p90 {1000 * np.percentile(alone, 90):.1f} ms ({args.visits} verdicts)")
    for name, make, rest in variants:
        laptop.lane.REST_SHARE = rest
        use_lane(make())
        times, rate = scenario(args.hostile, args.visits)
        median = statistics.median(times)
        print(f"{name:24s} with {args.hostile} hostile: median {1000 * median:.1f} ms "
              f"({median / base:.2f}x), p90 {1000 * np.percentile(times, 90):.1f} ms; "
              f"expensive trainings {rate:.2f}/s")


if __name__ == "__main__":
    main()
