"""The playground's computation against independent numbers: the data by its geometry, the
trained network and the player's frames by a plain NumPy forward pass of any depth, and the
page's sentences by a training re-done with tests/unit/numpy_reference.py (full-batch Adam
written from the formulas)."""

import re
from dataclasses import replace

import numpy as np
import pytest

from laptop.data import tutorial_arrays
from learn.training import playground as pg
from tests.unit import numpy_reference as ref
from ui.player.payload import decode_payload


def forward(weights, x, activation):
    """P(class 1) of a stack of Dense layers (hidden `activation`, softmax out), in NumPy."""
    a = np.asarray(x, dtype=float)
    for i in range(0, len(weights) - 2, 2):
        a = ref.act(activation, a @ weights[i] + weights[i + 1])
    z = a @ weights[-2] + weights[-1]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True))[:, 1]


def bce(p, y):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))


@pytest.mark.parametrize("dataset", list(pg.DATASETS))
def test_every_data_set_lies_in_the_unit_square_with_both_classes(dataset):
    x, y = pg.make_data(pg.Settings(dataset=dataset, noise=0.5))
    n = 9 if dataset == "laptops" else pg.POINTS
    assert x.shape == (n, 2) and y.shape == (n,)
    assert x.min() >= 0 and x.max() <= 1 and set(y.tolist()) == {0, 1}
    if dataset in ("circles", "blobs", "spiral"):
        assert y.sum() == n // 2  # as many of each class


def test_xor_without_noise_is_green_where_exactly_one_coordinate_is_past_the_middle():
    x, y = pg.make_data(pg.Settings(dataset="xor", noise=0.0))
    assert np.array_equal(y, ((x[:, 0] > 0.5) != (x[:, 1] > 0.5)).astype(int))


def test_circles_without_noise_sit_on_two_radii_around_the_middle():
    x, y = pg.make_data(pg.Settings(dataset="circles", noise=0.0))
    radius = np.hypot(x[:, 0] - 0.5, x[:, 1] - 0.5)
    assert np.allclose(radius[y == 0], 0.4) and np.allclose(radius[y == 1], 0.2)


def test_blobs_have_their_centres_on_the_diagonal():
    x, y = pg.make_data(pg.Settings(dataset="blobs", noise=0.0, seed=3))
    assert np.allclose(x[y == 1].mean(axis=0), 0.7, atol=0.05)
    assert np.allclose(x[y == 0].mean(axis=0), 0.3, atol=0.05)


def test_spiral_arms_are_half_a_turn_apart():
    x, y = pg.make_data(pg.Settings(dataset="spiral", noise=0.0))
    u = (x - 0.5) / 0.4
    t = np.hypot(u[:, 0], u[:, 1])
    angle = np.arctan2(u[:, 1], u[:, 0])
    expected = 2 * np.pi * t + np.pi * y
    assert np.allclose(np.cos(angle), np.cos(expected), atol=1e-9)
    assert np.allclose(np.sin(angle), np.sin(expected), atol=1e-9)


def test_the_laptops_are_the_tutorial_s_and_noise_moves_them():
    x, y = pg.make_data(pg.Settings(dataset="laptops", noise=0.0))
    tx, ty = tutorial_arrays()
    assert np.array_equal(x, tx) and np.array_equal(y, ty)
    moved, _ = pg.make_data(pg.Settings(dataset="laptops", noise=0.2))
    assert not np.array_equal(moved, tx)


def test_noise_and_seed_change_the_points_and_the_same_settings_give_the_same_points():
    base = pg.Settings(dataset="circles")
    x, _ = pg.make_data(base)
    assert np.array_equal(x, pg.make_data(base)[0])
    assert not np.array_equal(x, pg.make_data(replace(base, noise=0.3))[0])
    assert not np.array_equal(x, pg.make_data(replace(base, seed=2))[0])


@pytest.mark.parametrize(("n", "share", "test"), [(200, 0.3, 60), (200, 0.1, 20), (9, 0.1, 1),
                                                   (9, 0.5, 4), (2, 0.5, 1)])
def test_the_split_keeps_the_last_share_for_the_test(n, share, test):
    train_rows, test_rows = pg.split(n, share)
    assert len(test_rows) == test and np.array_equal(np.concatenate([train_rows, test_rows]),
                                                     np.arange(n))


@pytest.mark.parametrize(("layers", "neurons", "activation"),
                         [(1, 1, "relu"), (2, 8, "tanh"), (3, 5, "sigmoid"), (3, 8, "leaky_relu")])
def test_the_network_has_the_asked_shape_and_its_losses_match_numpy(layers, neurons, activation):
    settings = pg.Settings(dataset="xor", layers=layers, neurons=neurons, activation=activation)
    run = pg.train_playground(settings)
    weights = run.model.get_weights()
    assert [w.shape for w in weights[::2]] == ([(2, neurons)] + [(neurons, neurons)]
                                               * (layers - 1) + [(neurons, 2)])
    p = forward(weights, run.x, activation)
    assert run.test_loss() == pytest.approx(bce(p[run.test_rows], run.y[run.test_rows]),
                                            rel=1e-9)
    assert run.train_loss() == pytest.approx(bce(p[run.train_rows], run.y[run.train_rows]),
                                             rel=1e-9)
    assert run.recording.epochs[-1] == pg.EPOCHS
    for a, b in zip(run.recording.weights[-1], weights, strict=True):
        assert np.array_equal(a, b)


