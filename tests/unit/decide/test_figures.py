"""Figure builders of the Buy the Laptop page (pure: numbers in, Figure out).

The builders skip Plotly's validation at run time (ui.theme.figure); every figure here goes
through `validated`, which rebuilds it with validation on (a misspelt property or a bad value
raises) and checks that the browser would get the same JSON.
"""

import json

import numpy as np
import pytest

from decide.figures import (
    NEGATIVE_WEIGHT_COLOR,
    POSITIVE_WEIGHT_COLOR,
    confusion_counts,
    confusion_matrix_figure,
    data_scatter_figure,
    network_figure,
    training_curves_figure,
    verdict_bar_figure,
    verdict_map_figure,
)
from tests.unit.plotly_check import validated
from ui.colors import ACCENT_COLOR, BUY_COLOR, NO_BUY_COLOR
from ui.decision_map import decision_map_figure
from ui.grid import probability_grid

X3 = np.array([[0.1, 0.1], [0.5, 0.6], [0.4, 0.8]])


def valid(fig):
    """`fig` itself, once `validated` has rebuilt it with Plotly's validation (which turns
    NumPy arrays into base64 typed arrays: the values are read from the original)."""
    validated(fig)
    return fig


def has_titles(fig):
    return bool(fig.layout.title.text) and bool(fig.layout.xaxis.title.text)


# ---- the verdict bar ------------------------------------------------------------------------
def test_verdict_bar_splits_100_percent_in_the_app_colours():
    fig = valid(verdict_bar_figure(0.55))
    np.testing.assert_allclose([t.x[0] for t in fig.data], [55.0, 45.0])
    assert [t.text[0] for t in fig.data] == ["buy 55%", "don't buy 45%"]
    assert [t.text[0] for t in valid(verdict_bar_figure(0.555)).data] == ["buy 56%",
                                                                             "don't buy 44%"]
    assert [t.marker.color for t in fig.data] == [BUY_COLOR, NO_BUY_COLOR]
    assert has_titles(fig) and tuple(fig.layout.xaxis.range) == (0, 100)
    assert fig.layout.barmode == "stack" and fig.layout.showlegend is False
    assert fig.layout.shapes[0].x0 == 50 and fig.layout.shapes[0].yref == "y domain"
    assert fig.layout.yaxis.ticks == ""  # no stray tick mark beside the one bar


@pytest.mark.parametrize("p,widths,texts", [
    (0.0, [0.0, 100.0], ["0%", "don't buy 100%"]),
    (1.0, [100.0, 0.0], ["buy 100%", "0%"]),
    (0.05, [5.0, 95.0], ["5%", "don't buy 95%"]),  # too narrow for the word
    (-0.5, [0.0, 100.0], ["0%", "don't buy 100%"]),  # out of range: clipped
    (1.5, [100.0, 0.0], ["buy 100%", "0%"]),
])
def test_verdict_bar_at_the_ends(p, widths, texts):
    fig = valid(verdict_bar_figure(p, height=200))
    np.testing.assert_allclose([t.x[0] for t in fig.data], widths, atol=1e-9)
    assert [t.text[0] for t in fig.data] == texts
    assert fig.layout.height == 200


# ---- the table's rows -------------------------------------------------------------------------
def test_data_scatter_colours_each_answer_and_marks_the_laptop():
    fig = valid(data_scatter_figure(X3, np.array([0, 1, 1]), highlight=(0.1, 0.6)))
    by_name = {t.name: t for t in fig.data}
    assert list(by_name["buy"].x) == [0.5, 0.4] and list(by_name["don't buy"].x) == [0.1]
    assert list(by_name["buy"].customdata) == [2, 3]  # row numbers as the table shows them
    assert by_name["buy"].marker.color == BUY_COLOR
    assert list(by_name["your laptop"].y) == [0.6]
    assert by_name["your laptop"].marker.color == ACCENT_COLOR
    assert has_titles(fig) and fig.layout.yaxis.scaleanchor == "x"


