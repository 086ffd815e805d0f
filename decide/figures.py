"""Figures for the Buy the Laptop page. Pure functions: numbers in, plotly Figure out.

Every builder writes its traces as plain dicts and its layout as one dict (from
`theme.base_layout`) and returns `theme.figure(traces, layout)`, which skips Plotly's
property-by-property validation at run time; tests/unit/decide/test_figures.py validates
every builder's output instead.

The only visitor text in a figure is a deal's name on the verdict maps (`deals=`), and it
goes through `plotly_literal` first, so Plotly shows it as text, never as its markup.
"""

import html
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from decide.tap_figures import tappable
from ui.colors import (
    BUY_COLOR,
    LABEL_NAMES,
    LABEL_SYMBOLS,
    NEUTRAL_COLOR,
    NO_BUY_COLOR,
)
from ui.decision_map import decision_map_alt, decision_map_traces, square_axes
from ui.theme import base_layout, figure, merged
from ui.traces import class_points, highlight_marker

POSITIVE_WEIGHT_COLOR = "#2f6db5"  # blue: the weight pushes the next neuron up
NEGATIVE_WEIGHT_COLOR = "#b83280"  # purple-red: the weight pushes it down
SQUARE_TITLES = ("pink (0 = not at all, 1 = completely)", "small (0 = not at all, 1 = tiny)")

# The verdict's maps are tapped, on a phone too: the square takes the chart's whole width
# there (about 280 px of a 400 px screen), with the colour bar lying under it and the legend
# under that, each at least 16 px clear of the one above (tests/e2e/test_chart_margins.py
# measures it at 1280 and 400 px). Paper y positions below the plot, in plot heights
# (MAP_SQUARE px).
MAP_SQUARE = 280
MAP_MARGIN = {"l": 80, "r": 24, "t": 60, "b": 208}
MAP_COLORBAR = {"orientation": "h", "thickness": 12, "len": 1.0, "x": 0.5, "xanchor": "center",
                "y": -74 / MAP_SQUARE, "yanchor": "top", "title": {"side": "top"}}
MAP_LEGEND = {"y": -146 / MAP_SQUARE, "yanchor": "top", "x": 0, "xanchor": "left"}
MAP_HEIGHT = MAP_MARGIN["t"] + MAP_SQUARE + MAP_MARGIN["b"]


def verdict_bar_figure(buy_probability: float, height: int = 160,
                       network: str = "the model") -> go.Figure:
    """One bar split in two: the share for "buy" and the share for "don't buy", in percent."""
    buy = float(np.clip(buy_probability, 0.0, 1.0)) * 100
    buy_percent = int(np.floor(buy + 0.5))  # the same rounding as laptop.verdict: sums to 100
    traces = [{
        "type": "bar", "x": [value], "y": [""], "orientation": "h", "name": name,
        "marker": {"color": color},
        "text": [f"{name} {percent}%" if percent >= 12 else f"{percent}%"],
        "textposition": "inside", "insidetextanchor": "middle",
        "textfont": {"color": "white", "size": 15},
        "hovertemplate": f"{name}: %{{x:.1f}}%<extra></extra>",
    } for name, value, percent, color in (
        ("buy", buy, buy_percent, BUY_COLOR),
        ("don't buy", 100 - buy, 100 - buy_percent, NO_BUY_COLOR))]
    layout = base_layout(
        f"How sure {network} is", "percent sure (0-100%)", "", height=height,
        barmode="stack", showlegend=False, margin={"l": 50, "r": 10, "t": 40, "b": 74},
        xaxis={"range": [0, 100], "ticksuffix": "%", "dtick": 25},
        yaxis={"ticks": ""},  # one unnamed bar: no tick mark on its left edge
        shapes=[{"type": "line", "x0": 50, "x1": 50, "xref": "x", "y0": 0, "y1": 1,
                 "yref": "y domain", "line": {"color": "#333", "width": 1, "dash": "dot"}}])
    return figure(traces, layout)


