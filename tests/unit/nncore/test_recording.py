"""nncore.recording: the frame schedule, the Recorder callback and replaying a frame."""

import numpy as np
import pytest

from nncore import Dense, EarlyStopping, Sequential, optimizers
from nncore.recording import MAX_BATCH_STEPS, MAX_FRAMES, Recorder, Recording, frame_schedule

X = np.array([[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1], [0.75, 0.4],
              [0.75, 0.9], [0.6, 0.9], [0.6, 0.75]])
Y = np.eye(2)[[0, 0, 1, 1, 0, 0, 1, 1, 1]]


def laptop_model(seed=0, learning_rate=0.1, hidden=(3,)):
    layers = [Dense(hidden[0], "relu", input_dim=2)]
    layers += [Dense(units, "relu") for units in hidden[1:]] + [Dense(2, "softmax")]
    model = Sequential(layers, seed=seed)
    return model.compile(optimizers.Adam(learning_rate), "binary_crossentropy")


@pytest.mark.parametrize("epochs", [0, 1, 20, MAX_FRAMES - 1])
def test_short_runs_record_every_epoch(epochs):
    assert frame_schedule(epochs) == list(range(epochs + 1))


@pytest.mark.parametrize("epochs,max_frames", [(200, 200), (201, 200), (500, 200), (500, 50),
                                               (10_000, 300), (37, 5)])
def test_long_runs_are_capped_and_dense_early(epochs, max_frames):
    s = frame_schedule(epochs, max_frames)
    assert len(s) <= max_frames and s[0] == 0 and s[-1] == epochs
    gaps = np.diff(s)
    assert np.all(gaps >= 1)  # strictly increasing
    half = len(gaps) // 2
    assert gaps[:half].mean() < gaps[half:].mean()  # denser at the start
    assert np.all(np.diff(gaps) >= -1)  # the gaps grow (up to rounding)


def test_schedule_of_the_pages_longest_run_starts_one_epoch_apart():
    s = frame_schedule(500)
    assert s[:50] == list(range(50)) and len(s) == MAX_FRAMES


def test_schedule_rejects_nonsense():
    with pytest.raises(ValueError, match="epochs=-1"):
        frame_schedule(-1)
    with pytest.raises(ValueError, match="max_frames=1"):
        frame_schedule(10, 1)


def test_each_frame_holds_the_weights_of_a_model_trained_that_many_epochs():
    """Independent check: epoch k's frame equals a fresh model (same seed) fitted k epochs."""
    recorder = Recorder(12, max_batch_steps=0)  # 36 batches: every batch unless told not to
    model = laptop_model()
    start = model.get_weights()
    model.fit(X, Y, epochs=12, batch_size=4, callbacks=[recorder], seed=3)
    rec = recorder.recording
    assert rec.epochs == list(range(13)) and len(rec.logs) == 12
    for got, want in zip(rec.weights[0], start, strict=True):
        np.testing.assert_array_equal(got, want)
    for k in (1, 5, 12):
        fresh = laptop_model()
        fresh.fit(X, Y, epochs=k, batch_size=4, seed=3)
        for got, want in zip(rec.weights[k], fresh.get_weights(), strict=True):
            np.testing.assert_array_equal(got, want)
    assert rec.logs[4]["loss"] == model.history.history["loss"][4]


def test_load_puts_a_frame_back_into_a_model():
    recorder = Recorder(30, max_frames=10, max_batch_steps=29)  # 30 batches: too many
    model = laptop_model(hidden=(4, 3))
    model.fit(X, Y, epochs=30, callbacks=[recorder])
    rec = recorder.recording
    assert len(rec) == 10 and rec.epochs[-1] == 30
    other = laptop_model(seed=99, hidden=(4, 3))
    rec.load(other, -1)
    np.testing.assert_array_equal(other.predict(X), model.predict(X))
    rec.load(other, 0)
    assert not np.allclose(other.predict(X), model.predict(X))
    assert rec.frame_of_epoch(0) == 0 and rec.frame_of_epoch(30) == 9
    assert rec.epochs[rec.frame_of_epoch(rec.epochs[4] + 1)] == rec.epochs[4]
    assert rec.nbytes == 10 * 8 * (2 * 4 + 4 + 4 * 3 + 3 + 3 * 2 + 2) + 8 * 2 * 30


def test_a_run_that_stops_early_ends_on_its_last_epoch():
    # schedule 0, ~2, ~14, 50: epoch 4 is not in it
    recorder = Recorder(50, max_frames=4, max_batch_steps=0)
    model = laptop_model(learning_rate=1e-9)
    history = model.fit(X, Y, epochs=50, callbacks=[
        EarlyStopping(monitor="loss", patience=2, min_delta=0.1), recorder])
    assert len(history.epoch) == 4
    assert recorder.recording.epochs[-1] == 4
    for got, want in zip(recorder.recording.weights[-1], model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("max_batch_steps", [0, MAX_BATCH_STEPS])
def test_a_diverged_run_ends_on_its_last_good_epoch(max_batch_steps):
    recorder = Recorder(20, max_batch_steps=max_batch_steps)
    model = laptop_model(learning_rate=100.0)
    history = model.fit(X, Y, epochs=20, shuffle=False, callbacks=[recorder])
    assert history.diverged
    rec = recorder.recording
    assert rec.epochs[-1] == len(history.epoch) - 1  # the diverged epoch is not a frame
    assert rec.per_batch == bool(max_batch_steps)
    for got, want in zip(rec.weights[-1], model.get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)


def test_frames_come_in_order():
    rec = Recording()
    rec.add(0, [np.zeros(2)])
    with pytest.raises(ValueError, match="epoch=0, batch=0 .step 0. after step 0"):
        rec.add(0, [np.zeros(2)])
