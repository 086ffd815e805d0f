import numpy as np
import pytest

from learn.neurons import experiments
from learn.neurons.figures import (
    CURVE_COLOR,
    line_in_box,
    perceptron_square_figure,
    sigmoid_neuron_figure,
    sweep_figure,
)
from tests.unit.plotly_check import validated
from ui.colors import BUY_COLOR, NEUTRAL_COLOR, NO_BUY_COLOR
from ui.grid import probability_grid


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
    axis, grid = probability_grid(lambda rows: experiments.perceptron_outputs(rows, w, b),
                                  resolution=11,
                                  low=-0.1, high=1.1)
    out = experiments.perceptron_outputs(experiments.CORNERS, w, b)
    fig = perceptron_square_figure(axis, grid, w, b, points=experiments.CORNERS, labels=out,
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


def _sigmoid_picture(z_now: float, p_now: float, step_now: int):
    axis = np.linspace(0, 1, 5)
    z = np.linspace(-8, 8, 9)
    return sigmoid_neuron_figure(axis, np.outer(axis, axis), (0.6, 0.9), z, 1 / (1 + np.exp(-z)),
                                 (z >= 0).astype(int), z_now, p_now, step_now,
                                 boundary=line_in_box([0.5, 0.9], -0.5, 0.0, 1.0))


def test_sigmoid_picture_has_the_map_on_top_and_the_curves_below():
    fig = _sigmoid_picture(0.61, 0.6479, 1)
    on_map = [t for t in fig.data if t.xaxis in (None, "x")]
    on_curves = [t for t in fig.data if t.xaxis == "x2"]
    assert [(t.type, t.name) for t in on_map][:2] == [("heatmap", None), ("scatter", "50% line")]
    star = next(t for t in on_map if t.name == "this laptop")
    assert (list(star.x), list(star.y)) == ([0.6], [0.9])
    assert fig.layout.yaxis.domain[0] > fig.layout.yaxis2.domain[1]  # map above curves
    # no colour bar and no legend (cheaper to draw): each panel's title explains its marks,
    # in the colours it names
    assert fig.data[0].showscale is False and fig.layout.showlegend is False
    map_title, curves_title = (a.text for a in fig.layout.annotations)
    assert f"color:{BUY_COLOR}'>green: buy" in map_title and "★ this laptop" in map_title
    assert f"color:{NO_BUY_COLOR}'>orange: don’t buy" in map_title
    assert f"color:{CURVE_COLOR}'>━━ the sigmoid" in curves_title
    assert [t.line.color for t in on_curves[:2]] == [CURVE_COLOR, NEUTRAL_COLOR]
    assert [t.line.shape for t in on_curves[:2]] == [None, "hv"]
    assert [list(t.x) for t in on_curves[2:]] == [[0.61], [0.61]]
    assert [t.marker.color for t in on_curves[2:]] == [BUY_COLOR, BUY_COLOR]
    assert fig.layout.xaxis.title.text and fig.layout.xaxis2.title.text
    assert len(fig.layout.annotations) == 2  # one title per panel


def test_sigmoid_picture_marks_a_no_in_the_no_buy_colour():
    fig = _sigmoid_picture(-1.0, 0.2689, 0)
    markers = [t for t in fig.data if t.xaxis == "x2" and t.mode == "markers"]
    assert [t.marker.color for t in markers] == [NO_BUY_COLOR, NO_BUY_COLOR]


def _learn_figures():
    w, b = [0.5, 0.9], -0.5
    axis, grid = probability_grid(lambda rows: experiments.perceptron_outputs(rows, w, b),
                                  resolution=11,
                                  low=-0.1, high=1.1)
    out = experiments.perceptron_outputs(experiments.CORNERS, w, b)
    return {
        "square": perceptron_square_figure(axis, grid, w, b, points=experiments.CORNERS, labels=out,
                                           point_text=["a", "b", "c", "d"], highlight=(0, 1)),
        "square, no line": perceptron_square_figure(axis, grid, [0.0, 0.0], 1.0),
        "sweep": sweep_figure(np.linspace(-1, 1, 5), np.array([0, 0, 1, 1, 1]),
                              np.linspace(0.3, 0.7, 5), 0.9, "w₂"),
        "sigmoid picture": _sigmoid_picture(0.61, 0.6479, 1),
    }


@pytest.mark.parametrize("name", list(_learn_figures()))
def test_every_learn_figure_is_valid_plotly(name):
    validated(_learn_figures()[name])
