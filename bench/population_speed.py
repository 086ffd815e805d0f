"""Population speed: 1,000 copies of the tutorial recipe in one vectorised call, against
one PyTorch eager fit of the same recipe (and one nncore fit), plus the measured shares.

Recipe: Dense(3, relu, input_dim=2), Dense(2, softmax), Adam(0.1), binary
crossentropy, 20 epochs, batch 32, shuffle, on the 9 laptops. Figures are printed,
never asserted: compare the ratios within one run.
"""

import time

import numpy as np
from _common import LAPTOP_X, LAPTOP_Y, best_time, optional, torch_fit, torch_model

from nncore import Dense, Sequential, optimizers, train_population

MEMBERS, EPOCHS = 1000, 20


def recipe(seed=0):
    model = Sequential([Dense(3, "relu", input_dim=2), Dense(2, "softmax")], seed=seed)
    model.compile(optimizers.Adam(0.1), "binary_crossentropy")
    return model


def one_fit_times(fit, count=30):
    """Median seconds of `count` separate single fits."""
    times = []
    for seed in range(count):
        start = time.perf_counter()
        fit(seed)
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main():
    template = recipe()
    population = best_time(lambda: train_population(template, LAPTOP_X, LAPTOP_Y, MEMBERS,
                                                    epochs=EPOCHS, seed=0), repeat=5)
    per_member = population / MEMBERS
    nncore_fit = one_fit_times(lambda seed: recipe(seed).fit(LAPTOP_X, LAPTOP_Y, epochs=EPOCHS))
    print(f"Population: {MEMBERS} members x {EPOCHS} epochs in {population * 1e3:.1f} ms "
          f"-> {per_member * 1e6:.1f} us per member")
    print(f"  one nncore fit of the recipe: {nncore_fit * 1e3:.2f} ms "
          f"({nncore_fit / per_member:.0f}x a population member)")
    torch = optional("torch")
    if torch is not None:
        torch.set_num_threads(1)
        xt = torch.tensor(LAPTOP_X, dtype=torch.float32)
        yt = torch.nn.functional.one_hot(torch.tensor(LAPTOP_Y), 2).to(torch.float32)

        def fit(seed):
            torch.manual_seed(seed)
            torch_fit(torch, torch_model(torch), xt, yt, EPOCHS, 32, 0.1)

        torch_time = one_fit_times(fit)
        print(f"  one PyTorch eager fit of the recipe: {torch_time * 1e3:.2f} ms -> a "
              f"population member costs {torch_time / per_member:.0f}x less")
    result = train_population(template, LAPTOP_X, LAPTOP_Y, 2000, epochs=EPOCHS, seed=1)
    print(f"Shares over 2000 members: reach 100% accuracy {result.share_at(1.0):.1%}, "
          f"stuck at <= 5/9 {result.share_at_most(5 / 9):.1%}")


if __name__ == "__main__":
    main()
