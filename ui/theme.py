"""One look for every chart: a shared Plotly layout and margins (the colours are in ui.colors)."""

import re

import numpy as np
import plotly.graph_objects as go

from ui.colors import TEXT_COLOR

# Margins (px) that hold everything a chart draws outside its plot area: tick labels, axis
# titles at Streamlit's title spacing, a colour bar, a legend below the plot. When something
# does not fit, Plotly widens the margin and draws the whole chart again; with the margins
# below every chart is drawn once (docs/performance.md). Measured at the pages' desktop
# widths; tests/e2e/test_chart_margins.py keeps them honest.
# On a phone a legend can wrap onto more lines: Plotly then still makes room, one draw later.
MARGIN = {"l": 80, "r": 24, "t": 60, "b": 76}
COLORBAR_MARGIN = 90  # the right margin beside a vertical colour bar


# The look Streamlit's chart theme gives a figure in this app's (light) theme, written into
# each figure instead (see `figure`). Values read from Streamlit 1.67's themed charts in the
# browser: fonts, greys, the colour order, the axes that widen their margins for labels.
FONT = '"Source Sans", sans-serif'
TEXT_GREY = "#646878"  # tick labels, axis titles (Streamlit's is #808495: 3.7:1 on white)
GRID_GREY = "#e6eaf1"
LOOK = {
    "font": {"family": FONT, "size": 12, "color": TEXT_GREY},
    # bold like Streamlit's theme, which wraps the title's text in <b>
    "title": {"font": {"family": FONT, "size": 16, "color": TEXT_COLOR, "weight": 700},
              "pad": {"l": 4}},
    "paper_bgcolor": "#FFFFFF",
    "plot_bgcolor": "#FFFFFF",
    "colorway": ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1",
                 "#ff8700", "#ffd16a", "#6d3fc0", "#d5dae5"],
    "legend": {"font": {"size": 12, "color": "#262730"}, "valign": "top",
               "bordercolor": "rgba(0,0,0,0)", "borderwidth": 0,
               "title": {"font": {"size": 12, "color": TEXT_GREY}, "side": "top"}},
    "hoverlabel": {"bgcolor": "#FFFFFF", "bordercolor": "rgba(47, 45, 43, 0.2)",
                   "font": {"family": FONT, "size": 12, "color": TEXT_GREY}},
    "margin": {"pad": 8},
}
AXIS_LOOK = {
    "x": {"automargin": True, "showgrid": False, "zeroline": False, "gridcolor": GRID_GREY,
          "zerolinecolor": GRID_GREY, "tickcolor": GRID_GREY,
          "tickfont": {"color": TEXT_GREY, "size": 12},
          "title": {"font": {"color": TEXT_GREY, "size": 14}, "standoff": 20}},
    "y": {"automargin": True, "gridcolor": GRID_GREY, "zerolinecolor": GRID_GREY,
          "tickcolor": GRID_GREY, "ticklabelposition": "outside",
          "tickfont": {"color": TEXT_GREY, "size": 12},
          "title": {"font": {"color": TEXT_GREY, "size": 14}, "standoff": 24}},
}


def figure(data: list[dict], layout: dict | None = None) -> go.Figure:
    """A plotly Figure from plain trace dicts (each with its "type") and a layout dict, in
    the app's look, ready for `show_chart`.

    Built for the browser to draw it once. Streamlit draws a changed chart twice: it mounts
    it, then hands Plotly the same figure again with the measured width and its theme.
    Plotly redraws it in full the second time whenever the figure looks changed: a template
    (Streamlit's theme adds one) arrives as a new object, and NumPy arrays (sent
    base64-encoded) compare as new data. So the figure carries no template (`LOOK` and
    `AXIS_LOOK` are written into the layout instead, and `show_chart` turns Streamlit's
    theme off), its arrays are plain lists, and a constant `datarevision` tells Plotly not
    to compare the data: the second pass then draws nothing. Safe because a figure with new
    data is always a new chart to Streamlit (its id follows its content). Not inside
    `st.columns`: a column's width is a fraction of a pixel that Streamlit and Plotly round
    differently, so a chart there still gets its second full draw.

    It also skips Plotly's property-by-property validation (docs/performance.md);
    tests/unit/plotly_check.py validates every builder's output instead.
    Figures made here update cheaply too: `update_layout` skips validation as well.
    """
    layout = _as_lists(layout or {})
    axes = {key: merged(AXIS_LOOK[key[0]], layout.get(key, {}))
            for key in {"xaxis", "yaxis", *(k for k in layout if _AXIS_KEY.fullmatch(k))}}
    look = merged(LOOK, layout, axes, {"template": "none", "datarevision": 1})
    return go.Figure({"data": [_traced(trace) for trace in _as_lists(data)], "layout": look},
                     _validate=False)


_AXIS_KEY = re.compile(r"[xy]axis\d*")


def _traced(trace: dict) -> dict:
    """A trace with what Streamlit's theme sets for its type (markers without outline)."""
    if trace.get("type") == "scatter":
        return merged({"marker": {"line": {"width": 0}}}, trace)
    return trace


_PLAIN = {float, int, str, bool, type(None)}


def _as_lists(value):
    """`value` with every NumPy array (at any depth) turned into a plain list."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dict):
        return {key: _as_lists(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        if all(type(item) in _PLAIN for item in value):  # the usual case, checked quickly
            return list(value)
        return [_as_lists(item) for item in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


# Plotly's mode bar (zoom, pan, autoscale, download...) is 8 more tab stops per chart for a
# keyboard user and nothing a reader of these charts needs: a drag still zooms, a double
# click resets, and Streamlit's own toolbar keeps "fullscreen".
CHART_CONFIG = {"displayModeBar": False}


def show_chart(container, fig: go.Figure, *, alt: str, **kwargs):
    """`container.plotly_chart(fig, alt=alt, **kwargs)` (container: `st`, a column, a
    placeholder) with Streamlit's chart theme off: the app's figures carry the same look
    themselves, and Streamlit's second pass over a changed chart then draws nothing (see
    `figure`). No Plotly mode bar (`CHART_CONFIG`; a `config=` given is merged over it).

    `alt` is the chart's text alternative, a sentence with its key numbers that screen
    readers announce (Streamlit 1.67 sets it as the chart's `aria-label`, `role="figure"`):
    "How sure the model is. Buy: 83%, don't buy: 17%." Every call must give one, built
    where the figure is (a `*_alt` beside each figure builder, from the same numbers;
    tests/unit/ui/test_chart_alt.py holds every call to it). A blank string is refused:
    Streamlit would drop it silently.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"alt must describe the chart; received: alt={alt!r}")
    config = {**CHART_CONFIG, **(kwargs.pop("config", None) or {})}
    return container.plotly_chart(fig, theme=None, config=config, alt=alt, **kwargs)


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

    The look (fonts, greys) is added by `figure`.
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
