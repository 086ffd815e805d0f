"""Figures for the Perceptron and Sigmoid Neuron pages. Pure: numbers in, plotly Figure out.

The callers compute every output with nncore; these functions only draw them.
"""

import numpy as np
import plotly.graph_objects as go

from ui.colors import (
    ACCENT_COLOR,
    BUY_COLOR,
    NEUTRAL_COLOR,
    NO_BUY_COLOR,
)
from ui.decision_map import decision_map_traces, square_axes
from ui.theme import MARGIN, base_layout, figure, merged
from ui.traces import class_points, highlight_marker, legend_below_layout, vertical_line

CURVE_COLOR = "#3b5bdb"  # a curve itself (not a buy/no-buy meaning)
PINK_AXIS = "pink (0 = no, 1 = yes)"
SMALL_AXIS = "small (0 = no, 1 = yes)"
# Light versions of the no-buy / buy colours for shaded regions (0 -> no-buy, 1 -> buy).
REGION_SCALE = [[0.0, NO_BUY_COLOR], [0.5, NO_BUY_COLOR], [0.5, BUY_COLOR], [1.0, BUY_COLOR]]


def _figure(traces: list[dict], layout: dict, title: str, x_title: str, y_title: str,
            height: int) -> go.Figure:
    """One figure from trace dicts and extra layout keys: styled, legend below."""
    return figure(traces, merged(base_layout(title, x_title, y_title, height, **layout),
                                 legend_below_layout(height)))


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
    traces = [{
        "type": "heatmap", "x": axis, "y": axis, "z": outputs, "zmin": 0, "zmax": 1,
        "colorscale": REGION_SCALE, "opacity": 0.22, "showscale": False, "name": "regions",
        "hovertemplate": "pink %{x:.2f}<br>small %{y:.2f}<br>output %{z}<extra></extra>",
    }]
    segment = line_in_box(w, bias, float(axis[0]), float(axis[-1]))
    if segment is not None:
        traces.append({
            "type": "scatter", "x": segment[0], "y": segment[1], "mode": "lines",
            "name": "w·x + b = 0", "line": {"color": "#222", "width": 3},
            "hovertemplate": "on the line: w·x + b = 0<extra></extra>",
        })
    if points is not None and labels is not None:
        traces += class_points(
            points, labels, size=14, symbols=False, outline="white",
            text=point_text if point_text is not None else [""] * len(points))
    if highlight is not None:
        traces.append(highlight_marker(*highlight, highlight_name, size=24,
                                       symbol="circle-open", outline=ACCENT_COLOR,
                                       outline_width=4))
    xaxis, yaxis = square_axes(axis)
    return _figure(traces, {"xaxis": merged(xaxis, {"zeroline": False}),
                            "yaxis": merged(yaxis, {"zeroline": False})},
                   title, x_title, y_title, height)


def sweep_figure(values: np.ndarray, step: np.ndarray, smooth: np.ndarray, current: float,
                 knob_title: str, height: int = 380) -> go.Figure:
    """Both neurons' outputs as one knob moves: the perceptron jumps, the sigmoid glides."""
    traces = [{
        "type": "scatter", "x": values, "y": step, "mode": "lines",
        "name": "perceptron (0 or 1)", "line": {"color": NO_BUY_COLOR, "width": 3, "shape": "hv"},
        "hovertemplate": f"{knob_title} %{{x:.2f}}<br>perceptron %{{y}}<extra></extra>",
    }, {
        "type": "scatter", "x": values, "y": smooth, "mode": "lines", "name": "sigmoid neuron",
        "line": {"color": BUY_COLOR, "width": 3, "dash": "dot"},
        "hovertemplate": f"{knob_title} %{{x:.2f}}<br>sigmoid %{{y:.3f}}<extra></extra>",
    }]
    now = {**vertical_line(current, "now", color=ACCENT_COLOR, width=2, label_at="bottom right"),
           "yaxis": {"range": [-0.05, 1.1]},
           "xaxis": {"range": [float(values[0]), float(values[-1])]}}
    return _figure(traces, now, "Output as one knob moves", knob_title, "output", height)


