"""nncore against a tiny reference written separately, in plain NumPy, for this test.

The reference uses no nncore code and takes the long way on purpose: the binary
crossentropy gradient with respect to the probabilities, then the full softmax Jacobian
row by row, then Adam written from its textbook formula.
"""

import numpy as np

from nncore import Dense, Sequential, optimizers
from tests.unit.nncore.tutorial_data import LAPTOP_ONE_HOT, LAPTOP_X


def reference_adam_training(weights, x, y, steps, lr=0.1, b1=0.9, b2=0.999, eps=1e-7):
    w1, c1, w2, c2 = (np.array(w, dtype=float) for w in weights)
    params = [w1, c1, w2, c2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    n, k = y.shape
    for t in range(1, steps + 1):
        h_pre = x @ w1 + c1
        h = np.where(h_pre > 0, h_pre, 0.0)
        logits = h @ w2 + c2
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        # loss = mean over rows of mean over units of -(y log p + (1 - y) log(1 - p))
        d_p = -(y / p - (1 - y) / (1 - p)) / (k * n)
        d_logits = np.zeros_like(p)
        for row in range(n):
            jacobian = np.diag(p[row]) - np.outer(p[row], p[row])
            d_logits[row] = jacobian.T @ d_p[row]
        g_w2 = h.T @ d_logits
        g_c2 = d_logits.sum(axis=0)
        d_h = d_logits @ w2.T
        d_h_pre = d_h * (h_pre > 0)
        g_w1 = x.T @ d_h_pre
        g_c1 = d_h_pre.sum(axis=0)
        for i, g in enumerate([g_w1, g_c1, g_w2, g_c2]):
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g ** 2
            m_hat = m[i] / (1 - b1 ** t)
            v_hat = v[i] / (1 - b2 ** t)
            params[i] -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return params


def test_twenty_full_batch_adam_steps_match_the_reference():
    model = Sequential([Dense(3, "relu", input_dim=2), Dense(2, "softmax")], seed=21)
    model.compile(optimizers.Adam(0.1), "binary_crossentropy")
    start = model.get_weights()
    expected = reference_adam_training(start, LAPTOP_X, LAPTOP_ONE_HOT, steps=20)
    model.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=20, batch_size=32, shuffle=False)
    assert model.optimizer.iterations == 20
    for got, want, before in zip(model.get_weights(), expected, start, strict=True):
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-6)
        assert np.abs(got - before).max() > 0.1  # the weights really moved


def test_general_jacobian_path_agrees_with_the_fused_path():
    x, y = LAPTOP_X, LAPTOP_ONE_HOT
    fused = Sequential([Dense(3, "tanh", input_dim=2), Dense(2, "softmax")], seed=3)
    fused.compile(optimizers.Adam(0.05), "binary_crossentropy")
    general = Sequential.from_dict(fused.to_dict())
    general.compile(optimizers.Adam(0.05), "binary_crossentropy")
    general.loss.fused_scale = lambda activation, y_true: None  # force the long way
    fused.fit(x, y, epochs=15, batch_size=4, seed=0)
    general.fit(x, y, epochs=15, batch_size=4, seed=0)
    for a, b in zip(fused.get_weights(), general.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)
