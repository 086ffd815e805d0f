"""The five questions' small map: how the 50% line moved with the friend's last answer, the
table's rows and the next question. Pure builders (no streamlit)."""

import numpy as np
import plotly.graph_objects as go

from ui.colors import ACCENT_COLOR, BUY_PROBABILITY_SCALE, NEUTRAL_COLOR
from ui.decision_map import square_axes
from ui.theme import base_layout, figure
from ui.traces import class_points, highlight_marker, legend_below

LINE_NAMES = {"vote": "the vote's", "model": "your model's"}


def _line(axis: np.ndarray, grid: np.ndarray, name: str, style: dict) -> list[dict]:
    """A 50% line as a contour (no legend entry of its own) and a legend entry for it."""
    return [{"type": "contour", "x": axis, "y": axis, "z": grid, "showscale": False,
             "hoverinfo": "skip", "name": name, "line": style,
             "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"}},
            {"type": "scatter", "x": [None], "y": [None], "mode": "lines", "name": name,
             "line": style}]


def line_change_figure(axis: np.ndarray, before: np.ndarray | None, after: np.ndarray,
                       source: str, x: np.ndarray, y: np.ndarray,
                       question: tuple[float, float] | None = None,
                       height: int = 400) -> go.Figure:
    """The map now (`after`: the vote's share saying buy or the model's P(buy), as `source`
    says) with its 50% line, the line before the last answer (`before`, None: none to
    show), the rows (x, y) and the next `question` marked."""
    whose = LINE_NAMES[source]
    traces = [{"type": "heatmap", "x": axis, "y": axis, "z": after, "zmin": 0, "zmax": 1,
               "colorscale": BUY_PROBABILITY_SCALE, "showscale": False, "opacity": 0.6,
               "hovertemplate": "pink %{x:.2f}<br>small %{y:.2f}<br>"
                                + ("share saying buy" if source == "vote" else "P(buy)")
                                + " %{z:.2f}<extra></extra>"}]
    if before is not None:
        traces += _line(axis, before, "50% line before",
                        {"color": NEUTRAL_COLOR, "width": 2, "dash": "dot"})
    traces += _line(axis, after, "50% line now", {"color": "#222", "width": 3})
    traces += class_points(x, y, size=10, outline="white")
    if question is not None:
        traces.append(highlight_marker(*question, "next question", color=ACCENT_COLOR,
                                       symbol="diamond", size=16))
    xaxis, yaxis = square_axes(axis)
    layout = base_layout(f"How {whose} 50% line moved", "pink (0 to 1)", "small (0 to 1)",
                         height=height, xaxis=xaxis, yaxis=yaxis,
                         legend=legend_below(-0.25), margin={"l": 60, "r": 10, "t": 40, "b": 110})
    return figure(traces, layout)


def line_change_alt(sentence: str, source: str, question: tuple[float, float] | None) -> str:
    """The map's text alternative: what it shows and the computed sentence of the change."""
    text = (f"Map of {LINE_NAMES[source]} 50% line before and after your last answer, "
            f"with the table's laptops. {sentence}")
    if question is not None:
        text += f" The next question is marked at pink {question[0]:.2f}, small {question[1]:.2f}."
    return text
