"""laptop.playback: every number a frame shows is the model's at that epoch (checked with
this file's own NumPy forward pass over the recorded weights), stuck runs look stuck, and
what the player holds and sends stays small."""

from dataclasses import replace

import numpy as np
import pytest

from laptop.data import check_table, tutorial_table
from laptop.playback import (
    MAP_BYTES_BUDGET,
    frame_from_link,
    frame_link,
    grid_resolution,
    new_recorder,
    replay_frames,
)
from laptop.recipe import (
    MAX_HIDDEN_LAYERS,
    MAX_HIDDEN_UNITS,
    MAX_MORE_LAYER_UNITS,
    RECIPE,
    train,
)
from nncore import Dense, Sequential, optimizers
from nncore.recording import MAX_BATCH_STEPS, Recorder
from ui.player.payload import payload_bytes, player_payload

LAPTOP = (0.1, 0.6)
ACTIVATIONS = {"relu": lambda z: np.maximum(z, 0.0), "tanh": np.tanh,
               "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
               "leaky_relu": lambda z: np.where(z > 0, z, 0.2 * z)}


@pytest.fixture(scope="module")
def rows():
    check = check_table(tutorial_table())
    return check.x, check.y


def recorded(rows, **settings):
    x, y = rows
    s = replace(RECIPE, **settings)
    recorder = new_recorder(s.epochs)
    run = train(x, y, s, callbacks=[recorder])
    assert run.ok
    frames = replay_frames(run.model, recorder.recording, x, y, run.train_rows,
                           run.validation_rows, LAPTOP)
    return run, recorder.recording, frames


def numpy_forward(weights, activation, points):
    """Every layer's output, written out here: hidden `activation`, softmax at the end."""
    a, outs = points, []
    for i in range(0, len(weights), 2):
        z = a @ weights[i] + weights[i + 1]
        if i + 2 < len(weights):
            a = ACTIVATIONS[activation](z)
        else:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
        outs.append(a)
    return outs


def check_every_frame(frames, recording, activation, x, y, train_rows, val_rows):
    axis = frames.axis
    xx, yy = np.meshgrid(axis, axis)
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    cells = len(axis)
    for f, weights in enumerate(recording.weights):
        outs = numpy_forward(weights, activation, grid)
        np.testing.assert_allclose(frames.buy_maps[f], outs[-1][:, 1].reshape(cells, cells),
                                   atol=1e-12)
        for layer, out in enumerate(outs[:-1]):
            for unit in range(out.shape[1]):
                np.testing.assert_allclose(frames.neuron_maps[layer][f, unit],
                                           out[:, unit].reshape(cells, cells), atol=1e-12)
        p_rows = numpy_forward(weights, activation, x)[-1][:, 1]
        np.testing.assert_allclose(frames.row_buy[f], p_rows, atol=1e-12)
        p_laptop = numpy_forward(weights, activation, np.array([LAPTOP]))[-1][0, 1]
        assert frames.laptop_buy[f] == pytest.approx(p_laptop, abs=1e-12)
        for prefix, part in (("", train_rows), ("val_", val_rows)):
            p = np.clip(p_rows[part], 1e-7, 1 - 1e-7)
            loss = -np.mean(y[part] * np.log(p) + (1 - y[part]) * np.log(1 - p))
            assert frames.metrics[prefix + "loss"][f] == pytest.approx(loss, abs=1e-12)
            # "buy" at P(buy) >= 0.5, as the verdict and laptop.recipe.accuracy count it
            right = np.mean((p_rows[part] >= 0.5) == (y[part] == 1))
            assert frames.metrics[prefix + "accuracy"][f] == pytest.approx(right)


def test_every_frame_of_the_recipe_is_the_model_at_that_epoch(rows):
    x, y = rows
    run, recording, frames = recorded(rows)
    assert frames.epochs == list(range(21)) and frames.layer_sizes == [2, 3, 2]
    check_every_frame(frames, recording, "relu", x, y, run.train_rows, run.validation_rows)
    # the end is the trained model that gives the verdict
    assert frames.metrics["accuracy"][-1] == run.train_accuracy
    assert frames.laptop_buy[-1] == pytest.approx(
        run.model.predict(np.array([LAPTOP]))[0, 1], abs=1e-12)
    np.testing.assert_array_equal(frames.kernels[0][-1], run.model.get_weights()[0])


def test_the_model_evaluated_by_nncore_agrees_with_the_frames_loss(rows):
    """nncore's own evaluate() (the recipe's loss) on frame 7's weights."""
    x, y = rows
    run, recording, frames = recorded(rows)
    model = recording.load(run.model, 7)
    result = model.evaluate(x[run.train_rows], np.eye(2)[y[run.train_rows]])
    assert frames.metrics["loss"][7] == pytest.approx(result["loss"], rel=1e-9)


