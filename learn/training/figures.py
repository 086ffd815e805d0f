"""The Training page's charts: the network with each weight coloured by its gradient, and the
loss over the steps taken. Pure builders from plain dicts (`ui.theme.figure`), no streamlit.
"""

from collections.abc import Sequence

import numpy as np
from plotly.graph_objects import Figure

from ui.colors import ACCENT_COLOR, NEUTRAL_COLOR
from ui.theme import MARGIN, base_layout, figure

# Diverging colours for a gradient's sign (ColorBrewer RdBu ends, readable for the common
# colour-blindnesses); the sign is also told by the line's dash, so colour is never alone.
NEGATIVE_COLOR = "#2166ac"  # gradient < 0: the step raises the weight
POSITIVE_COLOR = "#b2182b"  # gradient > 0: the step lowers the weight
ZERO_COLOR = "#bbbbbb"
NEGATIVE_WORDS = "gradient < 0: this step raises the weight (blue, solid)"
POSITIVE_WORDS = "gradient > 0: this step lowers the weight (red, dashed)"
ZERO_WORDS = "gradient 0: this step leaves the weight alone (grey, thin)"
MIN_WIDTH, MAX_WIDTH = 1.0, 12.0
LAYER_X = (0.0, 1.0, 2.0)


def node_positions(counts: Sequence[int] = (2, 3, 2)) -> list[np.ndarray]:
    """(x, y) of each neuron, layer by layer, each layer centred on y = 0."""
    return [np.column_stack([np.full(count, LAYER_X[i]),
                             (count - 1) / 2.0 - np.arange(count)])
            for i, count in enumerate(counts)]


def line_widths(gradients: np.ndarray) -> np.ndarray:
    """Width of each connection: proportional to |gradient| against the largest one, between
    MIN_WIDTH and MAX_WIDTH (all MIN_WIDTH when every gradient is 0)."""
    size = np.abs(np.asarray(gradients, dtype=float))
    top = size.max() if size.size else 0.0
    if top == 0:
        return np.full(size.shape, MIN_WIDTH)
    return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * size / top


def sign_color(gradient: float) -> str:
    return NEGATIVE_COLOR if gradient < 0 else POSITIVE_COLOR if gradient > 0 else ZERO_COLOR


