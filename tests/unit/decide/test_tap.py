"""Tap the map: what the browser's tap listener reports becomes a laptop on the sliders' grid
(or nothing, whatever else arrives), what a tap does in each mode, and the maps' hover saying
what a tap does."""

import doctest
import json

import numpy as np
import pytest

import decide.tap
from decide.figures import agreement_map_figure, verdict_map_figure
from decide.session import WidgetKeys, open_session
from decide.tap import (
    TapMode,
    added_words,
    apply_tap,
    element_class,
    laptop_from_tap,
    on_the_square,
    tap_hint,
)
from decide.tap_figures import tappable
from laptop.recipe import predict_buy
from tests.unit.plotly_check import validated
from ui.grid import probability_grid

X3 = np.array([[0.1, 0.1], [0.5, 0.6], [0.4, 0.8]])
Y3 = np.array([0, 1, 1])


@pytest.mark.parametrize(("value", "held"), [
    (0.42, 0.42), (0.424, 0.42), (0.426, 0.43), ("0.7", 0.7), (1, 1.0), (0, 0.0),
    (-0.3, 0.0), (1.7, 1.0), (1e300, 1.0), (0.1 + 0.2, 0.3)])
def test_a_tapped_coordinate_is_held_to_the_square_and_the_sliders_hundredths(value, held):
    assert on_the_square(value) == held


@pytest.mark.parametrize("value", [None, True, "pink", "", float("nan"), float("inf"),
                                   "-inf", [0.5], {"x": 1}, 10 ** 400, -(10 ** 400)])
def test_a_coordinate_that_is_not_a_finite_number_is_refused(value):
    assert on_the_square(value) is None


def test_the_laptop_of_a_tap_is_where_the_listener_says_on_the_sliders_hundredths():
    assert laptop_from_tap({"pink": 0.4213, "small": 0.6987}) == (0.42, 0.7)
    assert laptop_from_tap({"pink": 0, "small": 1}) == (0.0, 1.0)
    # just off the square's edge (the heatmap's last half cell): the edge itself
    assert laptop_from_tap({"pink": -0.012, "small": 1.0124}) == (0.0, 1.0)
    assert laptop_from_tap({"pink": 0.3, "small": 0.84, "map": "anything"}) == (0.3, 0.84)


# What arrives is whatever the browser sent: JSON, read by Python's json (which reads NaN,
# Infinity, 1e999 as infinity, and integers of any length).
HOSTILE = [
    None, {}, [], "tap", 0.5, [0.4, 0.7], {"pink": 0.4}, {"small": 0.7},
    {"pink": None, "small": 0.7}, {"pink": "0.4", "small": "0.7"}, {"pink": "", "small": 0.7},
    {"pink": True, "small": 0.7}, {"pink": 0.4, "small": [0.7]}, {"pink": {"x": 1}, "small": 1},
    {"pink": float("nan"), "small": 0.7}, {"pink": 0.4, "small": float("inf")},
    {"pink": 0.4, "small": -float("inf")}, {"pink": 10 ** 400, "small": 0.7},
    {"pink": "x" * 100_000, "small": 0.7}]


@pytest.mark.parametrize("report", HOSTILE)
def test_a_report_without_two_finite_numbers_asks_nothing(report):
    assert laptop_from_tap(report) is None


@pytest.mark.parametrize("text", [
    '{"pink": NaN, "small": 0.5}', '{"pink": 1e999, "small": 0.5}',
    '{"pink": -Infinity, "small": 0.5}', '{"pink": 1' + "0" * 400 + ', "small": 0.5}',
    '{"pink": "0.5", "small": 0.5}', '["pink", 0.5]', '"tap"', "null"])
def test_what_json_makes_of_a_hostile_report_asks_nothing(text):
    assert laptop_from_tap(json.loads(text)) is None


def test_the_listener_finds_each_map_by_the_class_streamlit_gives_its_key():
    # Streamlit 1.67's frontend: "st-key-" + key.trim() with [^a-zA-Z0-9_-] made "-"
    assert element_class(WidgetKeys.decision_map) == "st-key-laptop-decision_map"
    assert element_class(" a.b c/d_e-f ") == "st-key-a-b-c-d_e-f"


def test_the_examples_in_decide_tap_hold():
    result = doctest.testmod(decide.tap)
    assert result.attempted >= 3 and result.failed == 0


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


# ---- the maps' hover -----------------------------------------------------------------------
def model_map(session):
    return probability_grid(lambda rows: predict_buy(session.model, rows))


def test_a_tappable_map_says_on_hover_what_a_tap_does_and_fixes_its_axes(session):
    axis, grid = model_map(session)
    plain = verdict_map_figure(axis, grid, X3, Y3, (0.1, 0.6))
    fig = validated(verdict_map_figure(axis, grid, X3, Y3, (0.1, 0.6),
                                       hint=tap_hint(TapMode.ASK)))
    assert fig.data[0].hovertemplate == ("pink %{x:.2f}<br>small %{y:.2f}<br>P(buy) %{z:.2f}"
                                         "<br><i>tap to ask about this laptop</i><extra></extra>")
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange
    assert not plain.layout.xaxis.fixedrange
    # nothing else changes: no trace added, the others as they were
    assert len(fig.data) == len(plain.data)
    assert [t.to_plotly_json() for t in fig.data[1:]] == \
           [t.to_plotly_json() for t in plain.data[1:]]


def test_the_agreement_map_takes_the_hint_too(session):
    share = session.consensus.buy_share
    axis, grid = probability_grid(share)
    fig = validated(agreement_map_figure(axis, grid, X3, Y3, (0.1, 0.6), 50,
                                         hint=tap_hint(TapMode.ADD_BUY)))
    template = fig.data[0].hovertemplate
    assert template.startswith("pink %{x:.2f}<br>small %{y:.2f}<br>%{z:.0%} of the networks")
    assert template.endswith("<br><i>tap to add it: your friend would buy it</i>"
                             "<extra></extra>")


def test_tappable_leaves_its_inputs_alone():
    traces = [{"type": "heatmap", "hovertemplate": "z %{z}<extra></extra>"},
              {"type": "scatter", "name": "buy"}]
    layout = {"xaxis": {"range": [0, 1]}}
    new_traces, new_layout = tappable(traces, layout, "tap")
    assert traces == [{"type": "heatmap", "hovertemplate": "z %{z}<extra></extra>"},
                      {"type": "scatter", "name": "buy"}]
    assert layout == {"xaxis": {"range": [0, 1]}}
    assert new_traces == [{"type": "heatmap", "hovertemplate": "z %{z}<br><i>tap</i>"
                                                               "<extra></extra>"},
                          {"type": "scatter", "name": "buy"}]
    assert new_layout == {"xaxis": {"range": [0, 1], "fixedrange": True},
                          "yaxis": {"fixedrange": True}}
