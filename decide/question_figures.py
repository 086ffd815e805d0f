"""The five questions' small map: how the 50% line moved with the friend's last answer, the
table's rows and the next question. Pure builders (no streamlit)."""

import numpy as np
import plotly.graph_objects as go

from ui.colors import ACCENT_COLOR, BUY_PROBABILITY_SCALE, NEUTRAL_COLOR
from ui.decision_map import square_axes
from ui.theme import base_layout, figure
from ui.traces import class_points, highlight_marker, legend_below

PERCENT_HOVER = "%{fullData.name}<br>pink %{x:.0%}<br>small %{y:.0%}<extra></extra>"
LINE_NAMES = {"vote": "the vote's", "model": "your model's"}


def _line(axis: np.ndarray, grid: np.ndarray, name: str, style: dict) -> list[dict]:
    """A 50% line as a contour (no legend entry of its own) and a legend entry for it."""
    return [{"type": "contour", "x": axis, "y": axis, "z": grid, "showscale": False,
             "hoverinfo": "skip", "name": name, "line": style, "showlegend": False,
             "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"}},
            {"type": "scatter", "x": [None], "y": [None], "mode": "lines", "name": name,
             "line": style}]


def line_change_figure(axis: np.ndarray, before: np.ndarray | None, after: np.ndarray,
                       source: str, x: np.ndarray, y: np.ndarray,
                       question: tuple[float, float] | None = None,
                       answered: tuple[float, float] | None = None,
                       laptop: tuple[float, float] | None = None,
                       height: int = 400, laptop_name: str = "your friend's laptop"
                       ) -> go.Figure:
    """The map now (`after`: the vote's share saying buy or the model's P(buy), as `source`
    says) with its 50% line, the line before the last answer (`before`, None: none to
    show), the rows (x, y), the laptop `answered` last ringed, the `question` asked now
    and the friend's `laptop` (the page's star, named `laptop_name` in the legend) marked."""
    whose = LINE_NAMES[source]
    traces = [{"type": "heatmap", "x": axis, "y": axis, "z": after, "zmin": 0, "zmax": 1,
               "colorscale": BUY_PROBABILITY_SCALE, "showscale": False, "opacity": 0.6,
               "hovertemplate": "pink %{x:.0%}<br>small %{y:.0%}<br>"
                                + ("share saying buy" if source == "vote" else "P(buy)")
                                + " %{z:.2f}<extra></extra>"}]
    # the line now first, the line before dotted over it: where it did not move, both show
    traces += _line(axis, after, "50% line now", {"color": "#222", "width": 3})
    if before is not None:
        traces += _line(axis, before, "50% line before",
                        {"color": NEUTRAL_COLOR, "width": 3, "dash": "dot"})
    for trace in class_points(x, y, size=10, outline="white"):
        trace["hovertemplate"] = trace["hovertemplate"].replace(":.2f}", ":.0%}")
        traces.append(trace)
    if answered is not None:
        traces.append(highlight_marker(*answered, "your last answer", color="#222",
                                       symbol="circle-open", size=22, outline="#222",
                                       outline_width=2, hovertemplate=PERCENT_HOVER))
    if laptop is not None:
        traces.append(highlight_marker(*laptop, laptop_name, size=16,
                                       outline_width=1, hovertemplate=PERCENT_HOVER))
    if question is not None:
        traces.append(highlight_marker(*question, "this question", color=ACCENT_COLOR,
                                       symbol="diamond", size=16, hovertemplate=PERCENT_HOVER))
    xaxis, yaxis = square_axes(axis)
    ticks = {"tickvals": [0, 0.25, 0.5, 0.75, 1], "tickformat": ".0%"}
    title = (f"How {whose} 50% line moved" if before is not None
             else f"{whose[0].upper()}{whose[1:]} 50% line now")
    layout = base_layout(title, "pink", "small",
                         height=height, xaxis={**xaxis, **ticks}, yaxis={**yaxis, **ticks},
                         # the legend at the chart's foot: on a phone it wraps to seven
                         # rows and the plot shrinks, and one placed by the plot's height
                         # climbed onto the x-axis title
                         legend={**legend_below(), "yref": "container", "y": 0,
                                 "yanchor": "bottom"},
                         margin={"l": 60, "r": 10, "t": 40, "b": 110})
    return figure(traces, layout)


def line_change_alt(sentence: str, source: str, question: tuple[float, float] | None) -> str:
    """The map's text alternative: what it shows and the computed sentence of the change."""
    text = (f"Map of {LINE_NAMES[source]} 50% line before and after your last answer, "
            f"with the table's laptops. {sentence}")
    if question is not None:
        text += (f" This question is marked at {question[0]:.0%} pink and "
                 f"{question[1]:.0%} small.")
    return text
