"""Tap the map: the tap layer covers the square, a tap becomes a laptop on the sliders' grid
(whatever the browser sends), and what a tap does in each mode."""

import base64
import json
import math

import numpy as np
import plotly.io as pio
import pytest

from decide.figures import agreement_map_figure, verdict_map_figure
from decide.session import open_session
from decide.tap import (
    TAP_STEP,
    TapMode,
    added_words,
    apply_tap,
    laptop_from_selection,
    on_the_square,
    tap_hint,
    tap_points,
)
from decide.tap_figures import (
    TAP_LAYER_NAME,
    layer_percent,
    tap_layer,
    typed_array,
    with_tap_layer,
)
from laptop.recipe import predict_buy
from tests.unit.plotly_check import validated
from ui.grid import probability_grid


def decoded(array) -> np.ndarray:
    """A Plotly typed array ({"dtype", "bdata"}) as NumPy, decoded here."""
    return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])


X3 = np.array([[0.1, 0.1], [0.5, 0.6], [0.4, 0.8]])
Y3 = np.array([0, 1, 1])


def test_the_tap_points_cover_the_square_every_step_on_the_sliders_hundredths():
    points = tap_points()
    assert points.shape == (51 * 51, 2)
    assert {tuple(p) for p in points} >= {(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)}
    np.testing.assert_array_equal(points, np.round(points, 2))
    # every place on the square (a tap anywhere) has a layer point within half a step
    # along each input, so the nearest point is never further than the step's half-diagonal
    taps = np.random.default_rng(0).random((2000, 2))
    nearest = np.min(np.linalg.norm(taps[:, None, :] - points[None, :, :], axis=2), axis=1)
    assert nearest.max() <= TAP_STEP / 2 * math.sqrt(2) + 1e-9


@pytest.mark.parametrize(("value", "held"), [
    (0.42, 0.42), (0.424, 0.42), (0.426, 0.43), ("0.7", 0.7), (1, 1.0), (0, 0.0),
    (-0.3, 0.0), (1.7, 1.0), (1e300, 1.0), (0.1 + 0.2, 0.3)])
def test_a_tapped_coordinate_is_held_to_the_square_and_the_sliders_hundredths(value, held):
    assert on_the_square(value) == held


@pytest.mark.parametrize("value", [None, True, "pink", "", float("nan"), float("inf"),
                                   "-inf", [0.5], {"x": 1}])
def test_a_coordinate_that_is_not_a_finite_number_is_refused(value):
    assert on_the_square(value) is None


def selection(*points):
    return {"selection": {"points": list(points), "point_indices": [], "box": [],
                          "lasso": []}}


def test_the_laptop_of_a_tap_is_the_tapped_point():
    state = selection({"x": 0.42, "y": 0.7, "curve_number": 2, "point_number": 1806})
    assert laptop_from_selection(state) == (0.42, 0.7)
    assert laptop_from_selection(selection({"x": 1.2, "y": -0.004})) == (1.0, 0.0)


@pytest.mark.parametrize("state", [
    None, {}, [], "tap", {"selection": None}, {"selection": {"points": []}},
    {"selection": {"points": "x"}}, selection("point"), selection({"x": 0.4}),
    selection({"x": "a", "y": 0.2}), selection({"x": float("nan"), "y": 0.2}),
    {"selection": {"points": None}}])
def test_a_selection_without_a_usable_point_asks_nothing(state):
    assert laptop_from_selection(state) is None


def test_streamlit_s_own_selection_state_is_read():
    from streamlit.elements.plotly_chart import PlotlyChartSelectionSerde

    state = PlotlyChartSelectionSerde().deserialize(json.dumps(
        selection({"x": 0.3, "y": 0.84, "curve_number": 2, "point_index": 3})))
    assert laptop_from_selection(state) == (0.3, 0.84)
    assert laptop_from_selection(PlotlyChartSelectionSerde().deserialize(None)) is None


def test_the_confirmation_says_what_was_added():
    assert added_words(0.42, 0.7, True) == (
        "Added a laptop 0.42 pink, 0.7 small that your friend would buy; the model trained "
        "again.")
    assert "would not buy" in added_words(0.5, 0.5, False)


# ---- what a tap does --------------------------------------------------------------------------
@pytest.fixture
def session():
    return open_session({})


def test_a_tap_in_ask_mode_moves_the_laptop_and_changes_nothing_else(session):
    rows, model = len(session.edited), session.model
    apply_tap(session, TapMode.ASK, (0.42, 0.7))
    assert session.laptop() == (0.42, 0.7)
    assert len(session.edited) == rows and session.model is model
    assert session.pop_messages("tap") == []


