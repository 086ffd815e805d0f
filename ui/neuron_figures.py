"""Figures for the Perceptron and Sigmoid Neuron pages. Pure: numbers in, plotly Figure out.

The callers compute every output with nncore; these functions only draw them.
"""

import numpy as np
import plotly.graph_objects as go

from ui.theme import (
    ACCENT_COLOR,
    BUY_COLOR,
    LABEL_COLORS,
    LABEL_NAMES,
    NEUTRAL_COLOR,
    NO_BUY_COLOR,
    style_figure,
)

CURVE_COLOR = "#3b5bdb"  # a curve itself (not a buy/no-buy meaning)
PINK_AXIS = "pink (0 = no, 1 = yes)"
SMALL_AXIS = "small (0 = no, 1 = yes)"
# Light versions of the no-buy / buy colours for shaded regions (0 -> no-buy, 1 -> buy).
REGION_SCALE = [[0.0, NO_BUY_COLOR], [0.5, NO_BUY_COLOR], [0.5, BUY_COLOR], [1.0, BUY_COLOR]]


def legend_below(fig: go.Figure, height: int) -> go.Figure:
    """Move the legend under the x-axis title so it never covers a title on a narrow screen."""
    fig.update_layout(height=height + 50, margin={"b": 110},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.2,
                              "xanchor": "left", "x": 0.0})
    return fig


def _figure(traces: list, layout: dict, title: str, x_title: str, y_title: str,
            height: int) -> go.Figure:
    """One figure built in one go, styled, legend below. Plotly validates every update on
    its own, so traces added one by one and add_vline-style helpers cost milliseconds each,
    and these charts are rebuilt on every slider step."""
    fig = go.Figure(traces, layout=layout)
    style_figure(fig, title, x_title, y_title, height=height)
    return legend_below(fig, height)


def line_in_box(w, bias: float, low: float, high: float):
    """The part of the line w1*x + w2*y + bias = 0 inside [low, high]^2, as (xs, ys)
    with two points, or None when the line misses the box (or w is all zero)."""
    w1, w2 = float(w[0]), float(w[1])
    points = []
    if w2 != 0.0:
        for x in (low, high):
            y = -(w1 * x + bias) / w2
            if low - 1e-12 <= y <= high + 1e-12:
                points.append((x, y))
    if w1 != 0.0:
        for y in (low, high):
            x = -(w2 * y + bias) / w1
            if low - 1e-12 <= x <= high + 1e-12:
                points.append((x, y))
    unique = []
    for p in points:
        if all(abs(p[0] - q[0]) > 1e-9 or abs(p[1] - q[1]) > 1e-9 for q in unique):
            unique.append(p)
    if len(unique) < 2:
        return None
    unique = unique[:2]
    return [p[0] for p in unique], [p[1] for p in unique]


def perceptron_square_figure(axis: np.ndarray, outputs: np.ndarray, w, bias: float, *,
                             points: np.ndarray | None = None, labels=None,
                             point_text=None, highlight=None, highlight_name: str = "now",
                             title: str = "Where the perceptron says buy",
                             x_title: str = PINK_AXIS, y_title: str = SMALL_AXIS,
                             height: int = 420) -> go.Figure:
    """The input square shaded by the perceptron's 0/1 output (outputs[i, j] at
    x = axis[j], y = axis[i]), the line w·x + b = 0, labelled points and the current input."""
    traces = [go.Heatmap(
        x=axis, y=axis, z=outputs, zmin=0, zmax=1, colorscale=REGION_SCALE, opacity=0.22,
        showscale=False, name="regions",
        hovertemplate="pink %{x:.2f}<br>small %{y:.2f}<br>output %{z}<extra></extra>",
    )]
    segment = line_in_box(w, bias, float(axis[0]), float(axis[-1]))
    if segment is not None:
        traces.append(go.Scatter(
            x=segment[0], y=segment[1], mode="lines", name="w·x + b = 0",
            line={"color": "#222", "width": 3},
            hovertemplate="on the line: w·x + b = 0<extra></extra>",
        ))
    if points is not None and labels is not None:
        points = np.asarray(points, dtype=float)
        labels = np.asarray(labels).astype(int)
        texts = np.asarray(point_text if point_text is not None else [""] * len(points))
        for label in (0, 1):
            mask = labels == label
            if not mask.any():
                continue
            traces.append(go.Scatter(
                x=points[mask, 0], y=points[mask, 1], mode="markers+text",
                name=LABEL_NAMES[label], text=texts[mask], textposition="top center",
                marker={"color": LABEL_COLORS[label], "size": 14,
                        "line": {"color": "white", "width": 1.5}},
                hovertemplate=f"{LABEL_NAMES[label]}<br>pink %{{x:.2f}}<br>small %{{y:.2f}}"
                              "<extra></extra>",
            ))
    if highlight is not None:
        traces.append(go.Scatter(
            x=[highlight[0]], y=[highlight[1]], mode="markers", name=highlight_name,
            marker={"color": ACCENT_COLOR, "size": 24, "symbol": "circle-open",
                    "line": {"color": ACCENT_COLOR, "width": 4}},
            hovertemplate=f"{highlight_name}<br>pink %{{x:.2f}}<br>small %{{y:.2f}}"
                          "<extra></extra>",
        ))
    box = [float(axis[0]), float(axis[-1])]
    return _figure(traces, {"xaxis": {"range": box, "constrain": "domain", "zeroline": False},
                            "yaxis": {"range": box, "scaleanchor": "x", "scaleratio": 1,
                                      "zeroline": False}},
                   title, x_title, y_title, height)


