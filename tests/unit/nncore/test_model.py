import itertools
import json
import warnings

import numpy as np
import pytest

from nncore import Callback, Dense, EarlyStopping, LambdaCallback, Sequential, optimizers
from tests.unit.nncore.tutorial_data import (
    LAPTOP_CLASSES,
    LAPTOP_ONE_HOT,
    LAPTOP_X,
    tutorial_model,
)


def test_tutorial_recipe_learns_the_laptops():
    model = tutorial_model(seed=1)
    history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=20, validation_split=0.1, seed=1)
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert history.epoch == list(range(20))
    assert 0.6 < history.history["loss"][0] < 0.8
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert not history.stopped_early and history.stop_reason is None and not history.diverged
    model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=80, verbose=0)
    result = model.evaluate(LAPTOP_X, LAPTOP_CLASSES)
    assert set(result) == {"loss", "accuracy"} and result["accuracy"] == 1.0
    probabilities = model.predict([[0.1, 0.6], [0.9, 0.9]])
    assert probabilities.shape == (2, 2)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)


def test_it_learns_xor_with_enough_hidden_units():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 4, dtype=float)
    y = np.array([0, 1, 1, 0] * 4)
    model = Sequential([Dense(8, "tanh", input_dim=2), Dense(1, "sigmoid")], seed=3)
    model.compile(optimizers.Adam(0.05), "binary_crossentropy")
    model.fit(x, y, epochs=300, batch_size=16)
    assert model.evaluate(x, y)["accuracy"] == 1.0


def test_integer_and_one_hot_labels_train_identically():
    a, b = tutorial_model(seed=4), tutorial_model(seed=4)
    ha = a.fit(LAPTOP_X, LAPTOP_CLASSES, epochs=5, seed=2)
    hb = b.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=5, seed=2)
    assert ha.history == hb.history
    for wa, wb in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(wa, wb)


def test_reproducible_bit_for_bit_with_a_seed():
    runs = []
    for _ in range(2):
        model = tutorial_model(seed=11)
        history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=10, batch_size=4)
        runs.append((history.history, [w.tobytes() for w in model.get_weights()]))
    assert runs[0] == runs[1]
    other = tutorial_model(seed=12)
    assert other.get_weights()[0].tobytes() != runs[0][1][0]


def _sgd_one_row_at_a_time(kernel, bias, x, y, orders, learning_rate):
    """Plain SGD, batch size 1, on a softmax layer with crossentropy (dL/dz = p - y),
    taking the rows of each epoch in the given order."""
    kernel, bias = kernel.copy(), bias.copy()
    for order in orders:
        for row in order:
            z = x[row] @ kernel + bias
            p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
            kernel -= learning_rate * np.outer(x[row], p - y[row])
            bias -= learning_rate * (p - y[row])
    return kernel, bias


def test_fit_shuffles_the_rows_anew_every_epoch():
    """With batch size 1 the order of the rows changes the weights. Whatever the seed, fit
    must end where plain SGD over some order of the rows in each epoch ends; without
    shuffling, at the rows' own order; with it, at other orders too, changing per epoch."""
    x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    orders = list(itertools.permutations(range(3)))
    seen = []
    for shuffle, seed in [(False, 0)] + [(True, s) for s in range(8)]:
        model = Sequential([Dense(2, "softmax", input_dim=2)], seed=seed)
        model.compile(optimizers.SGD(0.5), "categorical_crossentropy")
        start = model.get_weights()
        model.fit(x, y, epochs=2, batch_size=1, shuffle=shuffle, seed=seed)
        matches = [pair for pair in itertools.product(orders, repeat=2)
                   if all(np.allclose(a, b, rtol=0, atol=1e-12) for a, b in zip(
                       model.get_weights(), _sgd_one_row_at_a_time(*start, x, y, pair, 0.5),
                       strict=True))]
        assert len(matches) == 1, (shuffle, seed, matches)
        seen.append(matches[0])
    assert seen[0] == ((0, 1, 2), (0, 1, 2))  # shuffle=False keeps the order
    shuffled = seen[1:]
    assert any(pair != ((0, 1, 2), (0, 1, 2)) for pair in shuffled)
    assert any(first != second for first, second in shuffled)  # a new order each epoch


def test_accuracy_is_binary_accuracy_for_binary_crossentropy():
    model = Sequential([Dense(2, "softmax", input_dim=2)], seed=0)
    model.compile("adam", "binary_crossentropy")
    model.set_weights([np.zeros((2, 2)), np.array([0.0, 1.0])])  # always predicts "buy"
    assert model.evaluate(LAPTOP_X, LAPTOP_CLASSES)["accuracy"] == pytest.approx(5 / 9)
    multi = Sequential([Dense(3, "softmax", input_dim=2)], seed=0)
    multi.compile("adam", "categorical_crossentropy")
    multi.set_weights([np.zeros((2, 3)), np.array([0.0, 0.0, 1.0])])
    assert multi.evaluate(LAPTOP_X[:3], [2, 2, 0])["accuracy"] == pytest.approx(2 / 3)


