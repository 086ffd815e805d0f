"""The tutorial's recipe: training, the default seed, stuck runs, blow-ups and model files."""

import json
from dataclasses import replace

import numpy as np
import pytest

from laptop.data import check_table, tutorial_table
from laptop.recipe import (
    DEFAULT_SEED,
    MAX_TRAINING_STEPS,
    RECIPE,
    ModelFileError,
    Settings,
    build_model,
    epoch_log_line,
    majority_share,
    model_from_json_bytes,
    model_to_json_bytes,
    predict_buy,
    remedies,
    seed_survey,
    settings_from_model_file,
    split_rows,
    train,
    training_steps,
)
from nncore import Dense, Sequential
from tests.unit import numpy_reference as ref

# The tutorial's nine laptops, typed from the tutorial (not read by laptop.data).
TUTORIAL_X = np.array([[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1],
                       [0.75, 0.4], [0.75, 0.9], [0.6, 0.9], [0.6, 0.75]])
TUTORIAL_Y = np.array([0, 0, 1, 1, 0, 0, 1, 1, 1])


@pytest.fixture(scope="module")
def rows():
    check = check_table(tutorial_table())
    return check.x, check.y


def test_recipe_is_the_tutorials():
    assert (RECIPE.hidden_units, RECIPE.activation, RECIPE.learning_rate, RECIPE.epochs,
            RECIPE.batch_size, RECIPE.initializer) == (3, "relu", 0.1, 20, 32, "glorot_normal")
    model = build_model(RECIPE)
    assert [w.shape for w in model.get_weights()] == [(2, 3), (3,), (3, 2), (2,)]
    assert model.count_params() == 17


def test_validation_holds_out_the_last_rows_like_keras():
    train_rows, val_rows = split_rows(9, 0.1)
    assert train_rows.tolist() == list(range(8)) and val_rows.tolist() == [8]
    assert split_rows(9, 0.0)[1].size == 0


def test_default_seed_trains_well_and_calls_epochs_in_order(rows):
    seen = []
    run = train(*rows, on_epoch=lambda epoch, logs: seen.append((epoch, logs["loss"])))
    assert run.ok and not run.stuck
    assert run.train_accuracy == 1.0 and run.validation_accuracy == 1.0
    assert [e for e, _ in seen] == list(range(1, 21))
    assert run.history["loss"][-1] < run.history["loss"][0] / 3
    assert predict_buy(run.model, np.array([[0.1, 0.6]]))[0] > 0.5
    assert RECIPE.seed == DEFAULT_SEED


def _independent_run(seed, settings=RECIPE):
    """The recipe's training redone in plain NumPy (tests/unit/numpy_reference.py) from
    the seed's starting weights: rows 1-8 train, row 9 validates, as in the tutorial."""
    start = build_model(replace(settings, seed=seed)).get_weights()
    return ref.train_adam(start, TUTORIAL_X[:8], np.eye(2)[TUTORIAL_Y[:8]],
                          epochs=settings.epochs, lr=settings.learning_rate,
                          activation=settings.activation)


def test_default_seed_matches_an_independent_numpy_training(rows):
    """P(buy) for the tutorial's laptop (pink 0.1, small 0.6) and a pink, big one."""
    laptops = np.array([[0.1, 0.6], [0.9, 0.1]])
    expected = ref.probabilities(_independent_run(DEFAULT_SEED), laptops)[:, 1]
    run = train(TUTORIAL_X, TUTORIAL_Y)
    np.testing.assert_allclose(predict_buy(run.model, laptops), expected, rtol=1e-9)
    assert expected[0] > 0.9 and expected[1] < 0.01  # buy, very sure; don't buy


def test_the_validation_row_is_scored_every_epoch():
    run = train(TUTORIAL_X, TUTORIAL_Y)
    assert len(run.history["val_loss"]) == len(run.history["val_accuracy"]) == 20
    final = ref.probabilities(_independent_run(DEFAULT_SEED), TUTORIAL_X[8:])
    expected = ref.bce_loss(final, np.eye(2)[TUTORIAL_Y[8:]])  # row 9, after the last step
    assert run.history["val_loss"][-1] == pytest.approx(expected, rel=1e-9)


def test_about_one_seed_in_six_gets_stuck(rows):
    survey = seed_survey(*rows, range(200))
    stuck = np.mean([r["stuck"] for r in survey])
    assert 0.05 < stuck < 0.35, stuck  # the claim: about 1 run in 6, a statistical band
    assert survey[0]["train_accuracy"] == 1.0 and not survey[0]["stuck"]
    first_stuck = next(r["seed"] for r in survey if r["stuck"])
    run = train(*rows, replace(RECIPE, seed=first_stuck))
    assert run.ok and run.stuck and run.train_accuracy <= 0.5


