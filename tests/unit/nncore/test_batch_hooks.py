"""nncore's per-batch hooks (Callback.on_batch_begin / on_batch_end) and the Recorder's
frames after every batch of a short run, checked against SGD written out here in NumPy."""

import numpy as np
import pytest

from nncore import Callback, Dense, LambdaCallback, Sequential, optimizers
from nncore.recording import MAX_BATCH_STEPS, Recorder

X = np.array([[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1], [0.75, 0.4],
              [0.75, 0.9], [0.6, 0.9], [0.6, 0.75]])
Y = np.array([0, 0, 1, 1, 0, 0, 1, 1, 1])


def sigmoid_model(learning_rate=0.5, seed=0):
    model = Sequential([Dense(3, "tanh", input_dim=2), Dense(1, "sigmoid")], seed=seed)
    return model.compile(optimizers.SGD(learning_rate), "binary_crossentropy")


class Log(Callback):
    def __init__(self):
        super().__init__()
        self.calls = []

    def on_batch_begin(self, batch, logs=None):
        self.calls.append(("begin", batch, logs))

    def on_batch_end(self, batch, logs=None):
        self.calls.append(("end", batch, logs))

    def on_epoch_end(self, epoch, logs=None):
        self.calls.append(("epoch", epoch, logs))


def test_batch_hooks_come_once_per_batch_with_0_based_indices():
    log = Log()
    history = sigmoid_model().fit(X, Y, epochs=4, batch_size=4, callbacks=[log])  # 3 batches
    assert log.params == {"epochs": 4, "steps": 3, "batch_size": 4, "rows": 9}
    one_epoch = [("begin", 0), ("end", 0), ("begin", 1), ("end", 1), ("begin", 2), ("end", 2)]
    assert [c[:2] for c in log.calls] == [
        *[item for epoch in range(4) for item in [*one_epoch, ("epoch", epoch)]]]
    assert all(c[2] == {} for c in log.calls if c[0] == "begin")
    ends = [c[2] for c in log.calls if c[0] == "end"]
    # after the last batch, the running means are the epoch's own figures
    for epoch in range(4):
        last = ends[3 * epoch + 2]
        assert last["loss"] == pytest.approx(history.history["loss"][epoch], rel=1e-12)
        assert last["accuracy"] == pytest.approx(history.history["accuracy"][epoch])


def test_the_first_batchs_logs_are_the_starting_models_on_its_rows():
    """Independent: binary crossentropy and accuracy of the untrained model on rows 0-3."""
    model = sigmoid_model()
    p = model.predict(X[:4])[:, 0]
    loss = float(np.mean(-(Y[:4] * np.log(p) + (1 - Y[:4]) * np.log(1 - p))))
    right = float(np.mean((p >= 0.5) == (Y[:4] == 1)))
    log = Log()
    model.fit(X, Y, epochs=1, batch_size=4, shuffle=False, callbacks=[log])
    first = log.calls[1][2]
    assert first["loss"] == pytest.approx(loss, rel=1e-12) and first["accuracy"] == right


def test_only_callbacks_that_define_a_batch_hook_are_called_per_batch(monkeypatch):
    class EpochsOnly(Callback):
        def on_epoch_end(self, epoch, logs=None):
            pass

    assert not EpochsOnly().wants_batches() and not LambdaCallback().wants_batches()
    assert LambdaCallback(on_batch_begin=lambda batch, logs: None).wants_batches()
    assert Log().wants_batches()

    def refuse(*args, **kwargs):
        raise AssertionError("an epoch with no batch hook must only step")

    monkeypatch.setattr("nncore._training.Trainer.watched_epoch", refuse)
    sigmoid_model().fit(X, Y, epochs=3, batch_size=2, callbacks=[EpochsOnly()])
    with pytest.raises(AssertionError, match="must only step"):
        sigmoid_model().fit(X, Y, epochs=1, batch_size=2, callbacks=[Log()])


def test_lambda_callback_rejects_a_batch_hook_that_is_not_callable():
    with pytest.raises(ValueError, match="on_batch_end must be callable"):
        LambdaCallback(on_batch_end=3)


def sgd_by_hand(weights, x, y, learning_rate):
    """One SGD step of the tanh-sigmoid network on (x, y), written out: binary crossentropy
    averaged over the rows, so dL/dz_out = (p - y) / rows."""
    k1, b1, k2, b2 = (np.array(w, dtype=float) for w in weights)
    h = np.tanh(x @ k1 + b1)
    p = 1 / (1 + np.exp(-(h @ k2 + b2)))
    dz2 = (p - y[:, None]) / len(x)
    dz1 = (dz2 @ k2.T) * (1 - h**2)
    grads = [x.T @ dz1, dz1.sum(axis=0), h.T @ dz2, dz2.sum(axis=0)]
    return [w - learning_rate * g for w, g in zip([k1, b1, k2, b2], grads, strict=True)]


def test_a_short_run_keeps_a_frame_after_every_batch_equal_to_sgd_by_hand():
    recorder = Recorder(3)
    model = sigmoid_model()
    start = model.get_weights()
    model.fit(X, Y, epochs=3, batch_size=4, shuffle=False, callbacks=[recorder])
    rec = recorder.recording
    assert rec.per_batch and rec.steps_per_epoch == 3
    assert rec.steps == list(range(10)) and len(rec.logs) == 3
    assert rec.epochs[:5] == [0, 1 / 3, 2 / 3, 1, 4 / 3]
    assert [rec.moment(f) for f in (0, 1, 3, 5)] == [(0, None), (1, 1), (1, 3), (2, 2)]
    weights = start
    for f in range(10):
        for got, want in zip(rec.weights[f], weights, strict=True):
            np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
        rows = slice(4 * (f % 3), 4 * (f % 3) + 4)  # batches 0-3, 4-7, 8 in every epoch
        weights = sgd_by_hand(weights, X[rows], Y[rows], 0.5)
    for got, want in zip(rec.weights[-1], model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("epochs,batch_size,per_batch", [
    (40, 2, True),  # 40 x 5 = 200 batches: every batch
    (41, 2, False),  # 205 batches: after every epoch
    (70, 4, False),  # 210 batches
    (200, 32, True),  # 200 x 1: a batch is an epoch
])
def test_every_batch_when_short_else_every_epoch(epochs, batch_size, per_batch):
    recorder = Recorder(epochs)
    model = sigmoid_model(learning_rate=0.1)
    model.fit(X, Y, epochs=epochs, batch_size=batch_size, callbacks=[recorder])
    rec, steps = recorder.recording, -(-9 // batch_size)
    assert (epochs * steps <= MAX_BATCH_STEPS) == per_batch == rec.per_batch
    if per_batch:
        assert rec.steps == list(range(epochs * steps + 1))
    else:
        assert rec.epochs == list(range(epochs + 1))  # at most MAX_FRAMES: all of them
    for got, want in zip(rec.weights[-1], model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)


def test_a_diverged_run_recorded_per_batch_drops_the_failed_epochs_batches():
    recorder = Recorder(20)
    model = Sequential([Dense(3, "linear", input_dim=2), Dense(1, "linear")], seed=0)
    model.compile(optimizers.SGD(1.0), "mean_squared_error")  # overflows in epoch 2
    history = model.fit(X, Y, epochs=20, batch_size=2, shuffle=False, callbacks=[recorder])
    assert history.diverged and len(history.epoch) == 2
    rec, good = recorder.recording, len(history.epoch) - 1
    assert rec.per_batch and rec.steps == list(range(5 * good + 1))
    for got, want in zip(rec.weights[-1], model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)
