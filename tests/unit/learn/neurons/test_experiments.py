import numpy as np
import pytest

from laptop.data import tutorial_arrays
from learn.neurons import experiments
from nncore import neurons
from ui.grid import probability_grid


def test_perceptron_grid_puts_x_on_columns_and_y_on_rows():
    axis, grid = probability_grid(
        lambda rows: experiments.perceptron_outputs(rows, [1.0, 0.0], -0.5), resolution=5)
    assert grid.shape == (5, 5)
    assert grid[0].tolist() == [0, 0, 1, 1, 1]  # x varies along a row
    assert (grid[:, 0] == 0).all()


def test_perceptron_outputs_match_nncore_on_the_corners():
    out = experiments.perceptron_outputs(experiments.CORNERS, [0.5, 0.9], -0.5)
    assert out.tolist() == [neurons.perceptron(c, [0.5, 0.9], -0.5) for c in experiments.CORNERS]
    assert out.tolist() == [0, 1, 1, 1]


def test_sweep_is_a_step_for_the_perceptron_and_smooth_for_the_sigmoid():
    values = np.linspace(-1.5, 1.5, 61)
    step, smooth = experiments.sweep("w2", values, [0, 1], [0.5, 0.9], -0.5)
    assert set(step.tolist()) == {0, 1}
    assert np.all(np.diff(step) >= 0) and np.count_nonzero(np.diff(step)) == 1
    assert np.all(np.diff(smooth) > 0)


def test_tiny_change_flips_the_perceptron_at_the_tutorial_setting():
    change = experiments.tiny_change("w2", [0, 1], [0.5, 0.9], -0.5)
    assert change.flip_at == pytest.approx(0.5)
    assert (change.step_before, change.step_after) == (0, 1)
    assert change.sigmoid_after - change.sigmoid_before == pytest.approx(0.005, abs=1e-4)
    bias = experiments.tiny_change("bias", [0, 1], [0.5, 0.9], -0.5)
    assert bias.flip_at == pytest.approx(-0.9)


def test_tiny_change_says_when_a_knob_cannot_matter():
    assert experiments.tiny_change("w1", [0, 1], [0.5, 0.9], -0.5).flip_at is None


def test_mistakes_per_epoch_ends_at_zero_only_when_converged():
    x, y = tutorial_arrays()
    run = neurons.perceptron_learning(x, y, learning_rate=0.1, max_epochs=20)
    counts = experiments.mistakes_per_epoch(run)
    assert run.converged and len(counts) == run.epochs and counts[-1] == 0
    assert sum(counts) == sum(s.changed for s in run.steps) > 0
    xor = neurons.perceptron_learning(experiments.CORNERS, experiments.XOR_LABELS, max_epochs=20)
    assert not xor.converged and min(experiments.mistakes_per_epoch(xor)) > 0


@pytest.mark.parametrize("seed", range(5))
def test_vectorised_outputs_agree_with_nncore_row_by_row(seed):
    rng = np.random.default_rng(seed)
    w, bias = rng.uniform(-1.5, 1.5, size=2), float(rng.uniform(-2, 2))
    points = np.column_stack([rng.uniform(-0.1, 1.1, 200), rng.uniform(-0.1, 1.1, 200)])
    assert experiments.perceptron_outputs(points, w, bias).tolist() == [
        neurons.perceptron(p, w, bias) for p in points]
    np.testing.assert_allclose(experiments.sigmoid_outputs(points, w, bias),
                               [neurons.sigmoid_neuron(p, w, bias) for p in points],
                               rtol=1e-12)
    x = points[0]
    for knob in experiments.KNOBS:
        values = rng.uniform(-2, 2, 50)
        step, smooth = experiments.sweep(knob, values, x, w, bias)
        expected = [experiments._settings_with(knob, v, w, bias) for v in values]
        assert step.tolist() == [neurons.perceptron(x, ww, bb) for ww, bb in expected]
        np.testing.assert_allclose(smooth, [neurons.sigmoid_neuron(x, ww, bb)
                                            for ww, bb in expected], rtol=1e-12)