# Pinned counts, deterministic for these seeds: measured with seed_survey over seeds 0..999
# (158 stuck, 828 right on all 8 training rows and the validation row, the figures quoted in
# laptop/recipe.py) and checked seed by seed against the independent NumPy training of
# tests/unit/numpy_reference.py, which agrees on all 1,000 seeds (a dozen are re-checked here).
def test_seed_survey_counts_match_an_independent_numpy_training():
    survey = seed_survey(TUTORIAL_X, TUTORIAL_Y, range(1000))
    stuck = [r["seed"] for r in survey if r["stuck"]]
    perfect = [r["seed"] for r in survey
               if r["train_accuracy"] == 1.0 and r["validation_accuracy"] == 1.0]
    assert (len(stuck), len(perfect)) == (158, 828)
    assert stuck[:3] == [8, 10, 22]  # as laptop/recipe.py says
    y_train = TUTORIAL_Y[:8]  # 4 buy, 4 don't: always one answer scores 1/2
    for seed in (*stuck[:6], *perfect[:6]):
        buy = ref.probabilities(_independent_run(seed), TUTORIAL_X)[:, 1] >= 0.5
        train_accuracy = np.mean(buy[:8] == y_train)
        assert (train_accuracy <= 0.5) == (seed in stuck), seed
        assert (train_accuracy == 1.0 and buy[8] == TUTORIAL_Y[8]) == (seed in perfect), seed


def test_majority_share_is_the_commoner_answers_share():
    assert majority_share(np.array([1, 1, 1, 0])) == 0.75
    assert majority_share(np.array([0, 0, 0, 1, 1])) == 0.6
    assert majority_share(np.array([1, 0])) == 0.5


def test_a_run_that_always_gives_the_commoner_answer_is_stuck_on_an_unbalanced_table():
    """All-zero starting weights leave every ReLU unit dead (z = 0, slope 0), so only the
    output bias learns and the network gives every laptop the same answer: on 6 buy and
    2 don't-buy training rows, 6/8 right, no better than always saying "buy"."""
    x = np.array([[0.1, 0.1], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1], [0.75, 0.9],
                  [0.6, 0.9], [0.6, 0.75], [0.7, 0.7], [0.2, 0.2]])
    y = np.array([0, 1, 1, 0, 1, 1, 1, 1, 0])
    run = train(x, y, replace(RECIPE, initializer="zeros"))
    assert run.ok and run.train_accuracy == 6 / 8
    assert run.stuck
    learned = train(x, y, replace(RECIPE, hidden_units=8, epochs=200))
    assert learned.train_accuracy == 1.0 and not learned.stuck


def test_remedies_change_one_thing_each():
    fixes = remedies(RECIPE)
    assert len(fixes) == 3
    changed = [{k for k, v in f.to_dict().items() if RECIPE.to_dict()[k] != v}
               for f in fixes.values()]
    assert changed == [{"seed"}, {"hidden_units"}, {"activation"}]
    assert "Switch to leaky ReLU" not in remedies(replace(RECIPE, activation="leaky_relu"))


def test_each_remedy_does_what_its_button_says():
    assert remedies(RECIPE) == {
        "Train again with a new seed": replace(RECIPE, seed=1),
        "Use 6 hidden neurons": replace(RECIPE, hidden_units=6),
        "Switch to leaky ReLU": replace(RECIPE, activation="leaky_relu")}
    top = remedies(replace(RECIPE, hidden_units=10, seed=2**31 - 1))
    assert top["Use 16 hidden neurons"].hidden_units == 16  # never above the page's limit
    assert top["Train again with a new seed"].seed == 0  # the largest seed wraps around
    assert not any("hidden" in label for label in remedies(replace(RECIPE, hidden_units=16)))


def test_the_more_neurons_remedy_widens_every_hidden_layer_within_its_limit():
    deep = replace(RECIPE, hidden_units=3, more_layers=(1, 5))
    assert remedies(deep)["Use hidden layers of 6, 2 and 8 neurons"] == replace(
        deep, hidden_units=6, more_layers=(2, 8))
    narrow_later = replace(RECIPE, hidden_units=16, more_layers=(1,))  # the first is full
    assert remedies(narrow_later)["Use hidden layers of 16 and 2 neurons"].more_layers == (2,)
    full = replace(RECIPE, hidden_units=16, more_layers=(8, 8))
    assert not any("hidden" in label for label in remedies(full))
    assert all(not fix.problems() for fix in remedies(deep).values())


