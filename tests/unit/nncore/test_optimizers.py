import numpy as np
import pytest

from nncore import optimizers


@pytest.mark.parametrize("name", optimizers.NAMES)
def test_registry(name):
    opt = optimizers.get(name)
    assert opt.name == name and optimizers.get(opt) is opt
    assert isinstance(optimizers.get(opt.get_config()), type(opt))
    assert repr(opt).startswith(type(opt).__name__ + "(learning_rate=")


def test_registry_errors():
    with pytest.raises(ValueError, match=r"Unknown optimizer: 'rmsprop'\. Valid names: adam, sgd"):
        optimizers.get("rmsprop")


def test_adam_defaults_match_tensorflow_js():
    adam = optimizers.Adam()
    assert (adam.learning_rate, adam.beta_1, adam.beta_2, adam.epsilon) == (
        0.001, 0.9, 0.999, 1e-7)


def test_first_adam_step_moves_each_weight_by_about_the_learning_rate():
    w = np.array([1.0, -2.0, 0.5, 3.0])
    grad = np.array([0.3, -4.0, 1e-3, -0.02])
    adam = optimizers.Adam(learning_rate=0.1)
    before = w.copy()
    adam.step([w], [grad])
    np.testing.assert_allclose(before - w, 0.1 * np.sign(grad), rtol=1e-3)
    assert adam.iterations == 1


def test_adam_matches_its_formula_over_steps():
    rng = np.random.default_rng(0)
    w, m, v = rng.normal(size=5), np.zeros(5), np.zeros(5)
    expected = w.copy()
    adam = optimizers.Adam(learning_rate=0.05, beta_1=0.8, beta_2=0.99, epsilon=1e-3)
    for t in range(1, 6):
        g = rng.normal(size=5)
        m = 0.8 * m + 0.2 * g
        v = 0.99 * v + 0.01 * g * g
        expected -= 0.05 * (m / (1 - 0.8 ** t)) / (np.sqrt(v / (1 - 0.99 ** t)) + 1e-3)
        adam.step(w, g)
    np.testing.assert_allclose(w, expected, rtol=1e-12)


def test_counter_advances_once_per_step_not_per_parameter():
    params = [np.ones(3), np.ones((2, 2)), np.ones(1)]
    opt = optimizers.Adam()
    opt.step(params, [np.ones(3), np.ones((2, 2)), np.ones(1)])
    opt.step(params, [np.ones(3), np.ones((2, 2)), np.ones(1)])
    assert opt.iterations == 2


def test_sgd_plain_and_momentum():
    w = np.array([1.0])
    optimizers.SGD(learning_rate=0.1).step(w, np.array([2.0]))
    assert w[0] == pytest.approx(0.8)
    w = np.array([1.0])
    sgd = optimizers.SGD(learning_rate=0.1, momentum=0.9)
    sgd.step(w, np.array([1.0]))
    sgd.step(w, np.array([1.0]))
    assert w[0] == pytest.approx(1.0 - 0.1 - (0.9 * 0.1 + 0.1))


def test_state_round_trip_and_reset():
    opt = optimizers.Adam()
    w = np.ones(2)
    opt.step(w, np.ones(2))
    state = opt.get_state()
    opt.step(w, np.ones(2))
    opt.set_state(state)
    assert opt.iterations == 1
    opt.reset()
    assert opt.iterations == 0


@pytest.mark.parametrize("factory, message", [
    (lambda: optimizers.SGD(learning_rate=0), "Received: learning_rate=0"),
    (lambda: optimizers.SGD(momentum=1.0), "Received: momentum=1.0"),
    (lambda: optimizers.Adam(beta_1=1.0), "Received: beta_1=1.0"),
    (lambda: optimizers.Adam(epsilon=-1), "Received: epsilon=-1"),
    (lambda: optimizers.Adam().step([np.ones(2)], []), "pair up"),
])
def test_validation(factory, message):
    with pytest.raises(ValueError, match=message):
        factory()


def test_shape_change_needs_reset():
    opt = optimizers.SGD()
    opt.step(np.ones(2), np.ones(2))
    with pytest.raises(ValueError, match="reset"):
        opt.step(np.ones(3), np.ones(3))
