"""One step of the laptop network, every number held against a plain NumPy re-derivation
(tests/unit/learn/training/reference.py) that shares no code with nncore or the page."""

import numpy as np
import pytest

from laptop.data import tutorial_arrays
from laptop.recipe import RECIPE, build_model, one_hot
from learn.training.one_step import MAX_STEPS, one_step
from tests.unit.learn.training import reference as ref

XS, LABELS = tutorial_arrays()
CASES = [(0, 0, 0), (0, 2, 0), (0, 4, 0), (3, 6, 0), (8, 1, 0), (0, 2, 3), (11, 5, 7)]


def _close(page, mine, tol=1e-12):
    for a, b in zip(page, mine, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=tol)


def _replay(seed, row, steps):
    """The start, and the weights, moments and losses after `steps` textbook Adam steps on
    one row, all by hand from the start weights."""
    start = build_model(RECIPE.__class__(seed=seed)).get_weights()
    x, target = XS[row], np.eye(2)[LABELS[row]]
    weights = [w.copy() for w in start]
    m = [np.zeros_like(w) for w in weights]
    v = [np.zeros_like(w) for w in weights]
    row_losses, table_losses = [], []
    for t in range(1, steps + 1):
        row_losses.append(ref.loss(weights, x, target))
        table_losses.append(ref.table_loss(weights, XS, LABELS))
        weights, m, v, _, _ = ref.adam(weights, ref.backward(weights, x, target)["weights"],
                                       m, v, t)
    return start, weights, m, v, row_losses, table_losses


@pytest.mark.parametrize("seed,row,steps", CASES)
def test_every_number_of_the_step_matches_the_hand_derivation(seed, row, steps):
    step = one_step(seed, row, steps)
    start, weights, m, v, row_losses, table_losses = _replay(seed, row, steps)
    x, target = XS[row], np.eye(2)[LABELS[row]]
    if steps == 0:
        _close(step.weights, start, 0)  # the recipe's start, untouched
    _close(step.weights, weights, 1e-12)
    np.testing.assert_array_equal(step.x, x)
    assert step.label == LABELS[row]
    np.testing.assert_array_equal(step.target, target)
    # forward
    hidden_z, hidden_a, out_z, p = ref.forward(weights, x)
    _close([step.forward.hidden_sum, step.forward.hidden_out, step.forward.output_sum,
            step.forward.probabilities], [hidden_z, hidden_a, out_z, p])
    assert step.forward.loss == pytest.approx(ref.bce(target, p), abs=1e-12)
    # backward
    grads = ref.backward(weights, x, target)
    _close([step.gradients.at_probabilities, step.gradients.at_output_sum,
            step.gradients.at_hidden_out, step.gradients.at_hidden_sum],
           [grads["p"], grads["out_z"], grads["hidden_a"], grads["hidden_z"]])
    _close(step.gradients.weights, grads["weights"])
    # the softmax + crossentropy shortcut: dL/dz at the outputs is p - y (a batch of 1)
    np.testing.assert_allclose(step.gradients.at_output_sum, p - target, atol=1e-12)
    # the finite-difference check, against my own finite differences
    mine = ref.finite_difference(weights, x, target)
    _close(step.finite_difference, mine, 1e-8)
    _close(step.gradients.weights, mine, 1e-8)
    gap = max(np.max(np.abs(g - e)) for g, e in zip(step.gradients.weights,
                                                    step.finite_difference, strict=True))
    assert step.largest_gap == gap and step.largest_gap < 1e-6
    # plain gradient descent
    assert step.plain_learning_rate == ref.LEARNING_RATE
    _close(step.plain_change, [-ref.LEARNING_RATE * g for g in grads["weights"]])
    # Adam, from the moments the earlier steps left
    new, m_after, v_after, m_hat, v_hat = ref.adam(weights, grads["weights"], m, v, steps + 1)
    a = step.adam
    assert a.t == steps + 1
    assert (a.learning_rate, a.beta_1, a.beta_2, a.epsilon) == (
        ref.LEARNING_RATE, ref.BETA_1, ref.BETA_2, ref.EPSILON)
    _close(a.first_moment_before, m)
    _close(a.second_moment_before, v)
    _close(a.first_moment, m_after)
    _close(a.second_moment, v_after)
    _close(a.first_corrected, m_hat, 1e-11)
    _close(a.second_corrected, v_hat, 1e-11)
    _close(a.weights_after, new)
    _close(a.change, [b - w for b, w in zip(new, weights, strict=True)])
    # the losses after the step, on the row and on the whole table
    assert step.after.loss == pytest.approx(ref.loss(new, x, target), abs=1e-12)
    assert step.table_loss_before == pytest.approx(ref.table_loss(weights, XS, LABELS),
                                                   abs=1e-12)
    assert step.table_loss_after == pytest.approx(ref.table_loss(new, XS, LABELS), abs=1e-12)
    np.testing.assert_allclose(step.row_losses, [*row_losses, ref.loss(weights, x, target),
                                                 ref.loss(new, x, target)], atol=1e-12)
    np.testing.assert_allclose(step.table_losses, [
        *table_losses, ref.table_loss(weights, XS, LABELS), ref.table_loss(new, XS, LABELS)],
        atol=1e-12)