def verdict_map_figure(axis: np.ndarray, probabilities: np.ndarray, x: np.ndarray,
                       y: np.ndarray, laptop: tuple[float, float],
                       deals: Sequence[tuple[str, float, float]] | None = None,
                       hint: str | None = None) -> go.Figure:
    """Why the verdict: the shared decision map (ui.decision_map, P(buy) on `axis` x `axis`)
    with the rows the model learned from and the friend's laptop, laid out for tapping: the
    colour bar and the legend under the square (MAP_*). `deals`: (name, pink, small) of each
    laptop on the friend's list, marked and labelled with its name. `hint`: what a tap
    on the map does, said on hover (decide.tap_figures.tappable)."""
    traces = decision_map_traces(axis, probabilities, points=x, labels=y, highlight=laptop)
    if deals:  # under the star (the last trace), which stays in sight on a listed laptop
        traces.insert(len(traces) - 1, deal_markers(deals))
    traces[0]["colorbar"] = merged(traces[0]["colorbar"], MAP_COLORBAR)
    xaxis, yaxis = square_axes(axis)
    layout = base_layout("Why: the model's answer for every laptop", *SQUARE_TITLES,
                         height=MAP_HEIGHT, xaxis=xaxis, yaxis=yaxis, margin=MAP_MARGIN,
                         legend=MAP_LEGEND)
    if hint is not None:
        traces, layout = tappable(traces, layout, hint)
    return figure(traces, layout)


def plotly_literal(text: str) -> str:
    """Visitor text for a Plotly label: `<`, `>` and `&` as entities (Plotly draws `<b>`,
    `<a href=...>`, `<br>` in a label as markup, and turns the entities back into the
    characters), so `<b>x</b>` shows as typed."""
    return html.escape(str(text), quote=False)


MAP_LABEL_CHARS = 16  # a longer name is cut on the map ("…"); its hover shows it whole


def deal_markers(deals: Sequence[tuple[str, float, float]]) -> dict:
    """One trace: each laptop of the friend's list as a dark diamond with its name above."""
    names = [str(name) for name, _, _ in deals]
    short = [name if len(name) <= MAP_LABEL_CHARS else name[:MAP_LABEL_CHARS - 1] + "…"
             for name in names]
    return {
        "type": "scatter", "x": [float(d[1]) for d in deals], "y": [float(d[2]) for d in deals],
        "mode": "markers+text", "name": "your list",
        "text": [plotly_literal(name) for name in short],
        "customdata": [plotly_literal(name) for name in names],
        "textposition": "top center",
        # dark text with a white halo: readable on the dark orange and green alike
        "textfont": {"size": 12, "color": "#111",
                     "shadow": "0 0 2px white, 0 0 3px white, 0 0 4px white"},
        "marker": {"symbol": "diamond", "size": 12, "color": "#222",
                   "line": {"color": "white", "width": 1.5}},
        "hovertemplate": "%{customdata}<br>pink %{x:.2f}<br>small %{y:.2f}<extra></extra>",
        "cliponaxis": False,
    }


def data_scatter_figure(x: np.ndarray, y: np.ndarray,
                        highlight: tuple[float, float] | None = None,
                        height: int = 380) -> go.Figure:
    """The laptops of the table on the input square, one colour per answer."""
    traces = class_points(x, y, outline="white", row_numbers=True, keep_empty=True)
    if highlight is not None:
        traces.append(highlight_marker(*highlight, "your laptop", size=16, outline_width=1))
    layout = base_layout(
        "The laptops in the table", *SQUARE_TITLES, height=height,
        xaxis={"range": [-0.03, 1.03], "constrain": "domain"},
        yaxis={"range": [-0.03, 1.03], "scaleanchor": "x", "scaleratio": 1})
    return figure(traces, layout)


