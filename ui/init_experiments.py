"""The Initialization page's experiments: pure functions of their settings (nncore + numpy).

Three experiments, each returning plain numbers and arrays the page turns into charts and
sentences:

- symmetry_run: a small network on XOR from a given start, with every hidden unit's weights
  recorded after each epoch, and the largest difference between any two hidden units.
- depth_signal: random inputs pushed through a deep stack; the spread of each layer's output.
- population_run: many copies of the laptop recipe trained at once; how many get stuck.

The strategy catalogue (names in plain words, formulas, nncore initializers) lives here too.
"""

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nncore import activations, datasets, initializers, layers, losses, optimizers
from nncore.callbacks import LambdaCallback
from nncore.model import Sequential
from nncore.population import train_population

LAPTOPS_CSV = Path(__file__).resolve().parents[1] / "data" / "laptops.csv"

# The laptop recipe (tutorial): 2 -> 3 ReLU -> 2 softmax, Adam 0.1, binary crossentropy,
# 20 epochs, batch 32 (one full-batch step per epoch on 9 rows).
RECIPE_HIDDEN = 3
RECIPE_ACTIVATION = "relu"
RECIPE_LEARNING_RATE = 0.1
RECIPE_EPOCHS = 20
RECIPE_BATCH = 32
STUCK_ACCURACY = 5 / 9  # no better than always answering the commoner label

# The symmetry experiment: XOR needs more than one hidden unit.
SYMMETRY_HIDDEN = 4
SYMMETRY_EPOCHS = 60
SYMMETRY_SAMPLES = 200
SYMMETRY_NOISE = 0.05
SYMMETRY_LEARNING_RATE = 0.05
SYMMETRY_ACTIVATION = "tanh"

# The depth experiment.
DEPTH_LAYERS = 10
DEPTH_UNITS = 100
DEPTH_SAMPLES = 500
DEPTH_PERCENTILES = (1, 5, 25, 50, 75, 95, 99)
DEPTH_ACTIVATIONS = ("tanh", "sigmoid", "relu")

_EPS = 1e-12  # tolerance for comparing accuracies, which are fractions k/9


# ---------------------------------------------------------------- strategy catalogue

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
                  fan_out: int = RECIPE_HIDDEN) -> str:
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


# ---------------------------------------------------------------- data

def load_laptops(path: Path = LAPTOPS_CSV) -> tuple[np.ndarray, np.ndarray]:
    """The laptop rows: x (n, 2) = pink, small; y (n, 2) one-hot (index 0 no-buy, 1 buy)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r["pink"]), float(r["small"])] for r in rows])
    labels = np.array([int(float(r["buy"])) for r in rows])
    return x, one_hot(labels)


def commoner_answer_loss(y_onehot: np.ndarray) -> float:
    """The crossentropy of a network that answers every row with the label shares."""
    share = np.asarray(y_onehot, dtype=float).mean(axis=0)
    share = share[share > 0]
    return float(-(share * np.log(share)).sum())


def one_hot(labels: np.ndarray, classes: int = 2) -> np.ndarray:
    labels = np.asarray(labels).astype(int)
    return np.eye(classes)[labels]


def _two_layer_model(kernel_init, n_in: int, hidden: int, activation, learning_rate: float,
                     seed: int) -> Sequential:
    model = Sequential([
        layers.Dense(hidden, activation=activation, kernel_initializer=kernel_init,
                     input_dim=n_in),
        layers.Dense(2, activation="softmax", kernel_initializer=kernel_init),
    ], seed=seed)
    model.compile(optimizer=optimizers.Adam(learning_rate=learning_rate),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


def recipe_model(key: str, param: float | None = None, hidden: int = RECIPE_HIDDEN,
                 activation: str = RECIPE_ACTIVATION, seed: int = 0) -> Sequential:
    """The tutorial's laptop network, compiled, with every kernel started by `key`."""
    return _two_layer_model(make_initializer(key, param), 2, hidden,
                            activations.get(activation), RECIPE_LEARNING_RATE, seed)


# ---------------------------------------------------------------- symmetry

