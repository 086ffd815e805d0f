"""One training step of the laptop network on one row of the friend's table, every number
of it: the forward pass, the loss, the backward pass and the update, by plain gradient
descent and by Adam.

The numbers are the engine's own: the recipe's network (`laptop.recipe.build_model`: 2 -> 3
ReLU -> 2 softmax, Glorot normal kernels, zero biases, binary crossentropy, Adam 0.1), each
Dense layer's `forward` and `backward`, the softmax's and the loss's `backward`/`gradient`,
and the model's own Adam. A finite-difference estimate of every gradient is taken the same
moment, from the loss alone, as a check on the backward pass.

Weights are listed as the engine lists them (`Sequential.get_weights`):
[hidden kernel (2, 3), hidden bias (3,), output kernel (3, 2), output bias (2,)].
Pure: NumPy and nncore, no streamlit, no plotly.
"""

from dataclasses import dataclass, replace

import numpy as np

from laptop.data import tutorial_arrays
from laptop.recipe import RECIPE, build_model, one_hot
from nncore.model import Sequential
from nncore.optimizers import Adam

FD_STEP = 1e-6  # the nudge of the central finite difference
MAX_STEPS = 50  # how many steps "one more step" may take on one row


@dataclass(frozen=True)
class Pass:
    """What the network computes for one row, and the loss."""

    hidden_sum: np.ndarray  # (3,) z = x @ kernel + bias of each hidden neuron
    hidden_out: np.ndarray  # (3,) ReLU(z)
    output_sum: np.ndarray  # (2,) the output layer's weighted sums (the logits)
    probabilities: np.ndarray  # (2,) softmax: P(don't buy), P(buy)
    loss: float  # binary crossentropy on this row


@dataclass(frozen=True)
class Gradients:
    """The backward pass, from the loss to every weight."""

    at_probabilities: np.ndarray  # (2,) dL/dp
    at_output_sum: np.ndarray  # (2,) dL/dz of the output layer (= p - y for this loss)
    at_hidden_out: np.ndarray  # (3,) dL/da of the hidden neurons
    at_hidden_sum: np.ndarray  # (3,) dL/dz of the hidden neurons
    weights: list[np.ndarray]  # dL/dw for each weight array (engine order)


@dataclass(frozen=True)
class AdamStep:
    """Adam's update of every weight at step number `t` (1 = the first step)."""

    t: int
    learning_rate: float
    beta_1: float
    beta_2: float
    epsilon: float
    first_moment_before: list[np.ndarray]  # m before the step (zeros at t = 1)
    second_moment_before: list[np.ndarray]  # v before the step
    first_moment: list[np.ndarray]  # m after
    second_moment: list[np.ndarray]  # v after
    first_corrected: list[np.ndarray]  # m / (1 - beta_1 ** t)
    second_corrected: list[np.ndarray]  # v / (1 - beta_2 ** t)
    change: list[np.ndarray]  # what Adam adds to each weight (new - old)
    weights_after: list[np.ndarray]


@dataclass(frozen=True)
class OneStep:
    """Everything the Training page shows for one step on one row."""

    seed: int
    row: int  # 0-based index into the table
    steps_before: int  # steps already taken on this row before this one
    x: np.ndarray  # (2,) pink, small
    label: int  # 0 = don't buy, 1 = buy
    target: np.ndarray  # (2,) one-hot
    weights: list[np.ndarray]  # before this step
    forward: Pass
    gradients: Gradients
    finite_difference: list[np.ndarray]  # the same gradients, estimated from the loss alone
    largest_gap: float  # the largest |backward - finite difference| over every weight
    plain_learning_rate: float
    plain_change: list[np.ndarray]  # -learning_rate * gradient
    adam: AdamStep
    after: Pass  # this row again, with Adam's new weights
    table_loss_before: float
    table_loss_after: float
    row_losses: list[float]  # this row's loss before step 1, 2, ..., and after this step
    table_losses: list[float]  # the whole table's loss at the same moments


def recipe_network(seed: int) -> Sequential:
    """The recipe's network at its start, from `seed` (compiled with Adam 0.1)."""
    return build_model(replace(RECIPE, seed=int(seed)))


def run_forward(model: Sequential, x: np.ndarray, target: np.ndarray) -> Pass:
    """One row through the model's own layers, and the model's own loss."""
    hidden, output = model.layers
    rows = np.asarray(x, dtype=float).reshape(1, -1)
    hidden_sum, hidden_out = hidden.forward(rows)
    output_sum, probabilities = output.forward(hidden_out)
    loss = model.loss(np.asarray(target, dtype=float).reshape(1, -1), probabilities)
    return Pass(hidden_sum[0].copy(), hidden_out[0].copy(), output_sum[0].copy(),
                probabilities[0].copy(), float(loss))