@pytest.mark.parametrize("more", [(), (1,), (8,), (4, 2), (8, 8)])
def test_settings_accept_one_to_three_hidden_layers(more):
    settings = replace(RECIPE, hidden_units=16, more_layers=more)
    assert settings.problems() == []
    assert settings.hidden_layers == 1 + len(more) and settings.layer_units == (16, *more)
    model = build_model(settings)
    kernels = model.get_weights()[0::2]
    assert [k.shape for k in kernels] == list(zip((2, 16, *more), (16, *more, 2), strict=True))


@pytest.mark.parametrize("more", [(8, 8, 8), (9,), (0,), (3, 9), (2.0,), (True,), [4], "44",
                                  None])
def test_settings_refuse_layers_the_page_does_not_build(more):
    words = " ".join(replace(RECIPE, more_layers=more).problems())
    assert ("Each hidden layer after the first must have 1 to 8 neurons." in words
            or "hidden layers must be a whole number between 1 and 3." in words)


def test_a_deep_network_trains_within_the_budget(rows):
    x, y = np.tile(rows[0], (30, 1)), np.tile(rows[1], 30)  # 270 rows, 243 train
    asked = replace(RECIPE, hidden_units=16, more_layers=(8, 8), epochs=500, batch_size=1)
    run = train(x, y, asked)
    assert run.ok and run.note and "training steps" in run.note
    assert training_steps(len(run.train_rows), run.settings) <= MAX_TRAINING_STEPS
    assert [layer.units for layer in run.model.layers] == [16, 8, 8, 2]
    again = train(x, y, asked)  # the same seed: the same weights, bit for bit
    for a, b in zip(run.model.get_weights(), again.model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_learning_rate_100_blows_up_and_gives_no_model(rows):
    run = train(*rows, replace(RECIPE, learning_rate=100.0))
    assert not run.ok and run.model is None
    assert "out of control" in run.problem and "previous model is kept" in run.problem


@pytest.mark.parametrize("bad", [dict(hidden_units=0), dict(learning_rate=float("nan")),
                                 dict(activation="<b>x</b>"), dict(epochs=10_000),
                                 dict(validation_split=0.9)])
def test_bad_settings_are_refused_in_words(rows, bad):
    run = train(*rows, replace(RECIPE, **bad))
    assert not run.ok and run.problem


def test_training_rows_with_one_answer_are_refused():
    x = np.array([[0.1, 0.1], [0.2, 0.2], [0.9, 0.9]])
    run = train(x, np.array([0, 0, 1]), replace(RECIPE, validation_split=0.5))
    assert not run.ok and "same answer" in run.problem


def test_epoch_log_reads_like_the_tutorial():
    assert epoch_log_line(1, {"loss": 0.7012, "accuracy": 0.5}) == \
        "Epoch 1 / Loss: 0.70 accuracy: 0.5"
    assert epoch_log_line(20, {"loss": 0.0712, "accuracy": 1.0}) == \
        "Epoch 20 / Loss: 0.07 accuracy: 1"
    assert epoch_log_line(3, {}) == "Epoch 3 / Loss: nan accuracy: nan"  # nothing logged yet


def test_model_file_round_trip_gives_the_same_answers(rows):
    run = train(*rows)
    raw = model_to_json_bytes(run.model, run.settings)
    back = model_from_json_bytes(raw)
    np.testing.assert_allclose(back.predict(rows[0]), run.model.predict(rows[0]))
    assert settings_from_model_file(raw) == run.settings
    assert settings_from_model_file(b"{}") is None
    unusable = json.loads(raw)
    unusable["laptop_settings"]["hidden_units"] = 0
    assert settings_from_model_file(json.dumps(unusable).encode()) is None


def _weights_file(run, change):
    data = json.loads(model_to_json_bytes(run.model))
    change(data)
    return json.dumps(data).encode()


def _set_first_weight(data, value):
    """Put `value` into the first number of the first kernel, wherever nncore keeps it."""
    def walk(node):
        if isinstance(node, dict):
            return any(walk(v) for v in node.values())
        if isinstance(node, list):
            if node and isinstance(node[0], float | int) and not isinstance(node[0], bool):
                node[0] = value
                return True
            return any(walk(v) for v in node)
        return False
    assert walk(data)


@pytest.mark.parametrize("raw, words", [
    (b"\x89PNG\x00\x00", "not JSON"),
    (b"pink,small,buy\n0.1,0.2,1\n", "not JSON"),
    (b"[1, 2, 3]", "layers or weights"),
    (b'{"layers": "nope"}', "layers or weights"),
    (b" " * 300_000, "at most"),
])
def test_bad_model_files_get_a_friendly_message(raw, words):
    with pytest.raises(ModelFileError, match=words):
        model_from_json_bytes(raw)


def test_nan_weights_and_wrong_shapes_are_refused(rows):
    run = train(*rows)
    nan_file = _weights_file(run, lambda d: _set_first_weight(d, float("nan")))
    with pytest.raises(ModelFileError, match="not numbers|do not fit"):
        model_from_json_bytes(nan_file)
    three_inputs = build_model(Settings(hidden_units=3))
    three_inputs = type(three_inputs)([type(three_inputs.layers[0])(3, "relu", input_dim=3),
                                       type(three_inputs.layers[0])(2, "softmax")], seed=0)
    three_inputs.compile()
    with pytest.raises(ModelFileError, match="different question"):
        model_from_json_bytes(json.dumps(three_inputs.to_dict()).encode())


@pytest.mark.parametrize("field, value", [("seed", 0.0), ("seed", 7.5), ("hidden_units", 3.0),
                                          ("epochs", 20.5), ("batch_size", 32.0)])
def test_counts_and_the_seed_must_be_whole_numbers(field, value):
    settings = replace(RECIPE, **{field: value})
    assert any("whole number" in p for p in settings.problems())
    x, y = tutorial_table()[["pink", "small"]].to_numpy(), tutorial_table()["buy"].to_numpy()
    run = train(x, y, settings)  # refused with the reason, never an error from NumPy
    assert run.model is None and "whole number" in run.problem
    assert replace(RECIPE, learning_rate=1).problems() == []  # a rate may be written as an int


def _file_with_output_layer(units, activation, bias, zero_kernel=False):
    """A model file with a 2-3 ReLU hidden layer and the given output layer (bias: one
    number for every unit, or one per unit; zero_kernel: the answers are the bias alone)."""
    model = Sequential([Dense(3, "relu", input_dim=2), Dense(units, activation)], seed=0)
    model.compile()
    weights = model.get_weights()
    weights[-1] = np.broadcast_to(np.asarray(bias, dtype=float), (units,)).copy()
    if zero_kernel:
        weights[-2] = np.zeros_like(weights[-2])
    model.set_weights(weights)
    return json.dumps(model.to_dict()).encode()


@pytest.mark.parametrize("units, activation, bias", [
    (2, "linear", 0.0),  # answers 0 and 0 for pink 0, small 0: not probabilities
    (2, "linear", 3.0),  # answers above 1
    (2, "sigmoid", 1.0),  # each in (0, 1), but they do not add up to 1
    (3, "softmax", 0.0),  # probabilities, of three answers
    (1, "sigmoid", 0.0),  # one answer
])
def test_model_files_must_answer_with_two_softmax_probabilities(units, activation, bias):
    with pytest.raises(ModelFileError):
        model_from_json_bytes(_file_with_output_layer(units, activation, bias))
    assert model_from_json_bytes(_file_with_output_layer(2, "softmax", 0.0))  # the control


def test_answers_that_add_up_to_1_but_leave_0_to_1_are_refused():
    with pytest.raises(ModelFileError):  # -0.5 and 1.5 for every laptop
        model_from_json_bytes(_file_with_output_layer(2, "linear", [-0.5, 1.5], True))


def test_a_softmax_so_sure_that_it_answers_exactly_0_and_1_loads():
    raw = _file_with_output_layer(2, "softmax", [0.0, 800.0], True)  # exp(-800) is 0.0
    model = model_from_json_bytes(raw)
    assert model.predict(np.array([[0.5, 0.5]])).tolist() == [[0.0, 1.0]]


def test_a_one_answer_model_is_told_how_many_answers_it_gives():
    with pytest.raises(ModelFileError, match="gives 1"):
        model_from_json_bytes(_file_with_output_layer(1, "sigmoid", 0.0))


def test_a_model_file_of_exactly_the_size_limit_is_read():
    from laptop.recipe import MAX_MODEL_FILE_BYTES

    raw = _file_with_output_layer(2, "softmax", 0.0)
    padded = raw + b" " * (MAX_MODEL_FILE_BYTES - len(raw))  # JSON allows trailing spaces
    assert model_from_json_bytes(padded)
    with pytest.raises(ModelFileError, match="at most"):
        model_from_json_bytes(padded + b" ")
