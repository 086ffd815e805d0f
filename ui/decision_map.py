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


def _edge_walk(axis: np.ndarray, probabilities: np.ndarray) -> list[tuple[float, float, float]]:
    """(x, y, P) at every grid point on the square's edge, once round: bottom left to right,
    up the right side, top right to left, down the left side."""
    p, a = np.asarray(probabilities, dtype=float), np.asarray(axis, dtype=float)
    n = a.size
    last = n - 1
    path = ([(j, 0) for j in range(n)] + [(last, i) for i in range(1, n)]
            + [(j, last) for j in range(last - 1, -1, -1)]
            + [(0, i) for i in range(last - 1, -1, -1)])
    return [(float(a[j]), float(a[i]), float(p[i, j])) for j, i in path]


def boundary_crossings(axis: np.ndarray, probabilities: np.ndarray,
                       level: float = 0.5) -> list[tuple[float, float]]:
    """Where the `level` line meets the edge of the map's square, as (x, y) points found by
    walking round the edge and interpolating between grid points (probabilities[i, j] at
    x = axis[j], y = axis[i]). Empty when the whole edge is on one side."""
    walk, points = _edge_walk(axis, probabilities), []
    for (x0, y0, p0), (x1, y1, p1) in zip(walk, walk[1:], strict=False):
        if (p0 < level) != (p1 < level):
            t = (level - p0) / (p1 - p0)
            points.append((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
    return points


def decision_map_alt(axis: np.ndarray, probabilities: np.ndarray, *,
                     points: np.ndarray | None = None, labels: np.ndarray | None = None,
                     highlight: tuple[float, float] | None = None,
                     highlight_name: str = "your laptop", highlight_value: float | None = None,
                     class_names: dict[int, str] | None = None,
                     x_name: str = "pink", y_name: str = "small", title: str = "",
                     value_name: str = "P(buy)") -> str:
    """The map's text alternative, its key numbers in words: the share of the square where
    the model says buy (P at least 50%), where the 50% line meets the square's edge, the
    rows of each class, and P(buy) at the highlighted point: `highlight_value` when the
    caller knows it exactly, else the nearest grid point's, as the heatmap shows it."""
    names = class_names or LABEL_NAMES
    p = np.asarray(probabilities, dtype=float)
    a = np.asarray(axis, dtype=float)
    words = [f"{title}: " if title else "", f"a map of {value_name} over the square; ",
             f"it is 50% or more on {np.mean(p >= 0.5):.0%} of it"]
    crossings = boundary_crossings(a, p)
    if crossings:
        where = " and ".join(f"({x_name} {x:.2f}, {y_name} {y:.2f})"
                             for x, y in crossings[:4])
        more = f" (and {len(crossings) - 4} more places)" if len(crossings) > 4 else ""
        words.append(f"; the 50% line meets the edge at {where}{more}")
    else:
        words.append("; no 50% line reaches its edge")
    if points is not None and labels is not None:
        labels = np.asarray(labels).astype(int)
        counts = [f"{int(np.sum(labels == k))} {names[k]}" for k in sorted(names)]
        words.append(f". Rows shown: {', '.join(counts)}")
    if highlight is not None:
        if highlight_value is None:
            i, j = (int(np.abs(a - highlight[k]).argmin()) for k in (1, 0))
            highlight_value = p[i, j]
        words.append(f". At {highlight_name} ({x_name} {highlight[0]:.2f}, {y_name} "
                     f"{highlight[1]:.2f}) {value_name} is {highlight_value:.0%}")
    return "".join(words) + "."