@dataclass(frozen=True)
class SymmetryRun:
    unit_weights: np.ndarray  # (epochs + 1, hidden, 5): w from x1, w from x2, bias, w to out 0/1
    max_difference: np.ndarray  # (epochs + 1,) largest gap between two hidden units
    loss: np.ndarray  # (epochs,)
    accuracy: np.ndarray  # (epochs,)
    final_accuracy: float  # on all rows, after training

    @property
    def largest_difference(self) -> float:
        return float(self.max_difference.max())


UNIT_PARTS = ("from input 1", "from input 2", "bias", "to output 1", "to output 2")


def hidden_unit_parameters(weights: list[np.ndarray]) -> np.ndarray:
    """Each hidden unit's own numbers (hidden, 5): its two incoming weights, its bias and its
    two outgoing weights, from get_weights() of a 2 -> hidden -> 2 network."""
    k1, b1, k2 = (np.asarray(w, dtype=float) for w in weights[:3])
    return np.column_stack([k1.T, b1, k2])


def max_unit_difference(unit_params: np.ndarray) -> float:
    """The largest absolute gap between the same number of any two hidden units."""
    unit_params = np.asarray(unit_params, dtype=float)
    return float((unit_params.max(axis=0) - unit_params.min(axis=0)).max())


def symmetry_data(seed: int = 0, n: int = SYMMETRY_SAMPLES) -> tuple[np.ndarray, np.ndarray]:
    """XOR points (n, 2) and one-hot labels (n, 2)."""
    x, y = datasets.xor(n=n, noise=SYMMETRY_NOISE, rng=seed)
    return np.asarray(x, dtype=float), one_hot(y)


def symmetry_run(key: str, param: float | None = None, seed: int = 0,
                 epochs: int = SYMMETRY_EPOCHS, hidden: int = SYMMETRY_HIDDEN) -> SymmetryRun:
    """Train 2 -> hidden (tanh) -> 2 on XOR from strategy `key`, recording every hidden unit."""
    x, y = symmetry_data(seed)
    model = _two_layer_model(make_initializer(key, param), 2, hidden,
                             activations.get(SYMMETRY_ACTIVATION), SYMMETRY_LEARNING_RATE, seed)
    snapshots = [hidden_unit_parameters(model.get_weights())]
    record = LambdaCallback(
        on_epoch_end=lambda epoch, logs: snapshots.append(
            hidden_unit_parameters(model.get_weights())))
    history = model.fit(x, y, epochs=epochs, batch_size=32, shuffle=True, callbacks=[record],
                        seed=seed)
    unit_weights = np.stack(snapshots)
    return SymmetryRun(
        unit_weights=unit_weights,
        max_difference=np.array([max_unit_difference(u) for u in unit_weights]),
        loss=np.asarray(history.history["loss"], dtype=float),
        accuracy=np.asarray(history.history["accuracy"], dtype=float),
        final_accuracy=float(model.evaluate(x, y)["accuracy"]),
    )


def constant_on_laptops(value: float, epochs: int = RECIPE_EPOCHS,
                        seed: int = 0) -> tuple[float, float]:
    """Train the laptop recipe with every weight = value; (final accuracy, largest gap between
    its hidden units)."""
    x, y = load_laptops()
    model = recipe_model("constant", value, seed=seed)
    model.fit(x, y, epochs=epochs, batch_size=RECIPE_BATCH, shuffle=True, seed=seed)
    gap = max_unit_difference(hidden_unit_parameters(model.get_weights()))
    return float(model.evaluate(x, y)["accuracy"]), gap


# ---------------------------------------------------------------- signal through depth

@dataclass(frozen=True)
class DepthSignal:
    """Layer 0 is the random input; layers 1..depth are the stack's outputs."""

    percentiles: np.ndarray  # (depth + 1, len(DEPTH_PERCENTILES))
    std: np.ndarray  # (depth + 1,) how much a unit's output varies from input to input (RMS)
    mean: np.ndarray  # (depth + 1,)
    flat_share: np.ndarray  # (depth + 1,) share of outputs where the activation's slope < 0.05
    weight_gradient: np.ndarray  # (depth,) RMS of dL/dkernel of layers 1..depth


