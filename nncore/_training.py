"""The training loop shared by Sequential.fit and train_population.

Speed comes from layout, not tricks: every layer's weights are one block
`[[kernel], [bias]]` and all blocks live in one flat buffer, as do the gradients, so
  z = [x, 1] @ block               (one matmul: the bias rides on a column of ones)
  dL/dblock = [x, 1]^T @ dL/dz     (one matmul gives kernel and bias gradients)
and the optimizer updates everything with a few fused calls. Each epoch permutes the
rows once and then takes contiguous slices; buffers are allocated once per batch size.
With a leading member axis on every block, the same code trains a population at once
(members share the batch order). The formulas are Dense.forward / Dense.backward.
"""

from typing import NamedTuple

import numpy as np


def pack(arrays):
    """Copy `arrays` into one flat float64 buffer. Returns (flat, views shaped like them)."""
    flat = np.empty(sum(a.size for a in arrays), dtype=np.float64)
    views = views_like(flat, [a.shape for a in arrays])
    for view, array in zip(views, arrays, strict=True):
        view[...] = array
    return flat, views


def views_like(flat, shapes):
    """Consecutive views of `flat` with the given shapes."""
    views, offset = [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        views.append(flat[offset:offset + size].reshape(shape))
        offset += size
    return views


def forward(layers, x):
    """The output of every layer for input x (fresh arrays)."""
    outputs = []
    for layer in layers:
        x = layer(x)
        outputs.append(x)
    return outputs


def with_ones(x, lead=()):
    """`[x, 1]`: x with a trailing column of ones (and optional leading axes)."""
    out = np.ones(lead + x.shape[:-1] + (x.shape[-1] + 1,))
    out[..., :-1] = x
    return out


class Buffers(NamedTuple):
    """One layer's scratch arrays for one batch size."""

    z: np.ndarray  # x @ kernel + bias
    a_ones: np.ndarray  # [a, 1]: the activation with a column of ones for the next bias
    a: np.ndarray  # view of a_ones without the ones
    a_ones_t: np.ndarray  # its transpose (a view)
    dz: np.ndarray  # dL/dz
    da_below: np.ndarray  # dL/da of the layer below (None for the first layer)


class Trainer:
    """Minibatch training of `layers` whose blocks are views of the flat `params`."""

    def __init__(self, layers, params, optimizer, loss, metric):
        self.layers, self.params, self.optimizer = layers, params, optimizer
        self.loss, self.metric = loss, metric
        self.lead = layers[0].block.shape[:-2]  # () for one model, (members,) for many
        self.grads = np.zeros_like(params)
        self.grad_blocks = views_like(self.grads, [layer.block.shape for layer in layers])
        self.kernels_t = [layer.kernel.swapaxes(-1, -2) for layer in layers]
        self.fused = None
        self._buffers = {}

    def _workspace(self, rows):
        """Buffers for a batch of `rows`, one Buffers tuple per layer, allocated once."""
        if rows not in self._buffers:
            plans = []
            for i, layer in enumerate(self.layers):
                shape = self.lead + (rows, layer.units)
                a_ones = with_ones(np.empty(shape))
                below = np.empty(self.lead + (rows, self.layers[i - 1].units)) if i else None
                plans.append(Buffers(np.empty(shape), a_ones, a_ones[..., :-1],
                                     a_ones.swapaxes(-1, -2), np.empty(shape), below))
            scale = None if self.fused is None else np.float64(self.fused / rows)
            self._buffers[rows] = (plans, scale)
        return self._buffers[rows]

    def batches(self, xs, ys, predictions, batch_size):
        """(x1, x1^T, y, out, buffers, scale) for each batch: views made once per fit,
        since every epoch refills the same xs, ys and predictions in place."""
        out = []
        for start in range(0, xs.shape[0], batch_size):
            x1, y = xs[start:start + batch_size], ys[start:start + batch_size]
            plans, scale = self._workspace(x1.shape[0])
            out.append((x1, x1.swapaxes(-1, -2), y,
                        predictions[..., start:start + batch_size, :], plans, scale))
        return out

    def step(self, x1, x1_t, y, out, plans, scale):
        """One gradient step on a batch `x1` = [x, 1]; predictions before it go to `out`."""
        layers, last = self.layers, len(self.layers) - 1
        inputs = x1
        for i, (layer, buffers) in enumerate(zip(layers, plans, strict=True)):
            np.matmul(inputs, layer.block, out=buffers.z)  # z = [a, 1] @ [[kernel], [bias]]
            layer.activation(buffers.z, out=buffers.a if i < last else out)
            inputs = buffers.a_ones
        top = plans[last]
        if scale is not None:  # softmax/sigmoid + crossentropy: dL/dz = c * (p - y) / rows
            np.subtract(out, y, out=top.dz)
            np.multiply(top.dz, scale, out=top.dz)
        else:
            layers[last].activation.backward(top.z, self.loss.gradient(y, out), output=out,
                                              out=top.dz)
        for i in range(last, 0, -1):
            here, below = plans[i], plans[i - 1]
            np.matmul(below.a_ones_t, here.dz, out=self.grad_blocks[i])  # [a, 1]^T @ dL/dz
            np.matmul(here.dz, self.kernels_t[i], out=here.da_below)  # dL/dz @ kernel^T
            layers[i - 1].activation.backward(below.z, here.da_below, output=below.a,
                                              out=below.dz)
        np.matmul(x1_t, plans[0].dz, out=self.grad_blocks[0])
        self.optimizer.step(self.params, self.grads)

    def scores(self, y, predictions):
        """Per-model loss and accuracy (floats, or arrays with one value per member)."""
        logs = {"loss": np.mean(self.loss.per_sample(y, predictions), axis=-1)}
        if self.metric is not None:
            logs["accuracy"] = np.mean(self.metric(y, predictions), axis=-1)
        return logs

    def finite_members(self):
        """True for each model (member) whose weights are all finite."""
        return np.all([np.all(np.isfinite(layer.block.reshape(self.lead + (-1,))), axis=-1)
                       for layer in self.layers], axis=0)

    def run(self, x, y, epochs, batch_size, shuffle, rng, validation=None, on_epoch_end=None,
            blow_up=None):
        """Train; returns (list of per-epoch logs, stop_reason or None, diverged).

        Each epoch's "loss" and "accuracy" average every row's value as predicted just
        before the step on its batch (the running mean Keras reports). A model whose
        loss or weights become non-finite gets back its weights of the last finite epoch;
        a single model then stops, a population member keeps nan in its logs. With
        `blow_up` = k, a single model also stops (diverged) when its loss exceeds k times
        the first epoch's loss.
        """
        self.fused = self.loss.fused_scale(self.layers[-1].activation, y)
        self._buffers = {}
        rows = x.shape[0]
        predictions = np.empty(self.lead + y.shape)
        x1 = with_ones(x)
        xs, ys = (np.empty_like(x1), np.empty_like(y)) if shuffle else (x1, y)
        batches = self.batches(xs, ys, predictions, batch_size)
        good = self.params.copy()
        good_state = self.optimizer.get_state()
        alive = np.ones(self.lead, dtype=bool)
        history, reason = [], None
        with np.errstate(all="ignore"):  # divergence is detected and reported below
            for epoch in range(epochs):
                if shuffle:
                    order = rng.permutation(rows)
                    np.take(x1, order, axis=0, out=xs)
                    np.take(y, order, axis=0, out=ys)
                for batch in batches:
                    self.step(*batch)
                logs = self.scores(ys, predictions)
                if validation is not None:
                    val_predictions = forward(self.layers, validation[0])[-1]
                    for key, value in self.scores(validation[1], val_predictions).items():
                        logs["val_" + key] = value
                finite = np.isfinite(logs["loss"]) & self.finite_members() & alive
                if not self.lead:
                    logs = {key: float(value) for key, value in logs.items()}
                    history.append(logs)
                    first = history[0]["loss"]
                    exploded = blow_up is not None and logs["loss"] > blow_up * first
                    if exploded and finite:
                        reason = (f"loss blew up at epoch {epoch + 1} ({logs['loss']:.4g}, "
                                  f"over {blow_up:g} times the first epoch's {first:.4g})")
                    if not finite:
                        what = "loss" if not np.isfinite(logs["loss"]) else "weights"
                        reason = f"{what} became non-finite at epoch {epoch + 1}"
                    if reason is not None:
                        self.params[...] = good
                        self.optimizer.set_state(good_state)
                        return history, reason, True
                    good[...] = self.params
                    good_state = self.optimizer.get_state()
                else:
                    alive &= finite
                    for value in logs.values():
                        value[~alive] = np.nan
                    history.append(logs)
                    self._copy_members(good, self.params, alive)
                    if not alive.any():
                        reason = f"every member became non-finite by epoch {epoch + 1}"
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
