"""The signal through a deep stack: random inputs pushed through layers that all start the
same way; how the spread of each layer's output, and of each layer's weight correction on
the way back, changes with depth."""

import contextlib
import functools
import math
from dataclasses import dataclass

import numpy as np

from learn.initialization.strategies import make_initializer
from nncore import activations, initializers, layers, losses
from nncore.model import Sequential
from ui.words import pct, readable

# The depth experiment.
DEPTH_LAYERS = 10
DEPTH_UNITS = 100
DEPTH_SAMPLES = 200  # same verdict for every start and activation as 500 or 1,000
DEPTH_PERCENTILES = (1, 5, 25, 50, 75, 95, 99)
DEPTH_ACTIVATIONS = ("tanh", "sigmoid", "relu")


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
    return _signal(make_initializer(key, param), activation, depth, units, samples, seed)


def truncated_spread_factor(limit: float = 2.0) -> float:
    """The spread of a standard normal cut at +-limit (draws beyond it drawn again):
    `sqrt(1 - 2 * limit * phi(limit) / (2 * Phi(limit) - 1))`, phi and Phi the standard
    normal's density and distribution; 0.8796 at limit 2.

    >>> round(truncated_spread_factor(2.0), 4)
    0.8796
    """
    density = math.exp(-limit * limit / 2) / math.sqrt(2 * math.pi)
    inside = math.erf(limit / math.sqrt(2))  # 2 * Phi(limit) - 1
    return math.sqrt(1 - 2 * limit * density / inside)


def rescaled_depth_signal(key: str, activation: str = "tanh", depth: int = DEPTH_LAYERS,
                          units: int = DEPTH_UNITS, samples: int = DEPTH_SAMPLES,
                          seed: int = 0) -> DepthSignal | None:
    """The same experiment with the start's spread widened back by 1 / truncated_spread_factor()
    (as Keras does), for the variance-scaling starts that, like TensorFlow.js, cut their
    normal at 2 spreads and keep it narrower than the rule asks; None for any other start."""
    init = make_initializer(key)
    if not (isinstance(init, initializers.VarianceScaling)
            and init.distribution == "truncated_normal"):
        return None
    widened = initializers.VarianceScaling(init.scale / truncated_spread_factor() ** 2,
                                           init.mode, "truncated_normal")
    return _signal(widened, activation, depth, units, samples, seed)


def _signal(init: initializers.Initializer, activation: str, depth: int, units: int,
            samples: int, seed: int) -> DepthSignal:
    stack = [layers.Dense(units, activation=activation, kernel_initializer=init,
                          input_dim=units)]
    stack += [layers.Dense(units, activation=activation, kernel_initializer=init)
              for _ in range(depth - 1)]
    model = Sequential(stack, seed=seed)
    model.compile(optimizer="sgd", loss=losses.MeanSquaredError(), metrics=[])
    x = np.random.default_rng(seed + 1).standard_normal((samples, units))
    with _one_blas_thread():
        outputs = [x] + [np.asarray(o, dtype=float) for o in model.layer_outputs(x)]
        gradients = _weight_gradients(model, outputs, seed)
    flat = [0.0]  # the input went through no activation
    flat += [float(np.mean(_slope_from_output(activation, o) < 0.05)) for o in outputs[1:]]
    return DepthSignal(
        percentiles=np.array([np.percentile(o, DEPTH_PERCENTILES) for o in outputs]),
        std=np.array([np.sqrt(np.mean(o.var(axis=0))) for o in outputs]),
        mean=np.array([o.mean() for o in outputs]),
        flat_share=np.array(flat),
        weight_gradient=gradients,
    )


def _one_blas_thread() -> contextlib.AbstractContextManager:
    """Run the stack's small matrix products on one BLAS thread. On a busy 2-core machine
    OpenBLAS's threads wait on each other (docs/performance.md). threadpoolctl is optional;
    without it nothing changes."""
    controller = _blas_controller()
    return controller.limit(limits=1, user_api="blas") if controller else contextlib.nullcontext()


@functools.cache
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


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


def describe_depth(name: str, activation: str, signal: DepthSignal,
                   rescaled: DepthSignal | None = None) -> str:
    """The signal's fate in words. `rescaled`: the same start with its spread widened back
    after TensorFlow.js's truncation (`rescaled_depth_signal`), to say how much of a fall
    comes from the truncation when the start still holds the signal."""
    verdict = depth_verdict(signal, activation)
    depth = len(signal.std) - 1
    ratio = signal.std[-1] / signal.std[1] if signal.std[1] > 0 else 0.0
    factor = max(ratio, 1 / ratio) if ratio > 0 else float("inf")
    spread = (f"the spread of a unit's output across inputs goes from "
              f"{readable(signal.std[1])} in layer 1 to {readable(signal.std[-1])} in layer "
              f"{depth}")
    change = "falls" if ratio < 1 else "grows"
    meaning = {
        "gone": "every input produces exactly the same outputs, so nothing about the input "
                "reaches the end",
        "shrinks": "the signal fades away: deep layers see almost the same value for every "
                   "input, so they cannot tell inputs apart (vanishing)",
        "grows": "the signal blows up layer after layer (explosion)",
        "saturates": f"{pct(signal.flat_share[-1])} of the last layer's outputs sit where "
                     f"{activation} is flat, so a small weight change barely moves them "
                     "(saturation)",
        "holds": f"it {change} by a factor of {factor:.1f} over the whole stack, not by "
                 "powers of ten as the starts that fail do: it neither vanishes nor explodes",
    }[verdict]
    text = f"With **{name}** and {activation}, {spread}: {meaning}."
    if verdict == "holds" and rescaled is not None and ratio < 1:
        again = rescaled.std[-1] / rescaled.std[1]
        narrower = 1 - truncated_spread_factor()
        text += (f" Part of that fall is how the start is drawn: like TensorFlow.js, it cuts "
                 f"the bell curve at 2 spreads and draws again there, without widening it "
                 f"back, so the weights are {pct(narrower)} narrower than the rule asks. "
                 f"Widened back (as Keras does), the same stack's spread falls by a factor of "
                 f"{max(again, 1 / again):.1f} instead.")
    return text


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
        text += (f" ReLU switches off every negative input ({pct(off)} of the last layer's "
                 "outputs are exactly 0 here), which is why He starts a little wider than "
                 "Glorot.")
    return text
