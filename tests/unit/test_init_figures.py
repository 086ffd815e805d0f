"""The Initialization page's figure builders, without a browser."""

import numpy as np
import plotly.graph_objects as go
import pytest

from ui import initialization_figures as figs
from ui.theme import BUY_COLOR, NO_BUY_COLOR


def _titled(fig: go.Figure) -> None:
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text is not None


def test_unit_weights_figure_has_a_line_per_unit_and_input():
    weights = np.zeros((11, 4, 5))
    weights[:, :, 0] = np.linspace(0, 1, 11)[:, None]
    fig = figs.unit_weights_figure(weights, "Units")
    _titled(fig)
    assert len(fig.data) == 4 * 2
    np.testing.assert_allclose(fig.data[0].y, np.linspace(0, 1, 11))
    assert list(fig.data[0].x) == list(range(11))
    assert all(t.hovertemplate for t in fig.data)
    # one colour per unit, the two inputs told apart by the dash
    assert fig.data[0].line.color == fig.data[1].line.color != fig.data[2].line.color
    assert fig.data[0].line.dash != fig.data[1].line.dash


def test_unit_tables_figure_one_panel_per_network_on_one_colour_scale():
    same = np.array([[0.5, 0.5, 0.0, 0.1, -0.1], [0.5, 0.5, 0.0, 0.1, -0.1]])
    apart = np.array([[2.0, -1.0, 0.3, 0.1, -0.1], [-0.4, 0.9, 0.0, 1.5, -3.0]])
    fig = figs.unit_tables_figure({"copies": same, "random": apart}, list("abcde"), "Table")
    _titled(fig)
    assert len(fig.data) == 2
    np.testing.assert_allclose(fig.data[0].z, same)
    np.testing.assert_allclose(fig.data[1].z, apart)
    assert list(fig.data[1].y) == ["unit 1", "unit 2"]
    assert [t.yaxis for t in fig.data] == ["y", "y2"]
    assert all(t.zmin == -t.zmax == -3.0 for t in fig.data)
    assert [t.showscale for t in fig.data] == [True, False]
    top, bottom = fig.layout.yaxis.domain, fig.layout.yaxis2.domain
    assert bottom[1] < top[0], "the panels do not overlap"
    assert fig.layout.xaxis.anchor == "y2", "column names under the lowest panel"
    assert [a.text for a in fig.layout.annotations] == ["<b>copies</b>", "<b>random</b>"]


def test_unit_tables_figure_with_all_zeros_keeps_a_usable_colour_range():
    fig = figs.unit_tables_figure({"zeros": np.zeros((3, 5))}, list("abcde"), "Zeros")
    assert fig.data[0].zmax == 1.0


def test_gap_and_accuracy_figures_one_line_per_start():
    gaps = {"constant": np.zeros(6), "random": np.linspace(0.5, 2.0, 6)}
    fig = figs.unit_gap_figure(gaps)
    _titled(fig)
    assert [t.name for t in fig.data] == ["constant", "random"]
    assert fig.layout.yaxis.range[1] > 2.0
    fig = figs.accuracy_curves_figure({"a": np.array([0.5, 1.0])}, "Accuracy")
    _titled(fig)
    assert list(fig.data[0].x) == [1, 2]
    assert fig.layout.yaxis.range[1] >= 1.0


def test_depth_box_figure_uses_the_percentiles():
    p = np.array([[-3, -2, -1, 0, 1, 2, 3], [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]], dtype=float)
    fig = figs.depth_box_figure(p, "Boxes")
    _titled(fig)
    box = fig.data[0]
    assert list(box.x) == ["input", "layer 1"]
    np.testing.assert_allclose(box.q1, [-1, -0.1])
    np.testing.assert_allclose(box.upperfence, [2, 0.2])