TRAINING_CURVES = (  # history key, legend name, colour, dash, on the right (accuracy) axis
    ("loss", "loss (training rows)", "#444", "solid", False),
    ("val_loss", "loss (validation rows)", "#444", "dash", False),
    ("accuracy", "accuracy (training rows)", BUY_COLOR, "solid", True),
    ("val_accuracy", "accuracy (validation rows)", BUY_COLOR, "dash", True))


def training_curves_figure(history: Mapping[str, Sequence[float]], total_epochs: int | None = None,
                           height: int = 360) -> go.Figure:
    """Loss (left axis) and accuracy (right axis, 0-1) per epoch; validation dashed if present."""
    traces = []
    longest = 0
    for key, name, color, dash, right in TRAINING_CURVES:
        values = [float(v) for v in history.get(key, [])]
        if not values:
            continue
        longest = max(longest, len(values))
        traces.append({
            "type": "scatter", "x": np.arange(1, len(values) + 1), "y": values,
            "mode": "lines+markers", "name": name,
            "line": {"color": color, "dash": dash}, "marker": {"size": 4},
            "hovertemplate": f"epoch %{{x}}<br>{name} %{{y:.3f}}<extra></extra>",
            "xaxis": "x", "yaxis": "y2" if right else "y",
        })
    last = max(total_epochs or 0, longest, 1)
    layout = base_layout(
        "Training: loss and accuracy per epoch", "epoch", "loss", height=height,
        # The x axis leaves room on the right for the accuracy axis drawn over the loss axis.
        xaxis={"anchor": "y", "domain": [0.0, 0.94], "range": [0.5, last + 0.5]},
        yaxis={"anchor": "x", "domain": [0.0, 1.0], "rangemode": "tozero",
               "title": {"text": "loss (lower is better)"}},
        yaxis2={"anchor": "x", "overlaying": "y", "side": "right",
                "title": {"text": "accuracy (share right)"}, "range": [0, 1.05],
                "showgrid": False, "tickmode": "array",
                "tickvals": [0, 0.25, 0.5, 0.75, 1.0], "tickformat": ".0%"},
        # The legend at the chart's foot (not a share of the plot's height below it): on a
        # phone it wraps to more rows, Plotly makes room and the plot shrinks, and a legend
        # placed by the plot's height then climbed onto the x-axis title.
        legend={"yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"},
        margin={"l": 80, "r": 50, "b": 104})
    return figure(traces, layout)


