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
        """Per layer: z, [a, 1], a (a view), dL/dz and dL/da of the layer below."""
        if rows not in self._buffers:
            plans = []
            for i, layer in enumerate(self.layers):
                shape = self.lead + (rows, layer.units)
                a_ones = with_ones(np.empty(shape))
                below = self.lead + (rows, self.layers[i - 1].units) if i else None
                plans.append((np.empty(shape), a_ones, a_ones[..., :-1], np.empty(shape),
                              np.empty(below) if i else None,
                              a_ones.swapaxes(-1, -2)))
            scale = None if self.fused is None else np.float64(self.fused / rows)
            self._buffers[rows] = (plans, scale)
        return self._buffers[rows]

    def step(self, xb, yb, out):
        """One gradient step on a batch `xb` = [x, 1]; predictions before it go to `out`."""
        plans, scale = self._workspace(xb.shape[0])
        layers, last = self.layers, len(self.layers) - 1
        inputs = xb
        for i, (layer, (z, a_ones, a, *_)) in enumerate(zip(layers, plans, strict=True)):
            np.matmul(inputs, layer.block, out=z)
            layer.activation(z, out=a if i < last else out)
            inputs = a_ones
        z, dz = plans[last][0], plans[last][3]
        if scale is not None:  # softmax/sigmoid + crossentropy: dL/dz = c * (p - y) / rows
            np.subtract(out, yb, out=dz)
            np.multiply(dz, scale, out=dz)
        else:
            layers[last].activation.backward(z, self.loss.gradient(yb, out), output=out,
                                              out=dz)
        for i in range(last, 0, -1):
            dz, below = plans[i][3], plans[i - 1]
            np.matmul(below[5], dz, out=self.grad_blocks[i])
            np.matmul(dz, self.kernels_t[i], out=plans[i][4])
            layers[i - 1].activation.backward(below[0], plans[i][4], output=below[2],
                                              out=below[3])
        np.matmul(xb.swapaxes(-1, -2), plans[0][3], out=self.grad_blocks[0])
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
                for start in range(0, rows, batch_size):
                    stop = start + batch_size
                    self.step(xs[start:stop], ys[start:stop], predictions[..., start:stop, :])
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
