"""An independent re-implementation, in plain NumPy, of the tutorial's training: a 2-layer
network (hidden activation, then a 2-unit softmax), full-batch Adam in the TensorFlow.js
form, binary crossentropy. Written from the formulas in
/work/shared/reference/tutorial-facts.md, not from nncore's code, so tests can check the
engine and the pages against it.

Every function takes weights [k1, b1, k2, b2] with an optional leading member axis
(k1: (members, inputs, hidden), b1: (members, hidden), ...), so one call trains or scores a
whole population.
"""

import numpy as np

LEAKY_ALPHA = 0.2  # TensorFlow.js's default


def act(name, z):
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, LEAKY_ALPHA * z)
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    raise ValueError(name)


def act_slope(name, z):
    if name == "relu":
        return (z > 0).astype(float)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, LEAKY_ALPHA)
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-z))
        return s * (1.0 - s)
    raise ValueError(name)


def _forward(weights, x, activation):
    k1, b1, k2, b2 = weights
    z1 = x @ k1 + b1[..., None, :]
    a1 = act(activation, z1)
    z2 = a1 @ k2 + b2[..., None, :]
    e = np.exp(z2 - z2.max(axis=-1, keepdims=True))
    return z1, a1, e / e.sum(axis=-1, keepdims=True)


def probabilities(weights, x, activation="relu"):
    """Softmax outputs (..., rows, 2): column 0 don't buy, column 1 buy."""
    return _forward(weights, np.asarray(x, dtype=float), activation)[2]


def bce_loss(p, y):
    """Binary crossentropy as TensorFlow.js computes it: p clipped to [1e-7, 1 - 1e-7],
    averaged over the units, then over the rows."""
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)), axis=(-2, -1))


def binary_accuracy(p, y):
    """Share of output elements on the right side of 0.5 (per member)."""
    return np.mean((p > 0.5) == (y > 0.5), axis=(-2, -1))


def train_adam(weights, x, y, epochs=20, lr=0.1, activation="relu",
               beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    """Full-batch Adam on (x, y one-hot): one step per epoch. For a 2-unit softmax binary
    crossentropy equals categorical crossentropy, so dL/dz2 = (p - y) / rows."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = [np.array(a, dtype=float) for a in weights]
    m = [np.zeros_like(a) for a in w]
    v = [np.zeros_like(a) for a in w]
    rows = x.shape[0]
    for t in range(1, epochs + 1):
        k1, b1, k2, b2 = w
        z1, a1, p = _forward(w, x, activation)
        dz2 = (p - y) / rows
        dk2 = np.swapaxes(a1, -1, -2) @ dz2
        db2 = dz2.sum(axis=-2)
        dz1 = (dz2 @ np.swapaxes(k2, -1, -2)) * act_slope(activation, z1)
        dk1 = np.swapaxes(np.broadcast_to(x, dz1.shape[:-1] + (x.shape[1],)), -1, -2) @ dz1
        db1 = dz1.sum(axis=-2)
        for i, g in enumerate((dk1, db1, dk2, db2)):
            m[i] = beta_1 * m[i] + (1 - beta_1) * g
            v[i] = beta_2 * v[i] + (1 - beta_2) * g * g
            m_hat = m[i] / (1 - beta_1 ** t)
            v_hat = v[i] / (1 - beta_2 ** t)
            w[i] = w[i] - lr * m_hat / (np.sqrt(v_hat) + epsilon)
    return w


def verdict_sentence(buy_probability):
    """The friend's sentence, written out from its definition: the likelier answer first,
    each share as a whole percent (Python's round), the two adding up to 100."""
    buy = round(100 * float(buy_probability))
    if buy_probability >= 0.5:
        return f"Buy it: {buy}% sure. Don't buy: {100 - buy}%."
    return f"Don't buy it: {100 - buy}% sure. Buy: {buy}%."


def recipe_verdicts(start_weights, x, labels, laptops, hidden_activation="relu",
                    validation_split=0.1, epochs=20, lr=0.1):
    """The sentences for `laptops` after the tutorial's training from `start_weights`:
    the first floor(rows * (1 - validation_split)) rows train, 20 full-batch Adam steps."""
    x = np.asarray(x, dtype=float)
    n_train = int(np.floor(len(x) * (1 - validation_split) + 1e-9))
    y = np.eye(2)[np.asarray(labels, dtype=int)]
    w = train_adam(start_weights, x[:n_train], y[:n_train], epochs=epochs, lr=lr,
                   activation=hidden_activation)
    p = probabilities(w, laptops, hidden_activation)[:, 1]
    return [verdict_sentence(v) for v in p]