@pytest.mark.parametrize(("mode", "buy"), [(TapMode.ADD_BUY, 1), (TapMode.ADD_NO_BUY, 0)])
def test_a_tap_in_an_add_mode_adds_the_row_and_trains_again(session, mode, buy):
    laptop, rows, model = session.laptop(), len(session.edited), session.model
    apply_tap(session, mode, (0.8, 0.2))
    assert len(session.edited) == rows + 1
    x, y = session.trained_on
    assert tuple(x[-1]) == (0.8, 0.2) and y[-1] == buy
    assert session.model is not model and session.laptop() == laptop  # the star stays
    assert session.pop_messages("tap") == [("success", added_words(0.8, 0.2, bool(buy)))]


def test_a_row_that_cannot_be_added_says_why_and_keeps_the_table(session, monkeypatch):
    monkeypatch.setattr(session, "add_row",
                        lambda pink, small, buy: "The laptop was not added: too many rows.")
    apply_tap(session, TapMode.ADD_NO_BUY, (0.8, 0.2))
    assert session.pop_messages("tap") == [
        ("warning", "The laptop was not added: too many rows.")]


# ---- the layer on the maps --------------------------------------------------------------------
def model_map(session):
    return probability_grid(lambda rows: predict_buy(session.model, rows))


def test_the_layer_sits_under_the_points_and_fixes_the_axes(session):
    points = tap_points()
    values = predict_buy(session.model, points)
    layer = tap_layer(points, values, "P(buy) %{customdata}%", tap_hint(TapMode.ASK))
    axis, grid = model_map(session)
    plain = verdict_map_figure(axis, grid, X3, Y3, (0.1, 0.6))
    fig = validated(verdict_map_figure(axis, grid, X3, Y3, (0.1, 0.6), tap=layer))
    names = [t.name or t.type for t in fig.data]
    assert names == ["heatmap", "50% line", TAP_LAYER_NAME, "don't buy", "buy", "your laptop"]
    tap = fig.data[2]
    assert tap.mode == "text" and tap.showlegend is False  # nothing drawn, nothing listed
    sent = np.column_stack([decoded(tap.x), decoded(tap.y)])
    np.testing.assert_allclose(sent, points, atol=1e-7)  # 32-bit floats
    # what the browser reports for a tapped point comes back to the point itself
    assert all(laptop_from_selection(selection({"x": float(px), "y": float(py)})) == tuple(p)
               for (px, py), p in zip(sent, points, strict=True))
    np.testing.assert_array_equal(decoded(tap.customdata), np.round(values * 100))
    assert "tap to ask about this laptop" in tap.hovertemplate
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange
    assert all(t.unselected.marker.opacity == 1 for t in fig.data[3:])
    # everything else is the map as it was
    assert [t.to_plotly_json() | {"unselected": None} for t in fig.data[3:]] == \
           [t.to_plotly_json() | {"unselected": None} for t in plain.data[2:]]


def test_with_tap_layer_leaves_its_inputs_alone():
    traces = [{"type": "heatmap"}, {"type": "scatter", "name": "buy"}]
    layout = {"xaxis": {"range": [0, 1]}}
    new_traces, new_layout = with_tap_layer(traces, layout, {"type": "scatter", "name": "t"})
    assert traces == [{"type": "heatmap"}, {"type": "scatter", "name": "buy"}]
    assert layout == {"xaxis": {"range": [0, 1]}}
    assert [t.get("name") for t in new_traces] == [None, "t", "buy"]
    assert new_layout == {"xaxis": {"range": [0, 1], "fixedrange": True},
                          "yaxis": {"fixedrange": True}}


def test_the_agreement_map_takes_the_layer_too(session):
    share = session.consensus.buy_share
    axis, grid = probability_grid(share)
    points = tap_points()
    layer = tap_layer(points, share(points), "%{customdata}% say buy",
                      tap_hint(TapMode.ADD_BUY))
    fig = validated(agreement_map_figure(axis, grid, X3, Y3, (0.1, 0.6), 50, tap=layer))
    assert [t.name for t in fig.data].index(TAP_LAYER_NAME) == 2
    assert "your friend would buy it" in fig.data[2].hovertemplate


def test_the_layer_adds_less_than_50_kb_to_what_the_browser_gets(session):
    axis, grid = model_map(session)
    points = tap_points()
    layer = tap_layer(points, predict_buy(session.model, points), "P(buy) %{customdata}%",
                      tap_hint(TapMode.ASK))
    plain = pio.to_json(verdict_map_figure(axis, grid, X3, Y3, (0.1, 0.6)), validate=False)
    tapped = pio.to_json(verdict_map_figure(axis, grid, X3, Y3, (0.1, 0.6), tap=layer),
                         validate=False)
    assert 0 < len(tapped) - len(plain) < 50_000


def test_typed_arrays_and_percents():
    assert typed_array(np.array([0.0, 0.5, 1.0]), "f4") == {"dtype": "f4",
                                                            "bdata": "AAAAAAAAAD8AAIA/"}
    np.testing.assert_array_equal(decoded(typed_array(np.arange(3), "u1")), [0, 1, 2])
    np.testing.assert_array_equal(layer_percent(np.array([0.0, 0.004, 0.626, 1.0, np.nan])),
                                  [0, 0, 63, 100, 0])