def test_validation_split_holds_out_the_last_rows_before_shuffling():
    seen = []
    model = tutorial_model(seed=0)
    model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=1, validation_split=0.1,
              callbacks=[LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(logs))])
    assert model.history.params["rows"] == 8  # floor(9 * 0.9)
    expected = model.evaluate(LAPTOP_X[8:], LAPTOP_ONE_HOT[8:])
    assert seen[0]["val_loss"] == pytest.approx(expected["loss"])
    assert seen[0]["val_accuracy"] == expected["accuracy"]


def test_validation_data_and_layer_outputs():
    model = tutorial_model(seed=0)
    history = model.fit(LAPTOP_X[:6], LAPTOP_CLASSES[:6], epochs=2,
                        validation_data=(LAPTOP_X[6:], LAPTOP_CLASSES[6:]))
    assert len(history.history["val_loss"]) == 2
    outputs = model.layer_outputs(LAPTOP_X)
    assert [o.shape for o in outputs] == [(9, 3), (9, 2)]
    np.testing.assert_array_equal(outputs[-1], model.predict(LAPTOP_X))
    assert np.all(outputs[0] >= 0)


def test_callbacks_see_every_epoch_and_can_stop_training():
    class StopAtThree(Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.last = (epoch, sorted(logs))
            if epoch == 2:
                self.model.stop_training = True

    callback = StopAtThree()
    model = tutorial_model(seed=0)
    history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=10, callbacks=[callback])
    assert callback.model is model
    assert callback.last == (2, ["accuracy", "loss"])
    assert history.epoch == [0, 1, 2] and history.stopped_early
    assert history.stop_reason == "stopped by a callback at epoch 3" and not history.diverged


def test_lambda_callback_hooks_and_validation():
    calls = []
    callback = LambdaCallback(on_train_begin=lambda logs: calls.append("begin"),
                              on_epoch_end=lambda epoch, logs: calls.append(epoch),
                              on_train_end=lambda logs: calls.append(sorted(logs)))
    tutorial_model(seed=0).fit(LAPTOP_X, LAPTOP_CLASSES, epochs=2, callbacks=[callback])
    assert calls == ["begin", 0, 1, ["accuracy", "loss"]]
    with pytest.raises(ValueError, match="on_epoch_end must be callable"):
        LambdaCallback(on_epoch_end=3)
    with pytest.raises(ValueError, match="Received: blow_up_factor=0.5"):
        tutorial_model().fit(LAPTOP_X, LAPTOP_CLASSES, blow_up_factor=0.5)


def test_early_stopping():
    model = tutorial_model(seed=0, learning_rate=1e-9)
    history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=50,
                        callbacks=[EarlyStopping(monitor="loss", patience=2, min_delta=0.1)])
    assert len(history.epoch) == 4 and history.stopped_early


@pytest.mark.parametrize("learning_rate", [1e6, 1e3])
def test_big_sgd_overflows_and_stops_with_a_reason(learning_rate):
    model = Sequential([Dense(8, "relu", input_dim=2), Dense(2, "linear")], seed=0)
    model.compile(optimizers.SGD(learning_rate), "mean_squared_error")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=500, blow_up_factor=None)
        assert history.diverged and history.stopped_early
        assert history.stop_reason == (f"loss became non-finite at epoch {len(history.epoch)}")
        assert not np.isfinite(history.history["loss"][-1])
        assert len(history.history["accuracy"]) == len(history.epoch)
        assert all(np.all(np.isfinite(w)) for w in model.get_weights())
        assert np.all(np.isfinite(model.predict(LAPTOP_X)))


def test_adam_lr_100_on_laptop_data_blows_up_and_stops_without_warnings():
    model = tutorial_model(seed=0, learning_rate=100.0)
    first = tutorial_model(seed=0, learning_rate=100.0)
    first.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=1, shuffle=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=20, shuffle=False)
    assert history.diverged and history.stopped_early
    assert history.stop_reason.startswith("loss blew up at epoch 2")
    assert history.history["loss"][-1] > 10 * history.history["loss"][0]
    for kept, expected in zip(model.get_weights(), first.get_weights(), strict=True):
        np.testing.assert_array_equal(kept, expected)  # weights of the last good epoch
    assert model.optimizer.iterations == 1


def test_blow_up_check_can_be_turned_off():
    model = tutorial_model(seed=0, learning_rate=100.0)
    history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=5, blow_up_factor=None)
    assert not history.diverged and len(history.epoch) == 5


