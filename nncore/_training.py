"""The training loop shared by Sequential.fit and train_population.

Speed comes from layout, not tricks. Every layer's weights are one block
`[[kernel], [bias]]` and all blocks live in one flat buffer, as do the gradients, so
  z = [x, 1] @ block               (one matmul: the bias rides on a column of ones)
  dL/dblock = [x, 1]^T @ dL/dz     (one matmul gives kernel and bias gradients)
and the optimizer updates everything with a few fused calls. Inside a step the arrays
are kept transposed, (units, rows), so an activation and the row of ones under it are
contiguous: `z^T = block^T @ [x, 1]^T`. Each epoch permutes the columns once and then
takes slices; buffers are allocated once per batch size. With a leading member axis
on every block, the same code trains a population at once (members share the batch
order, or each shuffles with its own generator). The formulas are those of
Dense.forward / Dense.backward; a layer with a kernel regularizer adds
`regularizer.gradient(kernel)` to its kernel gradient and its penalty to the reported loss.
"""

from typing import NamedTuple

import numpy as np

from ._flat import views_like
from .activations import Softmax


def forward(layers, x):
    """The output of every layer for input x (fresh arrays)."""
    outputs = []
    for layer in layers:
        x = layer(x)
        outputs.append(x)
    return outputs


def with_ones(x):
    """`[x, 1]`: x with a trailing column of ones."""
    out = np.ones(x.shape[:-1] + (x.shape[-1] + 1,))
    out[..., :-1] = x
    return out


def transposed(activation):
    """The activation for (units, rows) arrays: softmax runs along axis -2 instead."""
    return Softmax(axis=-2) if isinstance(activation, Softmax) else activation


def _divergence(history, finite, blow_up):
    """Why a single model's training must stop after the last epoch of `history`, or None."""
    epoch, loss, first = len(history), history[-1]["loss"], history[0]["loss"]
    if not finite:
        what = "loss" if not np.isfinite(loss) else "weights"
        return f"{what} became non-finite at epoch {epoch}"
    if blow_up is not None and first > 0 and loss > blow_up * first:
        return (f"loss blew up at epoch {epoch} ({loss:.4g}, over {blow_up:g} times the "
                f"first epoch's {first:.4g})")
    return None


class Buffers(NamedTuple):
    """One layer's scratch arrays for one batch size, all transposed: (units, rows)."""

    z: np.ndarray  # (x @ kernel + bias)^T
    a_ones: np.ndarray  # [a, 1]^T: the activation, then a row of ones for the next bias
    a: np.ndarray  # a^T, the first rows of a_ones (contiguous)
    dz: np.ndarray  # (dL/dz)^T
    dz_t: np.ndarray  # dL/dz, a view
    da_below: np.ndarray  # (dL/da)^T of the layer below (None for the first layer)