@pytest.mark.parametrize("x,y,highlight", [
    (X3, np.array([1, 1, 1]), None),  # one class only
    (X3[:1], np.array([0]), (1.0, 0.0)),  # one row
    (np.zeros((0, 2)), np.zeros(0, dtype=int), (0.5, 0.5)),  # no rows at all
])
def test_data_scatter_edge_tables(x, y, highlight):
    fig = valid(data_scatter_figure(x, y, highlight=highlight))
    counts = {t.name: len(t.x) for t in fig.data}
    assert counts["buy"] == int(np.sum(y == 1)) and counts["don't buy"] == int(np.sum(y == 0))
    assert ("your laptop" in counts) == (highlight is not None)


# ---- the training curves ----------------------------------------------------------------------
def test_training_curves_grow_and_keep_the_full_epoch_axis():
    history = {"loss": [0.7, 0.5, 0.3], "accuracy": [0.5, 0.8, 1.0]}
    fig = valid(training_curves_figure(history, total_epochs=20))
    assert [len(t.x) for t in fig.data] == [3, 3]
    assert tuple(fig.layout.xaxis.range) == (0.5, 20.5)
    with_val = valid(training_curves_figure({**history, "val_loss": [1, 1, 1],
                                                 "val_accuracy": [0, 0, 1]}))
    assert len(with_val.data) == 4 and has_titles(with_val)
    assert [t.line.dash for t in with_val.data] == ["solid", "dash", "solid", "dash"]


def test_training_curves_put_accuracy_on_a_second_axis_on_the_right():
    fig = valid(training_curves_figure({"loss": [0.7, 0.5], "accuracy": [0.5, 1.0]}, 2))
    loss, acc = fig.data
    assert (loss.yaxis, acc.yaxis) == ("y", "y2")
    assert fig.layout.yaxis2.overlaying == "y" and fig.layout.yaxis2.side == "right"
    assert tuple(fig.layout.yaxis2.range) == (0, 1.05) and fig.layout.yaxis2.tickformat == ".0%"
    assert fig.layout.yaxis.title.text == "loss (lower is better)"
    assert fig.layout.yaxis2.title.text == "accuracy (share right)"
    assert fig.layout.xaxis.domain[1] < 1  # room for the right axis' labels


@pytest.mark.parametrize("history,total,x_range", [
    ({}, None, (0.5, 1.5)),  # an empty history (before the first epoch)
    ({}, 20, (0.5, 20.5)),
    ({"loss": [0.69], "accuracy": [0.0]}, 20, (0.5, 20.5)),  # one epoch, accuracy 0
    ({"loss": [0.0] * 30, "accuracy": [1.0] * 30}, 20, (0.5, 30.5)),  # longer than planned
])
def test_training_curves_edge_histories(history, total, x_range):
    fig = valid(training_curves_figure(history, total))
    assert len(fig.data) == len(history)
    assert tuple(fig.layout.xaxis.range) == x_range
    assert fig.layout.yaxis2.overlaying == "y"  # the right axis is there even before data


# ---- right and wrong answers ------------------------------------------------------------------
def test_confusion_counts_rows_are_truth_columns_are_the_model():
    counts = confusion_counts(np.array([0, 0, 1, 1, 1]), np.array([0, 1, 1, 1, 0]))
    assert counts.tolist() == [[1, 1], [1, 2]]
    fig = valid(confusion_matrix_figure(np.array([0, 1]), np.array([0, 1])))
    assert [list(row) for row in fig.data[0].z] == [[1, 0], [0, 1]] and has_titles(fig)
    assert fig.data[0].text[0][1] == "0<br>wrong" and fig.layout.yaxis.autorange == "reversed"


@pytest.mark.parametrize("y_true,y_pred", [
    (np.array([1, 1, 1]), np.array([1, 1, 1])),  # one class only
    (np.array([0]), np.array([1])),  # one row, wrong
    (np.zeros(0, dtype=int), np.zeros(0, dtype=int)),  # no rows
])
def test_confusion_matrix_edge_answers(y_true, y_pred):
    fig = valid(confusion_matrix_figure(y_true, y_pred, title="All rows", height=300))
    z = np.array(fig.data[0].z)
    assert z.sum() == len(y_true) and fig.data[0].zmax == max(int(z.max()), 1)
    assert fig.layout.title.text == "All rows"


