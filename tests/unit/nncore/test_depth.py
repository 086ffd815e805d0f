"""Deeper laptop networks: 1 to 3 hidden Dense layers of 1 to 8 units, and the output of
every layer (Sequential.layer_outputs) for per-neuron pictures."""

import json

import numpy as np
import pytest

from nncore import Dense, Sequential, activations, optimizers, regularizers
from tests.unit.nncore.tutorial_data import LAPTOP_CLASSES, LAPTOP_ONE_HOT, LAPTOP_X

# every depth, with the smallest and largest widths and a mix of them
HIDDEN = [(1,), (3,), (8,), (1, 1), (8, 8), (2, 5), (1, 1, 1), (8, 8, 8), (3, 1, 7),
          (8, 2, 4)]


def laptop_network(hidden, activation="relu", seed=0, **dense):
    layers = [Dense(hidden[0], activation, input_dim=2, **dense)]
    layers += [Dense(units, activation, **dense) for units in hidden[1:]]
    model = Sequential(layers + [Dense(2, "softmax", **dense)], seed=seed)
    model.compile(optimizers.Adam(0.1), "binary_crossentropy", ["accuracy"])
    return model


@pytest.mark.parametrize("hidden", HIDDEN)
def test_builds_trains_and_round_trips_1_to_3_hidden_layers(hidden):
    model = laptop_network(hidden, activation="leaky_relu", seed=2)
    assert [layer.units for layer in model.layers] == [*hidden, 2]
    fans = [2, *hidden]
    assert model.count_params() == sum((fan + 1) * units
                                       for fan, units in zip(fans, [*hidden, 2], strict=True))
    history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=30, validation_split=0.1, seed=1)
    assert len(history.epoch) == 30 and not history.diverged
    assert all(np.isfinite(value) for values in history.history.values() for value in values)
    probabilities = model.predict(LAPTOP_X)
    assert probabilities.shape == (9, 2)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)

    data = json.loads(json.dumps(model.to_dict()))
    clone = Sequential.from_dict(data)
    assert [(layer.units, layer.activation) for layer in clone.layers] == [
        (layer.units, layer.activation) for layer in model.layers]
    for got, want in zip(clone.get_weights(), model.get_weights(), strict=True):
        assert got.tobytes() == want.tobytes()
    assert clone.to_dict() == data
    np.testing.assert_array_equal(clone.predict(LAPTOP_X), probabilities)
    # the clone keeps training exactly like the original (same optimizer settings)
    clone.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=2, seed=3)
    model.optimizer.reset()
    model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=2, seed=3)
    for got, want in zip(clone.get_weights(), model.get_weights(), strict=True):
        assert got.tobytes() == want.tobytes()


def test_a_deeper_network_learns_the_laptops():
    model = laptop_network((8, 8, 8), activation="tanh", seed=4)
    model.fit(LAPTOP_X, LAPTOP_CLASSES, epochs=60)
    assert model.evaluate(LAPTOP_X, LAPTOP_CLASSES)["accuracy"] == 1.0


def hand_forward(x, weights, names):
    """Every layer's activation by plain NumPy, one neuron at a time (no nncore maths)."""
    functions = {"relu": lambda z: max(z, 0.0), "tanh": np.tanh,
                 "sigmoid": lambda z: 1 / (1 + np.exp(-z))}
    outputs, a = [], np.asarray(x, dtype=float)
    for kernel, bias, name in zip(weights[0::2], weights[1::2], names, strict=True):
        z = np.array([[sum(row[i] * kernel[i, j] for i in range(kernel.shape[0])) + bias[j]
                       for j in range(kernel.shape[1])] for row in a])
        if name == "softmax":
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
        else:
            a = np.vectorize(functions[name])(z)
        outputs.append(a)
    return outputs


@pytest.mark.parametrize("hidden, names", [
    ((3,), ["relu", "softmax"]),
    ((4, 2), ["tanh", "relu", "softmax"]),
    ((5, 1, 6), ["sigmoid", "tanh", "relu", "softmax"]),
])
def test_layer_outputs_match_a_hand_written_forward_pass(hidden, names):
    layers = [Dense(units, name) for units, name in zip([*hidden, 2], names, strict=True)]
    layers[0] = Dense(hidden[0], names[0], input_dim=2)
    model = Sequential(layers, seed=8)
    model.compile("adam")
    model.fit(LAPTOP_X, LAPTOP_CLASSES, epochs=3)  # not the initial weights only
    outputs = model.layer_outputs(LAPTOP_X)
    expected = hand_forward(LAPTOP_X, model.get_weights(), names)
    assert [o.shape for o in outputs] == [(9, units) for units in [*hidden, 2]]
    for got, want in zip(outputs, expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(outputs[-1], model.predict(LAPTOP_X))
    assert isinstance(model.layers[-1].activation, activations.Softmax)


def test_layer_outputs_are_fresh_arrays_and_build_an_unbuilt_model():
    model = Sequential([Dense(3, "relu"), Dense(2, "softmax")], seed=0)
    outputs = model.layer_outputs([[0.1, 0.6]])  # builds from x's 2 columns
    assert model.built and [o.shape for o in outputs] == [(1, 3), (1, 2)]
    before = model.get_weights()
    outputs[0][...] = 99.0  # writing into a result changes nothing in the model
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), before, strict=True))
    assert model.layer_outputs([[0.1, 0.6]])[0].max() < 99.0
    with pytest.raises(ValueError, match="The model expects 2 input columns"):
        model.layer_outputs([[0.1, 0.6, 0.3]])
    with pytest.raises(ValueError, match="no layers"):
        Sequential().layer_outputs([[0.1, 0.6]])


def test_regularized_deep_network_round_trips():
    model = laptop_network((4, 3), seed=1, kernel_regularizer=regularizers.L2(0.01))
    model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=5)
    clone = Sequential.from_dict(json.loads(json.dumps(model.to_dict())))
    assert clone.evaluate(LAPTOP_X, LAPTOP_CLASSES) == model.evaluate(LAPTOP_X, LAPTOP_CLASSES)
