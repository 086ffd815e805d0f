"""Many networks, one verdict: what the vote (laptop.consensus.train_consensus) costs next to
the one training the page does anyway (laptop.recipe.train), on the tutorial's 9 laptops.

Prints, never asserts: the machine is shared, so compare the ratios within one run. Each
figure is the fastest of a few runs (best_time). Run: .venv/bin/python bench/consensus_speed.py
"""

from dataclasses import replace

import numpy as np
from _common import LAPTOP_X, LAPTOP_Y, best_time

from laptop.consensus import (
    MEMBER_STEP_BUDGET,
    population_size,
    train_consensus,
    training_steps,
    vote,
)
from laptop.recipe import RECIPE, split_rows, train

CASES = [
    ("the tutorial's recipe (20 epochs, one batch)", RECIPE),
    ("100 epochs, one batch", replace(RECIPE, epochs=100)),
    ("500 epochs, one batch", replace(RECIPE, epochs=500)),
    ("500 epochs, batches of 1 (4,000 steps)", replace(RECIPE, epochs=500, batch_size=1)),
    ("16 hidden units, 500 epochs, batches of 1", replace(RECIPE, epochs=500, batch_size=1,
                                                          hidden_units=16)),
]
# The page's longest training, 10,000 steps: 20 training rows in batches of 1 for 500 epochs
# (the nine laptops repeated to 23 rows; the last 10% validate).
LONG_X, LONG_Y = np.tile(LAPTOP_X, (3, 1))[:23], np.tile(LAPTOP_Y, 3)[:23]
LONG_CASES = [
    ("the longest the page trains (20 rows, batches of 1, 500 epochs)",
     replace(RECIPE, epochs=500, batch_size=1)),
]


def main():
    n_train = len(split_rows(len(LAPTOP_Y), RECIPE.validation_split)[0])
    print(f"Budget: {MEMBER_STEP_BUDGET:,} network-steps per vote; {n_train} training rows")
    tables = [(LAPTOP_X, LAPTOP_Y, case) for case in CASES]
    tables += [(LONG_X, LONG_Y, case) for case in LONG_CASES]
    for x, y, (name, settings) in tables:
        steps = training_steps(len(split_rows(len(y), settings.validation_split)[0]), settings)
        size = population_size(steps)
        repeat = 3 if steps <= 500 else 1
        single = best_time(lambda s=settings, x=x, y=y: train(x, y, s), repeat=repeat)
        vote_time = best_time(lambda s=settings, x=x, y=y: train_consensus(x, y, s),
                              repeat=repeat)
        print(f"{name}: {steps:,} steps; one training {single * 1e3:.0f} ms; "
              f"the vote of {size} networks {vote_time * 1e3:.0f} ms "
              f"({vote_time / single:.1f}x one training)")
    for size in (50, 100, 200):
        seconds = best_time(lambda n=size: train_consensus(LAPTOP_X, LAPTOP_Y, RECIPE, size=n),
                            repeat=3)
        print(f"  the recipe with {size} networks: {seconds * 1e3:.0f} ms")
    consensus = train_consensus(LAPTOP_X, LAPTOP_Y, RECIPE)
    seconds = best_time(lambda: vote(consensus, (0.5, 0.5), LAPTOP_X), repeat=3)
    result = vote(consensus, (0.5, 0.5), LAPTOP_X)
    print(f"The words for one laptop (split vote, with the 41 x 41 line check): "
          f"{seconds * 1e3:.1f} ms -> {result.headline}")


if __name__ == "__main__":
    main()