@pytest.mark.parametrize("hidden,activation", [((8, 8, 8), "tanh"), ((1,), "sigmoid"),
                                               ((16,), "leaky_relu"), ((5, 2), "relu")])
def test_any_stack_of_hidden_layers_replays_exactly(rows, hidden, activation):
    x, y = rows
    layers = [Dense(hidden[0], activation, input_dim=2)]
    layers += [Dense(units, activation) for units in hidden[1:]] + [Dense(2, "softmax")]
    model = Sequential(layers, seed=4).compile(optimizers.Adam(0.05), "binary_crossentropy")
    recorder = Recorder(60, max_frames=25)
    model.fit(x[:8], np.eye(2)[y[:8]], epochs=60, callbacks=[recorder], seed=4)
    frames = replay_frames(model, recorder.recording, x, y, np.arange(8), np.arange(8, 9),
                           LAPTOP, resolution=9)
    assert frames.layer_sizes == [2, *hidden, 2] and frames.count == 25
    assert [m.shape for m in frames.neuron_maps] == [(25, u, 9, 9) for u in hidden]
    check_every_frame(frames, recorder.recording, activation, x, y, np.arange(8),
                      np.arange(8, 9))


def test_a_stuck_run_is_visibly_stuck(rows):
    """Seed 8 is a stuck seed of the recipe (laptop/recipe.py): its ReLU units are dead."""
    run, _, frames = recorded(rows, seed=8)
    assert run.stuck
    dead = frames.dead[0][-1]
    assert dead.any()
    for unit in np.flatnonzero(dead):
        maps = frames.neuron_maps[0][-1, unit]
        assert np.ptp(maps) == 0.0 and np.all(maps == 0.0)  # flat: a ReLU at 0 everywhere
    assert "stuck" in frames.sentences[-1]
    assert np.ptp(frames.buy_maps[-1]) < 1e-6  # the same answer everywhere


def test_sentences_say_what_changed(rows):
    x, y = rows
    _, _, frames = recorded(rows)
    assert frames.sentences[0].startswith("Before training (epoch 0)")
    for f in range(1, frames.count):
        sentence = frames.sentences[f]
        assert sentence.startswith(f"Epoch {frames.epochs[f]}: right on ")
        right = (frames.row_buy[f] >= 0.5) == (y == 1)
        before = (frames.row_buy[f - 1] >= 0.5) == (y == 1)
        assert f"right on {int(right[:8].sum())} of 8 training rows" in sentence
        fixed = np.flatnonzero(right & ~before)
        if len(fixed):
            assert f"row {fixed[0] + 1} (" in sentence and "is now right" in sentence
        if (right == before).all():
            assert "no row changes side" in sentence
        assert f"{int(np.floor(100 * frames.laptop_buy[f] + 0.5))}%" in sentence
    assert "stuck" not in frames.sentences[-1]


def test_grid_resolution_keeps_the_maps_in_budget():
    for frames, maps in ((21, 4), (200, 25), (200, 17), (1, 1)):
        cells = grid_resolution(frames, maps)
        assert 11 <= cells <= 31
        assert frames * maps * cells**2 <= MAP_BYTES_BUDGET or cells == 11


def test_the_longest_widest_run_stays_under_the_memory_and_network_budgets(rows):
    """500 epochs, 3 hidden layers of 8: recording < 5 MB, payload < 2 MB."""
    x, y = rows
    layers = [Dense(8, "relu", input_dim=2), Dense(8, "relu"), Dense(8, "relu"),
              Dense(2, "softmax")]
    model = Sequential(layers, seed=1).compile(optimizers.Adam(0.1), "binary_crossentropy")
    recorder = new_recorder(500)
    model.fit(x[:8], np.eye(2)[y[:8]], epochs=500, callbacks=[recorder], seed=1)
    recording = recorder.recording
    assert len(recording) <= 200 and recording.nbytes < 5_000_000
    frames = replay_frames(model, recording, x, y, np.arange(8), np.arange(8, 9), LAPTOP)
    payload = player_payload(frames, x, y, LAPTOP, 500, start=len(recording) - 1)
    assert payload_bytes(payload) < 2_000_000


@pytest.mark.parametrize("text,frame,noted", [
    (None, 20, False), ("", 20, False), ("6", 6, False), ("0", 0, False), ("20", 20, False),
    ("21", 20, True), ("-1", 20, True), ("six", 20, True), ("6.5", 20, True)])
def test_frame_from_link(text, frame, noted):
    got, note = frame_from_link(text, list(range(21)))
    assert got == frame and (note is not None) == noted


def test_frame_from_link_between_recorded_epochs():
    assert frame_from_link("7", [0, 2, 4, 6, 8, 10]) == (3, None)