def _slope_from_output(activation: str, a: np.ndarray) -> np.ndarray:
    """The activation's slope, from its output a (tanh: 1 - a^2; sigmoid: a(1 - a); relu)."""
    if activation == "tanh":
        return 1.0 - a * a
    if activation == "sigmoid":
        return a * (1.0 - a)
    return (a > 0).astype(float)


def depth_signal(key: str, param: float | None = None, activation: str = "tanh",
                 depth: int = DEPTH_LAYERS, units: int = DEPTH_UNITS,
                 samples: int = DEPTH_SAMPLES, seed: int = 0) -> DepthSignal:
    """Push standard-normal inputs (samples, units) through `depth` Dense(units) layers whose
    kernels start by `key` (biases 0) and measure every layer's outputs."""
    if activation not in DEPTH_ACTIVATIONS:
        raise ValueError(f"Unknown activation {activation!r}. Valid: {DEPTH_ACTIVATIONS}")
    init = make_initializer(key, param)
    stack = [layers.Dense(units, activation=activation, kernel_initializer=init,
                          input_dim=units)]
    stack += [layers.Dense(units, activation=activation, kernel_initializer=init)
              for _ in range(depth - 1)]
    model = Sequential(stack, seed=seed)
    model.compile(optimizer="sgd", loss=losses.MeanSquaredError(), metrics=[])
    x = np.random.default_rng(seed + 1).standard_normal((samples, units))
    outputs = [x] + [np.asarray(o, dtype=float) for o in model.layer_outputs(x)]
    flat = [0.0]  # the input went through no activation
    flat += [float(np.mean(_slope_from_output(activation, o) < 0.05)) for o in outputs[1:]]
    return DepthSignal(
        percentiles=np.array([np.percentile(o, DEPTH_PERCENTILES) for o in outputs]),
        std=np.array([np.sqrt(np.mean(o.var(axis=0))) for o in outputs]),
        mean=np.array([o.mean() for o in outputs]),
        flat_share=np.array(flat),
        weight_gradient=_weight_gradients(model, outputs, seed),
    )


def _weight_gradients(model: Sequential, outputs: list[np.ndarray], seed: int) -> np.ndarray:
    """Send a random error (standard normal, one per output) back from the top layer and
    return the RMS of each layer's weight gradient."""
    error = np.random.default_rng(seed + 2).standard_normal(outputs[-1].shape)
    with np.errstate(all="ignore"):
        grads = kernel_gradients(model, outputs, error)
        return np.array([float(np.sqrt(np.mean(g ** 2))) for g in grads])


def kernel_gradients(model: Sequential, outputs: list[np.ndarray],
                     error: np.ndarray) -> list[np.ndarray]:
    """dL/dkernel of every layer for L = sum(error * last output) / rows, by backpropagation
    with nncore's own Dense.backward and activation backward. outputs = [x, a1, ..., aL]."""
    grad, rows, grads = error, outputs[0].shape[0], []
    for layer, a_in in zip(reversed(model.layers), reversed(outputs[:-1]), strict=True):
        z = a_in @ layer.kernel + layer.bias
        grad_kernel, _, grad = layer.backward(a_in, layer.activation.backward(z, grad))
        grads.append(grad_kernel / rows)
    return grads[::-1]


# ---------------------------------------------------------------- the recipe, many times

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
                   hidden: int = RECIPE_HIDDEN, activation: str = RECIPE_ACTIVATION,
                   seed: int = 0) -> PopulationSummary:
    """Train `size` copies of the laptop recipe from strategy `key` (each its own draw)."""
    x, y = load_laptops()
    template = recipe_model(key, param, hidden=hidden, activation=activation, seed=seed)
    result = train_population(template, x, y, size=size, epochs=RECIPE_EPOCHS,
                              batch_size=RECIPE_BATCH, shuffle=True, seed=seed)
    scores = result.evaluate(x, y)  # the finished networks, not the last epoch's running score
    return PopulationSummary(final_accuracy=np.asarray(scores["accuracy"], dtype=float),
                             final_loss=np.asarray(scores["loss"], dtype=float))


