import numpy as np
import pytest

from nncore import activations, losses

Y = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
P = np.array([[0.3, 0.7], [0.6, 0.4], [0.2, 0.8]])


def numeric_gradient(loss, y, p, h=1e-7):
    grad = np.zeros_like(p)
    for index in np.ndindex(p.shape):
        plus, minus = p.copy(), p.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (loss(y, plus) - loss(y, minus)) / (2 * h)
    return grad


@pytest.mark.parametrize("name", losses.NAMES)
def test_gradient_matches_finite_differences(name):
    loss = losses.get(name)
    np.testing.assert_allclose(loss.gradient(Y, P), numeric_gradient(loss, Y, P),
                               rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("name", losses.NAMES)
def test_registry(name):
    loss = losses.get(name)
    assert loss.name == name and losses.get(loss) is loss
    assert repr(loss) == type(loss).__name__ + "()"


def test_registry_errors():
    with pytest.raises(ValueError, match=r"Unknown loss: 'hinge'\. Valid names: .*mean_squared"):
        losses.get("hinge")
    with pytest.raises(ValueError, match="Received: None"):
        losses.get(None)


def test_binary_crossentropy_golden_and_clipping():
    bce = losses.BinaryCrossentropy()
    expected = -np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P), axis=-1).mean()
    assert bce(Y, P) == pytest.approx(expected)
    assert bce([[1.0]], [[0.0]]) == pytest.approx(-np.log(1e-7))
    assert np.isfinite(bce([[0.0, 1.0]], [[1.0, 0.0]]))
    # with a 2-unit softmax and one-hot labels, binary equals categorical crossentropy
    assert bce(Y, P) == pytest.approx(losses.CategoricalCrossentropy()(Y, P))


def test_mean_squared_error_golden():
    assert losses.MeanSquaredError()([[1.0, 0.0]], [[0.5, 0.5]]) == pytest.approx(0.25)


def test_gradient_is_per_member_mean_with_a_population_axis():
    bce = losses.BinaryCrossentropy()
    stacked = np.stack([P, P[::-1]])
    grad = bce.gradient(Y, stacked)
    np.testing.assert_allclose(grad[0], bce.gradient(Y, P))
    np.testing.assert_allclose(bce.per_sample(Y, stacked)[1], bce.per_sample(Y, P[::-1]))


@pytest.mark.parametrize("loss_name, act_name, y", [
    ("categorical_crossentropy", "softmax", np.eye(3)[[0, 2, 1, 1]]),
    ("binary_crossentropy", "softmax", np.eye(2)[[0, 1, 1, 0]]),
    ("binary_crossentropy", "sigmoid", np.array([[0, 1, 1], [1, 0, 0], [1, 1, 0], [0, 0, 0.]])),
    ("mean_squared_error", "linear", np.array([[0.2, 1.0], [1.0, -0.5], [0, 0], [3, 1.]])),
])
def test_fused_logit_gradient_equals_the_general_jacobian_path(loss_name, act_name, y):
    loss, act = losses.get(loss_name), activations.get(act_name)
    z = np.random.default_rng(0).normal(size=y.shape)
    p = act(z)
    general = act.backward(z, loss.gradient(y, p))
    scale = loss.fused_scale(act, y)
    assert scale is not None
    np.testing.assert_allclose(scale * (p - y) / len(y), general, rtol=1e-9, atol=1e-12)


def test_no_fused_path_when_it_would_be_wrong():
    softmax = activations.Softmax()
    assert losses.BinaryCrossentropy().fused_scale(softmax, np.eye(3)) is None
    assert losses.CategoricalCrossentropy().fused_scale(softmax, np.array([[0.5, 0.2]])) is None
    assert losses.CategoricalCrossentropy().fused_scale(activations.ReLU(), np.eye(2)) is None