def test_the_start_is_the_recipe_glorot_normal_kernels_and_zero_biases():
    step = one_step(5, 0, 0)
    hidden_kernel, hidden_bias, output_kernel, output_bias = step.weights
    assert hidden_kernel.shape == (2, 3) and output_kernel.shape == (3, 2)
    assert not hidden_bias.any() and not output_bias.any()
    for kernel in (hidden_kernel, output_kernel):  # truncated at 2 std of sqrt(2/(in+out))
        assert np.all(np.abs(kernel) <= 2 * np.sqrt(2 / sum(kernel.shape)))
    assert not np.allclose(one_step(6, 0, 0).weights[0], hidden_kernel)  # the seed matters


def test_adams_first_step_moves_every_weight_with_a_gradient_by_about_the_learning_rate():
    for seed, row in ((0, 2), (3, 6), (8, 1)):
        step = one_step(seed, row, 0)
        grads = np.concatenate([g.ravel() for g in step.gradients.weights])
        change = np.concatenate([c.ravel() for c in step.adam.change])
        moving = grads != 0
        assert moving.sum() >= (12 if (seed, row) == (0, 2) else 2)
        # exactly lr * |g| / (|g| + eps): within 1e-4 of lr for these gradients
        np.testing.assert_allclose(np.abs(change[moving]), 0.1, atol=1e-4)
        assert np.all(np.sign(change[moving]) == -np.sign(grads[moving]))
        assert np.all(change[~moving] == 0)
        # while plain gradient descent moves each by 0.1 * |g| (every |g| < 1 here): less
        plain = np.concatenate([c.ravel() for c in step.plain_change])
        assert np.max(np.abs(grads)) < 1
        assert np.max(np.abs(plain)) < np.min(np.abs(change[moving]))


def test_the_pages_steps_are_the_engines_training_steps():
    """k steps of the page on one row = the engine's fit on that row alone, k epochs of a
    batch of 1 (its fused, flat-buffer Adam)."""
    seed, row, steps = 4, 3, 6
    model = build_model(RECIPE.__class__(seed=seed))
    model.fit(XS[row:row + 1], one_hot(LABELS[row:row + 1]), epochs=steps, batch_size=1,
              shuffle=False)
    _close(one_step(seed, row, steps).weights, model.get_weights(), 1e-12)


def test_a_step_on_one_row_helps_that_row_and_may_hurt_the_table():
    """Seed 0, row 1 (don't buy): this row's loss falls while the whole table's rises; row 3
    (buy): both fall. Measured by hand."""
    x0, t0 = XS[0], np.eye(2)[LABELS[0]]
    start = build_model(RECIPE).get_weights()
    new = ref.adam(start, ref.backward(start, x0, t0)["weights"],
                   [np.zeros_like(w) for w in start], [np.zeros_like(w) for w in start], 1)[0]
    assert ref.loss(new, x0, t0) < ref.loss(start, x0, t0)
    assert ref.table_loss(new, XS, LABELS) > ref.table_loss(start, XS, LABELS)
    step = one_step(0, 0, 0)
    assert step.after.loss < step.forward.loss and step.table_loss_after > step.table_loss_before
    step = one_step(0, 2, 0)
    assert step.after.loss < step.forward.loss and step.table_loss_after < step.table_loss_before


@pytest.mark.parametrize("row,steps", [(-1, 0), (9, 0), (0, -1), (0, MAX_STEPS + 1)])
def test_out_of_range_requests_are_refused_with_the_value(row, steps):
    with pytest.raises(ValueError, match="Received"):
        one_step(0, row, steps)
