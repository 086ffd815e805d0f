"""The decision map: a model's "buy" probability over the unit square, with rows on top.

Used wherever a trained model is shown (Activations, Initialization, Buy the Laptop).
Pure functions: data in, plotly Figure out.
"""


import numpy as np
import plotly.graph_objects as go

from ui.colors import BUY_PROBABILITY_SCALE, LABEL_NAMES
from ui.theme import COLORBAR_MARGIN, base_layout, figure, merged
from ui.traces import class_points, highlight_marker


def decision_map_traces(axis: np.ndarray, probabilities: np.ndarray, *,
                        points: np.ndarray | None = None, labels: np.ndarray | None = None,
                        highlight: tuple[float, float] | None = None,
                        highlight_name: str = "your laptop",
                        class_names: dict[int, str] | None = None,
                        colorbar: bool = True, xaxis: str = "x",
                        yaxis: str = "y",
                        boundary: tuple[list[float], list[float]] | None | str = "contour",
                        ) -> list[dict]:
    """The traces of a decision map (heatmap of P(buy), the dashed 50% line, labelled rows,
    one highlighted point) on the axes `xaxis`/`yaxis`, for a figure of one or more panels.
    `colorbar`: whether the heatmap shows its P(buy) scale.
    `boundary` is how the 50% line is found: "contour" traces it through the grid (any
    model); (xs, ys) draws a line known exactly (one neuron's is straight); None, none."""
    names = class_names or LABEL_NAMES
    on_axes = {"xaxis": xaxis, "yaxis": yaxis}
    traces = [{
        "type": "heatmap", "x": axis, "y": axis, "z": probabilities, "zmin": 0, "zmax": 1,
        "colorscale": BUY_PROBABILITY_SCALE,
        "showscale": colorbar, "colorbar": {"title": {"text": "P(buy)"}, "thickness": 12},
        "hovertemplate": "pink %{x:.2f}<br>small %{y:.2f}<br>P(buy) %{z:.2f}<extra></extra>",
        **on_axes,
    }]
    line = {"color": "#333", "width": 2, "dash": "dash"}
    if boundary == "contour":
        traces.append({
            "type": "contour", "x": axis, "y": axis, "z": probabilities, "showscale": False,
            "hoverinfo": "skip", "name": "50% line",
            "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
            "line": line, **on_axes,
        })
    elif boundary is not None:
        traces.append({"type": "scatter", "x": list(boundary[0]), "y": list(boundary[1]),
                       "mode": "lines", "name": "50% line", "hoverinfo": "skip", "line": line,
                       **on_axes})
    if points is not None and labels is not None:
        traces += class_points(points, labels, names=names, **on_axes)
    if highlight is not None:
        traces.append(highlight_marker(*highlight, highlight_name, **on_axes))
    return traces


def square_axes(axis: np.ndarray, anchor: str = "x") -> tuple[dict, dict]:
    """Layout for the x and y axes of a unit-square panel: the grid's range on both, and one
    unit as long on screen across as up (y is scaled to the x axis named `anchor`)."""
    box = [float(axis[0]), float(axis[-1])]
    return ({"range": box, "constrain": "domain"},
            {"range": box, "scaleanchor": anchor, "scaleratio": 1, "constrain": "domain"})


def decision_map_figure(axis: np.ndarray, probabilities: np.ndarray, *,
                        points: np.ndarray | None = None, labels: np.ndarray | None = None,
                        highlight: tuple[float, float] | None = None,
                        highlight_name: str = "your laptop",
                        title: str = "Where the model says buy",
                        x_title: str = "pink (0 = not at all, 1 = completely)",
                        y_title: str = "small (0 = not at all, 1 = tiny)",
                        class_names: dict[int, str] | None = None,
                        height: int = 420, layout: dict | None = None) -> go.Figure:
    """Heatmap of P(buy) with the 0.5 boundary, labelled rows and one highlighted point.
    `layout` is merged over the map's own layout (a taller chart, the legend elsewhere)."""
    xaxis, yaxis = square_axes(axis)
    return figure(
        decision_map_traces(axis, probabilities, points=points, labels=labels,
                            highlight=highlight, highlight_name=highlight_name,
                            class_names=class_names),
        merged(base_layout(title, x_title, y_title, height, xaxis=xaxis, yaxis=yaxis,
                           margin={"l": 88, "r": COLORBAR_MARGIN}),
               layout or {}))