class Trainer:
    """Minibatch training of `layers` whose blocks are views of the flat `params`."""

    def __init__(self, layers, params, optimizer, loss, metric):
        self.layers, self.params, self.optimizer = layers, params, optimizer
        self.loss, self.metric = loss, metric
        self.lead = layers[0].block.shape[:-2]  # () for one model, (members,) for many
        self.grads = np.zeros_like(params)
        self.grad_blocks = views_like(self.grads, [layer.block.shape for layer in layers])
        self.activations = [transposed(layer.activation) for layer in layers]
        self.regularized = [i for i, layer in enumerate(layers)
                            if layer.kernel_regularizer is not None]
        self.penalty_sum = 0.0  # this epoch's sum over batches of rows * penalty
        self.fused = None
        self._buffers = {}

    def _workspace(self, rows):
        """Buffers for a batch of `rows`, one Buffers tuple per layer, allocated once."""
        if rows not in self._buffers:
            plans = []
            for i, layer in enumerate(self.layers):
                shape = self.lead + (layer.units, rows)
                a_ones = np.ones(self.lead + (layer.units + 1, rows))
                below = np.empty(self.lead + (self.layers[i - 1].units, rows)) if i else None
                dz = np.empty(shape)
                plans.append(Buffers(np.empty(shape), a_ones, a_ones[..., :-1, :], dz,
                                     dz.swapaxes(-1, -2), below))
            top = self.lead + (self.layers[-1].units, rows)
            scale = None if self.fused is None else np.full(top, self.fused / rows)
            self._buffers[rows] = (plans, scale)
        return self._buffers[rows]

    def batches(self, xs_t, ys_t, predictions_t, batch_size):
        """(x1^T, y^T, out^T, buffers, scale) for each batch: views made once per fit,
        since every epoch refills the same (transposed) xs, ys and predictions in place."""
        out = []
        for start in range(0, xs_t.shape[-1], batch_size):
            x1_t = xs_t[..., start:start + batch_size]
            plans, scale = self._workspace(x1_t.shape[-1])
            out.append((x1_t, ys_t[..., start:start + batch_size],
                        predictions_t[..., start:start + batch_size], plans, scale))
        return out

    def step(self, x1_t, y_t, out_t, plans, scale):
        """One gradient step on a batch `[x, 1]^T`; its predictions (before the step) go
        to `out_t`. Every array here is transposed: (units, rows)."""
        layers, last = self.layers, len(self.layers) - 1
        inputs_t = x1_t
        for i, (layer, buffers) in enumerate(zip(layers, plans, strict=True)):
            # z^T = block^T @ [a, 1]^T, that is z = [a, 1] @ [[kernel], [bias]]
            np.matmul(layer.block_t, inputs_t, out=buffers.z)
            self.activations[i](buffers.z, out=buffers.a if i < last else out_t)
            inputs_t = buffers.a_ones
        top = plans[last]
        if scale is not None:  # softmax/sigmoid + crossentropy: dL/dz = c * (p - y) / rows
            np.subtract(out_t, y_t, out=top.dz)
            np.multiply(top.dz, scale, out=top.dz)
        else:
            out = out_t.swapaxes(-1, -2)
            gradient = self.loss.gradient(y_t.swapaxes(-1, -2), out)
            layers[last].activation.backward(top.z.swapaxes(-1, -2), gradient, output=out,
                                              out=top.dz_t)
        for i in range(last, 0, -1):
            here, below = plans[i], plans[i - 1]
            np.matmul(below.a_ones, here.dz_t, out=self.grad_blocks[i])  # [a, 1]^T @ dL/dz
            np.matmul(layers[i].kernel, here.dz, out=here.da_below)  # (dL/dz @ kernel^T)^T
            self.activations[i - 1].backward(below.z, here.da_below, output=below.a,
                                             out=below.dz)
        np.matmul(x1_t, plans[0].dz_t, out=self.grad_blocks[0])
        if self.regularized:
            self.regularize(x1_t.shape[-1])
        self.optimizer.step(self.params, self.grads)

    def regularize(self, rows):
        """Before a step on `rows` rows: add each regularized kernel's penalty gradient to
        its kernel gradient, and `rows * penalty` (before the step) to this epoch's sum."""
        for i in self.regularized:
            layer = self.layers[i]
            self.penalty_sum = self.penalty_sum + rows * layer.regularization_loss()
            self.grad_blocks[i][..., :-1, :] += layer.kernel_regularizer.gradient(layer.kernel)

    def penalty(self):
        """The regularization loss of the current weights (per member), or None."""
        if not self.regularized:
            return None
        return sum(self.layers[i].regularization_loss() for i in self.regularized)

    def scores(self, y, predictions, penalty=None):
        """Per-model loss and accuracy (floats, or arrays with one value per member);
        `penalty`, the regularization loss, is added to the loss."""
        logs = {"loss": np.mean(self.loss.per_sample(y, predictions), axis=-1)}
        if penalty is not None:
            logs["loss"] = logs["loss"] + penalty
        if self.metric is not None:
            logs["accuracy"] = np.mean(self.metric(y, predictions), axis=-1)
        return logs

    def finite_members(self):
        """True for each model (member) whose weights are all finite."""
        return np.all([np.all(np.isfinite(layer.block.reshape(self.lead + (-1,))), axis=-1)
                       for layer in self.layers], axis=0)

    def watched_epoch(self, batches, on_batch_begin=None, on_batch_end=None):
        """One epoch's steps, calling on_batch_begin(i, {}) before batch i's step and
        on_batch_end(i, logs) after it, logs the running means over the rows so far ("loss"
        with the penalties so far, "accuracy"); one model only (no member axis)."""
        seen, loss_sum, right_sum = 0, 0.0, 0.0
        for i, batch in enumerate(batches):
            if on_batch_begin is not None:
                on_batch_begin(i, {})
            self.step(*batch)
            if on_batch_end is None:
                continue
            y, out = batch[1].T, batch[2].T  # the batch's labels and its predictions
            seen += y.shape[0]
            loss_sum += float(np.sum(self.loss.per_sample(y, out)))
            logs = {"loss": (loss_sum + float(self.penalty_sum)) / seen}
            if self.metric is not None:
                right_sum += float(np.sum(self.metric(y, out)))
                logs["accuracy"] = right_sum / seen
            on_batch_end(i, logs)

    def run(self, x, y, epochs, batch_size, shuffle, rng, validation=None, on_epoch_end=None,
            blow_up=None, on_batch_begin=None, on_batch_end=None):
        """Train; returns (list of per-epoch logs, stop_reason or None, diverged).

        Each epoch's "loss" and "accuracy" average every row's value as predicted just
        before the step on its batch (the running mean Keras reports). A model whose
        loss or weights become non-finite gets back its weights of the last finite epoch;
        a single model then stops, a population member keeps nan in its logs. With
        `blow_up` = k, a single model also stops (diverged) when its loss exceeds k times
        the first epoch's loss. With kernel regularizers, each "loss" also holds the
        penalty: the batches' penalties before their steps, weighted by their rows (and,
        for "val_loss", the penalty of the weights at the epoch's end), as Keras does.
        `rng` shuffles the rows: one Generator (every member gets the same order), or for a
        population a list of one Generator per member. `on_batch_begin` / `on_batch_end`
        (one model only) are called around each batch's step (see watched_epoch); without
        them an epoch is nothing but its steps.
        """
        self.fused = self.loss.fused_scale(self.layers[-1].activation, y)
        self._buffers = {}
        rows = x.shape[0]
        predictions_t = np.empty(self.lead + y.shape[::-1])
        predictions = predictions_t.swapaxes(-1, -2)
        x1_t, y_t = np.ascontiguousarray(with_ones(x).T), np.ascontiguousarray(y.T)
        own_orders = isinstance(rng, list | tuple)  # one generator per member
        lead = self.lead if shuffle and own_orders else ()
        xs_t, ys_t = ((np.empty(lead + x1_t.shape), np.empty(lead + y_t.shape)) if shuffle
                      else (x1_t, y_t))
        ys = ys_t.swapaxes(-1, -2)
        batches = self.batches(xs_t, ys_t, predictions_t, batch_size)
        good = self.params.copy()
        good_state = self.optimizer.get_state()
        alive = np.ones(self.lead, dtype=bool)
        history, reason = [], None
        with np.errstate(all="ignore"):  # divergence is detected and reported below
            for epoch in range(epochs):
                if shuffle and own_orders:  # member i's rows in its own order
                    orders = np.stack([member.permutation(rows) for member in rng])
                    xs_t[...] = x1_t[:, orders].swapaxes(0, 1)
                    ys_t[...] = y_t[:, orders].swapaxes(0, 1)
                elif shuffle:
                    order = rng.permutation(rows)
                    np.take(x1_t, order, axis=1, out=xs_t)
                    np.take(y_t, order, axis=1, out=ys_t)
                self.penalty_sum = 0.0
                if on_batch_begin is None and on_batch_end is None:
                    for batch in batches:
                        self.step(*batch)
                else:
                    self.watched_epoch(batches, on_batch_begin, on_batch_end)
                logs = self.scores(ys, predictions,
                                   self.penalty_sum / rows if self.regularized else None)
                if validation is not None:
                    val_predictions = forward(self.layers, validation[0])[-1]
                    for key, value in self.scores(validation[1], val_predictions,
                                                  self.penalty()).items():
                        logs["val_" + key] = value
                finite = np.isfinite(logs["loss"]) & self.finite_members() & alive
                if self.lead:  # a population: members that diverge keep nan and stop counting
                    alive &= finite
                    for value in logs.values():
                        value[~alive] = np.nan
                    history.append(logs)
                    self._copy_members(good, self.params, alive)
                    if not alive.any():
                        reason = f"every member became non-finite by epoch {epoch + 1}"
                else:
                    logs = {key: float(value) for key, value in logs.items()}
                    history.append(logs)
                    reason = _divergence(history, bool(finite), blow_up)
                    if reason is not None:  # back to the last good epoch, and stop
                        self.params[...] = good
                        self.optimizer.set_state(good_state)
                        return history, reason, True
                    good[...] = self.params
                    good_state = self.optimizer.get_state()
                if on_epoch_end is not None and on_epoch_end(epoch, logs):
                    reason = f"stopped by a callback at epoch {epoch + 1}"
                if reason is not None:
                    break
        if self.lead and not alive.all():
            self._copy_members(self.params, good, ~alive)
        return history, reason, bool(self.lead and not alive.all())

    def _copy_members(self, target, source, members):
        """For a population: target[member] = source[member] in every block."""
        shapes = [layer.block.shape for layer in self.layers]
        for t, s in zip(views_like(target, shapes), views_like(source, shapes), strict=True):
            t[members] = s[members]
