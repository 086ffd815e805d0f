"""Sequential <-> plain JSON (no pickle), with clear errors for a bad file, and summary()."""

import json

import numpy as np

from . import activations, initializers, losses, optimizers, regularizers
from .layers import Dense

FORMAT = "nncore.Sequential"
VERSION = 1


def summary(model):
    """A text table: one line per layer with its output shape and parameter count."""
    lines = [f"Model: Sequential ({len(model.layers)} layers)",
             f"{'Layer':<18}{'Output shape':<16}{'Activation':<14}{'Params':>8}"]
    for layer in model.layers:
        params = "?" if layer.input_dim is None else str(layer.count_params())
        lines.append(f"{layer.name + ' (Dense)':<18}{f'(None, {layer.units})':<16}"
                     f"{layer.activation.name:<14}{params:>8}")
    known = all(layer.input_dim is not None for layer in model.layers)
    lines.append(f"Total params: {model.count_params() if known else '?'}")
    return "\n".join(lines)


def to_dict(model):
    """Everything needed to rebuild the model: layers, compile settings and weights,
    as plain JSON-ready values (Sequential.to_dict; Sequential.from_dict reads it).

    >>> from nncore import Dense, Sequential
    >>> model = Sequential([Dense(3, "relu", input_dim=2), Dense(2, "softmax")], seed=0)
    >>> data = model.compile("adam").to_dict()
    >>> sorted(data), data["layers"][0]["activation"]
    (['compile', 'format', 'layers', 'seed', 'version', 'weights'], {'name': 'relu'})
    >>> clone = Sequential.from_dict(data)
    >>> all(np.array_equal(a, b) for a, b in zip(clone.get_weights(), model.get_weights()))
    True
    """
    compiled = None
    if model.loss is not None:
        compiled = {"optimizer": model.optimizer.get_config(),
                    "loss": model.loss.name, "metrics": list(model.metrics)}
    return {"format": FORMAT, "version": VERSION,
            "seed": model.seed if isinstance(model.seed, int) else None,
            "layers": [layer.get_config() for layer in model.layers],
            "compile": compiled,
            "weights": [w.tolist() for w in model.get_weights()] if model.built else None}


def _bad(message):
    return ValueError(f"Invalid model file: {message}")


def from_dict(cls, data):
    """Rebuild a Sequential from to_dict() output; ValueError says what is wrong.

    >>> from nncore import Sequential
    >>> Sequential.from_dict({"format": "keras"})
    Traceback (most recent call last):
    ...
    ValueError: Invalid model file: format must be 'nncore.Sequential'. Received: 'keras'
    """
    if not isinstance(data, dict):
        raise _bad(f"expected a JSON object. Received: {type(data).__name__}")
    if data.get("format") != FORMAT:
        raise _bad(f"format must be {FORMAT!r}. Received: {data.get('format')!r}")
    if not isinstance(data.get("layers"), list) or not data["layers"]:
        raise _bad("'layers' must be a non-empty list")
    model = cls(seed=data.get("seed") if isinstance(data.get("seed"), int) else None)
    for index, config in enumerate(data["layers"], start=1):
        if not isinstance(config, dict) or config.get("type") != "Dense":
            raise _bad(f"layer {index} must be an object with type 'Dense'")
        try:
            model.add(Dense(config.get("units"),
                            activation=activations.get(config.get("activation")),
                            kernel_initializer=initializers.get(
                                config.get("kernel_initializer", "glorot_normal")),
                            bias_initializer=initializers.get(
                                config.get("bias_initializer", "zeros")),
                            input_dim=config.get("input_dim"),
                            kernel_regularizer=regularizers.get(
                                config.get("kernel_regularizer"))))
        except (ValueError, TypeError) as error:
            raise _bad(f"layer {index}: {error}") from error
    compiled = data.get("compile")
    if compiled is not None:
        try:
            model.compile(optimizers.get(compiled["optimizer"]), losses.get(compiled["loss"]),
                          compiled.get("metrics", []))
        except (ValueError, TypeError, KeyError) as error:
            raise _bad(f"compile: {error}") from error
    if data.get("weights") is not None:
        try:
            model.set_weights(data["weights"])
        except ValueError as error:
            raise _bad(str(error)) from error
    return model


def check_weights(model, weights):
    """Raise ValueError unless `weights` fits the model: count, shapes, finite numbers."""
    if not isinstance(weights, list | tuple) or len(weights) != 2 * len(model.layers):
        count = len(weights) if isinstance(weights, list | tuple) else type(weights).__name__
        raise ValueError(f"expected {2 * len(model.layers)} weight arrays (kernel and bias "
                         f"per layer). Received: {count}")
    inputs = model.layers[0].input_dim
    for index, layer in enumerate(model.layers):
        try:
            kernel = np.asarray(weights[2 * index], dtype=np.float64)
            bias = np.asarray(weights[2 * index + 1], dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise ValueError(f"layer {index + 1}: weights must be numbers ({error})") from None
        fan_in = kernel.shape[0] if inputs is None and kernel.ndim == 2 else inputs
        if kernel.shape != (fan_in, layer.units) or bias.shape != (layer.units,):
            raise ValueError(f"layer {index + 1}: expected kernel {(fan_in, layer.units)} and "
                             f"bias {(layer.units,)}. Received: kernel {kernel.shape}, "
                             f"bias {bias.shape}")
        if not (np.all(np.isfinite(kernel)) and np.all(np.isfinite(bias))):
            raise ValueError(f"layer {index + 1}: weights contain nan or inf values")
        inputs = layer.units


def save(model, path):
    """Write the model as JSON to `path` (weights must be finite numbers)."""
    text = json.dumps(model.to_dict(), allow_nan=False)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def _no_constants(name):
    raise ValueError(f"{name} is not a number a model file may hold")


def load(cls, path):
    """Read a model written by save() (a byte-order mark, as some editors add, is fine);
    ValueError for anything that is not such a file."""
    try:
        with open(path, encoding="utf-8-sig") as file:
            data = json.loads(file.read(), parse_constant=_no_constants)
    except UnicodeDecodeError as error:
        raise _bad(f"{path} is not a text file") from error
    except json.JSONDecodeError as error:
        raise _bad(f"{path} is not valid JSON ({error})") from error
    except ValueError as error:
        raise _bad(f"{path}: {error}") from error
    return from_dict(cls, data)