# ---- the network ------------------------------------------------------------------------------
def test_network_has_one_edge_per_weight_with_width_by_size():
    k1 = np.array([[1.0, -0.5, 0.0], [0.2, 0.3, -2.0]])
    k2 = np.array([[0.5, -0.5], [1.0, 1.0], [-1.0, 2.0]])
    fig = valid(network_figure([k1, k2], [np.zeros(3), np.zeros(2)], ["relu", "softmax"]))
    edges = [t for t in fig.data if t.mode == "lines" and t.x[0] is not None]
    assert len(edges) == 6 + 6
    widths = [e.line.width for e in edges]
    assert max(widths) == widths[5]  # -2.0, the largest weight, draws the widest line
    assert edges[1].line.color == NEGATIVE_WEIGHT_COLOR
    assert edges[0].line.color == POSITIVE_WEIGHT_COLOR
    hover = [t for t in fig.data if t.name == "weights"][0]
    assert "weight -2.000" in hover.text[5] and "from small to hidden 3" in hover.text[5]
    nodes = [t for t in fig.data if t.mode == "markers+text"]
    assert [len(n.x) for n in nodes] == [2, 3, 2]
    assert list(fig.layout.xaxis.ticktext) == ["inputs", "hidden<br>(relu)",
                                             "output<br>(softmax)"]


def test_network_diagram_draws_no_stray_tick_marks_or_axis_lines():
    """The diagram's axes carry no scale: at 400 px unlabelled tick marks showed on its left
    edge. Plotly draws ticks ("outside") on an axis with a tickcolor (the app's look sets
    one) unless the axis says ticks=""."""
    weights = [np.ones((2, 3)), np.ones((3, 2))]
    fig = valid(network_figure(weights, [np.zeros(3), np.zeros(2)], ["relu", "softmax"]))
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert axis.tickcolor is not None  # the look that makes Plotly draw ticks...
        assert axis.ticks == "" and not axis.showline and not axis.showgrid  # ...turned off
        assert not axis.zeroline
    assert fig.layout.yaxis.showticklabels is False
    assert list(fig.layout.xaxis.ticktext) == ["inputs", "hidden<br>(relu)",
                                             "output<br>(softmax)"]


def test_network_edge_shapes():
    # all-zero weights (nothing to scale by), one hidden neuron
    zero = valid(network_figure([np.zeros((2, 1)), np.zeros((1, 2))],
                                    [np.zeros(1), np.zeros(2)], ["tanh", "softmax"]))
    assert {t.line.width for t in zero.data if t.mode == "lines" and t.x[0] is not None} == {0.5}
    # two hidden layers: neurons are named by layer
    deep = valid(network_figure([np.ones((2, 2)), -np.ones((2, 2)), np.ones((2, 2))],
                                    [np.zeros(2)] * 3, ["relu", "relu", "softmax"]))
    hover = [t for t in deep.data if t.name == "weights"][0]
    assert any("layer 2 neuron 1" in text for text in hover.text)
    assert len(deep.layout.xaxis.ticktext) == 4


def test_the_largest_network_the_page_builds_gets_room_for_every_neuron():
    from laptop.recipe import LIMITS, MORE_LAYER_UNITS, Settings, build_model

    recipe = build_model(Settings()).get_weights()
    small = valid(network_figure(recipe[0::2], recipe[1::2], ["relu", "softmax"]))
    assert small.layout.height == 360  # the recipe's diagram as before
    for first, more in [(8, (8, 8)), (LIMITS["hidden_units"][1], (MORE_LAYER_UNITS[1],) * 2)]:
        weights = build_model(Settings(hidden_units=first, more_layers=more)).get_weights()
        fig = valid(network_figure(weights[0::2], weights[1::2], ["relu"] * 3 + ["softmax"]))
        nodes = [t for t in fig.data if t.mode == "markers+text"]
        assert [len(n.x) for n in nodes] == [2, first, *more, 2]
        assert fig.layout.height >= 40 * first  # at least 40 pixels a neuron
        assert list(fig.layout.xaxis.ticktext) == [
            "inputs", "hidden 1<br>(relu)", "hidden 2<br>(relu)", "hidden 3<br>(relu)",
            "output<br>(softmax)"]
        # the names beside the inputs and answers keep room (more than in the recipe's)
        span = fig.layout.xaxis.range[1] - fig.layout.xaxis.range[0]
        assert fig.layout.xaxis.range[0] / span == pytest.approx(-1.5 / 7)


