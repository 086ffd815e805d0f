"""Plotly parts several charts share, as plain dicts: the laptops as points of their class,
a highlighted point, a labelled vertical line and a legend under the plot.

Pure builders (no streamlit); `ui.theme.figure` turns trace and layout dicts into a figure.
"""

import numpy as np

from ui.colors import ACCENT_COLOR, LABEL_COLORS, LABEL_NAMES, LABEL_SYMBOLS


def _square_hover(name: str) -> str:
    return f"{name}<br>pink %{{x:.2f}}<br>small %{{y:.2f}}<extra></extra>"


def class_points(points: np.ndarray, labels: np.ndarray, *,
                 names: dict[int, str] | None = None, size: int = 12, symbols: bool = True,
                 outline: str = "#222", text=None, row_numbers: bool = False,
                 keep_empty: bool = False, xaxis: str = "x", yaxis: str = "y") -> list[dict]:
    """One scatter trace per class (0 = don't buy, 1 = buy) of the rows `points` (n, 2), in
    the class's colour (and marker shape when `symbols`), outlined in `outline`.

    `names`: the legend name of each class (default "don't buy" / "buy"). `text`: a label
    above each point. `row_numbers`: hover says "row 3: buy" (rows counted from 1).
    A class with no rows gets no trace unless `keep_empty`.
    """
    names = names or LABEL_NAMES
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    labels = np.asarray(labels).astype(int).reshape(-1)
    texts = None if text is None else np.asarray(text)
    traces = []
    for label in (0, 1):
        rows = np.flatnonzero(labels == label)
        if len(rows) == 0 and not keep_empty:
            continue
        marker = {"color": LABEL_COLORS[label], "size": size,
                  "line": {"color": outline, "width": 1.5}}
        if symbols:
            marker["symbol"] = LABEL_SYMBOLS[label]
        trace = {"type": "scatter", "x": points[rows, 0], "y": points[rows, 1],
                 "mode": "markers", "name": names[label], "marker": marker,
                 "hovertemplate": _square_hover(names[label]), "xaxis": xaxis, "yaxis": yaxis}
        if texts is not None:
            trace.update(mode="markers+text", text=texts[rows].tolist(),
                         textposition="top center")
        if row_numbers:
            trace.update(customdata=rows + 1, hovertemplate=(
                f"row %{{customdata}}: {names[label]}<br>pink %{{x:.2f}}"
                "<br>small %{y:.2f}<extra></extra>"))
        traces.append(trace)
    return traces


def highlight_marker(x: float, y: float, name: str, *, color: str = ACCENT_COLOR,
                     size: int = 18, symbol: str = "star", outline: str = "black",
                     outline_width: float = 1.5, hovertemplate: str | None = None,
                     xaxis: str = "x", yaxis: str = "y") -> dict:
    """One point drawn to stand out (by default the app's pink star), named `name` in the
    legend; hover shows its pink and small values unless `hovertemplate` says otherwise."""
    return {
        "type": "scatter", "x": [float(x)], "y": [float(y)], "mode": "markers", "name": name,
        "marker": {"color": color, "size": size, "symbol": symbol,
                   "line": {"color": outline, "width": outline_width}},
        "hovertemplate": hovertemplate or _square_hover(name), "xaxis": xaxis, "yaxis": yaxis,
    }


def vertical_line(x: float, text: str, *, color: str, width: float | None = None,
                  label_at: str = "top left", log_x: bool = False) -> dict:
    """Layout keys for a dashed vertical line at data x across the whole plot, with `text`
    beside it at its "top left" or "bottom right": what
    `fig.add_vline(x, annotation_position=label_at)` adds. On a log x axis (`log_x`) Plotly
    places a shape by its data value but an annotation by the value's log10, so the label
    gets the log."""
    line = {"color": color, "dash": "dash"}
    if width is not None:
        line["width"] = width
    top = label_at == "top left"
    return {
        "shapes": [{"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1,
                    "yref": "y domain", "line": line}],
        "annotations": [{"text": text, "showarrow": False,
                         "x": float(np.log10(x)) if log_x else x, "xref": "x",
                         "xanchor": "right" if top else "left", "y": 1 if top else 0,
                         "yref": "y domain", "yanchor": "top" if top else "bottom"}],
    }


def legend_below(y: float = -0.2) -> dict:
    """A horizontal legend under the plot, from its left edge: it never covers a title on a
    narrow screen. `y` (a negative share of the plot's height) clears the x-axis title."""
    return {"orientation": "h", "x": 0.0, "xanchor": "left", "y": y, "yanchor": "top"}


def legend_below_layout(height: int) -> dict:
    """Layout keys that move the legend under the x-axis title (so it never covers a title
    on a narrow screen), making room for it below a plot of `height`."""
    return {"height": height + 50, "margin": {"b": 124}, "legend": legend_below()}