def test_training_with_full_batches_is_full_batch_adam_as_numpy_does_it():
    settings = pg.Settings(dataset="circles", layers=1, neurons=4, activation="tanh",
                           batch_size=200, learning_rate=0.03)
    run = pg.train_playground(settings)
    start = pg.build_network(settings).get_weights()
    x, y = run.x[run.train_rows], np.eye(2)[run.y[run.train_rows]]
    expected = ref.train_adam(start, x, y, epochs=pg.EPOCHS, lr=0.03, activation="tanh")
    for got, want in zip(run.model.get_weights(), expected, strict=True):
        assert np.allclose(got, want, atol=1e-8)


def test_l2_keeps_the_weights_smaller():
    plain = pg.train_playground(pg.Settings(dataset="xor", l2=0.0), record=False)
    kept = pg.train_playground(pg.Settings(dataset="xor", l2=0.01), record=False)
    def size(run):
        return sum(float(np.sum(k ** 2)) for k in run.model.get_weights()[:-2:2])
    assert size(kept) < 0.5 * size(plain)


def _numbers(text):
    return [float(v) for v in re.findall(r"\d+\.\d+", text)]


def test_the_depth_sentence_states_losses_measured_by_an_independent_training():
    settings = pg.Settings(dataset="spiral", layers=2, neurons=6, activation="tanh",
                           batch_size=200, learning_rate=0.03)
    view = pg.playground_view(settings)
    sentence = view.sentences[1]
    # the one-layer comparison, re-trained from the same start by full-batch NumPy Adam
    other = replace(settings, layers=1)
    x, y = pg.make_data(other)
    train_rows, test_rows = pg.split(len(y), other.test_share)
    weights = ref.train_adam(pg.build_network(other).get_weights(), x[train_rows],
                             np.eye(2)[y[train_rows]], epochs=pg.EPOCHS, lr=0.03,
                             activation="tanh")
    one_layer = bce(forward(weights, x[test_rows], "tanh"), y[test_rows])
    run = pg.train_playground(settings, record=False)
    two_layers = bce(forward(run.model.get_weights(), x[test_rows], "tanh"), y[test_rows])
    assert _numbers(sentence) == [round(two_layers, 2), round(one_layer, 2)]
    assert sentence.startswith("With 2 hidden layers the test loss ends at")
    better = "2 hidden layers" if two_layers < one_layer else "1 hidden layer"
    assert f"here {better} do better" in sentence
    assert view.sentences[0].startswith(f"Training loss {run.train_loss():.2f}, test loss "
                                        f"{two_layers:.2f}")


def test_one_layer_is_compared_with_two():
    assert pg.other_depth(1) == 2 and pg.other_depth(2) == 1 and pg.other_depth(3) == 2


def test_the_comparison_sentence_says_no_difference_when_the_rounded_losses_agree():
    same = pg.comparison_sentence(pg.Comparison(2, 0.101, 1, 0.099))
    assert "depth makes no difference" in same and "0.10" in same
    deeper = pg.comparison_sentence(pg.Comparison(1, 0.6, 2, 0.2))
    assert "here 2 hidden layers do better" in deeper


@pytest.mark.parametrize(("train", "test", "overfit"), [(0.05, 0.5, True), (0.3, 0.35, False),
                                                        (0.3, 0.2, False)])
def test_the_overfitting_sentence_follows_the_gap(train, test, overfit):
    sentence = pg.overfit_sentence(train, test)
    assert ("overfitting" in sentence) is overfit
    assert _numbers(sentence)[:2] == [train, test]


def test_the_player_gets_every_frame_with_losses_numpy_recomputes():
    settings = pg.Settings(dataset="xor", layers=2, neurons=3, activation="relu")
    view = pg.playground_view(settings)
    run = pg.train_playground(settings)
    data = view.payload
    assert data["epochs"] == run.recording.epochs and data["sizes"] == [2, 3, 3, 2]
    assert data["epochs"][0] == 0 and data["epochs"][-1] == pg.EPOCHS
    assert data["laptop"] is None
    assert data["legend"] == {"trained": "training points", "held_out": "test points"}
    assert decode_payload(view.encoded) == data
    for f in (0, 50, len(data["epochs"]) - 1):
        p = forward(run.recording.weights[f], run.x, "relu")
        test_loss = bce(p[run.test_rows], run.y[run.test_rows])
        assert data["metrics"]["val_loss"][f] == pytest.approx(test_loss, abs=1e-4)
        assert data["metrics"]["loss"][f] == pytest.approx(
            bce(p[run.train_rows], run.y[run.train_rows]), abs=1e-4)
        assert f"test loss {test_loss:.3f}" in data["sentences"][f]
    assert data["sentences"][0].startswith("Before training (epoch 0)")
    assert data["alt"]["curves"][-1].startswith(
        f"training loss {data['metrics']['loss'][-1]:.3f}")
    assert f"test loss {data['metrics']['val_loss'][-1]:.3f}" in data["alt"]["curves"][-1]
    assert "laptop" not in data["alt"]["map"][-1] + data["alt"]["curves"][-1]
    assert f"of {pg.POINTS} points right" in data["alt"]["map"][-1]


def test_every_setting_the_controls_offer_is_bounded():
    assert pg.LAYERS == (1, 3) and pg.NEURONS == (1, 8)
    worst_steps = pg.EPOCHS * -(-pg.POINTS // min(pg.BATCH_SIZES))
    assert worst_steps <= 4_000  # the page's worst training (plus its comparison, as long)
