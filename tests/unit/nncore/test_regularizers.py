import json

import numpy as np
import pytest

from nncore import Dense, Sequential, optimizers, regularizers, train_population
from tests.unit.nncore.tutorial_data import LAPTOP_CLASSES, LAPTOP_ONE_HOT, LAPTOP_X, tutorial_model


def test_get_takes_none_a_name_a_config_or_an_instance():
    assert regularizers.get(None) is None
    assert regularizers.get("l2") == regularizers.L2(0.01)
    assert regularizers.get({"name": "l2", "l2": 0.5}).l2 == 0.5
    reg = regularizers.L2(0.2)
    assert regularizers.get(reg) is reg and repr(reg) == "L2(l2=0.2)"
    assert Dense(2, kernel_regularizer="l2").kernel_regularizer == regularizers.L2(0.01)
    assert Dense(2).kernel_regularizer is None


@pytest.mark.parametrize("make, message", [
    (lambda: regularizers.L2(l2=-1), r"l2 must be a finite number >= 0\. Received: l2=-1"),
    (lambda: regularizers.L2(l2=float("nan")), r"Received: l2=nan"),
    (lambda: regularizers.L2(l2="much"), r"l2 must be a number\. Received: l2='much'"),
    (lambda: Dense(2, kernel_regularizer="l1"), r"Unknown regularizer: 'l1'\. Valid names: l2"),
    (lambda: Dense(2, kernel_regularizer=0.01), r"Could not interpret regularizer.*0\.01"),
    (lambda: Dense(2, kernel_regularizer={"name": "l2", "l2": -3}), r"Received: l2=-3"),
])
def test_bad_values_raise_naming_them(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_penalty_and_gradient_against_plain_numpy():
    rng = np.random.default_rng(0)
    kernels = rng.standard_normal((4, 3, 2))  # a member axis: one penalty per member
    reg = regularizers.L2(0.03)
    np.testing.assert_allclose(reg(kernels), [0.03 * (k ** 2).sum() for k in kernels],
                               rtol=1e-14)
    assert reg(kernels[1]) == pytest.approx(0.03 * (kernels[1] ** 2).sum(), rel=1e-14)
    assert isinstance(reg(kernels[1]), float)
    np.testing.assert_array_equal(reg.gradient(kernels), 0.06 * kernels)
    w = kernels[0]
    numeric = np.zeros_like(w)
    for index in np.ndindex(w.shape):
        step = np.zeros_like(w)
        step[index] = 1e-6
        numeric[index] = (reg(w + step) - reg(w - step)) / 2e-6
    np.testing.assert_allclose(reg.gradient(w), numeric, rtol=1e-7, atol=1e-10)


def _regularized(kind):
    """A 2-layer model with a regularized kernel in each layer (fused or general path)."""
    if kind == "softmax_bce":  # the fused softmax + crossentropy gradient
        layers = [Dense(3, "tanh", input_dim=2, kernel_regularizer=regularizers.L2(0.1)),
                  Dense(2, "softmax", kernel_regularizer="l2")]
        loss = "binary_crossentropy"
    else:  # the general path: loss gradient, then the activation's backward
        layers = [Dense(4, "sigmoid", input_dim=2, kernel_regularizer=regularizers.L2(0.2)),
                  Dense(2, "tanh", kernel_regularizer=regularizers.L2(0.05))]
        loss = "mean_squared_error"
    model = Sequential(layers, seed=5)
    model.compile(optimizers.SGD(1.0), loss, ["accuracy"])
    return model


@pytest.mark.parametrize("kind", ["softmax_bce", "tanh_mse"])
def test_finite_difference_gradient_of_the_total_loss(kind):
    """One full-batch SGD step with lr 1 moves the weights by minus the gradient; that
    gradient must be the slope of evaluate()'s loss (data loss + penalties)."""
    model = _regularized(kind)
    before = model.get_weights()
    history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=1, batch_size=9, shuffle=False)
    analytic = [b - a for b, a in zip(before, model.get_weights(), strict=True)]

    def total_loss(weights):
        model.set_weights(weights)
        return model.evaluate(LAPTOP_X, LAPTOP_ONE_HOT)["loss"]

    assert history.history["loss"][0] == pytest.approx(total_loss(before), rel=1e-14)
    for which, grad in enumerate(analytic):
        numeric = np.zeros_like(grad)
        for index in np.ndindex(grad.shape):
            plus = [w.copy() for w in before]
            minus = [w.copy() for w in before]
            plus[which][index] += 1e-6
            minus[which][index] -= 1e-6
            numeric[index] = (total_loss(plus) - total_loss(minus)) / 2e-6
        np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9)


