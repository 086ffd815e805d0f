"""Model files: held to the envelope the page's settings build, refused before any array
exists when outside it; answers finite everywhere the page asks, or refused; every malformed
file gets the plain refusal (issue #13 items 1, 4, 5).

Expected values come from independent computations: the largest model comes from
build_model, the parameter count from the weights' own shapes, the logits from a plain NumPy
forward pass written here, and "finite everywhere" from the map's 41 x 41 grid plus random
points of the unit square.
"""

import doctest
import json
import tracemalloc

import numpy as np
import pytest

import laptop.recipe
from laptop.recipe import (
    ACTIVATIONS,
    INITIALIZERS,
    LIMITS,
    MAX_HIDDEN_LAYERS,
    MAX_HIDDEN_UNITS,
    MAX_MODEL_PARAMETERS,
    MIN_HIDDEN_LAYERS,
    MORE_LAYER_UNITS,
    RECIPE,
    ModelFileError,
    Settings,
    build_model,
    largest_logit,
    model_from_json_bytes,
    model_to_json_bytes,
    settings_from_model_file,
)
from nncore import activations

AXIS = np.linspace(0.0, 1.0, 41)  # the decision map's grid (ui.grid.probability_grid)
MAP = np.column_stack([a.ravel() for a in np.meshgrid(AXIS, AXIS)])
SQUARE = np.vstack([MAP, np.random.default_rng(0).random((2_000, 2))])


def layer(units, activation="relu", input_dim=None):
    return {"type": "Dense", "units": units, "activation": {"name": activation},
            "kernel_initializer": {"name": "glorot_normal"},
            "bias_initializer": {"name": "zeros"}, "input_dim": input_dim}


def model_file(layers, weights=None, compile=None) -> bytes:
    return json.dumps({"format": "nncore.Sequential", "version": 1, "seed": 0,
                       "layers": layers, "compile": compile, "weights": weights}).encode()


ACTIVATION_MATHS = {
    "relu": lambda v: np.maximum(v, 0), "tanh": np.tanh,
    "sigmoid": lambda v: 1 / (1 + np.exp(-v)),
    "leaky_relu": lambda v: np.where(v > 0, v, 0.2 * v),
    "elu": lambda v: np.where(v > 0, v, np.expm1(np.minimum(v, 0)))}


