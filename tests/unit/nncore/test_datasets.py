import numpy as np
import pytest

from nncore import Dense, Sequential, datasets, optimizers


@pytest.mark.parametrize("make", [datasets.xor, datasets.circles])
def test_shapes_labels_and_seeds(make):
    x, y = make(n=101, rng=3)
    assert x.shape == (101, 2) and x.dtype == np.float64
    assert y.shape == (101,) and set(np.unique(y)) == {0, 1}
    x2, y2 = make(n=101, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    assert np.abs(x).max() < 1.6


def test_xor_quadrants_without_noise():
    x, y = datasets.xor(n=400, noise=0.0, rng=0)
    np.testing.assert_array_equal(y, (x[:, 0] * x[:, 1] < 0).astype(int))


def test_circles_radii_without_noise():
    x, y = datasets.circles(n=200, noise=0.0, factor=0.3, rng=0)
    radius = np.hypot(x[:, 0], x[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)
    assert (y == 0).sum() == 100


def test_circles_need_hidden_units_but_are_learnable():
    x, y = datasets.circles(n=200, noise=0.05, rng=1)
    model = Sequential([Dense(8, "relu", input_dim=2), Dense(2, "softmax")], seed=0)
    model.compile(optimizers.Adam(0.05), "categorical_crossentropy")
    model.fit(x, y, epochs=150, batch_size=32)
    assert model.evaluate(x, y)["accuracy"] > 0.95


@pytest.mark.parametrize("call, message", [
    (lambda: datasets.xor(n=0), "Received: n=0"),
    (lambda: datasets.xor(noise=-1), "Received: noise=-1"),
    (lambda: datasets.circles(factor=1.5), "Received: factor=1.5"),
    (lambda: datasets.circles(rng="x"), "rng must be"),
])
def test_validation(call, message):
    with pytest.raises(ValueError, match=message):
        call()
