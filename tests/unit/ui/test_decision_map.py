import numpy as np

from tests.unit.plotly_check import validated
from ui.decision_map import decision_map_figure, decision_map_traces
from ui.grid import probability_grid


def test_probability_grid_puts_x_on_columns_and_y_on_rows():
    axis, probs = probability_grid(lambda rows: rows[:, 0], resolution=5)
    assert probs.shape == (5, 5)
    np.testing.assert_allclose(probs[0], axis)  # first row: y = 0, x varies
    np.testing.assert_allclose(probs[:, 2], 0.5)


def test_decision_map_has_heatmap_boundary_points_and_highlight():
    axis, probs = probability_grid(lambda rows: rows.mean(axis=1), resolution=11)
    fig = decision_map_figure(axis, probs, points=np.array([[0.1, 0.1], [0.9, 0.9]]),
                              labels=np.array([0, 1]), highlight=(0.1, 0.6))
    kinds = [trace.type for trace in fig.data]
    assert kinds[:2] == ["heatmap", "contour"]
    names = [trace.name for trace in fig.data]
    assert {"buy", "don't buy", "your laptop"} <= set(names)
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


def test_decision_map_is_valid_plotly_with_and_without_extras():
    axis, probs = probability_grid(lambda rows: rows.mean(axis=1), resolution=11)
    validated(decision_map_figure(axis, probs))
    validated(decision_map_figure(axis, probs, points=np.array([[0.1, 0.1]]),
                                  labels=np.array([1]), highlight=(0.5, 0.5),
                                  class_names={0: "class 0", 1: "class 1"}))


def test_decision_map_boundary_contour_exact_line_or_none():
    axis, probs = probability_grid(lambda rows: rows.mean(axis=1), resolution=11)
    kinds = [t["type"] for t in decision_map_traces(axis, probs)]
    assert kinds == ["heatmap", "contour"]
    exact = decision_map_traces(axis, probs, boundary=([0.0, 1.0], [1.0, 0.0]))
    assert [t["type"] for t in exact] == ["heatmap", "scatter"]
    assert (exact[1]["x"], exact[1]["y"], exact[1]["name"]) == ([0.0, 1.0], [1.0, 0.0],
                                                                "50% line")
    assert [t["type"] for t in decision_map_traces(axis, probs, boundary=None)] == ["heatmap"]