def test_weights_count_and_summary():
    model = tutorial_model(seed=0)
    weights = model.get_weights()
    assert [w.shape for w in weights] == [(2, 3), (3,), (3, 2), (2,)]
    assert model.count_params() == 17
    text = model.summary()
    assert "Total params: 17" in text and "relu" in text and "softmax" in text
    weights[0][:] = 0.5
    model.set_weights(weights)
    assert np.all(model.layers[0].kernel == 0.5)
    assert "Sequential" in repr(model)


def test_weights_built_lazily_from_the_first_fit():
    model = Sequential([Dense(3, "relu"), Dense(2, "softmax")], seed=0)
    model.compile("adam", "binary_crossentropy")
    with pytest.raises(ValueError, match="no weights yet"):
        model.get_weights()
    model.fit(LAPTOP_X, LAPTOP_CLASSES)
    assert model.get_weights()[0].shape == (2, 3)
    eager = tutorial_model(seed=0)  # same seed, same draws
    lazy = Sequential([Dense(3, "relu"), Dense(2, "softmax")], seed=0)
    lazy.predict(LAPTOP_X)
    np.testing.assert_array_equal(eager.get_weights()[0], lazy.get_weights()[0])


@pytest.mark.parametrize("x, y, message", [
    (LAPTOP_X[:, :1], LAPTOP_CLASSES, "expects 2 input columns. Received: x with 1 columns"),
    (LAPTOP_X[0], LAPTOP_CLASSES, "2-D array"),
    (np.where(LAPTOP_X > 0.8, np.nan, LAPTOP_X), LAPTOP_CLASSES, "nan or inf"),
    (np.zeros((0, 2)), [], "empty"),
    (LAPTOP_X, LAPTOP_CLASSES[:5], "same number of rows"),
    (LAPTOP_X, LAPTOP_CLASSES + 1, "classes 0..1 of the 2-unit output. Received: label 2"),
    (LAPTOP_X, LAPTOP_CLASSES * 0.5, "classes 0..1"),
    (LAPTOP_X, np.ones((9, 3)), "one column per output unit"),
    (LAPTOP_X, LAPTOP_ONE_HOT * 2, "probabilities in"),
    (LAPTOP_X, [[np.inf, 0]] * 9, "y contains nan"),
])
def test_fit_validation(x, y, message):
    with pytest.raises(ValueError, match=message):
        tutorial_model().fit(x, y)


@pytest.mark.parametrize("kwargs, message", [
    ({"epochs": 0}, "Received: epochs=0"),
    ({"batch_size": -2}, "Received: batch_size=-2"),
    ({"validation_split": 1.0}, "validation_split"),
    ({"validation_split": 0.99}, "both must be at least 1"),
    ({"callbacks": [print]}, "Callback instances"),
    ({"validation_data": (LAPTOP_X,)}, "pair"),
])
def test_fit_argument_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        tutorial_model().fit(LAPTOP_X, LAPTOP_CLASSES, **kwargs)


def test_compile_before_fit_and_other_misuse():
    model = Sequential([Dense(2, "softmax", input_dim=2)])
    with pytest.raises(ValueError, match=r"compile\(optimizer, loss\) before fit"):
        model.fit(LAPTOP_X, LAPTOP_CLASSES)
    with pytest.raises(ValueError, match="before evaluate"):
        model.evaluate(LAPTOP_X, LAPTOP_CLASSES)
    with pytest.raises(ValueError, match="Unknown metric: 'f1'"):
        model.compile("adam", "binary_crossentropy", metrics=["f1"])
    with pytest.raises(ValueError, match="Dense layers"):
        model.add("relu")
    with pytest.raises(ValueError, match="Received: input_dim=5"):
        model.add(Dense(2, input_dim=5))
    with pytest.raises(ValueError, match="no layers"):
        Sequential().predict(LAPTOP_X)
    with pytest.raises(ValueError, match="expected 2 weight arrays"):
        model.set_weights([np.zeros((2, 2))])


def test_adding_a_layer_after_training_keeps_training_possible():
    model = tutorial_model(seed=0)
    model.fit(LAPTOP_X, LAPTOP_CLASSES, epochs=2)
    model.add(Dense(2, "softmax"))
    assert model.get_weights()[-2].shape == (2, 2)
    model.fit(LAPTOP_X, LAPTOP_CLASSES, epochs=2)
    assert model.optimizer.iterations == 2