def response_curve_traces(z: np.ndarray, smooth: np.ndarray, step: np.ndarray,
                          current_z: float, smooth_now: float, step_now: int, *,
                          xaxis: str = "x", yaxis: str = "y") -> list[dict]:
    """The sigmoid's S and the perceptron's step over z, with this laptop's z marked on both
    (each marker in the buy / no-buy colour of its answer), on the axes `xaxis`/`yaxis`."""
    on_axes = {"xaxis": xaxis, "yaxis": yaxis}
    traces = []
    curves = (("sigmoid neuron (smooth)", smooth, {"color": CURVE_COLOR, "width": 3}),
              ("perceptron (step)", step, {"color": NEUTRAL_COLOR, "width": 3, "dash": "dash",
                                           "shape": "hv"}))
    for name, values, line in curves:
        traces.append({
            "type": "scatter", "x": z, "y": values, "mode": "lines", "name": name,
            "line": line, "hovertemplate": f"z %{{x:.2f}}<br>{name} %{{y:.4f}}<extra></extra>",
            **on_axes,
        })
    for name, value, symbol in (("sigmoid neuron", smooth_now, "circle"),
                                ("perceptron", step_now, "square")):
        traces.append({
            "type": "scatter", "x": [float(current_z)], "y": [float(value)], "mode": "markers",
            "name": f"your laptop: {name}",
            "marker": {"color": BUY_COLOR if value >= 0.5 else NO_BUY_COLOR, "size": 14,
                       "symbol": symbol, "line": {"color": "black", "width": 1.5}},
            "hovertemplate": f"z %{{x:.3f}}<br>{name} %{{y:.4f}}<extra>your laptop</extra>",
            **on_axes,
        })
    return traces


def _colored(text: str, color: str) -> str:
    return f"<span style='color:{color}'>{text}</span>"


def sigmoid_neuron_figure(axis: np.ndarray, probabilities: np.ndarray,
                          laptop: tuple[float, float], z: np.ndarray, smooth: np.ndarray,
                          step: np.ndarray, current_z: float, smooth_now: float, step_now: int,
                          *, boundary: tuple[list[float], list[float]] | None | str = "contour",
                          map_titles: tuple[str, str] = (PINK_AXIS, SMALL_AXIS),
                          height: int = 790) -> go.Figure:
    """The Sigmoid Neuron page's picture, two panels in one chart: on top, how sure the neuron
    is for every laptop (this one starred); below, its S curve beside the perceptron's step
    with this laptop's z marked. `boundary`: the map's 50% line, as `decision_map_traces`
    takes it (the page passes the exact line w·x + b = 0).

    Drawn for speed, since every slider step redraws it (twice: Streamlit remounts a changed
    chart, then re-themes it): one chart instead of two, and no legend or colour bar. Each
    panel's title says what its colours and marks mean instead, in those colours
    (docs/performance.md). Hovering still gives every exact value."""
    top, bottom = (0.52, 1.0), (0.0, 0.3)
    map_x, map_y = square_axes(axis)
    traces = decision_map_traces(axis, probabilities, highlight=laptop,
                                 highlight_name="this laptop", colorbar=False,
                                 boundary=boundary)
    traces += response_curve_traces(z, smooth, step, current_z, smooth_now, step_now,
                                    xaxis="x2", yaxis="y2")
    panel_titles = [
        {"text": "<b>How sure the neuron is, for every laptop</b><br>"
                 f"{_colored('green: buy', BUY_COLOR)} · "
                 f"{_colored('orange: don’t buy', NO_BUY_COLOR)} · paler: less sure<br>"
                 "★ this laptop · dashed line: 50% sure",
         "y": 1.0, "yanchor": "bottom"},
        {"text": "<b>One weighted sum, two neurons</b><br>"
                 f"{_colored('━━ the sigmoid glides', CURVE_COLOR)} · "
                 f"{_colored('╍╍ the step jumps', NEUTRAL_COLOR)}<br>"
                 "● ■ your laptop on each",
         "y": bottom[1] + 0.02, "yanchor": "bottom"},
    ]
    layout = {
        "height": height,
        "margin": {"l": 84, "r": MARGIN["r"], "t": 80, "b": MARGIN["b"]},
        "hovermode": "closest",
        "showlegend": False,
        "xaxis": merged(map_x, {"title": {"text": map_titles[0]}, "domain": [0.0, 1.0]}),
        "yaxis": merged(map_y, {"title": {"text": map_titles[1]}, "domain": list(top)}),
        "xaxis2": {"title": {"text": "weighted sum z = w·x + b"}, "anchor": "y2",
                   "range": [float(z[0]), float(z[-1])]},
        "yaxis2": {"title": {"text": "output"}, "anchor": "x2", "domain": list(bottom),
                   "range": [-0.05, 1.05]},
        "annotations": [{"xref": "paper", "yref": "paper", "x": 0.0, "xanchor": "left",
                         "showarrow": False, "align": "left", "font": {"size": 14}, **title}
                        for title in panel_titles],
    }
    return figure(traces, layout)


