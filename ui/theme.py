"""One look for every chart: the buy / no-buy colours and a shared Plotly layout."""

import plotly.graph_objects as go

BUY_COLOR = "#1b9e77"  # teal-green: "buy it"
NO_BUY_COLOR = "#d95f02"  # orange: "don't buy"
NEUTRAL_COLOR = "#6c757d"
ACCENT_COLOR = "#d6336c"  # the app's pink, for highlights such as "the current input"

# Probability of "buy" from 0 to 1: no-buy colour, white at 0.5, buy colour.
BUY_PROBABILITY_SCALE = [[0.0, NO_BUY_COLOR], [0.5, "#f7f7f7"], [1.0, BUY_COLOR]]

LABEL_COLORS = {0: NO_BUY_COLOR, 1: BUY_COLOR}
LABEL_NAMES = {0: "don't buy", 1: "buy"}
# Marker shapes too, so the classes differ without colour (and on a heatmap of the same hue).
LABEL_SYMBOLS = {0: "x", 1: "circle"}

# Margins (px) that hold everything a chart draws outside its plot area: tick labels, axis
# titles at Streamlit's title spacing, a colour bar, a legend below the plot. When something
# does not fit, Plotly widens the margin and draws the whole chart again; with the margins
# below every chart is drawn once. That halved the draw time of the busiest charts
# (bench/chart_draw.py). The values were measured in headless Chromium at the pages'
# desktop widths (plus a few pixels); tests/e2e/test_chart_margins.py keeps them honest.
# On a phone a legend can wrap onto more lines: Plotly then still makes room, one draw later.
MARGIN = {"l": 80, "r": 24, "t": 60, "b": 76}
COLORBAR_MARGIN = 90  # the right margin beside a vertical colour bar


def figure(data: list[dict], layout: dict | None = None) -> go.Figure:
    """A plotly Figure from plain trace dicts (each with its "type") and a layout dict,
    without Plotly's property-by-property validation.

    Validation costs 5-15 ms per chart, every chart is rebuilt on every slider step, and on
    a 2-core server that time also slows the browser drawing the previous chart: measured
    with bench/app_latency.py, it was the largest part of a step beyond the bare page.
    What it would catch (a misspelt property) is caught by tests/unit/test_figures_valid.py,
    which rebuilds every figure builder's output with validation on.
    Figures made here update cheaply too: `update_layout` skips validation as well.
    """
    return go.Figure({"data": data, "layout": layout or {}}, _validate=False)


def merged(base: dict, *updates: dict) -> dict:
    """`base` with each of `updates` merged in, nested dicts key by key (as
    `fig.update_layout` merges), without changing any of them."""
    out = dict(base)
    for update in updates:
        for key, value in update.items():
            if isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = merged(out[key], value)
            else:
                out[key] = value
    return out


def base_layout(title: str, x_title: str, y_title: str, height: int = 380,
                **extra) -> dict:
    """The app's title, axis labels, margins (`MARGIN`), legend and hover style as a layout
    dict, with any `extra` layout keys merged in (`xaxis={"range": [0, 1]}` keeps the axis
    title).

    No template is named here: Plotly's default one, which Streamlit sets to its own theme
    (about 8 KB per chart, coloured by the browser), is all a figure carries. Naming another,
    such as "plotly_white", copied a second full template into every figure, which cost
    more server time than the chart.
    """
    return merged({
        "title": {"text": title, "x": 0.0, "xanchor": "left"},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        "height": height,
        "margin": MARGIN,
        "hovermode": "closest",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right",
                   "x": 1.0},
    }, extra)
