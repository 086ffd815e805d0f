"""Figure builders of the Buy the Laptop page (pure: numbers in, Figure out)."""

import numpy as np

from ui.laptop_figures import (
    confusion_counts,
    confusion_matrix_figure,
    data_scatter_figure,
    network_figure,
    training_curves_figure,
    verdict_bar_figure,
)
from ui.theme import BUY_COLOR, NO_BUY_COLOR


def has_titles(fig):
    return bool(fig.layout.title.text) and bool(fig.layout.xaxis.title.text)


def test_verdict_bar_splits_100_percent_in_the_app_colours():
    fig = verdict_bar_figure(0.55)
    np.testing.assert_allclose([t.x[0] for t in fig.data], [55.0, 45.0])
    assert [t.text[0] for t in fig.data] == ["buy 55%", "don't buy 45%"]
    assert [t.text[0] for t in verdict_bar_figure(0.555).data] == ["buy 56%", "don't buy 44%"]
    assert [t.marker.color for t in fig.data] == [BUY_COLOR, NO_BUY_COLOR]
    assert has_titles(fig) and tuple(fig.layout.xaxis.range) == (0, 100)


def test_data_scatter_colours_each_answer_and_marks_the_laptop():
    x = np.array([[0.1, 0.1], [0.5, 0.6], [0.4, 0.8]])
    fig = data_scatter_figure(x, np.array([0, 1, 1]), highlight=(0.1, 0.6))
    by_name = {t.name: t for t in fig.data}
    assert list(by_name["buy"].x) == [0.5, 0.4] and list(by_name["don't buy"].x) == [0.1]
    assert by_name["buy"].marker.color == BUY_COLOR
    assert list(by_name["your laptop"].y) == [0.6]
    assert has_titles(fig)


def test_training_curves_grow_and_keep_the_full_epoch_axis():
    history = {"loss": [0.7, 0.5, 0.3], "accuracy": [0.5, 0.8, 1.0]}
    fig = training_curves_figure(history, total_epochs=20)
    assert [len(t.x) for t in fig.data] == [3, 3]
    assert tuple(fig.layout.xaxis.range) == (0.5, 20.5)
    with_val = training_curves_figure({**history, "val_loss": [1, 1, 1],
                                       "val_accuracy": [0, 0, 1]})
    assert len(with_val.data) == 4 and has_titles(with_val)


def test_confusion_counts_rows_are_truth_columns_are_the_model():
    counts = confusion_counts(np.array([0, 0, 1, 1, 1]), np.array([0, 1, 1, 1, 0]))
    assert counts.tolist() == [[1, 1], [1, 2]]
    fig = confusion_matrix_figure(np.array([0, 1]), np.array([0, 1]))
    assert fig.data[0].z.tolist() == [[1, 0], [0, 1]] and has_titles(fig)


def test_network_has_one_edge_per_weight_with_width_by_size():
    k1 = np.array([[1.0, -0.5, 0.0], [0.2, 0.3, -2.0]])
    k2 = np.array([[0.5, -0.5], [1.0, 1.0], [-1.0, 2.0]])
    fig = network_figure([k1, k2], [np.zeros(3), np.zeros(2)], ["relu", "softmax"])
    edges = [t for t in fig.data if t.mode == "lines" and t.x[0] is not None]
    assert len(edges) == 6 + 6
    widths = [e.line.width for e in edges]
    assert max(widths) == widths[5]  # -2.0, the largest weight, draws the widest line
    negative = edges[1].line.color
    assert negative != edges[0].line.color
    hover = [t for t in fig.data if t.name == "weights"][0]
    assert "weight -2.000" in hover.text[5] and "from small to hidden 3" in hover.text[5]
    nodes = [t for t in fig.data if t.mode == "markers+text"]
    assert [len(n.x) for n in nodes] == [2, 3, 2]
