import inspect

import numpy as np
import pytest

from nncore import initializers


@pytest.mark.parametrize("name", initializers.NAMES)
def test_every_initializer_gives_float64_of_the_shape(name):
    init = initializers.get(name)
    assert init.name == name
    assert initializers.get(init) is init
    values = init((4, 2, 3), np.random.default_rng(0))
    assert values.shape == (4, 2, 3) and values.dtype == np.float64
    assert np.all(np.isfinite(values))
    rebuilt = initializers.get(init.get_config())
    np.testing.assert_array_equal(rebuilt((2, 3), np.random.default_rng(5)),
                                  init((2, 3), np.random.default_rng(5)))
    assert repr(init).startswith(type(init).__name__ + "(")


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"Unknown initializer: 'xavier'\. Valid names: .*he"):
        initializers.get("xavier")


def test_constants():
    assert np.all(initializers.get("zeros")((2, 3)) == 0)
    assert np.all(initializers.get("ones")((2, 3)) == 1)
    assert np.all(initializers.Constant(0.7)((2, 3)) == 0.7)
    assert isinstance(initializers.get(None), initializers.Zeros)


def test_glorot_normal_is_truncated_at_two_std_without_correction():
    rng = np.random.default_rng(0)
    values = initializers.GlorotNormal()((20000, 2, 3), rng)
    std = np.sqrt(2 / (2 + 3))
    assert np.abs(values).max() <= 2 * std
    # a Normal(0, s) truncated at 2 s has stddev 0.8796 s
    assert values.std() == pytest.approx(0.8796 * std, rel=0.02)


@pytest.mark.parametrize("name, expected_std", [
    ("glorot_uniform", np.sqrt(2 / 5)),
    ("he_uniform", np.sqrt(2 / 2)),
    ("he_normal", 0.8796 * np.sqrt(2 / 2)),
    ("lecun_normal", 0.8796 * np.sqrt(1 / 2)),
    ("random_normal", 1.0),
    ("truncated_normal", 0.8796 * 0.05),
    ("random_uniform", 0.1 / np.sqrt(12)),
])
def test_spread_follows_the_fans(name, expected_std):
    values = initializers.get(name)((20000, 2, 3), np.random.default_rng(1))
    assert values.std() == pytest.approx(expected_std, rel=0.03)


def test_population_axis_gives_independent_members():
    values = initializers.get("glorot_normal")((3, 2, 3), np.random.default_rng(2))
    assert not np.allclose(values[0], values[1])


def test_fan_shape_override_and_fans():
    assert initializers.compute_fans((7, 2, 3)) == (2, 3)
    assert initializers.compute_fans((5,)) == (5, 5)
    init = initializers.VarianceScaling(1.0, "fan_in", "untruncated_normal")
    values = init((20000, 4), np.random.default_rng(3), fan_shape=(4,))
    assert values.std() == pytest.approx(0.5, rel=0.03)


def test_reproducible_given_a_seed():
    a = initializers.get("he_normal")((5, 5), np.random.default_rng(9))
    b = initializers.get("he_normal")((5, 5), np.random.default_rng(9))
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("factory, message", [
    (lambda: initializers.VarianceScaling(mode="fan_sum"), "Unknown mode: 'fan_sum'"),
    (lambda: initializers.VarianceScaling(distribution="cauchy"), "Unknown distribution"),
    (lambda: initializers.VarianceScaling(scale=0), "Received: scale=0"),
    (lambda: initializers.RandomNormal(stddev=-1), "Received: stddev=-1"),
    (lambda: initializers.RandomUniform(1, 0), "maxval must be >= minval"),
    (lambda: initializers.Constant("a"), "Received: value='a'"),
    (lambda: initializers.Zeros()((2, -1)), "shape"),
    (lambda: initializers.HeNormal()((2, 2), rng="seed"), "rng must be"),
])
def test_validation(factory, message):
    with pytest.raises(ValueError, match=message):
        factory()


# First kernel row for seed 7, shape (2, 3), recorded from the type()-built presets these
# classes replaced: the same seed must keep giving the same weights.
PRESET_FIRST_ROWS = {
    "glorot_normal": [0.0007780172961896542, 0.1889432678676058, -0.1733800031636822],
    "glorot_uniform": [0.2740704356040411, 0.8702518357736158, 0.6039970853146976],
    "he_normal": [0.0012301533574825742, 0.2987455375084699, -0.2741378553622176],
    "he_uniform": [0.43334340791163806, 1.3759889694937129, 0.9550032448487413],
    "lecun_normal": [0.0008698497809753275, 0.21124499542145916, -0.193844736506561],
}
PRESET_SETTINGS = {
    "glorot_normal": (1.0, "fan_avg", "truncated_normal"),
    "glorot_uniform": (1.0, "fan_avg", "uniform"),
    "he_normal": (2.0, "fan_in", "truncated_normal"),
    "he_uniform": (2.0, "fan_in", "uniform"),
    "lecun_normal": (1.0, "fan_in", "truncated_normal"),
}


def test_the_registry_keeps_its_names_in_order():
    assert initializers.NAMES == (
        "zeros", "ones", "constant", "random_normal", "random_uniform", "truncated_normal",
        "variance_scaling", "glorot_normal", "glorot_uniform", "he_normal", "he_uniform",
        "lecun_normal")


@pytest.mark.parametrize("name", sorted(PRESET_SETTINGS))
def test_presets_are_variance_scaling_classes_with_the_same_numbers(name):
    preset = initializers.get(name)
    cls = type(preset)
    assert initializers.INITIALIZERS[name] is cls and cls.__module__ == initializers.__name__
    assert cls.__bases__ == (initializers.VarianceScaling,)
    # a class statement in the module (a type()-built class has no source to show)
    assert inspect.getsource(cls).startswith(f"class {cls.__name__}(VarianceScaling):")
    assert (preset.scale, preset.mode, preset.distribution) == PRESET_SETTINGS[name]
    assert preset.get_config() == {"name": name} and repr(preset) == f"{cls.__name__}()"
    values = preset((2, 3), np.random.default_rng(7))
    assert values[0].tolist() == PRESET_FIRST_ROWS[name]
    core = initializers.VarianceScaling(*PRESET_SETTINGS[name])
    np.testing.assert_array_equal(values, core((2, 3), np.random.default_rng(7)))