def test_golden_values_against_an_independent_numpy_computation():
    """A sigmoid unit with BCE and L2: loss, reported loss and the SGD step by hand."""
    l2, lr = 0.07, 0.5
    kernel, bias = np.array([[0.4], [-0.3]]), np.array([0.1])
    x, y = LAPTOP_X, LAPTOP_CLASSES[:, None].astype(float)
    p = 1 / (1 + np.exp(-(x @ kernel + bias)))
    data_loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    expected_loss = data_loss + l2 * np.sum(kernel ** 2)
    expected_kernel = kernel - lr * (x.T @ (p - y) / 9 + 2 * l2 * kernel)
    expected_bias = bias - lr * np.sum(p - y) / 9

    model = Sequential([Dense(1, "sigmoid", input_dim=2,
                              kernel_regularizer=regularizers.L2(l2))])
    model.compile(optimizers.SGD(lr), "binary_crossentropy")
    model.set_weights([kernel, bias])
    assert model.evaluate(x, y)["loss"] == pytest.approx(expected_loss, rel=1e-14)
    history = model.fit(x, y, epochs=1, shuffle=False)
    assert history.history["loss"][0] == pytest.approx(expected_loss, rel=1e-14)
    np.testing.assert_allclose(model.get_weights()[0], expected_kernel, rtol=1e-14)
    np.testing.assert_allclose(model.get_weights()[1], expected_bias, rtol=1e-14)
    assert expected_loss - data_loss > 0.01  # the penalty is large enough to be seen


def test_minibatch_loss_weights_each_batch_penalty_by_its_rows():
    reg = regularizers.L2(0.3)
    model = Sequential([Dense(2, "softmax", input_dim=2, kernel_regularizer=reg)], seed=2)
    model.compile(optimizers.SGD(0.5), "binary_crossentropy")
    start = model.get_weights()
    penalties, data = [], []
    for rows in (slice(0, 4), slice(4, 8), slice(8, 9)):  # batch_size 4: 4 + 4 + 1 rows
        penalties.append(reg(model.get_weights()[0]) * (rows.stop - rows.start))
        data.append(model.evaluate(LAPTOP_X[rows], LAPTOP_CLASSES[rows])["loss"]
                    - reg(model.get_weights()[0]))
        data[-1] *= rows.stop - rows.start
        model.fit(LAPTOP_X[rows], LAPTOP_CLASSES[rows], epochs=1, shuffle=False)
    stepped = model.get_weights()
    model.set_weights(start)
    model.optimizer.reset()
    history = model.fit(LAPTOP_X, LAPTOP_CLASSES, epochs=1, batch_size=4, shuffle=False)
    assert history.history["loss"][0] == pytest.approx((sum(data) + sum(penalties)) / 9,
                                                       rel=1e-12)
    for got, want in zip(model.get_weights(), stepped, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-13)


