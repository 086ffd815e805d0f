"""Shared bits of the benchmarks: the laptop table, timing, optional peers."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from laptop.data import tutorial_arrays  # noqa: E402 - after the path is set

LAPTOP_X, LAPTOP_Y = tutorial_arrays()


def best_time(function, repeat=3):
    """The fastest of `repeat` runs, in seconds (the machine is shared: min is least noisy)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def optional(module):
    """Import a peer if installed, else None (install with bench/requirements.txt)."""
    try:
        return __import__(module)
    except ImportError:
        print(f"({module} is not installed: pip install -r bench/requirements.txt)")
        return None


def torch_model(torch, weights=None, dtype=None):
    """The tutorial's 2-3-2 network in PyTorch, optionally from nncore weights."""
    dtype = dtype or torch.float32
    net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2),
                              torch.nn.Softmax(dim=1)).to(dtype)
    if weights is not None:
        with torch.no_grad():
            for layer, kernel, bias in zip((net[0], net[2]), weights[0::2], weights[1::2],
                                           strict=True):
                layer.weight.copy_(torch.tensor(kernel.T, dtype=dtype))
                layer.bias.copy_(torch.tensor(bias, dtype=dtype))
    return net


def torch_fit(torch, net, x, y, epochs, batch_size, learning_rate, shuffle=True):
    """A plain PyTorch eager loop: Adam (epsilon 1e-7, as TensorFlow.js), BCE on softmax."""
    optimizer = torch.optim.Adam(net.parameters(), lr=learning_rate, eps=1e-7)
    loss_fn = torch.nn.BCELoss()
    rows = x.shape[0]
    for _ in range(epochs):
        order = torch.randperm(rows) if shuffle else torch.arange(rows)
        for start in range(0, rows, batch_size):
            index = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(net(x[index]), y[index])
            loss.backward()
            optimizer.step()
    return net
