"""Several laptops at once: what ranking the friend's list (laptop.deals.rank_deals) costs on
each run of Buy the Laptop, next to the agreement map the verdict draws anyway.

Prints, never asserts: the machine is shared, so compare the ratios within one run. Each
figure is the fastest of a few runs (best_time). Run: .venv/bin/python bench/deals_speed.py
"""

import numpy as np
from _common import LAPTOP_X, LAPTOP_Y, best_time

from laptop.consensus import train_consensus
from laptop.deals import MAX_DEALS, Deal, decode_deals, encode_deals, rank_deals
from laptop.recipe import RECIPE, predict_buy, train
from ui.grid import probability_grid


def main() -> None:
    model = train(LAPTOP_X, LAPTOP_Y, RECIPE).model
    consensus = train_consensus(LAPTOP_X, LAPTOP_Y, RECIPE)
    rng = np.random.default_rng(1)
    deals = [Deal(*np.round(point, 2), f"laptop {i}", 999.0)
             for i, point in enumerate(rng.random((MAX_DEALS, 2)))]
    own = lambda rows: predict_buy(model, rows)  # noqa: E731
    share_map = probability_grid(consensus.buy_share)
    grid = best_time(lambda: probability_grid(consensus.buy_share))
    print(f"the vote: {int(consensus.voting.sum())} of {consensus.size} networks voting")
    print(f"agreement map (41 x 41), drawn by the verdict anyway: {grid * 1000:7.1f} ms")
    for count in (3, MAX_DEALS):
        kept = best_time(lambda n=count: rank_deals(deals[:n], consensus, own, share_map))
        fresh = best_time(lambda n=count: rank_deals(deals[:n], consensus, own))
        print(f"rank {count:2d} deals with the verdict's map: {kept * 1000:7.1f} ms; "
              f"without it (each vote's words make their own): {fresh * 1000:7.1f} ms")
    text = encode_deals(deals)
    read = best_time(lambda: decode_deals(text))
    print(f"read the longest list from the address ({len(text)} characters): "
          f"{read * 1e6:7.1f} us")


if __name__ == "__main__":
    main()