# ---------------------------------------------------------------- sentences from the numbers

def _pct(share: float) -> str:
    """A share as a percentage a learner reads at a glance: 0%, 0.1%, 19.8%, 100%."""
    if share in (0.0, 1.0):
        return f"{share:.0%}"
    return f"{100 * share:.1f}%"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def readable(value: float) -> str:
    """3 significant digits; very large or small numbers as 6.7 × 10¹² instead of 6.7e+12."""
    value = float(value)
    if 1e3 <= abs(value) < 1e6:
        return f"{float(f'{value:.3g}'):,.0f}"
    if value == 0 or 1e-3 <= abs(value) < 1e3:
        return f"{value:.3g}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def identical_units(run: SymmetryRun) -> bool:
    """True when every hidden unit held exactly the same numbers at every epoch."""
    return run.largest_difference <= 1e-12


def describe_symmetry(name: str, run: SymmetryRun) -> str:
    hidden = run.unit_weights.shape[1]
    epochs = run.unit_weights.shape[0] - 1
    if identical_units(run):
        units = (f"all {hidden} hidden units hold exactly the same numbers at every one of the "
                 f"{epochs} epochs (largest gap {run.largest_difference:.1g}): the layer "
                 "behaves like a single unit")
    else:
        units = (f"the {hidden} hidden units go their own ways (largest gap between two of "
                 f"them {run.largest_difference:.2f})")
    return (f"**{name}:** {units}, and the network gets {_pct(run.final_accuracy)} of the "
            "XOR points right.")


def one_feature_split(x: np.ndarray, y_onehot: np.ndarray,
                      names: tuple[str, ...] = ("pink", "small")) -> str | None:
    """A sentence naming one input that alone splits buy from no-buy, or None if none does."""
    buy = np.asarray(y_onehot).argmax(axis=1) == 1
    for i, feature in enumerate(names):
        lo_buy, hi_no = x[buy, i].min(), x[~buy, i].max()
        if lo_buy > hi_no:
            return (f"every laptop your friend buys has {feature} at least {lo_buy:g} and "
                    f"every other one at most {hi_no:g}")
        hi_buy, lo_no = x[buy, i].max(), x[~buy, i].min()
        if hi_buy < lo_no:
            return (f"every laptop your friend buys has {feature} at most {hi_buy:g} and "
                    f"every other one at least {lo_no:g}")
    return None


def depth_verdict(signal: DepthSignal, activation: str) -> str:
    """How the signal fares from layer 1 to the last layer: 'saturates' (most tanh/sigmoid
    outputs on the flat parts), 'gone' (every input gives the same outputs), 'shrinks' or
    'grows' (by more than 20 times), else 'holds'."""
    if activation in ("tanh", "sigmoid") and signal.flat_share[-1] > 0.5:
        return "saturates"
    if signal.std[-1] == 0.0:
        return "gone"
    ratio = signal.std[-1] / signal.std[1]
    if ratio < 1 / 20:
        return "shrinks"
    if ratio > 20:
        return "grows"
    return "holds"


def describe_depth(name: str, activation: str, signal: DepthSignal) -> str:
    verdict = depth_verdict(signal, activation)
    depth = len(signal.std) - 1
    ratio = signal.std[-1] / signal.std[1] if signal.std[1] > 0 else 0.0
    factor = max(ratio, 1 / ratio) if ratio > 0 else float("inf")
    spread = (f"the spread of a unit's output across inputs goes from "
              f"{readable(signal.std[1])} in layer 1 to {readable(signal.std[-1])} in layer "
              f"{depth}")
    meaning = {
        "gone": "every input produces exactly the same outputs, so nothing about the input "
                "reaches the end",
        "shrinks": "the signal fades away: deep layers see almost the same value for every "
                   "input, so they cannot tell inputs apart (vanishing)",
        "grows": "the signal blows up layer after layer (explosion)",
        "saturates": f"{_pct(signal.flat_share[-1])} of the last layer's outputs sit where "
                     f"{activation} is flat, so a small weight change barely moves them "
                     "(saturation)",
        "holds": f"it changes by a factor of only {factor:.1f} over the whole stack, not by "
                 "powers of ten: it neither vanishes nor explodes, a healthy start",
    }[verdict]
    return f"With **{name}** and {activation}, {spread}: {meaning}."


