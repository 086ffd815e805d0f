import numpy as np
import pytest

from learn.activations.figures import Curve, Panel, activations_figure
from learn.neurons import experiments as lx
from learn.neurons.figures import (
    CURVE_COLOR,
    line_in_box,
    perceptron_square_figure,
    sigmoid_neuron_figure,
    sweep_figure,
)
from tests.unit.plotly_check import validated
from ui.colors import BUY_COLOR, NEUTRAL_COLOR, NO_BUY_COLOR


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


def test_activations_figure_families_side_by_side_with_slopes_and_clipped_regions():
    z = np.linspace(-2, 9, 12)
    flat = ((-1e9, -3.0, "flat"), (3.0, 1e9, "flat"))
    fig = activations_figure([
        Panel("Squashing", "tanh", (Curve("tanh", z, np.tanh(z), 1 - np.tanh(z) ** 2),), flat,
              (-1.1, 1.1)),
        Panel("Rectifying", "two", (Curve("relu", z, np.maximum(z, 0)),
                             Curve("linear", z, z, dash="dot")), ((-1e9, 0.0, "dead"),)),
    ])
    assert [(t.xaxis, t.name) for t in fig.data] == [
        ("x", "tanh"), ("x", "slope of tanh"), ("x2", "relu"), ("x2", "linear"),
        (None, "dashed: each one's slope")]  # the last: a legend entry for every slope
    assert [t.showlegend for t in fig.data] == [None, False, None, None, None]
    assert list(fig.data[-1].x) == [None]
    colors = [t.line.color for t in fig.data]
    assert colors[0] == colors[1], "a slope is drawn in its function's colour"
    assert len({colors[0], colors[2], colors[3]}) == 3, "one colour per function"
    assert [t.line.dash for t in fig.data] == [None, "dash", None, "dot", "dash"]
    # the flat region beyond z = 3 only (the one below -3 is out of range), ReLU's z < 0
    assert [(s.xref, s.x0, s.x1) for s in fig.layout.shapes] == [("x", 3.0, 9.0),
                                                                ("x2", -2.0, 0.0)]
    # side by side, apart, on one row; the squashing panel on a fixed scale
    assert fig.layout.xaxis.domain[1] < fig.layout.xaxis2.domain[0]
    assert fig.layout.yaxis.domain == fig.layout.yaxis2.domain
    assert list(fig.layout.yaxis.range) == [-1.1, 1.1] and fig.layout.yaxis2.range is None
    titles = [a.text for a in fig.layout.annotations if a.xref == "paper"]
    assert titles == ["<b>Squashing</b><br>tanh", "<b>Rectifying</b><br>two"]
    plain = activations_figure([Panel("one", "line", (Curve("linear", z, z),))])
    assert len(plain.data) == 1 and not plain.layout.shapes  # no slopes: no slope entry



def _learn_figures():
    w, b = [0.5, 0.9], -0.5
    axis, grid = lx.output_grid(lx.perceptron_outputs, w, b, resolution=11, low=-0.1, high=1.1)
    out = lx.perceptron_outputs(lx.CORNERS, w, b)
    z = np.linspace(-10, 9, 20)
    return {
        "square": perceptron_square_figure(axis, grid, w, b, points=lx.CORNERS, labels=out,
                                           point_text=["a", "b", "c", "d"], highlight=(0, 1)),
        "square, no line": perceptron_square_figure(axis, grid, [0.0, 0.0], 1.0),
        "sweep": sweep_figure(np.linspace(-1, 1, 5), np.array([0, 0, 1, 1, 1]),
                              np.linspace(0.3, 0.7, 5), 0.9, "w₂"),
        "sigmoid picture": _sigmoid_picture(0.61, 0.6479, 1),
        "activations": activations_figure([
            Panel("squashing", "tanh", (Curve("tanh", z, np.tanh(z), 1 - np.tanh(z) ** 2),),
                  ((3.0, 1e9, "flat"),), (-1.1, 1.1)),
            Panel("rectifying", "linear", (Curve("linear", z, z, dash="dot"),))]),
    }


@pytest.mark.parametrize("name", list(_learn_figures()))
def test_every_learn_figure_is_valid_plotly(name):
    validated(_learn_figures()[name])