def sweep_figure(values: np.ndarray, step: np.ndarray, smooth: np.ndarray, current: float,
                 knob_title: str, height: int = 380) -> go.Figure:
    """Both neurons' outputs as one knob moves: the perceptron jumps, the sigmoid glides."""
    traces = [go.Scatter(
        x=values, y=step, mode="lines", line_shape="hv", name="perceptron (0 or 1)",
        line={"color": NO_BUY_COLOR, "width": 3},
        hovertemplate=f"{knob_title} %{{x:.2f}}<br>perceptron %{{y}}<extra></extra>",
    ), go.Scatter(
        x=values, y=smooth, mode="lines", name="sigmoid neuron",
        line={"color": BUY_COLOR, "width": 3, "dash": "dot"},
        hovertemplate=f"{knob_title} %{{x:.2f}}<br>sigmoid %{{y:.3f}}<extra></extra>",
    )]
    # The "now" line and its label, as fig.add_vline would add them.
    now = {"shapes": [{"type": "line", "xref": "x", "yref": "y domain", "x0": current,
                       "x1": current, "y0": 0, "y1": 1,
                       "line": {"color": ACCENT_COLOR, "width": 2, "dash": "dash"}}],
           "annotations": [{"text": "now", "xref": "x", "yref": "y domain", "x": current,
                            "y": 0, "xanchor": "left", "yanchor": "bottom",
                            "showarrow": False}],
           "yaxis": {"range": [-0.05, 1.1]},
           "xaxis": {"range": [float(values[0]), float(values[-1])]}}
    return _figure(traces, now, "Output as one knob moves", knob_title, "output", height)


def response_curves_figure(z: np.ndarray, smooth: np.ndarray, step: np.ndarray,
                           current_z: float, smooth_now: float, step_now: int, *,
                           title: str = "One weighted sum, two neurons",
                           height: int = 380) -> go.Figure:
    """The sigmoid's S and the perceptron's step over z on one chart, with this laptop's z
    marked on both (each marker in the buy / no-buy colour of its answer). One chart, so a
    slider step redraws one picture instead of two."""
    traces = []
    curves = (("sigmoid neuron (smooth)", smooth, "linear", CURVE_COLOR, None),
              ("perceptron (step)", step, "hv", NEUTRAL_COLOR, "dash"))
    for name, values, shape, color, dash in curves:
        traces.append(go.Scatter(
            x=z, y=values, mode="lines", name=name, line_shape=shape,
            line={"color": color, "width": 3, "dash": dash},
            hovertemplate=f"z %{{x:.2f}}<br>{name} %{{y:.4f}}<extra></extra>",
        ))
    for name, value, symbol in (("sigmoid neuron", smooth_now, "circle"),
                                ("perceptron", step_now, "square")):
        traces.append(go.Scatter(
            x=[current_z], y=[value], mode="markers", name=f"your laptop: {name}",
            marker={"color": BUY_COLOR if value >= 0.5 else NO_BUY_COLOR, "size": 14,
                    "symbol": symbol, "line": {"color": "black", "width": 1.5}},
            hovertemplate=f"z %{{x:.3f}}<br>{name} %{{y:.4f}}<extra>your laptop</extra>",
        ))
    return _figure(traces, {"yaxis": {"range": [-0.05, 1.05]},
                            "xaxis": {"range": [float(z[0]), float(z[-1])]}},
                   title, "weighted sum z = w·x + b", "output", height)