# ---- the verdict's map ------------------------------------------------------------------------
def test_verdict_map_is_the_shared_map_with_its_colour_bar_and_legend_below():
    from decide.figures import MAP_COLORBAR, MAP_HEIGHT, MAP_LEGEND, MAP_MARGIN, MAP_SQUARE

    axis, grid = probability_grid(lambda rows: rows[:, 1] > rows[:, 0], resolution=11)
    y = np.array([0, 1, 1])
    fig = valid(verdict_map_figure(axis, grid, X3, y, (0.1, 0.6)))
    shared = decision_map_figure(axis, grid, points=X3, labels=y, highlight=(0.1, 0.6),
                                 title="Why: the model's answer for every laptop")
    shared.update_layout(legend=MAP_LEGEND, margin=MAP_MARGIN, height=MAP_HEIGHT)
    shared.update_traces(colorbar=MAP_COLORBAR, selector={"type": "heatmap"})
    assert json.loads(fig.to_json()) == json.loads(shared.to_json())
    # the square's room: the chart's height less its margins, and the legend under the bar
    assert MAP_HEIGHT - MAP_MARGIN["t"] - MAP_MARGIN["b"] == MAP_SQUARE
    assert fig.data[0].colorbar.orientation == "h" and fig.data[0].colorbar.y > MAP_LEGEND["y"]


@pytest.mark.parametrize("p", [0.0, 1.0])
def test_verdict_map_for_a_model_sure_everywhere_and_one_class(p):
    axis, grid = probability_grid(lambda rows: np.full(len(rows), p), resolution=5)
    fig = valid(verdict_map_figure(axis, grid, X3[:1], np.array([1]), (1.0, 1.0)))
    assert {t.name for t in fig.data if t.type == "scatter"} == {"buy", "your laptop"}


def test_agreement_map_shows_the_share_of_networks_saying_buy():
    from decide.figures import agreement_map_figure

    axis, share = probability_grid(lambda rows: (rows[:, 1] > 0.4).astype(float) * 0.9)
    fig = valid(agreement_map_figure(axis, share, X3, np.array([0, 1, 1]), (0.2, 0.7), 37))
    assert fig.layout.title.text == "Where the 37 networks agree" and has_titles(fig)
    heatmap = fig.data[0]
    np.testing.assert_array_equal(np.asarray(heatmap.z), share)
    assert heatmap.colorbar.title.text == "share saying buy"
    assert "of the networks say buy" in heatmap.hovertemplate
    star = fig.data[-1]
    assert (star.x[0], star.y[0]) == (0.2, 0.7) and star.marker.color == ACCENT_COLOR


def test_vote_strip_has_one_dot_per_voting_network_coloured_by_its_answer():
    from decide.figures import vote_strip_figure

    p = np.array([0.9, 0.2, 0.55, 0.5, 0.49, 0.97])
    seeds = [3, 4, 5, 6, 7, 8]
    fig = valid(vote_strip_figure(p, seeds))
    buy, no_buy = fig.data
    assert buy.name == "says buy (4)" and no_buy.name == "says don't buy (2)"
    np.testing.assert_allclose(sorted(buy.x), sorted(p[p >= 0.5] * 100))
    np.testing.assert_allclose(sorted(no_buy.x), sorted(p[p < 0.5] * 100))
    assert list(buy.customdata) == [3, 5, 6, 8] and list(no_buy.customdata) == [4, 7]
    assert buy.marker.color == BUY_COLOR and no_buy.marker.color == NO_BUY_COLOR
    ys = np.concatenate([buy.y, no_buy.y])
    assert len(set(np.round(ys, 6))) == len(p) and np.all(np.abs(ys) <= 0.5)
    assert has_titles(fig)


def test_vote_texts_carry_the_numbers():
    from decide.figures import agreement_map_alt, vote_strip_alt

    assert vote_strip_alt([0.9, 0.2, 0.55, 0.49, 0.97]) == (
        "One dot per network: 3 of 5 say buy. Their P(buy) for your laptop runs from 20% to "
        "97%, half of them above 55%.")
    assert agreement_map_alt(0.6, 40).endswith("of the 40 networks saying buy; at your "
                                                "laptop (the star) 60% say buy.")