def confusion_counts(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """2x2 counts: [true answer, model's answer] with 0 = don't buy, 1 = buy."""
    counts = np.zeros((2, 2), dtype=int)
    for t, p in zip(np.asarray(y_true).astype(int), np.asarray(y_pred).astype(int), strict=True):
        counts[t, p] += 1
    return counts


def confusion_matrix_figure(y_true: np.ndarray, y_pred: np.ndarray,
                            title: str = "Right and wrong answers",
                            height: int = 340) -> go.Figure:
    """Counts of each (true answer, model's answer) pair, with the count written in each cell."""
    counts = confusion_counts(y_true, y_pred)
    names = [LABEL_NAMES[0], LABEL_NAMES[1]]
    text = [[f"{counts[t, p]}<br>{'right' if t == p else 'wrong'}" for p in (0, 1)]
            for t in (0, 1)]
    heatmap = {
        "type": "heatmap", "z": counts, "x": names, "y": names, "text": text,
        "texttemplate": "%{text}", "textfont": {"size": 16},
        "colorscale": [[0, "#f7f7f7"], [1, NEUTRAL_COLOR]],
        "zmin": 0, "zmax": max(int(counts.max()), 1), "showscale": False,
        "hovertemplate": "the table says %{y}<br>the model says %{x}<br>%{z} laptop(s)"
                         "<extra></extra>",
    }
    layout = base_layout(title, "the model says", "the table says", height=height,
                         yaxis={"autorange": "reversed", "type": "category"},
                         xaxis={"type": "category", "side": "bottom"},
                         margin={"l": 116, "b": 80})
    return figure([heatmap], layout)


NETWORK_ROW_PIXELS = 40  # a layer of many neurons makes the network diagram taller


def _layer_positions(sizes: Sequence[int]) -> list[np.ndarray]:
    """y positions of each layer's neurons, centred on 0, one unit apart."""
    return [np.arange(n, dtype=float)[::-1] - (n - 1) / 2 for n in sizes]


def network_figure(kernels: Sequence[np.ndarray], biases: Sequence[np.ndarray],
                   activations: Sequence[str],
                   input_names: Sequence[str] = ("pink", "small"),
                   output_names: Sequence[str] = ("don't buy", "buy"),
                   height: int = 360) -> go.Figure:
    """The network as nodes and edges: edge width by |weight|, colour by sign.

    kernels[i] has shape (units of layer i, units of layer i+1); biases[i] (units of i+1,).
    Hover over a neuron for its bias, over the middle of an edge for its weight.
    """
    kernels = [np.asarray(k, dtype=float) for k in kernels]
    biases = [np.asarray(b, dtype=float).reshape(-1) for b in biases]
    sizes = [kernels[0].shape[0]] + [k.shape[1] for k in kernels]
    ys = _layer_positions(sizes)
    largest = max((float(np.max(np.abs(k))) for k in kernels if k.size), default=1.0) or 1.0
    traces = []
    mid_x, mid_y, mid_text, mid_color = [], [], [], []

    def node_name(layer: int, i: int) -> str:
        if layer == 0:
            return input_names[i] if i < len(input_names) else f"input {i + 1}"
        if layer == len(sizes) - 1:
            return output_names[i] if i < len(output_names) else f"output {i + 1}"
        return f"hidden {i + 1}" if len(sizes) == 3 else f"layer {layer} neuron {i + 1}"

    for layer, kernel in enumerate(kernels):
        for i in range(kernel.shape[0]):
            for j in range(kernel.shape[1]):
                w = kernel[i, j]
                color = POSITIVE_WEIGHT_COLOR if w >= 0 else NEGATIVE_WEIGHT_COLOR
                traces.append({
                    "type": "scatter", "x": [layer, layer + 1],
                    "y": [ys[layer][i], ys[layer + 1][j]], "mode": "lines",
                    "line": {"color": color, "width": 0.5 + 7.5 * abs(w) / largest},
                    "opacity": 0.85, "hoverinfo": "skip", "showlegend": False,
                })
                mid_x.append(layer + 0.5)
                mid_y.append((ys[layer][i] + ys[layer + 1][j]) / 2)
                mid_text.append(f"weight {w:+.3f}<br>from {node_name(layer, i)} "
                                f"to {node_name(layer + 1, j)}")
                mid_color.append(color)
    traces.append({
        "type": "scatter", "x": mid_x, "y": mid_y, "mode": "markers",
        "marker": {"size": 7, "color": mid_color, "opacity": 0.6},
        "text": mid_text, "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
        "name": "weights",
    })
    for layer, size in enumerate(sizes):
        if layer == 0:
            colors = [NEUTRAL_COLOR] * size
            hover = [f"{node_name(0, i)} (input)" for i in range(size)]
        else:
            b = biases[layer - 1]
            act = activations[layer - 1] if layer - 1 < len(activations) else ""
            colors = ([NO_BUY_COLOR, BUY_COLOR] if layer == len(sizes) - 1 and size == 2
                      else ["#ffffff"] * size)
            hover = [f"{node_name(layer, i)}<br>bias {b[i]:+.3f}<br>activation {act}"
                     for i in range(size)]
        traces.append({
            "type": "scatter", "x": [layer] * size, "y": ys[layer], "mode": "markers+text",
            "marker": {"size": 34, "color": colors, "line": {"color": "#333", "width": 1.5}},
            "text": [node_name(layer, i) if layer in (0, len(sizes) - 1) else str(i + 1)
                     for i in range(size)],
            "textposition": "middle center" if 0 < layer < len(sizes) - 1 else
            ("middle left" if layer == 0 else "middle right"),
            "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>",
            "showlegend": False, "name": f"layer {layer}", "cliponaxis": False,
        })
    for name, color in (("positive weight", POSITIVE_WEIGHT_COLOR),
                        ("negative weight", NEGATIVE_WEIGHT_COLOR)):
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "lines",
                       "name": name, "line": {"color": color, "width": 4}})
    # Each name on two lines (its activation under it): on one line the names ran into
    # each other on a phone ("hidden (relu) output (softmax)").
    hidden_names = (["hidden"] if len(kernels) == 2 else
                    [f"hidden {i + 1}" for i in range(len(kernels) - 1)])
    layer_names = (["inputs"]
                   + [f"{name}<br>({activations[i]})" if i < len(activations) else name
                      for i, name in enumerate(hidden_names)]
                   + [f"output<br>({activations[-1]})" if activations else "output"])
    top = max(len(y) for y in ys) / 2
    pad = 0.9 + 0.3 * (len(sizes) - 3)  # the names beside the inputs and answers keep room
    layout = base_layout(
        "The network (line width = size of the weight)", "", "",
        height=max(height, NETWORK_ROW_PIXELS * max(sizes) + 160),
        xaxis={"range": [-pad, len(sizes) - 1 + pad], "tickvals": list(range(len(sizes))),
               "ticktext": layer_names, "showgrid": False, "zeroline": False,
               "tickangle": 0, "tickfont": {"size": 12 if len(sizes) <= 3 else 11},
               "ticks": ""},
        # No tick marks: the theme's tickcolor makes Plotly draw them ("outside") on an axis
        # that does not say ticks="", and the y axis has nothing to mark.
        yaxis={"range": [-top, top], "showticklabels": False, "showgrid": False,
               "zeroline": False, "ticks": "", "showline": False},
        # no y labels: nothing to hold on the left; below, the layer names' two lines
        margin={"l": 54, "r": 20, "b": 86})
    return figure(traces, layout)


