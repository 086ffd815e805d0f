"""The decision map: a model's "buy" probability over the unit square, with rows on top.

Used wherever a trained model is shown (Activations, Initialization, Buy the Laptop).
Pure functions: data in, plotly Figure out.
"""

from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go

from ui.theme import (
    ACCENT_COLOR,
    BUY_PROBABILITY_SCALE,
    LABEL_COLORS,
    LABEL_NAMES,
    LABEL_SYMBOLS,
    style_figure,
)


def probability_grid(predict_buy: Callable[[np.ndarray], np.ndarray], resolution: int = 41,
                     low: float = 0.0, high: float = 1.0):
    """Evaluate `predict_buy` (rows (n, 2) -> buy probability (n,)) on a square grid.

    Returns (axis, probabilities) where probabilities[i, j] belongs to
    x = axis[j], y = axis[i], the layout a plotly Heatmap expects.
    """
    axis = np.linspace(low, high, resolution)
    xx, yy = np.meshgrid(axis, axis)
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    probabilities = np.asarray(predict_buy(grid), dtype=float).reshape(resolution, resolution)
    return axis, probabilities


def decision_map_figure(axis: np.ndarray, probabilities: np.ndarray, *,
                        points: np.ndarray | None = None, labels: np.ndarray | None = None,
                        highlight: tuple[float, float] | None = None,
                        highlight_name: str = "your laptop",
                        title: str = "Where the model says buy",
                        x_title: str = "pink (0 = not at all, 1 = completely)",
                        y_title: str = "small (0 = not at all, 1 = tiny)",
                        class_names: dict[int, str] | None = None,
                        height: int = 420) -> go.Figure:
    """Heatmap of P(buy) with the 0.5 boundary, labelled rows and one highlighted point."""
    names = class_names or LABEL_NAMES
    fig = go.Figure(go.Heatmap(
        x=axis, y=axis, z=probabilities, zmin=0, zmax=1,
        colorscale=BUY_PROBABILITY_SCALE,
        colorbar={"title": {"text": "P(buy)"}, "thickness": 12},
        hovertemplate="pink %{x:.2f}<br>small %{y:.2f}<br>P(buy) %{z:.2f}<extra></extra>",
    ))
    fig.add_trace(go.Contour(
        x=axis, y=axis, z=probabilities, showscale=False, hoverinfo="skip",
        contours={"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
        line={"color": "#333", "width": 2, "dash": "dash"}, name="50% line",
    ))
    if points is not None and labels is not None:
        points = np.asarray(points, dtype=float)
        labels = np.asarray(labels).astype(int)
        for label in (0, 1):
            rows = points[labels == label]
            if len(rows) == 0:
                continue
            fig.add_trace(go.Scatter(
                x=rows[:, 0], y=rows[:, 1], mode="markers", name=names[label],
                marker={"color": LABEL_COLORS[label], "size": 12,
                        "symbol": LABEL_SYMBOLS[label],
                        "line": {"color": "#222", "width": 1.5}},
                hovertemplate=f"{names[label]}<br>pink %{{x:.2f}}<br>small %{{y:.2f}}"
                              "<extra></extra>",
            ))
    if highlight is not None:
        fig.add_trace(go.Scatter(
            x=[highlight[0]], y=[highlight[1]], mode="markers", name=highlight_name,
            marker={"color": ACCENT_COLOR, "size": 18, "symbol": "star",
                    "line": {"color": "black", "width": 1.5}},
            hovertemplate=f"{highlight_name}<br>pink %{{x:.2f}}<br>small %{{y:.2f}}<extra></extra>",
        ))
    style_figure(fig, title, x_title, y_title, height=height)
    fig.update_xaxes(range=[axis[0], axis[-1]], constrain="domain")
    fig.update_yaxes(range=[axis[0], axis[-1]], scaleanchor="x", scaleratio=1)
    return fig