def plain_logits(weights, activations, x):
    """The forward pass in plain NumPy, up to the answer layer's softmax (its input)."""
    h = np.asarray(x, dtype=float)
    with np.errstate(over="ignore"):  # exp(-v) of a very negative v is inf, and 1/inf is 0
        for i in range(0, len(weights) - 2, 2):
            h = ACTIVATION_MATHS[activations[i // 2]](h @ weights[i] + weights[i + 1])
    return h @ weights[-2] + weights[-1]


def answers_are_probabilities(model, x) -> bool:
    with np.errstate(all="ignore"):
        out = np.asarray(model.predict(x), dtype=float)
    return bool(np.all(np.isfinite(out)) and np.all((out >= 0) & (out <= 1))
                and np.allclose(out.sum(axis=1), 1.0))


# ---- item 1: the envelope ------------------------------------------------------------------
def test_the_envelope_is_the_largest_model_the_page_builds():
    high = LIMITS["hidden_units"][1]
    assert high == MAX_HIDDEN_UNITS
    assert LIMITS["hidden_layers"] == (MIN_HIDDEN_LAYERS, MAX_HIDDEN_LAYERS) == (1, 3)
    assert len(build_model(RECIPE).layers) - 1 == MIN_HIDDEN_LAYERS
    more = (MORE_LAYER_UNITS[1],) * (MAX_HIDDEN_LAYERS - 1)
    largest_settings = Settings(hidden_units=high, more_layers=more)
    assert not largest_settings.problems()
    largest = build_model(largest_settings)
    assert len(largest.layers) - 1 == MAX_HIDDEN_LAYERS
    assert sum(w.size for w in largest.get_weights()) == MAX_MODEL_PARAMETERS
    # nothing larger is a setting the page accepts
    assert Settings(hidden_units=high + 1, more_layers=more).problems()
    assert Settings(hidden_units=high, more_layers=(MORE_LAYER_UNITS[1] + 1, 1)).problems()
    assert Settings(hidden_units=high, more_layers=more + (1,)).problems()
    back = model_from_json_bytes(model_to_json_bytes(largest, largest_settings))
    np.testing.assert_array_equal(back.predict(MAP), largest.predict(MAP))


@pytest.mark.parametrize("more", [(1,), (8,), (5, 2), (8, 8)])
def test_a_model_of_several_hidden_layers_and_its_settings_load_back(more):
    chosen = Settings(hidden_units=6, more_layers=more, activation="tanh", seed=3)
    model = build_model(chosen)
    assert [layer.units for layer in model.layers] == [6, *more, 2]
    raw = model_to_json_bytes(model, chosen)
    back = model_from_json_bytes(raw)
    np.testing.assert_array_equal(back.predict(MAP), model.predict(MAP))
    assert settings_from_model_file(raw) == chosen


def test_an_older_model_file_of_one_layer_loads_as_before():
    """A file saved before the page had layers: its settings have no more_layers."""
    model = build_model(Settings(hidden_units=5))
    data = json.loads(model_to_json_bytes(model, Settings(hidden_units=5)))
    del data["laptop_settings"]["more_layers"]
    raw = json.dumps(data).encode()
    assert settings_from_model_file(raw) == Settings(hidden_units=5)
    np.testing.assert_array_equal(model_from_json_bytes(raw).predict(MAP), model.predict(MAP))


@pytest.mark.parametrize("more", [[9], [0], [3, 3, 3], "88", [2.5], [True], None])
def test_stored_settings_with_unusable_layers_are_ignored(more):
    model = build_model(RECIPE)
    data = json.loads(model_to_json_bytes(model, RECIPE))
    data["laptop_settings"]["more_layers"] = more
    assert settings_from_model_file(json.dumps(data).encode()) is None


@pytest.mark.parametrize("units", [LIMITS["hidden_units"][0], 3, LIMITS["hidden_units"][1]])
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_every_model_the_page_builds_loads_back(units, activation):
    for initializer in INITIALIZERS:
        chosen = Settings(hidden_units=units, activation=activation, initializer=initializer)
        model = build_model(chosen)
        back = model_from_json_bytes(model_to_json_bytes(model, chosen))
        np.testing.assert_array_equal(back.predict(MAP), model.predict(MAP))


WIDE_FILE = json.dumps({"format": "nncore.Sequential", "layers": [
    {"type": "Dense", "units": 100_000, "activation": "relu", "input_dim": 2},
    {"type": "Dense", "units": 2, "activation": "softmax"}],
    "compile": {"optimizer": "adam", "loss": "binary_crossentropy"}}).encode()


def test_a_wide_model_file_is_refused_before_any_array_is_made():
    """The issue's ~260-byte file: 2 -> 100,000 -> 2, no weights, softmax."""
    raw = WIDE_FILE
    assert len(raw) < 300
    tracemalloc.start()
    try:
        with pytest.raises(ModelFileError, match=f"100,000 neurons.*1 to {MAX_HIDDEN_UNITS}"):
            model_from_json_bytes(raw, name="The uploaded file")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Accepting it would allocate 2 x 100,000 and 100,000 x 2 float64 kernels: 3.2 MB
    assert peak < 200_000, peak


@pytest.mark.parametrize("layers, words", [
    ([layer(300, input_dim=2), layer(300), layer(2, "softmax")], "first hidden layer of 300"),
    ([layer(3, input_dim=2), layer(9), layer(2, "softmax")], "hidden layer 2 of 9 neurons"),
    ([layer(3, input_dim=2), layer(3), layer(3), layer(20), layer(2, "softmax")], "5 layers"),
    ([layer(3, input_dim=2), layer(3), layer(3), layer(3), layer(2, "softmax")], "5 layers"),
    ([layer(2, "softmax", input_dim=2)], "1 layers"),
    ([layer(3, input_dim=2)] + [layer(3)] * 50 + [layer(2, "softmax")], "52 layers"),
    ([layer(MAX_HIDDEN_UNITS + 1, input_dim=2), layer(2, "softmax")], "neurons"),
    ([layer(0, input_dim=2), layer(2, "softmax")], "0 neurons"),
    ([layer(-5, input_dim=2), layer(2, "softmax")], "-5 neurons"),
    ([layer(10**4000, input_dim=2), layer(2, "softmax")], "more than a trillion neurons"),
    ([layer(3.0, input_dim=2), layer(2, "softmax")], "not a whole number"),
    ([layer(True, input_dim=2), layer(2, "softmax")], "not a whole number"),
    ([layer(1e9, input_dim=2), layer(2, "softmax")], "not a whole number"),
    ([layer(3, input_dim=3), layer(2, "softmax")], "must take 2 inputs"),
    ([layer(3), layer(2, "softmax")], "must take 2 inputs"),
    ([layer(3, input_dim=2), layer(3, "softmax")], "must give 2 answers .* gives 3"),
    ([layer(3, input_dim=2), layer(1, "softmax")], "must give 2 answers .* gives 1"),
    ([layer(3, input_dim=2), layer(2, "linear")], "answer layer must be softmax"),
    ([layer(3, input_dim=2), layer(2, "sigmoid")], "answer layer must be softmax"),
    ([layer(3, input_dim=2), layer(2, "relu")], "answer layer must be softmax"),
    ([layer(3, input_dim=2), {**layer(2), "activation": {"name": "softmax", "axis": 0}}],
     "answer layer must be softmax"),
    ([layer(3, "linear", input_dim=2), layer(2, "softmax")], "activation the page does not"),
    ([layer(3, "softmax", input_dim=2), layer(2, "softmax")], "activation the page does not"),
    ([{**layer(3, input_dim=2), "activation": None}, layer(2, "softmax")],
     "activation the page does not"),
])
def test_files_outside_the_envelope_get_a_plain_refusal(layers, words):
    with pytest.raises(ModelFileError, match=words):
        model_from_json_bytes(model_file(layers))


def test_answers_that_are_not_softmax_probabilities_are_refused_even_with_weights():
    """The mutation report's survivors: 2 linear, 2 sigmoid or 3 softmax answers, each
    with weights that fit, each refused (and each gives something that is not a 2-answer
    probability, so the refusal matters)."""
    rng = np.random.default_rng(1)
    hidden = [rng.normal(size=(2, 3)).tolist(), [0.0] * 3]
    for answers, activation in ((2, "linear"), (2, "sigmoid"), (3, "softmax")):
        weights = hidden + [rng.normal(size=(3, answers)).tolist(), [0.5] * answers]
        raw = model_file([layer(3, input_dim=2), layer(answers, activation)], weights)
        unchecked = laptop.recipe.Sequential.from_dict(json.loads(raw))
        out = unchecked.predict(MAP)
        assert out.shape[1] != 2 or not np.allclose(out.sum(axis=1), 1.0)
        with pytest.raises(ModelFileError, match="softmax|2 answers"):
            model_from_json_bytes(raw)


# ---- item 4: answers finite wherever the page asks -----------------------------------------
def huge_file(value=1e308) -> tuple[bytes, list]:
    """Finite at (0, 0), (0.5, 0.5) and (1, 1), where pink = small; NaN off the diagonal:
    the hidden unit is relu(value * (pink - small)), and the answer layer multiplies by 10."""
    weights = [[[value], [-value]], [0.0], [[10.0, -10.0]], [0.0, 0.0]]
    return model_file([layer(1, input_dim=2), layer(2, "softmax")], weights), weights


def test_huge_weights_whose_answers_overflow_off_the_probe_points_are_refused():
    raw, weights = huge_file()
    unchecked = laptop.recipe.Sequential.from_dict(json.loads(raw))
    assert answers_are_probabilities(unchecked, [[0, 0], [0.5, 0.5], [1, 1]])
    assert not answers_are_probabilities(unchecked, MAP)  # the file is hostile indeed
    with pytest.raises(ModelFileError, match="so large"):
        model_from_json_bytes(raw)


@pytest.mark.parametrize("value", [-1e308, 5e307, 1e302])
def test_weights_near_the_largest_float_are_refused(value):
    raw, _ = huge_file(value)
    with pytest.raises(ModelFileError, match="so large"):
        model_from_json_bytes(raw)


@pytest.mark.parametrize("value", [1e100, 1e200, -1e250])
def test_large_but_safe_weights_still_load_and_answer_everywhere(value):
    raw, _ = huge_file(value)
    model = model_from_json_bytes(raw)
    assert answers_are_probabilities(model, SQUARE)


@pytest.mark.parametrize("stddev, loads", [(0.05, True), (1e306, False)])
def test_a_file_without_weights_draws_them_and_is_checked_like_any(stddev, loads):
    hidden = {**layer(3, input_dim=2), "kernel_initializer": {"name": "random_normal",
                                                               "stddev": stddev}}
    raw = model_file([hidden, layer(2, "softmax")],
                     compile={"optimizer": "adam", "loss": "binary_crossentropy"})
    if loads:
        assert answers_are_probabilities(model_from_json_bytes(raw), SQUARE)
    else:
        with pytest.raises(ModelFileError, match="so large"):
            model_from_json_bytes(raw)


def test_a_file_with_neither_weights_nor_compile_settings_is_refused_in_words():
    """nncore leaves such a model unbuilt (no weights to check or answer with)."""
    with pytest.raises(ModelFileError, match="not a model this page can read"):
        model_from_json_bytes(model_file([layer(3, input_dim=2), layer(2, "softmax")]))


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_every_hidden_activation_the_page_offers_is_monotone(activation):
    """largest_logit's bound holds only for monotone activations: a new one on the page
    (swish, GELU...) must come with another bound."""
    z = np.concatenate([-np.logspace(300, -300, 2_000), [0.0], np.logspace(-300, 300, 2_000)])
    with np.errstate(over="ignore"):
        values = activations.get(activation)(z)
    assert np.all(np.diff(values) >= 0)


def test_the_logit_bound_holds_on_the_whole_square():
    rng = np.random.default_rng(7)
    for trial in range(200):
        units = int(rng.integers(1, MAX_HIDDEN_UNITS + 1))
        activation = list(ACTIVATIONS)[trial % len(ACTIVATIONS)]
        scale = 10.0 ** rng.uniform(-2, 3)
        weights = [rng.normal(size=(2, units)) * scale, rng.normal(size=units) * scale,
                   rng.normal(size=(units, 2)) * scale, rng.normal(size=2) * scale]
        model = laptop.recipe.Sequential.from_dict(json.loads(model_file(
            [layer(units, activation, input_dim=2), layer(2, "softmax")],
            [w.tolist() for w in weights])))
        logits = plain_logits(weights, [activation], SQUARE)
        bound = largest_logit(model)
        assert np.max(np.abs(logits)) <= bound * (1 + 1e-12), (trial, activation)


# ---- item 5: every malformed file gets the plain refusal ------------------------------------
@pytest.mark.parametrize("where", ["seed", "units", "weight", "top"])
def test_a_5000_digit_integer_gets_the_plain_refusal(where):
    big = "9" * 5000
    text = model_file([layer(3, input_dim=2), layer(2, "softmax")]).decode()
    text = {"seed": text.replace('"seed": 0', f'"seed": {big}'),
            "units": text.replace('"units": 3', f'"units": {big}'),
            "weight": text.replace('"weights": null', f'"weights": [[[{big}]]]'),
            "top": big}[where]
    assert big in text
    with pytest.raises(ModelFileError, match="not a model file"):
        model_from_json_bytes(text.encode())


@pytest.mark.parametrize("number", ["1" + "0" * 400, "-" + "9" * 4000, "1e400", "NaN",
                                    "Infinity"])
def test_numbers_too_big_for_a_weight_get_a_plain_refusal(number):
    text = model_file([layer(1, input_dim=2), layer(2, "softmax")],
                      [[[0.5], [0.5]], [0.0], [[1.0, -1.0]], [0.0, 0.0]]).decode()
    text = text.replace("[[0.5], [0.5]]", f"[[{number}], [0.5]]", 1)
    assert number in text
    with pytest.raises(ModelFileError):
        model_from_json_bytes(text.encode())


def test_a_file_with_a_byte_order_mark_loads(tmp_path):
    chosen = Settings(hidden_units=4)
    model = build_model(chosen)
    raw = b"\xef\xbb\xbf" + model_to_json_bytes(model, chosen)
    back = model_from_json_bytes(raw)
    np.testing.assert_array_equal(back.predict(MAP), model.predict(MAP))
    assert settings_from_model_file(raw) == chosen
    # what a Windows editor writes: the text saved as "UTF-8 with BOM"
    path = tmp_path / "model.json"
    path.write_text(model_to_json_bytes(model).decode(), encoding="utf-8-sig")
    np.testing.assert_array_equal(model_from_json_bytes(path.read_bytes()).predict(MAP),
                                  model.predict(MAP))


def test_the_docstring_examples_hold():
    assert doctest.testmod(laptop.recipe).failed == 0
