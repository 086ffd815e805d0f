import warnings

import numpy as np
import pytest

from nncore import activations

Z = np.array([[-3.1, -0.7, 0.4, 2.2], [1.3, -1.9, 0.05, -0.2]])


@pytest.mark.parametrize("name", activations.NAMES)
def test_registry_round_trip(name):
    act = activations.get(name)
    assert act.name == name
    assert activations.get(act) is act
    assert activations.get(act.get_config()) == act
    assert repr(act).startswith(type(act).__name__ + "(")


def test_get_none_is_linear_and_errors_list_valid_names():
    assert isinstance(activations.get(None), activations.Linear)
    with pytest.raises(ValueError, match=r"Unknown activation: 'relu6'\. Valid names: .*relu"):
        activations.get("relu6")
    with pytest.raises(ValueError, match="Received: 3"):
        activations.get(3)


@pytest.mark.parametrize("name", activations.NAMES)
def test_backward_matches_finite_differences(name):
    act = activations.get(name)
    rng = np.random.default_rng(1)
    grad = rng.normal(size=Z.shape)
    h = 1e-6
    numeric = np.zeros_like(Z)
    for index in np.ndindex(Z.shape):
        plus, minus = Z.copy(), Z.copy()
        plus[index] += h
        minus[index] -= h
        numeric[index] = np.sum(grad * (act(plus) - act(minus))) / (2 * h)
    np.testing.assert_allclose(act.backward(Z, grad), numeric, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(act.backward(Z, grad, output=act(Z)), numeric, rtol=1e-6,
                               atol=1e-8)


@pytest.mark.parametrize("name", [n for n in activations.NAMES if n != "softmax"])
def test_derivative_matches_finite_differences(name):
    act = activations.get(name)
    h = 1e-6
    numeric = (act(Z + h) - act(Z - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(Z), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", activations.NAMES)
def test_extreme_inputs_are_safe(name):
    act = activations.get(name)
    z = np.array([[-1e4, -800.0, 0.0, 800.0, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values, slope = act(z), act.derivative(z)
        back = act.backward(z, np.ones_like(z))
    for array in (values, slope, back):
        assert np.all(np.isfinite(array))


def test_golden_values():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(activations.Sigmoid()(z), 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(activations.ReLU()(z), [0, 0, 3])
    np.testing.assert_allclose(activations.ReLU().derivative(z), [0, 0, 1])  # 0 at z == 0
    np.testing.assert_allclose(activations.LeakyReLU()(z), [-0.4, 0, 3])
    np.testing.assert_allclose(activations.LeakyReLU(alpha=0.5)(z), [-1, 0, 3])
    np.testing.assert_allclose(activations.ELU()(z), [np.expm1(-2), 0, 3])
    np.testing.assert_allclose(activations.Tanh()(z), np.tanh(z))
    np.testing.assert_allclose(activations.Linear()(z), z)
    s = activations.Softmax()(np.array([[1.0, 2.0, 3.0]]))
    np.testing.assert_allclose(s, np.exp([[1, 2, 3]]) / np.exp([1, 2, 3]).sum())
    np.testing.assert_allclose(s.sum(), 1.0)


def test_tutorial_plot_range():
    z = np.arange(-10, 10, dtype=float)
    assert activations.ReLU()(z).min() == 0
    assert activations.LeakyReLU()(z)[0] == pytest.approx(-2.0)


def test_softmax_jacobian_is_full_not_diagonal():
    softmax = activations.Softmax()
    z = np.array([[0.3, -1.2, 2.0]])
    jac = softmax.jacobian(z)[0]
    s = softmax(z)[0]
    np.testing.assert_allclose(jac, np.diag(s) - np.outer(s, s))
    np.testing.assert_allclose(softmax.derivative(z)[0], np.diag(jac))
    grad = np.array([[1.0, 0.0, 0.0]])
    np.testing.assert_allclose(softmax.backward(z, grad)[0], grad[0] @ jac)
    assert not np.allclose(softmax.backward(z, grad), grad * softmax.derivative(z))


def test_softmax_other_axis():
    softmax = activations.Softmax(axis=0)
    np.testing.assert_allclose(softmax(Z).sum(axis=0), 1.0)


@pytest.mark.parametrize("z", [[1.0, 2.0], [[1.0, 2.0]], [1.0, 2.0, 0.5], [[[3.0, -1.0]] * 2]])
def test_softmax_two_class_shortcut_equals_the_formula(z):
    z = np.asarray(z)
    expected = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)
    np.testing.assert_allclose(activations.Softmax()(z), expected, rtol=1e-15)
    out = np.empty_like(z)
    assert activations.Softmax()(z, out=out) is out
    np.testing.assert_allclose(out, expected, rtol=1e-15)
    np.testing.assert_allclose(activations.Softmax(axis=0)(z.T), expected.T, rtol=1e-15)


@pytest.mark.parametrize("factory, message", [
    (lambda: activations.LeakyReLU(alpha=float("nan")), "Received: alpha=nan"),
    (lambda: activations.ELU(alpha=-1), "Received: alpha=-1"),
    (lambda: activations.Softmax(axis="last"), "Received: axis='last'"),
])
def test_parameter_validation(factory, message):
    with pytest.raises(ValueError, match=message):
        factory()