def gradient_network_figure(kernels: Sequence[np.ndarray], gradients: Sequence[np.ndarray],
                   layer_names: Sequence[Sequence[str]], node_values: Sequence[Sequence[float]],
                   title: str) -> Figure:
    """The network: one line per weight of `kernels` (each (inputs, units)), coloured by the
    sign of its gradient in `gradients` and as wide as the gradient is large; the neurons
    labelled with `layer_names` and `node_values` (what each neuron outputs)."""
    positions = node_positions([len(names) for names in layer_names])
    all_grads = np.concatenate([np.asarray(g, dtype=float).reshape(-1) for g in gradients])
    widths = iter(line_widths(all_grads))
    traces, mid_x, mid_y, mid_text = [], [], [], []
    for layer, (kernel, grad) in enumerate(zip(kernels, gradients, strict=True)):
        kernel, grad = np.asarray(kernel, dtype=float), np.asarray(grad, dtype=float)
        for i, j in np.ndindex(kernel.shape):
            (x0, y0), (x1, y1) = positions[layer][i], positions[layer + 1][j]
            width = next(widths)
            traces.append({"type": "scatter", "x": [x0, x1], "y": [y0, y1], "mode": "lines",
                           "line": {"color": sign_color(grad[i, j]), "width": width,
                                    "dash": "dash" if grad[i, j] > 0 else "solid"},
                           "hoverinfo": "skip", "showlegend": False})
            # hover point two thirds along, where lines into one neuron are still apart
            mid_x.append(x0 + (x1 - x0) * 0.3)
            mid_y.append(y0 + (y1 - y0) * 0.3)
            mid_text.append(f"{layer_names[layer][i]} → {layer_names[layer + 1][j]}<br>"
                            f"weight {kernel[i, j]:.4f}<br>gradient {grad[i, j]:.6f}")
    traces.append({"type": "scatter", "x": mid_x, "y": mid_y, "mode": "markers",
                   "marker": {"size": 10, "color": "rgba(0,0,0,0)"}, "text": mid_text,
                   "hovertemplate": "%{text}<extra></extra>", "showlegend": False})
    for words, color, dash, width in ((NEGATIVE_WORDS, NEGATIVE_COLOR, "solid", 4),
                                      (POSITIVE_WORDS, POSITIVE_COLOR, "dash", 4),
                                      (ZERO_WORDS, ZERO_COLOR, "solid", MIN_WIDTH)):
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "lines",
                       "name": words, "line": {"color": color, "width": width, "dash": dash}})
    xs = [p[0] for layer in positions for p in layer]
    ys = [p[1] for layer in positions for p in layer]
    labels = [f"{name.replace(' ', '<br>')}<br>{value:.3f}"
              for names, values in zip(layer_names, node_values, strict=True)
              for name, value in zip(names, values, strict=True)]
    traces.append({"type": "scatter", "x": xs, "y": ys, "mode": "markers+text",
                   "marker": {"size": 58, "color": "#ffffff",
                              "line": {"color": NEUTRAL_COLOR, "width": 2}},
                   "text": labels, "textfont": {"size": 10, "color": "#262730"},
                   "hovertemplate": "%{text}<extra></extra>", "showlegend": False})
    hidden_axis = {"visible": False, "fixedrange": True}
    layout = base_layout(title, "", "", height=480,
                         xaxis={**hidden_axis, "range": [-0.35, 2.35]},
                         yaxis={**hidden_axis, "range": [-1.6, 1.45]},
                         margin={**MARGIN, "l": 16, "r": 16, "b": 110},
                         legend={"orientation": "v", "x": 0.0, "xanchor": "left", "y": -0.02,
                                 "yanchor": "top"},
                         hovermode="closest")
    layout["annotations"] = [{"text": text, "x": x, "y": 1.4, "xref": "x", "yref": "y",
                              "showarrow": False, "font": {"size": 12}}
                             for text, x in zip(("inputs", "hidden (ReLU)", "outputs (softmax)"),
                                                LAYER_X, strict=True)]
    return figure(traces, layout)


def loss_history_figure(row_losses: Sequence[float], table_losses: Sequence[float],
                        row_label: str) -> Figure:
    """This row's loss and the whole table's loss before each step and after the last one."""
    steps = list(range(len(row_losses)))
    traces = [
        {"type": "scatter", "x": steps, "y": list(row_losses), "mode": "lines+markers",
         "name": f"loss on {row_label}", "line": {"color": ACCENT_COLOR, "width": 3},
         "marker": {"size": 8, "symbol": "circle"},
         "hovertemplate": "after %{x} steps<br>this row %{y:.4f}<extra></extra>"},
        {"type": "scatter", "x": steps, "y": list(table_losses), "mode": "lines+markers",
         "name": "loss on the whole table (9 rows)",
         "line": {"color": NEUTRAL_COLOR, "width": 3, "dash": "dot"},
         "marker": {"size": 8, "symbol": "square"},
         "hovertemplate": "after %{x} steps<br>whole table %{y:.4f}<extra></extra>"},
    ]
    top = max([*row_losses, *table_losses, 0.8])
    return figure(traces, base_layout(
        "Loss after each step on this one row",
        "steps on this row (the last point: after the step above)",
        "loss (binary crossentropy)", height=360,
        xaxis={"dtick": 1 if len(steps) <= 12 else None, "range": [-0.3, len(steps) - 0.7]},
        yaxis={"range": [0, 1.1 * top], "rangemode": "tozero"},
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.3,
                "yanchor": "top"},
        margin={**MARGIN, "b": 110}))
