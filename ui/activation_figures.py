"""Figures for the Activations page. Pure: numbers in, plotly Figure out."""

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from ui.theme import ACCENT_COLOR, NEUTRAL_COLOR, figure

CURVE_COLOR = "#3b5bdb"  # the function itself (not a buy/no-buy meaning)
SLOPE_COLOR = NEUTRAL_COLOR


@dataclass(frozen=True)
class Curve:
    """One activation to draw: its values over z, optionally its slope, and the regions to
    warn about, each (start, end, label), drawn where they overlap the plotted range."""

    name: str
    z: np.ndarray
    values: np.ndarray
    derivative: np.ndarray | None = None
    shaded: tuple[tuple[float, float, str], ...] = ()


def _panel_domains(count: int, gap: float) -> list[tuple[float, float]]:
    """`count` equal spans of [0, 1] with `gap` between neighbours."""
    width = (1.0 - gap * (count - 1)) / count
    return [(i * (width + gap), i * (width + gap) + width) for i in range(count)]


def activations_figure(curves: list[Curve], *, columns: int = 3,
                       row_height: int = 260) -> go.Figure:
    """Every activation in its own panel of ONE chart, `columns` panels to a row: each
    function (solid), its slope when given (dashed), its warning regions shaded and named.

    One chart rather than one per activation because the range slider changes every
    curve at once, and Streamlit redraws each changed chart from scratch: one redraw
    instead of six (bench/app_latency.py measures the difference)."""
    rows = -(-len(curves) // columns)
    x_domains = _panel_domains(columns, 0.06)
    y_domains = _panel_domains(rows, 0.16)[::-1]  # first row on top
    traces, shapes, notes, layout = [], [], [], {}
    for i, curve in enumerate(curves):
        n = "" if i == 0 else str(i + 1)
        xaxis, yaxis = f"x{n}", f"y{n}"
        row, col = divmod(i, columns)
        low, high = float(curve.z[0]), float(curve.z[-1])
        layout[f"xaxis{n}"] = {"domain": list(x_domains[col]), "anchor": yaxis,
                               "range": [low, high], "title": {"text": "z"}}
        layout[f"yaxis{n}"] = {"domain": list(y_domains[row]), "anchor": xaxis}
        traces.append({
            "type": "scatter", "x": curve.z, "y": curve.values, "mode": "lines",
            "name": "the function", "legendgroup": "function", "showlegend": i == 0,
            "line": {"color": CURVE_COLOR, "width": 3}, "xaxis": xaxis, "yaxis": yaxis,
            "hovertemplate": f"z %{{x:.2f}}<br>{curve.name}(z) %{{y:.4f}}<extra></extra>",
        })
        if curve.derivative is not None:
            traces.append({
                "type": "scatter", "x": curve.z, "y": curve.derivative, "mode": "lines",
                "name": "its slope", "legendgroup": "slope", "showlegend": i == 0,
                "line": {"color": SLOPE_COLOR, "width": 2, "dash": "dash"},
                "xaxis": xaxis, "yaxis": yaxis,
                "hovertemplate": "z %{x:.2f}<br>slope %{y:.4f}<extra></extra>",
            })
        notes.append({"text": f"<b>{curve.name}</b>", "xref": "paper", "yref": "paper",
                      "x": x_domains[col][0], "y": y_domains[row][1], "xanchor": "left",
                      "yanchor": "bottom", "showarrow": False, "font": {"size": 14}})
        for start, end, label in curve.shaded:
            start, end = max(start, low), min(end, high)
            if start >= end:
                continue
            shapes.append({"type": "rect", "xref": xaxis, "yref": f"{yaxis} domain",
                           "x0": start, "x1": end, "y0": 0, "y1": 1,
                           "fillcolor": ACCENT_COLOR, "opacity": 0.12, "line": {"width": 0}})
            # Named at the corner the curve leaves free: the top of a region on the left
            # (where these curves run low), the bottom of one on the right.
            at_top = end <= 0
            notes.append({"text": label, "xref": xaxis, "yref": f"{yaxis} domain", "x": start,
                          "y": 1 if at_top else 0, "xanchor": "left",
                          "yanchor": "top" if at_top else "bottom", "showarrow": False,
                          "font": {"size": 11}})
    layout.update({
        "height": rows * row_height + 90, "shapes": shapes, "annotations": notes,
        "showlegend": any(curve.derivative is not None for curve in curves),
        "margin": {"l": 46, "r": 10, "t": 70, "b": 72}, "hovermode": "closest",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.06, "xanchor": "right",
                   "x": 1.0},
    })
    return figure(traces, layout)