# Text alternatives: one sentence per chart with the numbers it shows, for screen readers
# (`ui.theme.show_chart(alt=...)`). Built from the same numbers as the figure.

def verdict_bar_alt(buy_probability: float, network: str = "the model") -> str:
    """"How sure the model is. Buy: 94%, don't buy: 6%." (the bar's own rounding)."""
    buy_percent = int(np.floor(float(np.clip(buy_probability, 0.0, 1.0)) * 100 + 0.5))
    return f"How sure {network} is. Buy: {buy_percent}%, don't buy: {100 - buy_percent}%."


def verdict_map_alt(axis: np.ndarray, probabilities: np.ndarray, x: np.ndarray, y: np.ndarray,
                    laptop: tuple[float, float], buy_probability: float) -> str:
    """The decision map's alternative, with the verdict's own P(buy) at the friend's laptop."""
    return decision_map_alt(axis, probabilities, points=x, labels=y, highlight=laptop,
                            highlight_value=buy_probability,
                            title="Why: the model's answer for every laptop")


def data_scatter_alt(x: np.ndarray, y: np.ndarray,
                     highlight: tuple[float, float] | None = None) -> str:
    """"The laptops in the table: 9 rows, 5 buy and 4 don't buy; pink from 0.10 to 0.90, ..."."""
    x, y = np.asarray(x, dtype=float).reshape(-1, 2), np.asarray(y).astype(int)
    text = (f"The laptops in the table: {len(y)} row{'' if len(y) == 1 else 's'}, "
            f"{int(np.sum(y == 1))} {LABEL_NAMES[1]} and {int(np.sum(y == 0))} {LABEL_NAMES[0]}")
    if len(y):
        text += "; " + ", ".join(f"{name} from {x[:, k].min():.2f} to {x[:, k].max():.2f}"
                                 for k, name in enumerate(("pink", "small")))
    if highlight is not None:
        text += f". Your laptop: pink {highlight[0]:.2f}, small {highlight[1]:.2f}"
    return text + "."


