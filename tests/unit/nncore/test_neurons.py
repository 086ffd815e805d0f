import math

import numpy as np
import pytest

from nncore import perceptron, perceptron_learning, sigmoid_neuron, weighted_sum


def test_tutorial_perceptron_buys():
    assert weighted_sum([0, 1], [0.5, 0.9], -0.5) == pytest.approx(0.4)
    assert perceptron([0, 1], [0.5, 0.9], -0.5) == 1
    assert perceptron([0, 0], [0.5, 0.9], -0.5) == 0
    assert isinstance(perceptron([1, 1], [0.5, 0.9], -0.5), int)


def test_perceptron_fires_exactly_at_zero():
    assert perceptron([1.0], [1.0], -1.0) == 1  # w.x + b == 0 is not < 0


def test_tutorial_sigmoid_neuron():
    value = sigmoid_neuron([0.6, 0.9], [0.5, 0.9], -0.5)
    assert isinstance(value, float)
    # z = 0.61 exactly; float64 gives 0.64794080208..., TensorFlow.js prints 0.6479408
    # (its float32 result is 0.6479407549, hence the tutorial's digits).
    assert value == pytest.approx(1 / (1 + math.exp(-0.61)), rel=1e-15)
    assert value == pytest.approx(0.6479408020806503, abs=1e-15)
    assert round(value, 7) == 0.6479408
    assert float(np.float32(value)) == pytest.approx(0.6479407548, abs=1e-7)


def test_sigmoid_neuron_is_overflow_safe():
    assert sigmoid_neuron([1e4], [1.0], 0) == 1.0
    assert sigmoid_neuron([-1e4], [1.0], 0) == 0.0


@pytest.mark.parametrize("x, w, message", [
    ([0, 1], [0.5], "same length"),
    ([0, np.nan], [0.5, 0.9], "nan or inf"),
    ([], [], "empty"),
    ([[0, 1]], [0.5, 0.9], "dimension"),
])
def test_neuron_validation(x, w, message):
    with pytest.raises(ValueError, match=message):
        perceptron(x, w, 0.0)


def test_learning_rule_converges_on_and():
    x = [[0, 0], [0, 1], [1, 0], [1, 1]]
    run = perceptron_learning(x, [0, 0, 0, 1])
    assert run.converged
    assert [perceptron(row, run.weights, run.bias) for row in x] == [0, 0, 0, 1]
    last_epoch = [s for s in run.steps if s.epoch == run.epochs]
    assert len(last_epoch) == 4 and not any(s.changed for s in last_epoch)
    assert len(run.steps) == 4 * run.epochs


def test_learning_rule_steps_follow_the_classic_rule():
    run = perceptron_learning([[1.0, 2.0]], [0], w0=(0.5, 0.5), b0=0.0, learning_rate=0.1)
    first = run.steps[0]
    assert (first.epoch, first.index, first.target, first.output) == (1, 0, 0, 1)
    assert first.changed
    np.testing.assert_allclose(first.weights, [0.4, 0.3])
    assert first.bias == pytest.approx(-0.1)


def test_learning_rule_reports_xor_does_not_converge():
    run = perceptron_learning([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], max_epochs=15)
    assert not run.converged
    assert run.epochs == 15
    assert len(run.steps) == 60


@pytest.mark.parametrize("kwargs, message", [
    ({"y": [0, 2]}, "0 or 1"),
    ({"y": [0]}, "same number of rows"),
    ({"w0": (0.0,)}, "w0 needs one weight per input"),
    ({"learning_rate": 0}, "learning_rate"),
    ({"max_epochs": 0}, "Received: max_epochs=0"),
])
def test_learning_rule_validation(kwargs, message):
    args = {"x": [[0, 0], [1, 1]], "y": [0, 1], **kwargs}
    with pytest.raises(ValueError, match=message):
        perceptron_learning(**args)