def test_the_epoch_log_runs_one_epoch_behind_the_frames(rows):
    """With one batch per epoch, the loss fit logs for epoch k is that of the model before
    its step, so it equals the frame of epoch k-1 (what the player's caption says)."""
    run, _, frames = recorded(rows)
    logged = np.array(run.history["loss"])
    np.testing.assert_allclose(frames.metrics["loss"][:-1], logged, rtol=1e-9)
    np.testing.assert_allclose(frames.metrics["val_loss"][1:], run.history["val_loss"],
                               rtol=1e-9)  # validation is measured after the step


def test_the_docstring_examples_hold():
    import doctest

    import laptop.playback

    failed, tried = doctest.testmod(laptop.playback, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried >= 2 and failed == 0


def test_a_short_run_plays_batch_by_batch_and_every_batch_frame_is_the_model_then(rows):
    """Batches of 2 on the 8 training rows: 4 batches an epoch, 80 in all, so a frame after
    every batch; each frame's numbers checked with this file's own forward pass."""
    x, y = rows
    run, recording, frames = recorded(rows, batch_size=2)
    assert recording.per_batch and recording.steps_per_epoch == 4 and frames.count == 81
    assert frames.epochs[:6] == [0, 0.25, 0.5, 0.75, 1, 1.25]
    assert frames.moments[5] == (2, 1) and frames.batches_per_epoch == 4
    check_every_frame(frames, recording, "relu", x, y, run.train_rows, run.validation_rows)
    assert frames.sentences[6].startswith("Epoch 2, batch 2 of 4: right on ")
    assert frames.sentences[4].startswith("Epoch 1, batch 4 of 4: right on ")
    assert frames.metrics["accuracy"][-1] == run.train_accuracy  # the end: the trained model
    np.testing.assert_array_equal(frames.kernels[0][-1], run.model.get_weights()[0])
    payload = player_payload(frames, x, y, LAPTOP, 20, start=6)
    assert payload["labels"][6] == "epoch 2 of 20, batch 2 of 4"
    assert payload["labels"][4] == "epoch 1 of 20, batch 4 of 4"
    assert payload["labels"][0] == "epoch 0 of 20" and payload["epochs"][6] == 1.5


def test_the_longest_short_run_of_the_widest_network_stays_in_budget(rows):
    """200 batches (100 epochs of 2), the widest network the form allows: 201 frames,
    recording < 5 MB in the session, payload < 2 MB sent."""
    x, y = rows
    widest = [MAX_HIDDEN_UNITS] + [MAX_MORE_LAYER_UNITS] * (MAX_HIDDEN_LAYERS - 1)
    layers = [Dense(widest[0], "relu", input_dim=2)]
    layers += [Dense(units, "relu") for units in widest[1:]] + [Dense(2, "softmax")]
    model = Sequential(layers, seed=1).compile(optimizers.Adam(0.01), "binary_crossentropy")
    recorder = new_recorder(100)
    model.fit(x[:8], np.eye(2)[y[:8]], epochs=100, batch_size=4, callbacks=[recorder], seed=1)
    recording = recorder.recording
    assert recording.per_batch and len(recording) == MAX_BATCH_STEPS + 1
    assert recording.nbytes < 5_000_000
    frames = replay_frames(model, recording, x, y, np.arange(8), np.arange(8, 9), LAPTOP)
    payload = player_payload(frames, x, y, LAPTOP, 100, start=len(recording) - 1)
    assert payload_bytes(payload) < 2_000_000


# the tutorial run with batches of 2: 4 batches an epoch, frames at steps 0..80
BATCHES = list(range(81))


@pytest.mark.parametrize("text,frame,noted", [
    ("3b2", 10, False), ("3", 12, False), ("3b4", 12, False), ("1b1", 1, False),
    ("20b4", 80, False), ("0", 0, False), (" 6 ", 24, False),
    ("0b1", 80, True), ("3b0", 80, True), ("3b5", 80, True), ("21b1", 80, True),
    ("3.2", 80, True), ("3b", 80, True), ("b2", 80, True), ("3b2b1", 80, True)])
def test_frame_from_link_with_batches(text, frame, noted):
    got, note = frame_from_link(text, BATCHES, batches=4)
    assert got == frame and (note is not None) == noted
    if noted:
        assert note.endswith("so the player shows the end of training.")


def test_a_batch_link_on_a_run_recorded_by_epoch_shows_the_epoch_before():
    # epochs 0..10 of 4 batches, recorded after each epoch: 3b2 lies inside epoch 3
    assert frame_from_link("3b2", [4 * e for e in range(11)], batches=4) == (2, None)


def test_frame_link_round_trips(rows):
    _, recording, _ = recorded(rows, batch_size=2)
    links = [frame_link(recording, f) for f in range(len(recording))]
    assert links[:6] == ["0", "1b1", "1b2", "1b3", "1", "2b1"] and links[-1] == "20"
    assert [frame_from_link(link, recording.steps, 4)[0] for link in links] == list(range(81))