def training_curves_alt(history: Mapping[str, Sequence[float]]) -> str:
    """The last epoch's numbers: "Training, 40 epochs. At the last: loss 0.123, right on 100%
    of the training rows; on the validation rows loss 0.456, right on 50%."."""
    epochs = len(history.get("loss", []))
    if not epochs:
        return "Training: loss and accuracy per epoch. No epoch has run yet."
    last = {key: float(values[-1]) for key, values in history.items() if len(values)}
    text = (f"Training: loss and accuracy per epoch, {epochs} epoch{'' if epochs == 1 else 's'}."
            f" At the last: loss {last['loss']:.3f}")
    if "accuracy" in last:
        text += f", right on {last['accuracy']:.0%} of the training rows"
    if "val_loss" in last:
        text += f"; on the validation rows loss {last['val_loss']:.3f}"
        if "val_accuracy" in last:
            text += f", right on {last['val_accuracy']:.0%}"
    return text + "."


def confusion_alt(y_true: np.ndarray, y_pred: np.ndarray) -> str:
    """The four counts in words, then right and wrong in all."""
    counts = confusion_counts(y_true, y_pred)
    cells = [f"{counts[t, p]} the table says {LABEL_NAMES[t]} and the model says {LABEL_NAMES[p]}"
             for t in (1, 0) for p in (1, 0)]
    right = int(counts[0, 0] + counts[1, 1])
    return (f"Right and wrong answers: {'; '.join(cells)}. "
            f"{right} right and {int(counts.sum()) - right} wrong of {int(counts.sum())}.")


def network_diagram_alt(kernels: Sequence[np.ndarray], activations: Sequence[str]) -> str:
    """"The network: 2 inputs, then 3 neurons (relu), then 2 outputs (softmax); the largest
    weight is −1.234."."""
    kernels = [np.asarray(k, dtype=float) for k in kernels]
    sizes = [kernels[0].shape[0]] + [k.shape[1] for k in kernels]
    layers = [f"{sizes[0]} inputs"]
    for i, size in enumerate(sizes[1:]):
        kind = "outputs" if i == len(sizes) - 2 else "neurons"
        act = f" ({activations[i]})" if i < len(activations) else ""
        layers.append(f"{size} {kind}{act}")
    every = np.concatenate([k.ravel() for k in kernels])
    biggest = float(every[np.abs(every).argmax()]) if every.size else 0.0
    return (f"The network: {', then '.join(layers)}; {every.size} weights, the largest "
            f"{biggest:+.3f}.")


def training_curves_table(history: Mapping[str, Sequence[float]]) -> dict[str, list]:
    """The training chart's numbers as table columns: "epoch", then each curve under its
    legend name (the chart's "see as a table" alternative)."""
    epochs = len(history.get("loss", []))
    table = {"epoch": list(range(1, epochs + 1))}
    for key, name, *_ in TRAINING_CURVES:
        values = [float(v) for v in history.get(key, [])]
        if len(values) == epochs and epochs:
            table[name] = values
    return table


