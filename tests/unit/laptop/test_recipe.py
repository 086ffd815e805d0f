"""The tutorial's recipe: training, the default seed, stuck runs, blow-ups and model files."""

import json
from dataclasses import replace

import numpy as np
import pytest

from laptop.data import check_table, tutorial_table
from laptop.recipe import (
    DEFAULT_SEED,
    RECIPE,
    ModelFileError,
    Settings,
    build_model,
    epoch_log_line,
    model_from_json_bytes,
    model_to_json_bytes,
    predict_buy,
    remedies,
    seed_survey,
    settings_from_model_file,
    split_rows,
    train,
)


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


def test_about_one_seed_in_six_gets_stuck(rows):
    survey = seed_survey(*rows, range(200))
    stuck = np.mean([r["stuck"] for r in survey])
    assert 0.05 < stuck < 0.35, stuck
    assert survey[0]["train_accuracy"] == 1.0 and not survey[0]["stuck"]
    first_stuck = next(r["seed"] for r in survey if r["stuck"])
    run = train(*rows, replace(RECIPE, seed=first_stuck))
    assert run.ok and run.stuck and run.train_accuracy <= 0.5


def test_remedies_change_one_thing_each():
    fixes = remedies(RECIPE)
    assert len(fixes) == 3
    changed = [{k for k, v in f.to_dict().items() if RECIPE.to_dict()[k] != v}
               for f in fixes.values()]
    assert changed == [{"seed"}, {"hidden_units"}, {"activation"}]
    assert "Switch to leaky ReLU" not in remedies(replace(RECIPE, activation="leaky_relu"))


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


def test_model_file_round_trip_gives_the_same_answers(rows):
    run = train(*rows)
    raw = model_to_json_bytes(run.model, run.settings)
    back = model_from_json_bytes(raw)
    np.testing.assert_allclose(back.predict(rows[0]), run.model.predict(rows[0]))
    assert settings_from_model_file(raw) == run.settings
    assert settings_from_model_file(b"{}") is None


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
