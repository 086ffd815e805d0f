"""The validation the app skips at run time, for the tests.

The app builds its charts with `ui.theme.figure`, which skips Plotly's property-by-property
validation because it costs more server time than the chart. Every figure builder's tests
rebuild its output here with validation on, so a misspelt property or a bad value fails a
test instead of silently drawing nothing in a browser.
"""

import json

import plotly.graph_objects as go


def validated(fig: go.Figure) -> go.Figure:
    """The same figure rebuilt with Plotly's validation: raises ValueError when any trace
    or layout property is unknown or has a bad value. Returns the rebuilt figure, whose
    JSON must equal the original's (validation changes nothing the browser would get)."""
    assert isinstance(fig, go.Figure), type(fig)
    checked = go.Figure(fig.to_dict())
    assert len(checked.data) == len(fig.data)
    assert _without_template(checked) == _without_template(fig)
    return checked


def _without_template(fig: go.Figure) -> dict:
    """The figure's JSON without its template: the app's figures name Plotly's "none"
    template, which validation spells out in full (the browser gets the name only)."""
    spec = json.loads(fig.to_json())
    assert spec["layout"].pop("template", None) is not None
    return spec
