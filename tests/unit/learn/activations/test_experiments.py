import numpy as np
import pytest

from learn.activations import experiments
from nncore.activations import Sigmoid


def test_activation_table_reports_sigmoid_slopes():
    rows = dict((z, s) for z, _, s in experiments.activation_table(Sigmoid(), [0.0, 3.0, 6.0]))
    assert rows[0.0] == pytest.approx(0.25)
    assert rows[3.0] == pytest.approx(0.0452, abs=1e-4)
    assert rows[6.0] < 0.003


def test_compose_linear_equals_two_stacked_layers():
    rng = np.random.default_rng(0)
    w1, b1, w2, b2 = (rng.normal(size=s) for s in [(2, 5), (5,), (5, 3), (3,)])
    x = rng.normal(size=(20, 2))
    kernel, bias = experiments.compose_linear(w1, b1, w2, b2)
    assert kernel.shape == (2, 3) and bias.shape == (3,)
    np.testing.assert_allclose(x @ kernel + bias, (x @ w1 + b1) @ w2 + b2, atol=1e-12)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_activation_panels_hold_the_six_activations_with_z_0_itself():
    panels = experiments.activation_panels(-3, 4, slopes=True, alpha=0.3)
    names = [curve.name for panel in panels for curve in panel.curves]
    assert names == ["sigmoid", "tanh", "ReLU", "leaky ReLU (α = 0.30)", "ELU", "linear"]
    curves = {curve.name: curve for panel in panels for curve in panel.curves}
    z = curves["ReLU"].z
    assert 0.0 in z and len(z) == 201 and z[0] == -3 and z[-1] == 4
    np.testing.assert_allclose(curves["sigmoid"].values, _sigmoid(z), atol=1e-12)
    np.testing.assert_allclose(curves["tanh"].derivative, 1 - np.tanh(z) ** 2, atol=1e-12)
    np.testing.assert_allclose(curves["leaky ReLU (α = 0.30)"].values,
                               np.where(z < 0, 0.3 * z, z), atol=1e-12)
    assert curves["linear"].dash == "dot" and curves["ReLU"].dash is None
    no_slopes = experiments.activation_panels(1, 5, slopes=False, alpha=0.3)
    assert all(c.derivative is None for p in no_slopes for c in p.curves)
    assert 0.0 not in no_slopes[0].curves[0].z  # 0 is outside [1, 5]


def test_slope_facts_match_the_formulas():
    facts = experiments.slope_facts(alpha=0.15)
    for z in (0.0, 3.0, -3.0, 6.0, -6.0):
        assert facts.sigmoid[z] == pytest.approx(_sigmoid(z) * (1 - _sigmoid(z)))
    assert facts.relu == {-2.0: 0.0, 2.0: 1.0}
    assert facts.leaky_left == pytest.approx(0.15)
    assert facts.tanh_at_3 == pytest.approx(1 - np.tanh(3.0) ** 2)
    assert facts.right_side_gap == pytest.approx(0.0, abs=1e-12)


def test_matrix_latex_writes_rows_and_columns():
    text = experiments.matrix_latex(np.array([[1.0, -0.5], [0.25, 2.0]]))
    assert text == "\\begin{bmatrix}1 & -0.5 \\\\ 0.25 & 2\\end{bmatrix}"
    assert experiments.matrix_latex([1.0, 2.0]) == "\\begin{bmatrix}1 & 2\\end{bmatrix}"


def test_a_linear_hidden_layer_folds_into_one_layer_and_cannot_learn_xor():
    pair = experiments.train_pair("xor", hidden=8, activation="tanh", epochs=150, seed=0,
                                  resolution=5)
    assert pair.composed_gap < 1e-9
    assert pair.grids["tanh"].shape == (5, 5) and len(pair.axis) == 5
    assert pair.accuracy["linear"] < 0.75 < pair.accuracy["tanh"]