def test_compile_without_metrics_and_other_losses():
    model = Sequential([Dense(4, "elu", input_dim=2), Dense(1, "linear")], seed=0)
    model.compile(optimizers.SGD(0.05, momentum=0.9), "mean_squared_error", metrics=[])
    history = model.fit(LAPTOP_X, LAPTOP_X.sum(axis=1), epochs=50, batch_size=3)
    assert set(history.history) == {"loss"}
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_json_round_trip(tmp_path):
    model = tutorial_model(seed=5)
    model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=3)
    path = tmp_path / "model.json"
    model.save(path)
    loaded = Sequential.load(path)
    np.testing.assert_array_equal(loaded.predict(LAPTOP_X), model.predict(LAPTOP_X))
    marked = tmp_path / "marked.json"  # saved by an editor that writes a byte-order mark
    marked.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    np.testing.assert_array_equal(Sequential.load(marked).predict(LAPTOP_X),
                                  model.predict(LAPTOP_X))
    assert loaded.loss.name == "binary_crossentropy"
    assert loaded.optimizer.learning_rate == 0.1
    assert Sequential.from_dict(json.loads(json.dumps(model.to_dict()))).count_params() == 17
    leaky = Sequential([Dense(2, activations_leaky(), input_dim=2)])
    assert Sequential.from_dict(leaky.to_dict()).layers[0].activation.alpha == 0.3


def test_a_round_trip_keeps_the_seed_and_every_initializer():
    from nncore.initializers import HeNormal

    model = Sequential([Dense(3, "relu", kernel_initializer=HeNormal(), input_dim=2),
                        Dense(2, "softmax", kernel_initializer="zeros")], seed=7)
    model.compile()
    back = Sequential.from_dict(_saved(model))
    assert back.seed == 7
    assert [layer.kernel_initializer.get_config()["name"] for layer in back.layers] == [
        "he_normal", "zeros"]


def test_a_linear_hidden_layer_trains_like_plain_gradient_descent():
    """One full-batch SGD step through Dense(2, linear) -> Dense(2, softmax), crossentropy:
    dL/dz2 = (p - y) / rows, and a linear layer passes its gradient through unchanged."""
    model = Sequential([Dense(2, "linear", input_dim=2), Dense(2, "softmax")], seed=1)
    model.compile(optimizers.SGD(0.5), "categorical_crossentropy")
    k1, b1, k2, b2 = model.get_weights()
    x, y = LAPTOP_X, LAPTOP_ONE_HOT
    h = x @ k1 + b1
    z = h @ k2 + b2
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    dz = (p - y) / len(x)
    dh = dz @ k2.T
    expected = [k1 - 0.5 * x.T @ dh, b1 - 0.5 * dh.sum(axis=0),
                k2 - 0.5 * h.T @ dz, b2 - 0.5 * dz.sum(axis=0)]
    model.fit(x, y, epochs=1, batch_size=len(x), shuffle=False)
    for got, want in zip(model.get_weights(), expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


def test_a_second_kernel_that_does_not_fit_the_first_layer_is_refused():
    data = _saved(tutorial_model(seed=0))
    data["weights"][2] = [[0.0, 0.0]] * 4  # layer 2's kernel must be (3, 2)
    with pytest.raises(ValueError, match=r"layer 2: expected kernel \(3, 2\)"):
        Sequential.from_dict(data)


def activations_leaky():
    from nncore.activations import LeakyReLU

    return LeakyReLU(alpha=0.3)


def _saved(model):
    return json.loads(json.dumps(model.to_dict()))


@pytest.mark.parametrize("corrupt, message", [
    (lambda d: d.update(weights=[[[0.0] * 3] * 2, [0.0] * 3, [[0.0] * 2] * 2]),
     "expected 4 weight arrays"),
    (lambda d: d["weights"].__setitem__(0, [[0.0] * 4] * 2), r"expected kernel \(2, 3\)"),
    (lambda d: d["weights"][1].__setitem__(0, float("nan")), "nan or inf"),
    (lambda d: d["layers"][0].update(activation="swish"), "Unknown activation: 'swish'"),
    (lambda d: d["layers"][0].update(units=0), "Received: units=0"),
    (lambda d: d.update(format="keras"), "format must be"),
    (lambda d: d.update(layers=[]), "non-empty list"),
    (lambda d: d["compile"].update(loss="hinge"), "Unknown loss: 'hinge'"),
    (lambda d: d["weights"].__setitem__(0, "abc"), "layer 1"),
])
def test_malformed_model_dicts(corrupt, message):
    data = _saved(tutorial_model(seed=0))
    corrupt(data)
    with pytest.raises(ValueError, match="Invalid model file") as info:
        Sequential.from_dict(data)
    assert info.match(message)


@pytest.mark.parametrize("content, message", [
    ("not json {", "not valid JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"format": "nncore.Sequential", "weights": NaN}', "NaN"),
])
def test_malformed_files(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        Sequential.load(path)
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ValueError, match="Invalid model file"):
        Sequential.load(binary)