def test_a_zero_penalty_trains_bit_for_bit_like_no_regularizer():
    runs = []
    for reg in (None, regularizers.L2(0.0)):
        model = tutorial_model(seed=7, kernel_regularizer=reg)
        history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=15, batch_size=4,
                            validation_split=0.2)
        runs.append((history.history, [w.tobytes() for w in model.get_weights()],
                     model.evaluate(LAPTOP_X, LAPTOP_CLASSES)))
    assert runs[0] == runs[1]
    strong = tutorial_model(seed=7, kernel_regularizer=regularizers.L2(0.1))
    strong.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=15, batch_size=4, validation_split=0.2)
    assert [w.tobytes() for w in strong.get_weights()] != runs[0][1]


def test_val_loss_includes_the_penalty_of_the_weights_after_the_epoch():
    model = tutorial_model(seed=3, kernel_regularizer=regularizers.L2(0.05))
    history = model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=2, validation_split=0.2)
    expected = model.evaluate(LAPTOP_X[7:], LAPTOP_ONE_HOT[7:])["loss"]
    assert history.history["val_loss"][-1] == pytest.approx(expected, rel=1e-12)


def test_serialisation_round_trip_and_older_files(tmp_path):
    model = tutorial_model(seed=1, kernel_regularizer=regularizers.L2(0.02))
    model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=3)
    data = model.to_dict()
    assert [c["kernel_regularizer"] for c in data["layers"]] == [{"name": "l2", "l2": 0.02}] * 2
    model.save(tmp_path / "model.json")
    for clone in (Sequential.from_dict(json.loads(json.dumps(data))),
                  Sequential.load(tmp_path / "model.json")):
        assert [layer.kernel_regularizer for layer in clone.layers] == [
            regularizers.L2(0.02)] * 2
        assert clone.evaluate(LAPTOP_X, LAPTOP_CLASSES) == model.evaluate(LAPTOP_X,
                                                                          LAPTOP_CLASSES)
        assert clone.to_dict() == data
    plain = tutorial_model(seed=1).to_dict()
    assert all("kernel_regularizer" not in c for c in plain["layers"])  # format unchanged
    assert all(layer.kernel_regularizer is None
               for layer in Sequential.from_dict(plain).layers)
    data["layers"][1]["kernel_regularizer"] = {"name": "l2", "l2": -1}
    with pytest.raises(ValueError, match=r"Invalid model file: layer 2: .*Received: l2=-1"):
        Sequential.from_dict(data)


def test_population_members_train_like_single_regularized_models():
    reg = regularizers.L2(0.05)
    result = train_population(tutorial_model(kernel_regularizer=reg), LAPTOP_X,
                              LAPTOP_ONE_HOT, size=3, epochs=5, batch_size=4, shuffle=False,
                              validation_split=0.2, seed=6)
    scores = result.evaluate(LAPTOP_X, LAPTOP_CLASSES)
    for index in range(3):
        single = tutorial_model(kernel_regularizer=reg)
        single.set_weights([w[index] for w in result.initial_weights])
        history = single.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=5, batch_size=4, shuffle=False,
                             validation_split=0.2)
        for got, want in zip(result.weights, single.get_weights(), strict=True):
            np.testing.assert_allclose(got[index], want, rtol=0, atol=1e-12)
        np.testing.assert_allclose(result.loss[index], history.history["loss"], atol=1e-12)
        np.testing.assert_allclose(result.val_loss[index], history.history["val_loss"],
                                   atol=1e-12)
        expected = single.evaluate(LAPTOP_X, LAPTOP_CLASSES)["loss"]
        assert scores["loss"][index] == pytest.approx(expected, rel=1e-12)
        assert result.member(index).layers[0].kernel_regularizer == reg


def test_regularization_loss_of_a_layer():
    assert Dense(2).regularization_loss() == 0.0
    layer = Dense(2, kernel_regularizer=regularizers.L2(0.5))
    with pytest.raises(ValueError, match="no weights yet"):
        layer.regularization_loss()
    layer.build(3, np.random.default_rng(0))
    assert layer.regularization_loss() == 0.5 * np.sum(layer.kernel ** 2)
    assert "kernel_regularizer=L2(l2=0.5)" in repr(layer)
