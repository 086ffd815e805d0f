"""The friend's list on the verdict maps (labelled diamonds, names never read as markup) and
in the session and its address."""

import html
import json

import numpy as np
import pytest

from decide.deals_section import map_marks, marks_alt
from decide.figures import (
    agreement_map_figure,
    deal_markers,
    plotly_literal,
    verdict_map_figure,
)
from decide.session import default_params, open_session
from laptop.deals import Deal, encode_deals
from laptop.share_link import read_page
from tests.unit.plotly_check import validated
from ui.grid import probability_grid

X3 = np.array([[0.1, 0.1], [0.5, 0.6], [0.4, 0.8]])
Y3 = np.array([0, 1, 1])
MARKS = [("Dell XPS", 0.1, 0.6), ("<b>x</b>", 0.9, 0.1), ("<a href='javascript:x'>y</a>", 0.5, 0.5),
         ("a & b <br> c", 0.3, 0.3)]


@pytest.mark.parametrize("text, shown", [
    ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"), ("a & b", "a &amp; b"), ("<br>", "&lt;br&gt;"),
    ("plain", "plain"), ("it's \"q\"", "it's \"q\"")])
def test_a_name_reaches_plotly_as_text_not_markup(text, shown):
    assert plotly_literal(text) == shown
    assert html.unescape(shown) == text  # Plotly turns the entities back into characters


def test_the_verdict_map_marks_each_deal_with_its_name():
    axis, grid = probability_grid(lambda rows: rows[:, 1] > rows[:, 0], resolution=11)
    plain = verdict_map_figure(axis, grid, X3, Y3, (0.1, 0.6))
    fig = validated(verdict_map_figure(axis, grid, X3, Y3, (0.1, 0.6), MARKS))
    assert len(fig.data) == len(plain.data) + 1
    marks = fig.data[-2]
    assert marks.name == "your list" and marks.mode == "markers+text"
    assert fig.data[-1].name == "your laptop"  # the star on top, seen on a listed laptop
    assert list(marks.x) == [m[1] for m in MARKS] and list(marks.y) == [m[2] for m in MARKS]
    assert [html.unescape(t) for t in marks.customdata] == [m[0] for m in MARKS]
    assert [html.unescape(t) for t in marks.text] == [
        "Dell XPS", "<b>x</b>", "<a href='javasc…", "a & b <br> c"]  # long names cut
    assert not any("<" in t or ">" in t for t in [*marks.text, *marks.customdata])
    assert "%{customdata}" in marks.hovertemplate and "<b>" not in marks.hovertemplate
    # everything else is the map without the list
    spec = json.loads(fig.to_json())
    spec["data"].pop(-2)
    assert spec == json.loads(validated(plain).to_json())
    assert verdict_map_figure(axis, grid, X3, Y3, (0.1, 0.6), []).to_json() == plain.to_json()


def test_the_agreement_map_marks_the_deals_too():
    axis, share = probability_grid(lambda rows: (rows[:, 1] > 0.4).astype(float))
    fig = validated(agreement_map_figure(axis, share, X3, Y3, (0.2, 0.7), 12, MARKS[:2]))
    assert fig.data[-2].name == "your list" and len(fig.data[-2].x) == 2
    assert fig.data[-1].name == "your laptop"  # the star stays on top


def test_deal_markers_are_a_valid_trace_even_for_one_deal():
    trace = deal_markers([("solo", 0.0, 1.0)])
    assert trace["x"] == [0.0] and trace["y"] == [1.0] and trace["text"] == ["solo"]
    assert deal_markers([("x" * 30, 0.5, 0.5)])["text"] == ["x" * 15 + "…"]


def test_a_session_opened_from_a_link_holds_its_list_and_writes_it_back():
    deals = (Deal(0.1, 0.6, "Dell XPS", 1299.0), Deal(0.9, 0.1), Deal(0.5, 0.5, "<b>x</b>"))
    params = dict(default_params(), deals=encode_deals(deals))
    session = open_session({}, params)
    assert session.deals == deals and session.pop_messages("verdict") == []
    assert session.link_params()["deals"] == params["deals"]
    assert read_page(session.link_params()).deals == deals
    assert map_marks(session) == [("Dell XPS", 0.1, 0.6), ("Laptop B", 0.9, 0.1),
                                  ("<b>x</b>", 0.5, 0.5)]
    assert marks_alt(session) == " The 3 laptops of your list are marked with diamonds and named."
    session.deals = ()
    assert session.link_params() == default_params() and marks_alt(session) == ""


def test_a_malformed_list_in_a_link_gives_a_note_and_the_rest_of_the_page():
    session = open_session({}, {"deals": "1~10-20--ok~<img src=x onerror=alert(1)>",
                                "pink": "0.3"})
    assert session.deals == (Deal(0.1, 0.2, "ok"),) and session.laptop() == (0.3, 0.6)
    notes = [text for _, text in session.pop_messages("verdict")]
    assert notes == ["Laptop 2 of the link's list could not be read, so it is left out."]
    assert session.model is not None
