import numpy as np
import pytest

from nncore import Dense, activations

X = np.random.default_rng(0).normal(size=(4, 3))


@pytest.mark.parametrize("activation", activations.NAMES)
def test_dense_backward_matches_finite_differences(activation):
    layer = Dense(2 if activation == "softmax" else 3, activation)
    layer.build(3, np.random.default_rng(1))
    layer.bias = np.random.default_rng(2).normal(size=layer.units)
    weights = np.random.default_rng(3).normal(size=(4, layer.units))

    def objective():  # any scalar function of the output will do
        return float(np.sum(weights * layer(X)))

    z, a = layer.forward(X)
    grad_z = layer.activation.backward(z, weights, output=a)
    grad_kernel, grad_bias, grad_x = layer.backward(X, grad_z)
    h = 1e-6
    for array, analytic in ((layer.kernel, grad_kernel), (layer.bias, grad_bias)):
        numeric = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            keep = array[index]
            array[index] = keep + h
            up = objective()
            array[index] = keep - h
            down = objective()
            array[index] = keep
            numeric[index] = (up - down) / (2 * h)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)
    numeric_x = np.zeros_like(X)
    for index in np.ndindex(X.shape):
        plus, minus = X.copy(), X.copy()
        plus[index] += h
        minus[index] -= h
        numeric_x[index] = np.sum(weights * (layer(plus) - layer(minus))) / (2 * h)
    np.testing.assert_allclose(grad_x, numeric_x, rtol=1e-5, atol=1e-7)


def test_kernel_shape_defaults_and_repr():
    layer = Dense(3, "relu")
    assert not layer.built and "unbuilt" in repr(layer)
    layer.build(2, np.random.default_rng(0))
    assert layer.kernel.shape == (2, 3) and layer.bias.shape == (3,)
    assert np.all(layer.bias == 0)
    assert layer.activation.name == "relu"
    assert isinstance(Dense(1).activation, activations.Linear)
    assert layer.count_params() == 9
    assert "units=3" in repr(layer)


def test_population_axis():
    layer = Dense(3, "tanh")
    layer.build(2, np.random.default_rng(0), members=5)
    assert layer.kernel.shape == (5, 2, 3) and layer.bias.shape == (5, 3)
    out = layer(np.ones((4, 2)))
    assert out.shape == (5, 4, 3)
    np.testing.assert_allclose(out[2], np.tanh(np.ones((4, 2)) @ layer.kernel[2] + layer.bias[2]))


@pytest.mark.parametrize("kwargs, message", [
    ({"units": 0}, "Received: units=0"),
    ({"units": 2.5}, "Received: units=2.5"),
    ({"units": 2, "activation": "swish"}, "Unknown activation: 'swish'"),
    ({"units": 2, "kernel_initializer": "xavier"}, "Unknown initializer: 'xavier'"),
    ({"units": 2, "input_dim": -1}, "Received: input_dim=-1"),
])
def test_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Dense(**kwargs)


def test_weight_assignment_is_checked_and_in_place():
    layer = Dense(2)
    layer.build(2, np.random.default_rng(0))
    block = layer.block
    layer.kernel = np.ones((2, 2))
    assert np.all(block[:2] == 1)
    with pytest.raises(ValueError, match=r"kernel must have shape \(2, 2\)"):
        layer.kernel = np.ones((3, 2))
    with pytest.raises(ValueError, match="nan or inf"):
        layer.bias = [np.nan, 0.0]
    with pytest.raises(ValueError, match="expects 2 inputs"):
        Dense(2, input_dim=2).build(3, np.random.default_rng(0))
