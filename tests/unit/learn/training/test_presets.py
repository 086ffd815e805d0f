"""The "Try this" set-ups: each differs from its contrast in one setting the playground
offers, its test losses are those of the trained networks (a plain NumPy forward pass; for
the full-batch XOR pair, a training re-done by tests/unit/numpy_reference.py), and its
sentence follows the numbers."""

import re
from dataclasses import fields

import numpy as np
import pytest

from learn.training import playground as pg
from learn.training import presets
from tests.unit import numpy_reference as ref
from tests.unit.learn.training.test_playground import bce, forward

OPTIONS = {"dataset": tuple(pg.DATASETS), "activation": pg.ACTIVATIONS,
           "learning_rate": pg.LEARNING_RATES, "batch_size": pg.BATCH_SIZES,
           "l2": pg.L2_VALUES}
RANGES = {"noise": pg.NOISE, "test_share": pg.TEST_SHARE, "layers": pg.LAYERS,
          "neurons": pg.NEURONS, "seed": pg.SEEDS}


def _losses(text):
    """The two test losses a sentence states ("ends at 0.56; with ... at 0.07")."""
    return [float(v) for v in re.findall(r"\bat (\d+\.\d+)", text)]


@pytest.mark.parametrize("preset", presets.PRESETS, ids=lambda p: p.name)
def test_each_set_up_is_one_the_controls_offer_and_the_pair_differs_in_one_setting(preset):
    for settings in (preset.first, preset.second):
        for name, options in OPTIONS.items():
            assert getattr(settings, name) in options, name
        for name, (low, high) in RANGES.items():
            assert low <= getattr(settings, name) <= high, name
    differ = [f.name for f in fields(pg.Settings)
              if getattr(preset.first, f.name) != getattr(preset.second, f.name)]
    assert differ == [preset.setting]


@pytest.mark.parametrize("preset", presets.PRESETS, ids=lambda p: p.name)
def test_the_outcome_is_the_test_loss_of_each_trained_network(preset):
    result = presets.outcome(preset.name)
    for settings, loss in ((preset.first, result.first_test_loss),
                           (preset.second, result.second_test_loss)):
        run = pg.train_playground(settings, record=False)
        p = forward(run.model.get_weights(), run.x[run.test_rows], settings.activation)
        assert loss == pytest.approx(bce(p, run.y[run.test_rows]), abs=1e-9)
    sentence = presets.preset_sentence(preset, result)
    assert _losses(sentence) == [round(result.first_test_loss, 2),
                                       round(result.second_test_loss, 2)]


def test_the_xor_pair_matches_a_full_batch_numpy_adam_training():
    preset = presets.BY_NAME["xor_width"]
    result = presets.outcome(preset.name)
    for settings, loss in ((preset.first, result.first_test_loss),
                           (preset.second, result.second_test_loss)):
        x, y = pg.make_data(settings)
        train_rows, test_rows = pg.split(len(y), settings.test_share)
        assert len(train_rows) <= settings.batch_size  # one batch: one Adam step an epoch
        weights = ref.train_adam(pg.build_network(settings).get_weights(), x[train_rows],
                                 np.eye(2)[y[train_rows]], epochs=pg.EPOCHS,
                                 lr=settings.learning_rate, activation=settings.activation)
        assert loss == pytest.approx(bce(forward(weights, x[test_rows], settings.activation),
                                         y[test_rows]), abs=1e-6)


def test_the_sentence_follows_the_numbers():
    preset = presets.BY_NAME["spiral_depth"]
    deeper = presets.preset_sentence(preset, presets.Outcome(preset.name, 0.56, 0.07))
    assert "the one with 2 hidden layers does better" in deeper
    assert "“Hidden layers”" in deeper and _losses(deeper) == [0.56, 0.07]
    shallower = presets.preset_sentence(preset, presets.Outcome(preset.name, 0.2, 0.4))
    assert "the one with 1 hidden layer does better" in shallower
    same = presets.preset_sentence(preset, presets.Outcome(preset.name, 0.30, 0.33))
    assert "about the same" in same and "does better" not in same


def test_an_unknown_preset_is_a_key_error_and_the_names_are_unique():
    with pytest.raises(KeyError):
        presets.outcome("moon")
    assert len(presets.BY_NAME) == len(presets.PRESETS)