# Text alternatives (`ui.theme.show_chart(alt=...)`): each chart's key numbers in a sentence,
# from the numbers the chart is drawn from.

def _two(value: float) -> str:
    """Two decimals, without a "-0.00"."""
    text = f"{float(value):.2f}"
    return "0.00" if text == "-0.00" else text


def _segment_words(segment, x_name: str, y_name: str) -> str:
    if segment is None:
        return "the line w·x + b = 0 does not cross the square"
    (x0, x1), (y0, y1) = segment
    return (f"the line w·x + b = 0 runs from ({x_name} {_two(x0)}, {y_name} {_two(y0)}) to "
            f"({x_name} {_two(x1)}, {y_name} {_two(y1)})")


def perceptron_square_alt(axis: np.ndarray, outputs: np.ndarray, w, bias: float, *,
                          points=None, labels=None, highlight=None,
                          highlight_name: str = "now", title: str = "") -> str:
    """The square's alternative: w and b, the share of the square where the answer is 1,
    where the dividing line runs, each point's answer, and the highlighted input."""
    outputs = np.asarray(outputs, dtype=float)
    text = (f"{title}: with w = ({w[0]:.2f}, {w[1]:.2f}) and b = {bias:.2f} the perceptron "
            f"says 1 (buy) on {np.mean(outputs >= 0.5):.0%} of the square; "
            + _segment_words(line_in_box(w, bias, float(axis[0]), float(axis[-1])),
                             "pink", "small"))
    if points is not None and labels is not None:
        rows = [f"({p[0]:.2f}, {p[1]:.2f}) {int(label)}"
                for p, label in zip(np.asarray(points, dtype=float), labels, strict=True)]
        text += f". Points (pink, small) and their colour's answer: {'; '.join(rows)}"
    if highlight is not None:
        text += f". Ringed: {highlight_name} at ({highlight[0]:.2f}, {highlight[1]:.2f})"
    return text + "."


def _jumps(values: np.ndarray, step: np.ndarray) -> list[str]:
    """Where a 0/1 curve changes, as "from 0 to 1 at 0.55" (midway between samples)."""
    step = np.asarray(step)
    where = np.flatnonzero(step[1:] != step[:-1])
    return [f"from {step[i]:g} to {step[i + 1]:g} at {(values[i] + values[i + 1]) / 2:.2f}"
            for i in where]


def sweep_alt(values: np.ndarray, step: np.ndarray, smooth: np.ndarray, current: float,
              knob_title: str) -> str:
    """"Output as the weight of small moves from −2.00 to 2.00: the perceptron jumps from 0
    to 1 at 0.50; the sigmoid neuron glides from 0.18 to 0.80. Now 0.90: ..."."""
    values, smooth = np.asarray(values, dtype=float), np.asarray(smooth, dtype=float)
    jumps = _jumps(values, step)
    now = int(np.abs(values - current).argmin())
    jump_words = ("jumps " + " and ".join(jumps) if jumps
                  else f"stays at {np.asarray(step)[0]:g} all the way")
    return (f"Output as the {knob_title} moves from {values[0]:.2f} to {values[-1]:.2f}: the "
            f"perceptron {jump_words}; the sigmoid neuron glides from {smooth[0]:.3f} to "
            f"{smooth[-1]:.3f}. Now {current:.2f}: perceptron {np.asarray(step)[now]:g}, "
            f"sigmoid neuron {smooth[now]:.3f}.")


def sigmoid_neuron_alt(axis: np.ndarray, probabilities: np.ndarray,
                       laptop: tuple[float, float], w, bias: float, current_z: float,
                       smooth_now: float, step_now: int) -> str:
    """The Sigmoid Neuron picture's two panels in two sentences, with this laptop's numbers."""
    probabilities = np.asarray(probabilities, dtype=float)
    return (f"Top: how sure the neuron is for every laptop; it says buy (50% or more) on "
            f"{np.mean(probabilities >= 0.5):.0%} of the square, and "
            + _segment_words(line_in_box(w, bias, float(axis[0]), float(axis[-1])),
                             "pink", "small").replace("w·x + b = 0", "of 50%")
            + f". This laptop (pink {laptop[0]:.2f}, small {laptop[1]:.2f}) has z = "
            f"{current_z:.2f}. Bottom: over z, the sigmoid gives {smooth_now:.4f} there and "
            f"the perceptron's step gives {step_now}.")
