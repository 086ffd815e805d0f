"""The Initialization page's figure builders, without a browser."""

import numpy as np
import plotly.graph_objects as go
import pytest

from learn.initialization import figures
from learn.initialization.strategies import STRATEGIES
from learn.initialization.symmetry import UNIT_PARTS
from tests.unit.plotly_check import validated
from ui.colors import BUY_COLOR, NO_BUY_COLOR

NAMES = [s.name for s in STRATEGIES]  # the page's eight starts
RNG = np.random.default_rng(1)


def _population(size: int = 1000) -> tuple[list, list, list, list]:
    """Per start: share all right, share stuck, final losses, final accuracies (k of 9), as
    the page's population experiment makes them; the first start identical in every run."""
    accuracies = [np.full(size, 5 / 9)] + [RNG.integers(3, 10, size) / 9 for _ in NAMES[1:]]
    losses = [np.full(size, np.log(2))] + [RNG.lognormal(-2, 1, size) for _ in NAMES[1:]]
    losses[2][:3] = [np.inf, np.nan, 0.0]  # off the log scale: left out of the boxes
    return ([float(np.mean(a == 1)) for a in accuracies],
            [float(np.mean(a <= 5 / 9 + 1e-12)) for a in accuracies], losses, accuracies)


def _spreads(layers: int) -> dict[str, np.ndarray]:
    """One value per layer per start: shrinking to 0, underflowing, exploding, steady."""
    out = {name: np.geomspace(1.0, 10.0 ** RNG.uniform(-12, 6), layers) for name in NAMES}
    out[NAMES[0]] = np.r_[1.0, np.zeros(layers - 1)]
    return out


def _builds():
    """(id, zero-argument call) for every builder, with the inputs the page can produce."""
    weights = RNG.normal(size=(61, 4, 5))  # 60 epochs, 4 hidden units, 5 numbers each
    same = np.repeat(np.full((61, 1, 5), 0.5), 4, axis=1)
    shares_perfect, shares_stuck, losses, accuracies = _population()
    yield "unit_weights", lambda: figures.unit_weights_figure(weights, "Glorot normal (yours)")
    yield "unit_weights_equal", lambda: figures.unit_weights_figure(same, "One constant = 0.5")
    yield "unit_weights_one_unit_one_epoch", lambda: figures.unit_weights_figure(
        np.zeros((1, 1, 5)), "one")
    yield "unit_tables", lambda: figures.unit_tables_figure(
        {"yours": weights[30], "One constant = 0.5": same[30]}, UNIT_PARTS, "after epoch 30")
    yield "unit_tables_zeros_one_unit", lambda: figures.unit_tables_figure(
        {"zeros": np.zeros((1, 5))}, UNIT_PARTS, "zeros")
    yield "unit_tables_three_panels", lambda: figures.unit_tables_figure(
        {"a": weights[0], "b": same[0], "c": -same[0, :1]}, UNIT_PARTS, "three")
    yield "unit_gap", lambda: figures.unit_gap_figure(
        {"yours": np.abs(weights).max(axis=(1, 2)), "constant": np.zeros(61)})
    yield "unit_gap_all_zero", lambda: figures.unit_gap_figure({"constant": np.zeros(61)})
    yield "accuracy_curves", lambda: figures.accuracy_curves_figure(
        {"yours": RNG.uniform(0.4, 1.0, 60), "constant": np.full(60, 0.5)}, "XOR")
    yield "depth_box", lambda: figures.depth_box_figure(
        np.sort(RNG.normal(size=(11, 7)), axis=1), "Glorot normal, tanh")
    yield "depth_box_all_equal", lambda: figures.depth_box_figure(np.zeros((11, 7)), "All zeros")
    yield "depth_spread", lambda: figures.depth_spread_figure(_spreads(11), highlight=NAMES[5])
    yield "depth_spread_gradients", lambda: figures.depth_spread_figure(
        _spreads(10), highlight=NAMES[0], title="corrections", first_layer=1,
        y_title="typical correction", x_title="layer")
    yield "depth_spread_all_zero", lambda: figures.depth_spread_figure(
        {"zeros": np.zeros(11)}, highlight="zeros")
    yield "depth_spread_empty", lambda: figures.depth_spread_figure({})
    yield "population_shares", lambda: figures.population_shares_figure(
        NAMES, shares_perfect, shares_stuck, highlight=NAMES[5])
    yield "population_shares_one", lambda: figures.population_shares_figure(
        ["a"], [1.0], [0.0], highlight="a")
    yield "population_accuracy", lambda: figures.population_accuracy_figure(
        accuracies[5], 9, "How 1,000 runs end")
    yield "population_accuracy_all_equal", lambda: figures.population_accuracy_figure(
        accuracies[0], 9, "All zeros")
    yield "population_accuracy_no_runs", lambda: figures.population_accuracy_figure(
        np.array([]), 9, "none")
    yield "population_loss", lambda: figures.population_loss_figure(
        dict(zip(NAMES, losses, strict=True)))
    yield "population_loss_all_equal", lambda: figures.population_loss_figure(
        {"zeros": losses[0]})
    yield "population_loss_all_nan", lambda: figures.population_loss_figure(
        {"nan": np.full(3, np.nan)})
    for i in range(3):
        yield f"population_figures_{i}", lambda i=i: figures.population_figures(
            NAMES, shares_perfect, shares_stuck, losses, chosen=5,
            chosen_accuracy=accuracies[5])[i]


