"""The laptop recipe trained many times at once per start: how many copies get every laptop
right, and how many get stuck."""

from dataclasses import dataclass

import numpy as np

from laptop.recipe import RECIPE
from learn.initialization.recipe import STUCK_ACCURACY, load_laptops, recipe_model
from learn.initialization.strategies import make_initializer
from nncore.population import train_population
from ui.words import pct

_EPS = 1e-12  # tolerance for comparing accuracies, which are fractions k/9


@dataclass(frozen=True)
class PopulationSummary:
    final_accuracy: np.ndarray  # (size,) accuracy on the 9 laptops after training
    final_loss: np.ndarray  # (size,)

    @property
    def size(self) -> int:
        return int(self.final_accuracy.size)

    @property
    def share_perfect(self) -> float:
        return float(np.mean(self.final_accuracy >= 1.0 - _EPS))

    @property
    def share_stuck(self) -> float:
        return float(np.mean(self.final_accuracy <= STUCK_ACCURACY + _EPS))

    @property
    def median_loss(self) -> float:
        return float(np.median(self.final_loss))


def population_run(key: str, param: float | None = None, size: int = 1000,
                   hidden: int = RECIPE.hidden_units, activation: str = RECIPE.activation,
                   seed: int = 0) -> PopulationSummary:
    """Train `size` copies of the laptop recipe from strategy `key` (each its own draw)."""
    x, y = load_laptops()
    template = recipe_model(make_initializer(key, param), hidden=hidden, activation=activation,
                            seed=seed)
    result = train_population(template, x, y, size=size, epochs=RECIPE.epochs,
                              batch_size=RECIPE.batch_size, shuffle=True, seed=seed)
    scores = result.evaluate(x, y)  # the finished networks, not the last epoch's running score
    return PopulationSummary(final_accuracy=np.asarray(scores["accuracy"], dtype=float),
                             final_loss=np.asarray(scores["loss"], dtype=float))



# What the population trains on, said on the page beside its figures: unlike Buy the Laptop's
# recipe, no row is held out here.
TRAINED_ON_ALL_ROWS = (
    "Every copy here trains on all 9 laptops and is scored on all 9. Buy the Laptop's recipe "
    "trains on the first 8 and keeps the 9th aside to check the model, so its share of stuck "
    "runs is measured on a slightly different task: compare the two pages' numbers with that "
    "in mind.")


def identical_runs(summary: PopulationSummary) -> bool:
    """True when every copy ended with the same loss (nothing random in its start)."""
    return summary.size > 1 and float(np.ptp(summary.final_loss)) <= 1e-9


def describe_population(name: str, summary: PopulationSummary) -> str:
    text = (f"Out of **{summary.size:,}** networks started with **{name}**, "
            f"**{pct(summary.share_perfect)}** get all 9 laptops right and "
            f"**{pct(summary.share_stuck)}** get stuck (5 of 9 right or fewer, no better than "
            "always giving the commoner answer).")
    if 0 < summary.share_stuck < 1:
        text += f" That is about 1 run in {round(1 / summary.share_stuck):,}."
    if identical_runs(summary):
        text += (f" All {summary.size:,} copies end with exactly the same loss "
                 f"({summary.final_loss[0]:.3f}): with nothing random in the start, every copy "
                 "is the same network.")
    return text


def describe_constant_population(value: float, summary: PopulationSummary,
                                 xor_accuracy: float) -> str:
    """Why one constant can look like the best start here, with both numbers side by side."""
    return (f"**One constant** ({value:g}) gets all 9 laptops right in "
            f"{pct(summary.share_perfect)} of its runs, yet the same kind of start gets only "
            f"{pct(xor_accuracy)} of the XOR points right (see *Same start*). Its hidden units "
            "stay copies of each other: the laptops happen not to need different units, XOR "
            "does.")