def test_depth_spread_figure_is_log_scaled_and_highlights_yours():
    spreads = {"tiny": np.array([1.0, 0.1, 0.01]), "he": np.array([1.0, 0.9, 0.95])}
    fig = figs.depth_spread_figure(spreads, highlight="he")
    _titled(fig)
    assert fig.layout.yaxis.type == "log"
    low, high = fig.layout.yaxis.range
    assert low < np.log10(0.01) and high > np.log10(1.0)
    widths = {t.name: t.line.width for t in fig.data}
    assert widths["he (yours)"] > widths["tiny"]


def test_depth_spread_figure_survives_a_layer_of_exact_zeros():
    fig = figs.depth_spread_figure({"zeros": np.array([1.0, 0.0, 0.0])})
    assert np.isnan(fig.data[0].y[1])


def test_population_shares_add_up_and_avoid_buy_colours():
    fig = figs.population_shares_figure(["zeros", "he"], perfect=[0.0, 0.8], stuck=[1.0, 0.1],
                                        highlight="he")
    _titled(fig)
    total = sum(np.asarray(t.x, dtype=float) for t in fig.data)
    np.testing.assert_allclose(total, [1.0, 1.0])
    colors = {t.marker.color for t in fig.data}
    assert not colors & {BUY_COLOR, NO_BUY_COLOR}
    assert "<b>he</b>" in list(fig.data[0].y)


def test_population_accuracy_figure_counts_runs_per_score():
    acc = np.array([5 / 9, 5 / 9, 1.0, 1.0, 1.0, 8 / 9])
    fig = figs.population_accuracy_figure(acc, 9, "Scores")
    _titled(fig)
    share = np.asarray(fig.data[0].y)
    assert share[5] == 2 / 6 and share[9] == 3 / 6 and share[8] == 1 / 6
    assert share.sum() == 1.0
    colors = list(fig.data[0].marker.color)
    assert colors[5] == figs.STUCK_COLOR and colors[9] == figs.PERFECT_COLOR
    assert colors[6] == figs.PARTLY_COLOR


def test_population_loss_figure_drops_non_finite_losses():
    fig = figs.population_loss_figure({"a": np.array([0.1, 0.7, np.inf]),
                                       "b": np.array([0.05, 0.06])})
    _titled(fig)
    a, b = fig.data
    assert (a.lowerfence[0], a.upperfence[0]) == (0.1, 0.7)  # the infinite loss is left out
    assert a.median[0] == pytest.approx(0.4) and b.median[0] == pytest.approx(0.055)
    assert fig.layout.xaxis.type == "log"


def test_population_loss_figure_sends_five_numbers_per_start_not_every_run():
    rng = np.random.default_rng(0)
    losses = {"a": rng.lognormal(size=5000), "b": np.full(5000, np.nan)}
    fig = figs.population_loss_figure(losses)
    assert len(fig.data) == 1 and fig.data[0].x is None and len(fig.data[0].y) == 1
    q1, med, q3 = np.percentile(losses["a"], [25, 50, 75])
    assert (fig.data[0].q1[0], fig.data[0].median[0], fig.data[0].q3[0]) == pytest.approx(
        (q1, med, q3))
    assert figs.box_summary(losses["b"]) is None


def test_depth_spread_figure_says_when_a_line_is_off_the_log_scale():
    fig = figs.depth_spread_figure({"zeros": np.array([1.0, 0.0]), "he": np.array([1.0, 0.9])})
    assert [t.name for t in fig.data] == ["zeros (0: off the log scale)", "he"]


def test_population_figures_builds_the_three_charts_for_the_chosen_start():
    acc = np.array([1.0, 5 / 9, 1.0, 8 / 9])
    shares, runs, losses = figs.population_figures(
        ["a", "b"], [0.5, 0.9], [0.25, 0.0], [np.array([0.1, 0.7]), np.array([0.05, 0.2])],
        chosen=1, chosen_accuracy=acc)
    assert "<b>b</b>" in list(shares.data[0].y) and "<b>a</b>" not in list(shares.data[0].y)
    assert runs.layout.title.text.startswith("How 4 runs end: b")
    assert np.asarray(runs.data[0].y)[9] == 0.5
    assert [t.name for t in losses.data] == ["a", "b"]
