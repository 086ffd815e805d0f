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
    fig = go.Figure(go.Scatter(
        x=z, y=values, mode="lines", name=name, line={"color": CURVE_COLOR, "width": 3},
        hovertemplate=f"z %{{x:.2f}}<br>{name}(z) %{{y:.4f}}<extra></extra>",
    ))
    if derivative is not None:
        fig.add_trace(go.Scatter(
            x=z, y=derivative, mode="lines", name="slope",
            line={"color": SLOPE_COLOR, "width": 2, "dash": "dash"},
            hovertemplate="z %{x:.2f}<br>slope %{y:.4f}<extra></extra>",
        ))
    low, high = float(z[0]), float(z[-1])
    for start, end, label in shaded:
        start, end = max(start, low), min(end, high)
        if start >= end:
            continue
        fig.add_vrect(x0=start, x1=end, fillcolor=ACCENT_COLOR, opacity=0.12, line_width=0,
                      annotation_text=label, annotation_position="top left",
                      annotation_font_size=11)
    style_figure(fig, name, "z (weighted sum)", "output" if derivative is None
                 else "output / slope", height=height)
    fig.update_xaxes(range=[low, high])
    fig.update_layout(margin={"l": 45, "r": 10, "t": 50, "b": 45})
    return fig