def run_backward(model: Sequential, x: np.ndarray, target: np.ndarray) -> Gradients:
    """Backpropagation through the model's own loss gradient, softmax, ReLU and Dense
    `backward`: from dL/dp to every weight."""
    hidden, output = model.layers
    rows = np.asarray(x, dtype=float).reshape(1, -1)
    targets = np.asarray(target, dtype=float).reshape(1, -1)
    hidden_sum, hidden_out = hidden.forward(rows)
    output_sum, probabilities = output.forward(hidden_out)
    at_probabilities = model.loss.gradient(targets, probabilities)
    at_output_sum = output.activation.backward(output_sum, at_probabilities, probabilities)
    out_kernel, out_bias, at_hidden_out = output.backward(hidden_out, at_output_sum)
    at_hidden_sum = hidden.activation.backward(hidden_sum, at_hidden_out, hidden_out)
    hid_kernel, hid_bias, _ = hidden.backward(rows, at_hidden_sum, need_grad_x=False)
    return Gradients(at_probabilities[0].copy(), at_output_sum[0].copy(),
                     at_hidden_out[0].copy(), at_hidden_sum[0].copy(),
                     [hid_kernel.copy(), hid_bias.copy(), out_kernel.copy(), out_bias.copy()])


def finite_differences(model: Sequential, x: np.ndarray, target: np.ndarray,
                       nudge: float = FD_STEP) -> list[np.ndarray]:
    """dL/dw for every weight estimated as (L(w + h) - L(w - h)) / 2h, one weight at a time,
    from the forward pass and the loss only. The model's weights are left as they were."""
    weights = model.get_weights()
    estimates = []
    for index, array in enumerate(weights):
        estimate = np.zeros_like(array)
        for position in np.ndindex(array.shape):
            losses = []
            for sign in (1.0, -1.0):
                nudged = [w.copy() for w in weights]
                nudged[index][position] += sign * nudge
                model.set_weights(nudged)
                losses.append(run_forward(model, x, target).loss)
            estimate[position] = (losses[0] - losses[1]) / (2.0 * nudge)
        estimates.append(estimate)
    model.set_weights(weights)
    return estimates


def _parameters(model: Sequential) -> list[np.ndarray]:
    """The model's weight arrays themselves (views into its buffer), engine order."""
    return [array for layer in model.layers for array in (layer.kernel, layer.bias)]


def _moments(optimizer: Adam, like: list[np.ndarray]) -> tuple[list, list]:
    state = optimizer.get_state()
    if state["slots"] is None:
        return [np.zeros_like(w) for w in like], [np.zeros_like(w) for w in like]
    return [s[0].copy() for s in state["slots"]], [s[1].copy() for s in state["slots"]]


def adam_step(model: Sequential, gradients: list[np.ndarray]) -> AdamStep:
    """Apply the model's own Adam to its weights, and report every part of the update."""
    optimizer = model.optimizer
    before = model.get_weights()
    m_before, v_before = _moments(optimizer, before)
    optimizer.step(_parameters(model), gradients)
    t = optimizer.iterations
    m_after, v_after = _moments(optimizer, before)
    after = model.get_weights()
    return AdamStep(
        t, optimizer.learning_rate, optimizer.beta_1, optimizer.beta_2, optimizer.epsilon,
        m_before, v_before, m_after, v_after,
        [m / (1.0 - optimizer.beta_1 ** t) for m in m_after],
        [v / (1.0 - optimizer.beta_2 ** t) for v in v_after],
        [a - b for a, b in zip(after, before, strict=True)], after)


def table_loss(model: Sequential, x: np.ndarray, y: np.ndarray) -> float:
    """The model's loss over every row of the table (the engine's `evaluate`)."""
    return model.evaluate(x, one_hot(y))["loss"]


def one_step(seed: int = RECIPE.seed, row: int = 0, steps_before: int = 0) -> OneStep:
    """Start the recipe's network from `seed`, take `steps_before` Adam steps on table row
    `row` alone (a batch of 1), then take one more and report every number of it."""
    table_x, table_y = tutorial_arrays()
    if not 0 <= row < len(table_y):
        raise ValueError(f"row must be between 0 and {len(table_y) - 1}. Received: row={row}")
    if not 0 <= steps_before <= MAX_STEPS:
        raise ValueError(f"steps_before must be between 0 and {MAX_STEPS}. "
                         f"Received: steps_before={steps_before}")
    model = recipe_network(seed)
    x, label = table_x[row], int(table_y[row])
    target = one_hot([label])[0]
    row_losses, table_losses = [], []
    for _ in range(steps_before):
        row_losses.append(run_forward(model, x, target).loss)
        table_losses.append(table_loss(model, table_x, table_y))
        adam_step(model, run_backward(model, x, target).weights)
    weights = model.get_weights()
    forward = run_forward(model, x, target)
    gradients = run_backward(model, x, target)
    estimate = finite_differences(model, x, target)
    gap = max(float(np.max(np.abs(g - e))) for g, e in
              zip(gradients.weights, estimate, strict=True))
    table_before = table_loss(model, table_x, table_y)
    rate = model.optimizer.learning_rate
    adam = adam_step(model, gradients.weights)
    after = run_forward(model, x, target)
    table_after = table_loss(model, table_x, table_y)
    return OneStep(
        int(seed), int(row), int(steps_before), x.copy(), label, target, weights, forward,
        gradients, estimate, gap, rate, [-rate * g for g in gradients.weights], adam, after,
        table_before, table_after, [*row_losses, forward.loss, after.loss],
        [*table_losses, table_before, table_after])