def describe_gradients(name: str, signal: DepthSignal) -> str:
    """How the learning signal (weight gradients) compares between the first and last layer."""
    first, last = signal.weight_gradient[0], signal.weight_gradient[-1]
    depth = len(signal.weight_gradient)
    text = (f"With **{name}**, the weights of layer 1 get a correction of typical size "
            f"{readable(first)}, those of layer {depth} {readable(last)}")
    if first == 0 and last == 0:
        return text + ": nothing to learn from at all."
    if last == 0 or first == 0:
        return text + ": part of the stack gets no correction at all."
    sizes = signal.weight_gradient
    if sizes.max() < 1e-6:
        return text + (": every correction is vanishingly small, so the whole stack barely "
                       "moves (vanishing gradients).")
    if sizes.min() > 1e3:
        return text + (": every correction is enormous, so a single step throws the weights "
                       "far off (exploding gradients).")
    ratio = first / last
    if ratio < 1 / 20:
        return text + (f": layer 1 learns {readable(1 / ratio)} times slower than layer "
                       f"{depth} (vanishing gradients).")
    if ratio > 20:
        return text + (f": layer 1's corrections are {readable(ratio)} times larger than layer "
                       f"{depth}'s (exploding gradients).")
    return text + ": every layer learns at a similar pace."


def describe_healthy(activation_name: str, activation: str,
                     signals: dict[str, DepthSignal], names: dict[str, str]) -> str:
    """Which starts keep the signal's size with this activation, and why some cannot."""
    groups: dict[str, list[str]] = {}
    for k, s in signals.items():
        groups.setdefault(depth_verdict(s, activation), []).append(names[k])
    healthy = groups.get("holds", [])
    text = (f"With {activation_name}, the starts whose signal keeps its size down to layer "
            f"{DEPTH_LAYERS}: **{', '.join(healthy) or 'none of them'}**.")
    for verdict, words in (("shrinks", "Fades away"), ("grows", "Blows up"),
                           ("saturates", f"Stuck on {activation_name}'s flat ends"),
                           ("gone", "Same output for every input")):
        if groups.get(verdict):
            text += f" {words}: {', '.join(groups[verdict])}."
    if activation == "sigmoid" and not healthy:
        slope = float(activations.get("sigmoid").derivative(np.array(0.0)))
        text += (f" Sigmoid's steepest slope is only {slope:g} (at 0), so each layer squeezes "
                 "the differences between inputs further unless the weights are so large "
                 "that the outputs pile up on the flat ends.")
    if activation == "relu" and "he_normal" in signals:
        off = signals["he_normal"].flat_share[-1]
        text += (f" ReLU switches off every negative input ({_pct(off)} of the last layer's "
                 "outputs are exactly 0 here), which is why He starts a little wider than "
                 "Glorot.")
    return text


def identical_runs(summary: PopulationSummary) -> bool:
    """True when every copy ended with the same loss (nothing random in its start)."""
    return summary.size > 1 and float(np.ptp(summary.final_loss)) <= 1e-9


def describe_population(name: str, summary: PopulationSummary) -> str:
    text = (f"Out of **{summary.size:,}** networks started with **{name}**, "
            f"**{_pct(summary.share_perfect)}** get all 9 laptops right and "
            f"**{_pct(summary.share_stuck)}** get stuck (5 of 9 right or fewer, no better than "
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
            f"{_pct(summary.share_perfect)} of its runs, yet the same kind of start gets only "
            f"{_pct(xor_accuracy)} of the XOR points right (first tab). Its hidden units stay "
            "copies of each other: the laptops happen not to need different units, XOR does.")