BUILDS = list(_builds())


def _titled(fig: go.Figure) -> None:
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text is not None


@pytest.mark.parametrize("build", [b for _, b in BUILDS], ids=[i for i, _ in BUILDS])
def test_every_builder_makes_a_valid_figure(build):
    """Built without validation; Plotly's validation finds no unknown property or bad value
    and changes nothing the browser would get."""
    fig = build()
    _titled(fig)
    checked = validated(fig)
    assert len(checked.data) == len(fig.data)


def test_every_builder_is_checked():
    builders = {n.removesuffix("_figure") for n in dir(figures)
                if n.endswith(("_figure", "_figures"))}
    assert builders and all(any(i.startswith(b) for i, _ in BUILDS) for b in builders)


def test_unit_tables_colours_are_plotly_s_rdbu_written_out():
    """plotly.js has a different "RdBu"; the page shows Plotly's (red negative, blue positive),
    which validation used to expand from the name."""
    assert [list(s) for s in figures.UNIT_COLORSCALE] == [
        list(s) for s in go.Heatmap(colorscale="RdBu").colorscale]
    fig = figures.unit_tables_figure({"a": np.eye(2)}, ["x", "y"], "t")
    assert fig.data[0].colorscale[0][1] == "rgb(103,0,31)"  # dark red at the lowest value


def test_unit_weights_figure_has_a_line_per_unit_and_input():
    weights = np.zeros((11, 4, 5))
    weights[:, :, 0] = np.linspace(0, 1, 11)[:, None]
    fig = figures.unit_weights_figure(weights, "Units")
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
    fig = figures.unit_tables_figure({"copies": same, "random": apart}, list("abcde"), "Table")
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
    fig = figures.unit_tables_figure({"zeros": np.zeros((3, 5))}, list("abcde"), "Zeros")
    assert fig.data[0].zmax == 1.0


def test_gap_and_accuracy_figures_one_line_per_start():
    gaps = {"constant": np.zeros(6), "random": np.linspace(0.5, 2.0, 6)}
    fig = figures.unit_gap_figure(gaps)
    _titled(fig)
    assert [t.name for t in fig.data] == ["constant", "random"]
    assert fig.layout.yaxis.range[1] > 2.0
    fig = figures.accuracy_curves_figure({"a": np.array([0.5, 1.0])}, "Accuracy")
    _titled(fig)
    assert list(fig.data[0].x) == [1, 2]
    assert fig.layout.yaxis.range[1] >= 1.0


def test_depth_box_figure_uses_the_percentiles():
    p = np.array([[-3, -2, -1, 0, 1, 2, 3], [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]], dtype=float)
    fig = figures.depth_box_figure(p, "Boxes")
    _titled(fig)
    box = fig.data[0]
    assert list(box.x) == ["input", "layer 1"]
    np.testing.assert_allclose(box.q1, [-1, -0.1])
    np.testing.assert_allclose(box.upperfence, [2, 0.2])


def test_depth_spread_figure_is_log_scaled_and_highlights_yours():
    spreads = {"tiny": np.array([1.0, 0.1, 0.01]), "he": np.array([1.0, 0.9, 0.95])}
    fig = figures.depth_spread_figure(spreads, highlight="he")
    _titled(fig)
    assert fig.layout.yaxis.type == "log"
    low, high = fig.layout.yaxis.range
    assert low < np.log10(0.01) and high > np.log10(1.0)
    widths = {t.name: t.line.width for t in fig.data}
    assert widths["he (yours)"] > widths["tiny"]


