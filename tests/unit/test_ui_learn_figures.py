import numpy as np
import pytest

from ui import learn_experiments as lx
from ui.activation_figures import activation_figure
from ui.neuron_figures import (
    line_in_box,
    perceptron_square_figure,
    response_curves_figure,
    sweep_figure,
)
from ui.theme import BUY_COLOR, NO_BUY_COLOR


def _titled(fig):
    return bool(fig.layout.title.text and fig.layout.xaxis.title.text
                and fig.layout.yaxis.title.text)


def test_line_in_box_lies_on_the_line_and_inside_the_box():
    xs, ys = line_in_box([0.5, 0.9], -0.5, -0.1, 1.1)
    for x, y in zip(xs, ys, strict=True):
        assert 0.5 * x + 0.9 * y - 0.5 == pytest.approx(0, abs=1e-12)
        assert -0.1 - 1e-9 <= x <= 1.1 + 1e-9 and -0.1 - 1e-9 <= y <= 1.1 + 1e-9
    assert xs[0] != xs[1] or ys[0] != ys[1]


def test_line_in_box_handles_vertical_missing_and_zero_lines():
    assert line_in_box([1.0, 0.0], -0.5, 0, 1) == ([0.5, 0.5], [0, 1])
    assert line_in_box([1.0, 1.0], 5.0, 0, 1) is None
    assert line_in_box([0.0, 0.0], -0.5, 0, 1) is None


def test_perceptron_square_figure_draws_regions_line_points_and_highlight():
    w, b = [0.5, 0.9], -0.5
    axis, grid = lx.output_grid(lx.perceptron_outputs, w, b, resolution=11, low=-0.1, high=1.1)
    out = lx.perceptron_outputs(lx.CORNERS, w, b)
    fig = perceptron_square_figure(axis, grid, w, b, points=lx.CORNERS, labels=out,
                                   highlight=(0, 1), highlight_name="this laptop")
    assert fig.data[0].type == "heatmap"
    names = [t.name for t in fig.data]
    assert {"w·x + b = 0", "buy", "don't buy", "this laptop"} <= set(names)
    colors = {t.name: t.marker.color for t in fig.data if t.name in ("buy", "don't buy")}
    assert colors == {"buy": BUY_COLOR, "don't buy": NO_BUY_COLOR}
    buy = next(t for t in fig.data if t.name == "buy")
    assert len(buy.x) == 3  # three of the four corners say buy
    assert _titled(fig) and all(t.hovertemplate or t.hoverinfo for t in fig.data)


def test_perceptron_square_figure_without_a_line_when_it_misses():
    axis = np.linspace(0, 1, 3)
    fig = perceptron_square_figure(axis, np.ones((3, 3)), [0.0, 0.0], 1.0)
    assert "w·x + b = 0" not in [t.name for t in fig.data]


def test_sweep_figure_has_a_step_and_a_smooth_curve():
    values = np.linspace(-1, 1, 5)
    fig = sweep_figure(values, np.array([0, 0, 1, 1, 1]), np.linspace(0.3, 0.7, 5), 0.9, "w₂")
    assert [t.line.shape for t in fig.data] == ["hv", None]
    assert _titled(fig)


def test_response_curves_mark_this_laptop_on_both_in_the_answer_colour():
    z = np.linspace(-8, 8, 9)
    fig = response_curves_figure(z, 1 / (1 + np.exp(-z)), (z >= 0).astype(int), 0.61,
                                 0.6479, 1)
    assert [t.line.shape for t in fig.data[:2]] == ["linear", "hv"]
    assert [list(t.x) for t in fig.data[2:]] == [[0.61], [0.61]]
    assert [t.marker.color for t in fig.data[2:]] == [BUY_COLOR, BUY_COLOR]
    assert _titled(fig)
    low = response_curves_figure(z, z * 0, z * 0, -1.0, 0.2689, 0)
    assert [t.marker.color for t in low.data[2:]] == [NO_BUY_COLOR, NO_BUY_COLOR]


def test_activation_figure_slopes_and_shaded_regions_clipped_to_range():
    z = np.linspace(-2, 9, 12)
    fig = activation_figure(z, z, "linear", derivative=np.ones_like(z),
                            shaded=((-1e9, -3.0, "flat"), (3.0, 1e9, "flat")))
    assert len(fig.data) == 2
    shapes = fig.layout.shapes
    assert len(shapes) == 1 and shapes[0].x0 == 3.0 and shapes[0].x1 == 9.0
    assert _titled(fig)
    plain = activation_figure(z, z, "linear")
    assert len(plain.data) == 1 and not plain.layout.shapes

