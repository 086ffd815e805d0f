"""Figures for the Activations page. Pure: numbers in, plotly Figure out."""

import itertools

import plotly.graph_objects as go

from learn.activations.experiments import Panel
from ui.colors import ACCENT_COLOR
from ui.theme import figure
from ui.traces import legend_below

# One colour per curve, in order across the panels, all in one legend (none is a buy /
# no-buy colour: there is no such meaning here). The sixth, grey, suits a baseline.
CURVE_COLORS = ("#3b5bdb", "#c2255c", "#1098ad", "#862e9c", "#5c940d", "#495057")
PANEL_GAP = 0.1  # share of the width between the two panels: room for the right one's ticks


def activations_figure(panels: list[Panel], *, height: int = 470) -> go.Figure:
    """The panels side by side in ONE chart with one legend below: every function solid
    in its own colour (a baseline dotted), its slope when given dashed in the same colour,
    the warning regions shaded and named.

    Families share a panel so that they can be compared where they differ (sigmoid against
    tanh, ReLU against its leaky and smooth cousins on the negative side). Few panels also
    keep the slider fast: Plotly's drawing time grows with every panel, and Streamlit
    redraws the whole chart on each step (docs/performance.md)."""
    count = len(panels)
    width = (1.0 - PANEL_GAP * (count - 1)) / count
    traces, shapes, notes, layout = [], [], [], {}
    colors = itertools.cycle(CURVE_COLORS)
    for i, panel in enumerate(panels):
        n = "" if i == 0 else str(i + 1)
        xaxis, yaxis = f"x{n}", f"y{n}"
        left = i * (width + PANEL_GAP)
        z = panel.curves[0].z
        low, high = float(z[0]), float(z[-1])
        layout[f"xaxis{n}"] = {"domain": [left, left + width], "anchor": yaxis,
                               "range": [low, high], "title": {"text": "z"}}
        layout[f"yaxis{n}"] = {"anchor": xaxis, "domain": [0.0, 1.0]}
        if panel.y_range is not None:
            layout[f"yaxis{n}"]["range"] = list(panel.y_range)
        for j, curve in enumerate(panel.curves):
            color = next(colors)
            on_panel = {"xaxis": xaxis, "yaxis": yaxis, "legendgroup": f"{i}.{j}"}
            traces.append({
                "type": "scatter", "x": curve.z, "y": curve.values, "mode": "lines",
                "name": curve.name, "line": {"color": color, "width": 3,
                                             **({"dash": curve.dash} if curve.dash else {})},
                "hovertemplate": f"z %{{x:.2f}}<br>{curve.name}: %{{y:.4f}}<extra></extra>",
                **on_panel,
            })
            if curve.derivative is not None:
                traces.append({
                    "type": "scatter", "x": curve.z, "y": curve.derivative, "mode": "lines",
                    "name": f"slope of {curve.name}", "showlegend": False,
                    "line": {"color": color, "width": 2, "dash": "dash"},
                    "hovertemplate": f"z %{{x:.2f}}<br>slope of {curve.name}: %{{y:.4f}}"
                                     "<extra></extra>",
                    **on_panel,
                })
        notes.append({"text": f"<b>{panel.title}</b><br>{panel.subtitle}",
                      "xref": "paper", "yref": "paper", "x": left, "y": 1.0,
                      "xanchor": "left", "yanchor": "bottom", "align": "left",
                      "showarrow": False, "font": {"size": 14}})
        for start, end, label in panel.shaded:
            start, end = max(start, low), min(end, high)
            if start >= end:
                continue
            shapes.append({"type": "rect", "xref": xaxis, "yref": f"{yaxis} domain",
                           "x0": start, "x1": end, "y0": 0, "y1": 1,
                           "fillcolor": ACCENT_COLOR, "opacity": 0.12, "line": {"width": 0}})
            # Named at the corner the curves leave free: the top of a region on the left
            # (where these curves run low), the bottom of one on the right.
            at_left = end <= 0
            notes.append({"text": label, "xref": xaxis, "yref": f"{yaxis} domain",
                          "x": start, "y": 1 if at_left else 0, "xanchor": "left",
                          "yanchor": "top" if at_left else "bottom", "showarrow": False,
                          "font": {"size": 11}})
    if any(c.derivative is not None for panel in panels for c in panel.curves):
        traces.append({  # a legend entry only: what the dashed lines are
            "type": "scatter", "x": [None], "y": [None], "mode": "lines",
            "name": "dashed: each one's slope", "hoverinfo": "skip",
            "line": {"color": CURVE_COLORS[-1], "width": 2, "dash": "dash"}})
    layout.update({
        "height": height, "shapes": shapes, "annotations": notes,
        "legend": legend_below(),
        # Room for the titles above, the legend below and the last x tick label ("10" at the
        # range's right end) (tests/e2e/test_chart_margins.py).
        "margin": {"l": 52, "r": 24, "t": 70, "b": 110}, "hovermode": "closest",
    })
    return figure(traces, layout)


def activations_alt(panels: list[Panel]) -> str:
    """The panels' text alternative: the range of z, then each curve's value at both ends
    (and its slope's largest value when the slopes are shown), panel by panel."""
    z = panels[0].curves[0].z
    parts = []
    for panel in panels:
        curves = []
        for curve in panel.curves:
            words = f"{curve.name} {curve.values[0]:.2f} to {curve.values[-1]:.2f}"
            if curve.derivative is not None:
                words += f" (steepest slope {max(curve.derivative):.2f})"
            curves.append(words)
        parts.append(f"{panel.title}: {', '.join(curves)}")
        for start, end, label in panel.shaded:
            start, end = max(start, z[0]), min(end, z[-1])
            if start < end:
                parts[-1] += f"; shaded from z = {start:g} to {end:g}: {label}"
    return (f"Activation functions from z = {z[0]:g} to z = {z[-1]:g}, each given from its "
            f"left end to its right end. " + ". ".join(parts) + ".")
