import warnings

import numpy as np
import pytest

from nncore import PopulationResult, Sequential, train_population
from tests.unit.nncore.tutorial_data import LAPTOP_CLASSES, LAPTOP_ONE_HOT, LAPTOP_X, tutorial_model


def test_tutorial_recipe_shares_over_2000_members():
    result = train_population(tutorial_model(), LAPTOP_X, LAPTOP_ONE_HOT, size=2000, epochs=20,
                              batch_size=32, shuffle=True, seed=7)
    assert isinstance(result, PopulationResult)
    assert result.loss.shape == result.accuracy.shape == (2000, 20)
    assert result.final_accuracy.shape == result.final_loss.shape == (2000,)
    reached = result.share_at(1.0)
    stuck = result.share_at_most(5 / 9)
    assert 0.65 <= reached <= 0.92, reached
    assert 0.08 <= stuck <= 0.35, stuck
    assert not result.diverged.any()
    assert abs(np.median(result.loss[:, 0]) - 0.7) < 0.1  # the tutorial starts near 0.70


def test_zero_initialisation_leaves_every_member_stuck():
    model = tutorial_model(kernel_initializer="zeros")
    result = train_population(model, LAPTOP_X, LAPTOP_CLASSES, size=50, epochs=20, seed=0)
    assert result.share_at_most(5 / 9) == 1.0
    assert np.all(result.weights[0] == 0)  # symmetric and dead: no gradient ever arrives


def test_each_member_trains_exactly_like_a_single_model():
    result = train_population(tutorial_model(), LAPTOP_X, LAPTOP_ONE_HOT, size=4, epochs=6,
                              batch_size=4, shuffle=False, seed=1)
    for index in range(4):
        single = tutorial_model()
        single.set_weights([w[index] for w in result.initial_weights])
        history = single.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=6, batch_size=4, shuffle=False)
        for got, want in zip(result.weights, single.get_weights(), strict=True):
            np.testing.assert_allclose(got[index], want, rtol=0, atol=1e-12)
        np.testing.assert_allclose(result.loss[index], history.history["loss"], atol=1e-12)
        np.testing.assert_allclose(result.accuracy[index], history.history["accuracy"])


def test_members_start_independent_and_reproducibly():
    a = train_population(tutorial_model(), LAPTOP_X, LAPTOP_ONE_HOT, size=3, epochs=2, seed=4)
    b = train_population(tutorial_model(), LAPTOP_X, LAPTOP_ONE_HOT, size=3, epochs=2, seed=4)
    assert not np.allclose(a.initial_weights[0][0], a.initial_weights[0][1])
    for wa, wb in zip(a.weights, b.weights, strict=True):
        assert wa.tobytes() == wb.tobytes()
    assert [w.shape for w in a.weights] == [(3, 2, 3), (3, 3), (3, 3, 2), (3, 2)]


def test_member_model_and_validation_split():
    result = train_population(tutorial_model(), LAPTOP_X, LAPTOP_ONE_HOT, size=5, epochs=3,
                              validation_split=0.1, seed=2)
    assert result.val_loss.shape == result.val_accuracy.shape == (5, 3)
    model = result.member(2)
    assert isinstance(model, Sequential)
    expected = model.evaluate(LAPTOP_X[8:], LAPTOP_ONE_HOT[8:])
    assert result.val_loss[2, -1] == pytest.approx(expected["loss"])
    with pytest.raises(ValueError, match="Received: index=9"):
        result.member(9)


def test_evaluate_scores_every_finished_member_at_once():
    result = train_population(tutorial_model(), LAPTOP_X, LAPTOP_ONE_HOT, size=6, epochs=5,
                              seed=3)
    scores = result.evaluate(LAPTOP_X, LAPTOP_CLASSES)
    assert scores["loss"].shape == scores["accuracy"].shape == (6,)
    for index in (0, 5):
        expected = result.member(index).evaluate(LAPTOP_X, LAPTOP_CLASSES)
        assert scores["loss"][index] == pytest.approx(expected["loss"], rel=1e-12)
        assert scores["accuracy"][index] == expected["accuracy"]


def test_no_validation_gives_none_and_lazy_input_dim_works():
    from nncore import Dense

    template = Sequential([Dense(3, "relu"), Dense(2, "softmax")])
    template.compile("adam", "binary_crossentropy")
    result = train_population(template, LAPTOP_X, LAPTOP_CLASSES, size=2, seed=0)
    assert result.val_loss is None
    assert result.member(0).predict(LAPTOP_X).shape == (9, 2)


def test_diverging_members_are_reported_without_warnings():
    from nncore import Dense, optimizers

    template = Sequential([Dense(8, "relu", input_dim=2), Dense(2, "linear")])
    template.compile(optimizers.SGD(1e3), "mean_squared_error")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = train_population(template, LAPTOP_X, LAPTOP_ONE_HOT, size=6, epochs=300,
                                  seed=0)
    assert result.diverged.all()
    assert np.isnan(result.final_loss).all()
    assert all(np.all(np.isfinite(w)) for w in result.weights)


@pytest.mark.parametrize("kwargs, message", [
    ({"size": 0}, "Received: size=0"),
    ({"epochs": -1}, "Received: epochs=-1"),
    ({"model": Sequential()}, "compiled Sequential"),
    ({"x": LAPTOP_X[:, :1]}, "2 input columns"),
    ({"y": LAPTOP_CLASSES + 3}, "classes 0..1"),
])
def test_validation(kwargs, message):
    args = {"model": tutorial_model(), "x": LAPTOP_X, "y": LAPTOP_CLASSES, "size": 3, **kwargs}
    with pytest.raises(ValueError, match=message):
        train_population(**args)


@pytest.mark.parametrize("batch_size, shuffle", [(4, True), (32, True), (3, False)])
def test_seeded_members_are_the_single_models_of_those_seeds(batch_size, shuffle):
    seeds = [0, 8, 3, 1234]
    result = train_population(tutorial_model(), LAPTOP_X, LAPTOP_ONE_HOT, epochs=7,
                              batch_size=batch_size, shuffle=shuffle, seeds=seeds)
    assert result.size == len(seeds)
    for index, seed in enumerate(seeds):
        single = tutorial_model(seed=seed)
        for got, want in zip(result.initial_weights, single.get_weights(), strict=True):
            np.testing.assert_array_equal(got[index], want)
        history = single.fit(LAPTOP_X, LAPTOP_ONE_HOT, epochs=7, batch_size=batch_size,
                             shuffle=shuffle, seed=seed)
        for got, want in zip(result.weights, single.get_weights(), strict=True):
            np.testing.assert_allclose(got[index], want, rtol=0, atol=1e-12)
        np.testing.assert_allclose(result.loss[index], history.history["loss"], atol=1e-12)
        np.testing.assert_allclose(result.predict(LAPTOP_X)[index], single.predict(LAPTOP_X),
                                   rtol=0, atol=1e-12)


@pytest.mark.parametrize("kwargs, message", [
    ({"seeds": []}, "at least one seed"),
    ({"seeds": [1, -2]}, "Received: -2"),
    ({"seeds": [1], "size": 3}, "either seeds"),
])
def test_seeds_validation(kwargs, message):
    with pytest.raises(ValueError, match=message):
        train_population(tutorial_model(), LAPTOP_X, LAPTOP_CLASSES, **kwargs)
