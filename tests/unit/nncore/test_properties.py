"""Property tests: the engine's promises for any input hypothesis can think of."""

import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nncore import activations, losses

finite_inputs = arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 4)),
                       elements=st.floats(-1e4, 1e4, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(z=finite_inputs, name=st.sampled_from(activations.NAMES))
def test_activations_never_warn_and_stay_finite(z, name):
    act = activations.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = act(z)
        back = act.backward(z, np.ones_like(z))
    assert values.shape == z.shape and np.all(np.isfinite(values))
    assert np.all(np.isfinite(back))


@settings(max_examples=60, deadline=None)
@given(z=finite_inputs)
def test_softmax_rows_are_distributions_and_backward_is_the_jacobian(z):
    softmax = activations.Softmax()
    s = softmax(z)
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all(s >= 0)
    grad = np.cos(np.arange(z.size, dtype=float)).reshape(z.shape)
    expected = np.einsum("ri,rij->rj", grad, softmax.jacobian(z))
    np.testing.assert_allclose(softmax.backward(z, grad), expected, atol=1e-12)


probabilities = arrays(np.float64, (4, 3), elements=st.floats(0.0, 1.0))


@settings(max_examples=60, deadline=None)
@given(y=probabilities, p=probabilities, name=st.sampled_from(losses.NAMES))
def test_losses_are_finite_and_non_negative_even_at_0_and_1(y, p, name):
    p = p + 1e-3 if name == "categorical_crossentropy" else p  # cce normalises rows
    loss = losses.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, grad = loss(y, p), loss.gradient(y, p)
    assert np.isfinite(value) and value >= -1e-12
    assert np.all(np.isfinite(grad))
