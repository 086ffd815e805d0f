import numpy as np

from learn.activations.experiments import Curve, Panel, activation_panels
from learn.activations.figures import activations_figure
from tests.unit.plotly_check import validated


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


def test_the_pages_activations_figure_is_valid_plotly():
    validated(activations_figure(activation_panels(-10, 10, slopes=True, alpha=0.2)))