def test_depth_spread_figure_survives_a_layer_of_exact_zeros():
    fig = figures.depth_spread_figure({"zeros": np.array([1.0, 0.0, 0.0])})
    assert np.isnan(fig.data[0].y[1])


def test_population_shares_add_up_and_avoid_buy_colours():
    fig = figures.population_shares_figure(["zeros", "he"], perfect=[0.0, 0.8], stuck=[1.0, 0.1],
                                        highlight="he")
    _titled(fig)
    total = sum(np.asarray(t.x, dtype=float) for t in fig.data)
    np.testing.assert_allclose(total, [1.0, 1.0])
    colors = {t.marker.color for t in fig.data}
    assert not colors & {BUY_COLOR, NO_BUY_COLOR}
    assert "<b>he</b>" in list(fig.data[0].y)


def test_population_accuracy_figure_counts_runs_per_score():
    acc = np.array([5 / 9, 5 / 9, 1.0, 1.0, 1.0, 8 / 9])
    fig = figures.population_accuracy_figure(acc, 9, "Scores")
    _titled(fig)
    share = np.asarray(fig.data[0].y)
    assert share[5] == 2 / 6 and share[9] == 3 / 6 and share[8] == 1 / 6
    assert share.sum() == 1.0
    colors = list(fig.data[0].marker.color)
    assert colors[5] == figures.STUCK_COLOR and colors[9] == figures.PERFECT_COLOR
    assert colors[6] == figures.PARTLY_COLOR


def test_population_loss_figure_drops_non_finite_losses():
    fig = figures.population_loss_figure({"a": np.array([0.1, 0.7, np.inf]),
                                       "b": np.array([0.05, 0.06])})
    _titled(fig)
    a, b = fig.data
    assert (a.lowerfence[0], a.upperfence[0]) == (0.1, 0.7)  # the infinite loss is left out
    assert a.median[0] == pytest.approx(0.4) and b.median[0] == pytest.approx(0.055)
    assert fig.layout.xaxis.type == "log"


def test_population_loss_figure_sends_five_numbers_per_start_not_every_run():
    rng = np.random.default_rng(0)
    losses = {"a": rng.lognormal(size=5000), "b": np.full(5000, np.nan)}
    fig = figures.population_loss_figure(losses)
    assert len(fig.data) == 1 and fig.data[0].x is None and len(fig.data[0].y) == 1
    q1, med, q3 = np.percentile(losses["a"], [25, 50, 75])
    assert (fig.data[0].q1[0], fig.data[0].median[0], fig.data[0].q3[0]) == pytest.approx(
        (q1, med, q3))
    assert figures.box_summary(losses["b"]) is None


def test_depth_spread_figure_says_when_a_line_is_off_the_log_scale():
    fig = figures.depth_spread_figure({"zeros": np.array([1.0, 0.0]), "he": np.array([1.0, 0.9])})
    assert [t.name for t in fig.data] == ["zeros (0: off the log scale)", "he"]


def test_population_figures_builds_the_three_charts_for_the_chosen_start():
    acc = np.array([1.0, 5 / 9, 1.0, 8 / 9])
    shares, runs, losses = figures.population_figures(
        ["a", "b"], [0.5, 0.9], [0.25, 0.0], [np.array([0.1, 0.7]), np.array([0.05, 0.2])],
        chosen=1, chosen_accuracy=acc)
    assert "<b>b</b>" in list(shares.data[0].y) and "<b>a</b>" not in list(shares.data[0].y)
    assert runs.layout.title.text.startswith("How 4 runs end: b")
    assert np.asarray(runs.data[0].y)[9] == 0.5
    assert [t.name for t in losses.data] == ["a", "b"]


def test_final_loss_line_and_its_label_sit_at_ln2_on_the_log_axis():
    fig = figures.population_loss_figure({"a": RNG.lognormal(-2, 1, 50),
                                       "b": RNG.lognormal(-1, 1, 50)})
    assert fig.layout.xaxis.type == "log"
    assert fig.layout.shapes[0].x0 == pytest.approx(np.log(2))  # shapes: data value
    label = next(a for a in fig.layout.annotations if "ln 2" in a.text)
    assert label.x == pytest.approx(np.log10(np.log(2)))  # annotations: its log10