def agreement_map_figure(axis: np.ndarray, buy_share: np.ndarray, x: np.ndarray,
                         y: np.ndarray, laptop: tuple[float, float], voters: int,
                         deals: Sequence[tuple[str, float, float]] | None = None,
                         hint: str | None = None) -> go.Figure:
    """Where the networks agree: the share of the `voters` networks saying buy at every
    point of the square (green: all say buy, orange: none, white: half), the line where half
    say buy, the rows they learned from and the friend's laptop (and `deals`, as in
    verdict_map_figure). `hint`: as in verdict_map_figure."""
    traces = decision_map_traces(axis, buy_share, points=x, labels=y, highlight=laptop)
    if deals:  # under the star (the last trace), which stays in sight on a listed laptop
        traces.insert(len(traces) - 1, deal_markers(deals))
    traces[0].update(
        colorbar=merged(MAP_COLORBAR, {"title": {"text": "share saying buy"},
                                       "tickformat": ".0%"}),
        hovertemplate="pink %{x:.2f}<br>small %{y:.2f}<br>%{z:.0%} of the networks say buy"
                      "<extra></extra>")
    traces[1]["name"] = "half say buy"
    xaxis, yaxis = square_axes(axis)
    # Margins hold the colour bar with its title and the legend below (test_chart_margins.py).
    layout = base_layout(f"Where the {voters} networks agree", *SQUARE_TITLES,
                         height=MAP_HEIGHT, xaxis=xaxis, yaxis=yaxis, margin=MAP_MARGIN,
                         legend=MAP_LEGEND)
    if hint is not None:
        traces, layout = tappable(traces, layout, hint)
    return figure(traces, layout)


def vote_strip_figure(probabilities: Sequence[float], seeds: Sequence[int],
                      height: int = 250) -> go.Figure:
    """Each voting network's P(buy) for the friend's laptop as one dot (circles: buy,
    crosses: don't buy), spread up and down only so that dots do not hide each other, with
    the 50% line between the answers."""
    p = np.asarray(probabilities, dtype=float).reshape(-1)
    seeds = np.asarray(seeds).reshape(-1)
    spread = (np.arange(len(p)) * 0.618034) % 1.0 - 0.5  # evenly spread, the same each run
    traces = []
    for label, rows in ((1, np.flatnonzero(p >= 0.5)), (0, np.flatnonzero(p < 0.5))):
        name = f"says {LABEL_NAMES[label]} ({len(rows)})"
        traces.append({
            "type": "scatter", "x": p[rows] * 100, "y": spread[rows], "mode": "markers",
            "name": name, "customdata": seeds[rows],
            "marker": {"color": BUY_COLOR if label else NO_BUY_COLOR, "size": 9,
                       "symbol": LABEL_SYMBOLS[label], "opacity": 0.8,
                       "line": {"color": "#222", "width": 1}},
            "hovertemplate": ("the network of seed %{customdata}<br>P(buy) %{x:.0f}%"
                              "<extra></extra>"),
        })
    layout = base_layout(
        "Each network's answer for your laptop", "P(buy): how sure it is of buy (0-100%)", "",
        height=height, xaxis={"range": [-2, 102], "ticksuffix": "%", "dtick": 25},
        yaxis={"range": [-0.7, 0.7], "showticklabels": False, "showgrid": False,
               "zeroline": False, "ticks": ""},
        showlegend=True,
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.9,
                "yanchor": "top"},
        margin={"l": 50, "r": 20, "t": 50, "b": 118},
        shapes=[{"type": "line", "x0": 50, "x1": 50, "xref": "x", "y0": 0, "y1": 1,
                 "yref": "y domain", "line": {"color": "#333", "width": 1, "dash": "dot"}}])
    return figure(traces, layout)


def vote_strip_alt(probabilities: Sequence[float]) -> str:
    """The strip's text alternative, with its key numbers."""
    p = np.asarray(probabilities, dtype=float).reshape(-1)
    buy = int(np.sum(p >= 0.5))
    return (f"One dot per network: {buy} of {len(p)} say buy. Their P(buy) for your laptop "
            f"runs from {p.min():.0%} to {p.max():.0%}, half of them above {np.median(p):.0%}.")


def agreement_map_alt(buy_share_here: float, voters: int) -> str:
    """The agreement map's text alternative, with the share at the friend's laptop."""
    return (f"Map of the square of pinkness and smallness, shaded by the share of the {voters} "
            f"networks saying buy; at your laptop (the star) {buy_share_here:.0%} say buy.")
