"""An independent re-derivation of one training step of the laptop network, in plain NumPy:
no nncore, no learn.training. The tests hold the page's numbers against these.

Written from the formulas, not from the engine's code: ReLU hidden layer, a two-unit softmax,
binary crossentropy averaged over the two outputs and then the rows, its gradient taken
through the softmax's full Jacobian, and Adam in its textbook form (bias-corrected moments,
epsilon outside the square root).
"""

import numpy as np

LEARNING_RATE, BETA_1, BETA_2, EPSILON = 0.1, 0.9, 0.999, 1e-7


def forward(weights, x):
    """(hidden z, hidden a, output z, p) for one row x (2,)."""
    w1, b1, w2, b2 = weights
    hidden_z = np.array([x[0] * w1[0, j] + x[1] * w1[1, j] + b1[j] for j in range(3)])
    hidden_a = np.where(hidden_z > 0, hidden_z, 0.0)
    out_z = np.array([sum(hidden_a[j] * w2[j, k] for j in range(3)) + b2[k] for k in range(2)])
    exps = np.exp(out_z - out_z.max())
    return hidden_z, hidden_a, out_z, exps / exps.sum()


def bce(target, p):
    """-mean over the outputs of y ln p + (1 - y) ln(1 - p), p clipped to [1e-7, 1 - 1e-7]."""
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return float(-np.mean(target * np.log(p) + (1 - target) * np.log(1 - p)))


def loss(weights, x, target):
    return bce(target, forward(weights, x)[3])


def table_loss(weights, xs, labels):
    targets = np.eye(2)[labels]
    return float(np.mean([loss(weights, x, t) for x, t in zip(xs, targets, strict=True)]))


def backward(weights, x, target):
    """dict of every intermediate gradient and the weight gradients, chain rule by hand."""
    w1, b1, w2, b2 = weights
    hidden_z, hidden_a, out_z, p = forward(weights, x)
    d_p = -(target / p - (1 - target) / (1 - p)) / 2.0  # the mean over 2 outputs, 1 row
    jacobian = np.array([[p[i] * ((i == j) - p[j]) for j in range(2)] for i in range(2)])
    d_out_z = jacobian.T @ d_p
    d_w2 = np.outer(hidden_a, d_out_z)
    d_b2 = d_out_z.copy()
    d_hidden_a = w2 @ d_out_z
    d_hidden_z = d_hidden_a * (hidden_z > 0)
    d_w1 = np.outer(x, d_hidden_z)
    d_b1 = d_hidden_z.copy()
    return {"p": d_p, "out_z": d_out_z, "hidden_a": d_hidden_a, "hidden_z": d_hidden_z,
            "weights": [d_w1, d_b1, d_w2, d_b2]}


def finite_difference(weights, x, target, h=1e-5):
    """Central differences of `loss`, one weight at a time."""
    out = []
    for index, array in enumerate(weights):
        estimate = np.zeros_like(array)
        for pos in np.ndindex(array.shape):
            up = [w.copy() for w in weights]
            down = [w.copy() for w in weights]
            up[index][pos] += h
            down[index][pos] -= h
            estimate[pos] = (loss(up, x, target) - loss(down, x, target)) / (2 * h)
        out.append(estimate)
    return out


def adam(weights, grads, m, v, t):
    """One textbook Adam step: returns (new weights, m, v, m_hat, v_hat)."""
    m = [BETA_1 * mi + (1 - BETA_1) * g for mi, g in zip(m, grads, strict=True)]
    v = [BETA_2 * vi + (1 - BETA_2) * g * g for vi, g in zip(v, grads, strict=True)]
    m_hat = [mi / (1 - BETA_1 ** t) for mi in m]
    v_hat = [vi / (1 - BETA_2 ** t) for vi in v]
    new = [w - LEARNING_RATE * mh / (np.sqrt(vh) + EPSILON)
           for w, mh, vh in zip(weights, m_hat, v_hat, strict=True)]
    return new, m, v, m_hat, v_hat
