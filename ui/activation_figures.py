"""Figures for the Activations page. Pure: numbers in, plotly Figure out."""

import numpy as np
import plotly.graph_objects as go

from ui.theme import ACCENT_COLOR, NEUTRAL_COLOR, style_figure

CURVE_COLOR = "#3b5bdb"  # the function itself (not a buy/no-buy meaning)
SLOPE_COLOR = NEUTRAL_COLOR


def activation_figure(z: np.ndarray, values: np.ndarray, name: str, *,
                      derivative: np.ndarray | None = None,
                      shaded: tuple[tuple[float, float, str], ...] = (),
                      height: int = 300) -> go.Figure:
    """One activation over z, optionally its slope (dashed), with regions to warn about
    shaded: each (start, end, label) is drawn where it overlaps the plotted range."""
    traces = [go.Scatter(
        x=z, y=values, mode="lines", name=name, line={"color": CURVE_COLOR, "width": 3},
        hovertemplate=f"z %{{x:.2f}}<br>{name}(z) %{{y:.4f}}<extra></extra>",
    )]
    if derivative is not None:
        traces.append(go.Scatter(
            x=z, y=derivative, mode="lines", name="slope",
            line={"color": SLOPE_COLOR, "width": 2, "dash": "dash"},
            hovertemplate="z %{x:.2f}<br>slope %{y:.4f}<extra></extra>",
        ))
    low, high = float(z[0]), float(z[-1])
    shapes, notes = [], []
    for start, end, label in shaded:
        start, end = max(start, low), min(end, high)
        if start >= end:
            continue
        # What fig.add_vrect would add, written out: one layout update is far cheaper
        # than a helper call per region, and this chart is rebuilt on every slider step.
        shapes.append({"type": "rect", "xref": "x", "yref": "y domain", "x0": start,
                       "x1": end, "y0": 0, "y1": 1, "fillcolor": ACCENT_COLOR,
                       "opacity": 0.12, "line": {"width": 0}})
        notes.append({"text": label, "xref": "x", "yref": "y domain", "x": start, "y": 1,
                      "xanchor": "left", "yanchor": "top", "showarrow": False,
                      "font": {"size": 11}})
    fig = go.Figure(traces, layout={"shapes": shapes, "annotations": notes,
                                    "xaxis": {"range": [low, high]}})
    style_figure(fig, name, "z (weighted sum)", "output" if derivative is None
                 else "output / slope", height=height)
    fig.update_layout(margin={"l": 45, "r": 10, "t": 50, "b": 45})
    return fig
