"""The Training page's figure builders, without a browser: valid Plotly, and every line,
colour, width and point where the data says."""

import numpy as np
import pytest

from learn.training import figures as figs
from tests.unit.plotly_check import validated

NAMES = (("pink", "small"), ("h1", "h2", "h3"), ("don't buy", "buy"))
KERNELS = [np.array([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]),
           np.array([[0.7, -0.8], [0.9, 1.0], [-1.1, 1.2]])]
GRADS = [np.array([[0.05, 0.0, -0.1], [0.02, 0.0, -0.04]]),
         np.array([[0.2, -0.2], [0.0, 0.0], [-0.05, 0.05]])]
VALUES = [(0.5, 0.6), (0.2, 0.0, 0.34), (0.47, 0.53)]


def _network():
    return validated(figs.gradient_network_figure(KERNELS, GRADS, NAMES, VALUES, "title"))


def test_each_weight_is_a_line_coloured_dashed_and_sized_by_its_gradient():
    fig = _network()
    lines = [t for t in fig.data if t.mode == "lines" and t.showlegend is False]
    assert len(lines) == 12
    grads = np.concatenate([g.ravel() for g in GRADS])
    top = np.max(np.abs(grads))
    for line, g in zip(lines, grads, strict=True):
        want = "#2166ac" if g < 0 else "#b2182b" if g > 0 else "#bbbbbb"
        assert line.line.color == want
        assert line.line.dash == ("dash" if g > 0 else "solid")
        # width grows linearly from 1 (no gradient) to 12 (the largest)
        assert line.line.width == pytest.approx(1 + 11 * abs(g) / top)
    # the first line joins pink (top input) to h1 (top hidden neuron)
    assert list(lines[0].x) == [0.0, 1.0] and list(lines[0].y) == [0.5, 1.0]
    # the last joins h3 (bottom hidden) to buy (bottom output)
    assert list(lines[-1].x) == [1.0, 2.0] and list(lines[-1].y) == [-1.0, -0.5]


def test_the_legend_says_in_words_what_each_colour_means():
    names = [t.name for t in _network().data if t.showlegend is not False]
    assert names == ["gradient < 0: this step raises the weight (blue, solid)",
                     "gradient > 0: this step lowers the weight (red, dashed)",
                     "gradient 0: this step leaves the weight alone (grey, thin)"]


def test_hover_and_node_labels_carry_the_numbers():
    fig = _network()
    hover = next(t for t in fig.data if t.mode == "markers")
    assert len(hover.text) == 12
    assert hover.text[0] == "pink → h1<br>weight 0.1000<br>gradient 0.050000"
    assert hover.text[-1] == "h3 → buy<br>weight 1.2000<br>gradient 0.050000"
    nodes = fig.data[-1]
    assert list(nodes.text) == ["pink<br>0.500", "small<br>0.600", "h1<br>0.200",
                                "h2<br>0.000", "h3<br>0.340", "don't<br>buy<br>0.470",
                                "buy<br>0.530"]


def test_all_zero_gradients_draw_thin_grey_lines():
    zeros = [np.zeros_like(g) for g in GRADS]
    fig = validated(figs.gradient_network_figure(KERNELS, zeros, NAMES, VALUES, "t"))
    lines = [t for t in fig.data if t.mode == "lines" and t.showlegend is False]
    assert {t.line.width for t in lines} == {1.0}
    assert {t.line.color for t in lines} == {"#bbbbbb"}


def test_loss_history_draws_both_losses_per_step():
    fig = validated(figs.loss_history_figure([0.7, 0.5, 0.4], [0.67, 0.72, 0.8], "row 1"))
    row, table = fig.data
    assert list(row.x) == [0, 1, 2] and list(row.y) == [0.7, 0.5, 0.4]
    assert list(table.y) == [0.67, 0.72, 0.8]
    assert row.name == "loss on row 1" and "whole table" in table.name
    assert fig.layout.yaxis.range[0] == 0 and fig.layout.yaxis.range[1] >= 0.8
    assert fig.layout.xaxis.title.text.startswith("steps on this row")
