"""The catalogue of starts on the Initialization page: names in plain words, the rule as a
formula with live numbers, and the nncore initializer behind each."""

import math
from dataclasses import dataclass

from laptop.recipe import RECIPE
from nncore import initializers


@dataclass(frozen=True)
class Strategy:
    key: str
    name: str  # plain words, used in menus and legends
    words: str  # one sentence a learner can read
    kind: str  # "constant" (every weight the same) or "random"
    param: str | None = None  # "value" or "std" when the user can adjust it
    default: float | None = None


STRATEGIES: tuple[Strategy, ...] = (
    Strategy("zeros", "All zeros", "Every weight starts at exactly 0.", "constant"),
    Strategy("constant", "One constant", "Every weight starts at the same number, which you pick.",
             "constant", "value", 0.5),
    Strategy("too_small", "Too small (tiny random)",
             "Random numbers from a bell curve so narrow that every weight is almost 0.",
             "random", "std", 0.01),
    Strategy("too_large", "Too large (wide random)",
             "Random numbers from a bell curve so wide that many weights are big.",
             "random", "std", 3.0),
    Strategy("random_normal", "Random normal (std 1)",
             "Random numbers from the standard bell curve: mean 0, spread 1.", "random"),
    Strategy("glorot_normal", "Glorot normal (tutorial)",
             "A bell curve whose spread shrinks when a layer has many inputs and outputs, "
             "cut off at two spreads.", "random"),
    Strategy("glorot_uniform", "Glorot uniform",
             "Evenly spread between two limits that shrink when a layer has many inputs "
             "and outputs.", "random"),
    Strategy("he_normal", "He normal",
             "A bell curve whose spread shrinks with the number of inputs only, a little "
             "wider than Glorot, made for ReLU; cut off at two spreads.", "random"),
)
STRATEGY_KEYS = tuple(s.key for s in STRATEGIES)
_BY_KEY = {s.key: s for s in STRATEGIES}


def strategy(key: str) -> Strategy:
    """The strategy with this key; ValueError naming the valid keys otherwise."""
    if key not in _BY_KEY:
        raise ValueError(f"Unknown start {key!r}. Valid: {', '.join(STRATEGY_KEYS)}")
    return _BY_KEY[key]


def param_value(key: str, param: float | None) -> float | None:
    """The strategy's parameter: `param` when given, else its default (None if it has none)."""
    s = strategy(key)
    if s.param is None:
        return None
    return float(s.default if param is None else param)


def make_initializer(key: str, param: float | None = None) -> initializers.Initializer:
    """The nncore initializer for a strategy (its parameter, if any, from `param`)."""
    p = param_value(key, param)
    if key == "zeros":
        return initializers.Zeros()
    if key == "constant":
        return initializers.Constant(p)
    if key in ("too_small", "too_large"):
        if not p > 0:
            raise ValueError(f"The spread must be above 0. Received: {p}")
        return initializers.RandomNormal(mean=0.0, stddev=p)
    if key == "random_normal":
        return initializers.RandomNormal(mean=0.0, stddev=1.0)
    return initializers.get(strategy(key).key)


def formula_latex(key: str, param: float | None = None, fan_in: int = 2,
                  fan_out: int = RECIPE.hidden_units) -> str:
    """The strategy's rule in LaTeX (a short aligned block), numbers filled in for a layer
    of fan_in inputs and fan_out units."""
    p = param_value(key, param)
    if key == "zeros":
        return r"w = 0"
    if key == "constant":
        return rf"w = {p:g}"
    if key in ("too_small", "too_large", "random_normal"):
        std = 1.0 if p is None else p
        return rf"w \sim \mathcal{{N}}\left(0,\ \sigma^2\right),\quad \sigma = {std:g}"
    if key == "glorot_normal":
        std = math.sqrt(2 / (fan_in + fan_out))
        return (r"\begin{aligned} w &\sim \mathcal{N}\left(0,\ \sigma^2\right)"
                r"\text{, redrawn beyond } \pm 2\sigma \\ "
                rf"\sigma &= \sqrt{{\frac{{2}}{{n_\text{{in}} + n_\text{{out}}}}}} = "
                rf"\sqrt{{\frac{{2}}{{{fan_in} + {fan_out}}}}} = {std:.3f}\end{{aligned}}")
    if key == "glorot_uniform":
        limit = math.sqrt(6 / (fan_in + fan_out))
        return (r"\begin{aligned} w &\sim \mathcal{U}\left(-L,\ L\right) \\ "
                rf"L &= \sqrt{{\frac{{6}}{{n_\text{{in}} + n_\text{{out}}}}}} = "
                rf"\sqrt{{\frac{{6}}{{{fan_in} + {fan_out}}}}} = {limit:.3f}\end{{aligned}}")
    if key == "he_normal":
        std = math.sqrt(2 / fan_in)
        return (r"\begin{aligned} w &\sim \mathcal{N}\left(0,\ \sigma^2\right)"
                r"\text{, redrawn beyond } \pm 2\sigma \\ "
                rf"\sigma &= \sqrt{{\frac{{2}}{{n_\text{{in}}}}}} = "
                rf"\sqrt{{\frac{{2}}{{{fan_in}}}}} = {std:.3f}\end{{aligned}}")
    raise ValueError(f"Unknown start {key!r}. Valid: {', '.join(STRATEGY_KEYS)}")
