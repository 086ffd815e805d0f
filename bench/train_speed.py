"""Single-model training speed: nncore vs scikit-learn vs PyTorch eager, and a check
that nncore's Adam steps agree with PyTorch's from identical starting weights.

Task: the tutorial's 2-3-2 network (ReLU, softmax, Adam, binary crossentropy), batch 32,
10,000 rows, 20 epochs = 6,260 steps. Figures are printed, never asserted: the machine
may be shared, so compare the ratios within one run.
"""

import warnings

import numpy as np
from _common import LAPTOP_X, LAPTOP_Y, best_time, optional, torch_fit, torch_model

from nncore import Dense, Sequential, optimizers

ROWS, EPOCHS, BATCH, LEARNING_RATE = 10_000, 20, 32, 0.01
STEPS = EPOCHS * -(-ROWS // BATCH)


def data():
    rng = np.random.default_rng(0)
    x = rng.random((ROWS, 2))
    y = (x[:, 1] > 0.5 * x[:, 0] + 0.2).astype(int)  # small beats pink, as for the friend
    return x, y


def nncore_fit(x, y):
    model = Sequential([Dense(3, "relu", input_dim=2), Dense(2, "softmax")], seed=0)
    model.compile(optimizers.Adam(LEARNING_RATE), "binary_crossentropy")
    return model.fit(x, y, epochs=EPOCHS, batch_size=BATCH, shuffle=True)


def sklearn_fit(sklearn_mlp, x, y):
    model = sklearn_mlp.MLPClassifier(
        hidden_layer_sizes=(3,), activation="relu", solver="adam", batch_size=BATCH,
        learning_rate_init=LEARNING_RATE, epsilon=1e-7, max_iter=EPOCHS, shuffle=True,
        tol=0.0, n_iter_no_change=EPOCHS + 1, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning: 20 epochs is on purpose
        model.fit(x, y)


def speed():
    x, y = data()
    torch = optional("torch")
    sklearn = optional("sklearn")
    times = {"nncore": []}
    if sklearn is not None:
        from sklearn import neural_network as sklearn_mlp
        times["scikit-learn"] = []
    if torch is not None:
        torch.set_num_threads(1)
        xt = torch.tensor(x, dtype=torch.float32)
        yt = torch.nn.functional.one_hot(torch.tensor(y), 2).to(torch.float32)
        times["PyTorch eager"] = []
    for _ in range(3):  # interleaved, so a noisy neighbour hurts every contender alike
        times["nncore"].append(best_time(lambda: nncore_fit(x, y), repeat=5))
        if sklearn is not None:
            times["scikit-learn"].append(best_time(lambda: sklearn_fit(sklearn_mlp, x, y), 1))
        if torch is not None:
            times["PyTorch eager"].append(best_time(
                lambda: torch_fit(torch, torch_model(torch), xt, yt, EPOCHS, BATCH,
                                  LEARNING_RATE), 1))
    best = {name: min(values) for name, values in times.items()}
    print(f"2-3-2 model, batch {BATCH}, {ROWS} rows, {EPOCHS} epochs = {STEPS} steps")
    for name, seconds in best.items():
        ratio = best[name] / best["nncore"]
        print(f"  {name:<14} {seconds:7.3f} s  {STEPS / seconds:9.0f} steps/s  "
              f"{seconds / STEPS * 1e6:7.1f} us/step  nncore is {ratio:5.1f}x faster")
    return best


def reference_check():
    """20 full-batch Adam(0.1) steps from identical weights: nncore vs PyTorch (float64)."""
    torch = optional("torch")
    if torch is None:
        return None
    model = Sequential([Dense(3, "relu", input_dim=2), Dense(2, "softmax")], seed=3)
    model.compile(optimizers.Adam(0.1), "binary_crossentropy")
    start = model.get_weights()
    net = torch_model(torch, start, dtype=torch.float64)
    xt = torch.tensor(LAPTOP_X, dtype=torch.float64)
    yt = torch.nn.functional.one_hot(torch.tensor(LAPTOP_Y), 2).to(torch.float64)
    torch_fit(torch, net, xt, yt, epochs=20, batch_size=32, learning_rate=0.1, shuffle=False)
    model.fit(LAPTOP_X, LAPTOP_Y, epochs=20, batch_size=32, shuffle=False)
    theirs = [net[0].weight.detach().numpy().T, net[0].bias.detach().numpy(),
              net[2].weight.detach().numpy().T, net[2].bias.detach().numpy()]
    difference = max(float(np.abs(a - b).max()) for a, b in zip(model.get_weights(), theirs,
                                                                 strict=True))
    moved = max(float(np.abs(a - b).max()) for a, b in zip(model.get_weights(), start,
                                                           strict=True))
    verdict = "agree" if difference < 1e-6 else "DISAGREE"
    print(f"Reference: 20 full-batch Adam(0.1) steps on the laptops, weights moved up to "
          f"{moved:.3f}; largest difference nncore vs PyTorch (float64) = {difference:.2e} "
          f"-> {verdict} within 1e-6")
    return difference


if __name__ == "__main__":
    speed()
    reference_check()
