"""Charts of the Initialization page. Pure functions: numbers in, plotly Figure out.

Every chart is built from plain trace and layout dicts with `ui.theme.figure`, which skips
Plotly's per-property validation (it cost more server time than the charts on a slider step);
tests/unit/learn/initialization/test_figures.py validates every builder's output instead.

Colours here never reuse the buy / no-buy pair: nothing on this page means "buy".
"""

from collections.abc import Mapping, Sequence

import numpy as np
from plotly.colors import diverging
from plotly.graph_objects import Figure

from ui.colors import NEUTRAL_COLOR
from ui.theme import COLORBAR_MARGIN, base_layout, figure
from ui.traces import legend_below, vertical_line
from ui.words import pct, readable

# Tableau 10's order, with the four that were too pale for a line on white (its teal, gold,
# pink and cyan: 1.6 to 2.3:1) swapped for darker ones: every colour reaches WCAG 1.4.11's 3:1
# on white, and any two stay apart (tests/unit/learn/initialization/test_colors.py).
SERIES_COLORS = ("#4c78a8", "#e45756", "#3b8c86", "#b279a2", "#9d755d", "#4e9a45", "#a8890f",
                 "#c2408c", "#79706e", "#6a51a3")
PERFECT_COLOR = "#4c78a8"  # blue: all 9 right
PARTLY_COLOR = "#8a8a8a"  # grey: in between (3.4:1 on white; black text on it, 6.1:1)
STUCK_COLOR = "#7f3c8d"  # purple: stuck at 5 of 9 or worse
BAR_TEXT_COLORS = {STUCK_COLOR: "#ffffff", PARTLY_COLOR: "#000000", PERFECT_COLOR: "#ffffff"}
INPUT_DASHES = ("solid", "dot")
LEGEND_BELOW = legend_below(-0.3)
# Red (negative) through white to blue (positive), written out: plotly.js has its own, different
# "RdBu"; Plotly's validation used to expand the name into this (ColorBrewer) list.
UNIT_COLORSCALE = tuple((i / 10, color) for i, color in enumerate(diverging.RdBu))


def series_color(i: int) -> str:
    return SERIES_COLORS[i % len(SERIES_COLORS)]


def unit_weights_figure(unit_weights: np.ndarray, title: str,
                        input_names: Sequence[str] = ("input 1", "input 2")) -> Figure:
    """Each hidden unit's incoming weights over the epochs: one colour per unit, solid for
    the weight from the first input, dotted for the second. unit_weights: (epochs + 1, units,
    parts) with parts 0.. = the weights from the inputs."""
    unit_weights = np.asarray(unit_weights, dtype=float)
    epochs = np.arange(unit_weights.shape[0])
    traces = [{
        "type": "scatter", "x": epochs, "y": unit_weights[:, unit, i], "mode": "lines",
        "name": f"unit {unit + 1}", "legendgroup": f"unit {unit + 1}", "showlegend": i == 0,
        "line": {"color": series_color(unit), "dash": INPUT_DASHES[i % 2], "width": 2},
        "hovertemplate": (f"unit {unit + 1}, weight from {input_name}<br>"
                          "epoch %{x}<br>weight %{y:.4f}<extra></extra>"),
    } for unit in range(unit_weights.shape[1]) for i, input_name in enumerate(input_names)]
    dashes = " · ".join(f"{'solid' if i % 2 == 0 else 'dotted'}: from {n}"
                        for i, n in enumerate(input_names))
    return figure(traces, base_layout(
        f"Hidden units' weights<br><sup>{title}</sup><br><sup>{dashes}</sup>",
        "epoch (0 = the start)", "weight", height=400,
        xaxis={"range": [0, max(int(epochs[-1]), 1)]}, legend=LEGEND_BELOW,
        margin={"t": 95, "b": 130}))


def unit_tables_figure(tables: Mapping[str, np.ndarray], part_names: Sequence[str],
                       title: str) -> Figure:
    """The hidden units of several networks at one moment, one heatmap panel per network
    stacked top to bottom (rows: units, columns: their numbers), on one shared colour scale
    so the same colour means the same number in every panel. One chart, so a slider that
    walks through the epochs redraws a single figure."""
    tables = {name: np.asarray(t, dtype=float) for name, t in tables.items()}
    limit = max((float(np.abs(t).max()) for t in tables.values() if t.size), default=0.0)
    limit = limit or 1.0
    gap, rows = 0.12, sum(t.shape[0] for t in tables.values())
    traces, axes, annotations, top = [], {}, [], 1.0
    for i, (name, t) in enumerate(tables.items()):
        share = (1.0 - gap * (len(tables) - 1)) * t.shape[0] / rows
        traces.append({
            "type": "heatmap", "z": t, "x": list(part_names),
            "y": [f"unit {u + 1}" for u in range(t.shape[0])],
            "yaxis": "y" if i == 0 else f"y{i + 1}", "zmin": -limit, "zmax": limit,
            "colorscale": UNIT_COLORSCALE, "showscale": i == 0,
            "colorbar": {"title": {"text": "value"}, "thickness": 12},
            "text": np.round(t, 2), "texttemplate": "%{text}",
            "hovertemplate": f"{name}<br>%{{y}}<br>%{{x}}: %{{z:.4f}}<extra></extra>",
        })
        # one y axis per panel, stacked by domain, all on the one x axis
        axes[f"yaxis{'' if i == 0 else i + 1}"] = {
            "domain": [max(top - share, 0.0), top], "anchor": "x", "autorange": "reversed",
            "title": {"text": "hidden unit"}}
        annotations.append({"text": f"<b>{name}</b>", "x": 0.0, "xref": "paper",
                            "xanchor": "left", "y": top, "yref": "paper",
                            "yanchor": "bottom", "showarrow": False})
        top -= share + gap
    # the numbers' names once, under the lowest panel
    axes["xaxis"] = {"anchor": "y" if len(tables) == 1 else f"y{len(tables)}"}
    return figure(traces, base_layout(
        title, "the unit's numbers", "hidden unit", height=170 + 34 * rows + 40 * len(tables),
        margin={"l": 96, "r": COLORBAR_MARGIN, "t": 80, "b": 80}, annotations=annotations,
        **axes))


def unit_gap_figure(gaps: Mapping[str, np.ndarray]) -> Figure:
    """The largest difference between two hidden units, per epoch, one line per start."""
    traces = []
    top = 0.0
    for i, (name, gap) in enumerate(gaps.items()):
        gap = np.asarray(gap, dtype=float)
        top = max(top, float(gap.max()))
        traces.append({
            "type": "scatter", "x": np.arange(gap.size), "y": gap, "mode": "lines+markers",
            "name": name, "line": {"color": series_color(i), "width": 2}, "marker": {"size": 4},
            "hovertemplate": f"{name}<br>epoch %{{x}}<br>largest gap %{{y:.4g}}<extra></extra>",
        })
    return figure(traces, base_layout(
        "How different are the hidden units?", "epoch (0 = the start)",
        "largest gap between two units", height=380,
        yaxis={"range": [0, 1.1 * top if top > 0 else 1.0]}, legend=LEGEND_BELOW,
        margin={"b": 126}))


def accuracy_curves_figure(curves: Mapping[str, np.ndarray], title: str) -> Figure:
    """Training accuracy per epoch, one line per start."""
    traces = []
    for i, (name, acc) in enumerate(curves.items()):
        acc = np.asarray(acc, dtype=float)
        traces.append({
            "type": "scatter", "x": np.arange(1, acc.size + 1), "y": acc, "mode": "lines",
            "name": name, "line": {"color": series_color(i), "width": 2},
            "hovertemplate": f"{name}<br>epoch %{{x}}<br>accuracy %{{y:.0%}}<extra></extra>",
        })
    return figure(traces, base_layout(
        title, "epoch", "share of points right", height=380,
        yaxis={"range": [0, 1.02], "tickformat": ".0%"}, legend=LEGEND_BELOW,
        margin={"l": 92, "b": 126}))


def depth_box_figure(percentiles: np.ndarray, title: str) -> Figure:
    """One box per layer from precomputed percentiles (1, 5, 25, 50, 75, 95, 99): the box holds
    the middle half of the outputs, the whiskers reach from 5% to 95%."""
    p = np.asarray(percentiles, dtype=float)
    names = ["input"] + [f"layer {i}" for i in range(1, p.shape[0])]
    box = {
        "type": "box", "x": names, "q1": p[:, 2], "median": p[:, 3], "q3": p[:, 4],
        "lowerfence": p[:, 1], "upperfence": p[:, 5], "name": "outputs",
        "marker": {"color": series_color(0)}, "fillcolor": "rgba(76,120,168,0.35)",
        "line": {"color": series_color(0)}, "hoverinfo": "x+y",
    }
    return figure([box], base_layout(
        f"What each layer puts out<br><sup>{title}</sup><br><sup>box: the middle half of the "
        "outputs · whiskers: 5% to 95%</sup>",
        "layer (input, then deeper and deeper)", "output value", height=400,
        margin={"t": 95}, yaxis={"exponentformat": "power"}, showlegend=False))


def depth_spread_figure(spreads: Mapping[str, np.ndarray], highlight: str | None = None,
                        title: str = "Spread of the signal, layer by layer",
                        y_title: str = "spread across inputs (std, log scale)",
                        first_layer: int = 0,
                        x_title: str = "layer (0 = the random input)") -> Figure:
    """One value per layer per start on a log scale (e.g. the std of each layer's outputs);
    `highlight` drawn thick. Values start at layer `first_layer`."""
    traces, values = [], []
    for i, (name, std) in enumerate(spreads.items()):
        std = np.asarray(std, dtype=float)
        values.append(std[std > 0])
        thick = name == highlight
        label = name + (" (yours)" if thick and len(spreads) > 1 else "")
        if np.any(std == 0):
            label += " (0: off the log scale)"
        traces.append({
            "type": "scatter", "x": np.arange(first_layer, first_layer + std.size),
            "y": np.where(std > 0, std, np.nan), "mode": "lines+markers", "name": label,
            "line": {"color": series_color(i), "width": 4 if thick else 1.5},
            "marker": {"size": 7 if thick else 4},
            "opacity": 1.0 if thick or not highlight else 0.7,
            "hovertemplate": f"{name}<br>layer %{{x}}<br>%{{y:.3g}}<extra></extra>",
        })
    yaxis = {"type": "log", "exponentformat": "power"}
    every = np.concatenate(values) if values else np.array([])
    if every.size:
        yaxis["range"] = [float(np.log10(every.min()) - 0.3), float(np.log10(every.max()) + 0.3)]
    return figure(traces, base_layout(title, x_title, y_title, height=520, yaxis=yaxis,
                                      xaxis={"dtick": 1}, legend=LEGEND_BELOW,
                                      margin={"l": 94, "b": 172}))


def population_shares_figure(names: Sequence[str], perfect: Sequence[float],
                             stuck: Sequence[float], highlight: str | None = None) -> Figure:
    """A bar per start split into: all right, in between, stuck (shares of the runs)."""
    perfect = np.asarray(perfect, dtype=float)
    stuck = np.asarray(stuck, dtype=float)
    partly = np.clip(1.0 - perfect - stuck, 0.0, 1.0)
    labels = [f"<b>{n}</b>" if n == highlight else n for n in names]
    traces = [{
        "type": "bar", "y": labels, "x": share, "name": name, "orientation": "h",
        "marker": {"color": color},
        "text": [f"{v:.0%}" if v >= 0.04 else "" for v in share], "textposition": "inside",
        "insidetextfont": {"color": BAR_TEXT_COLORS[color]},
        "hovertemplate": f"%{{y}}<br>{name}: %{{x:.1%}}<extra></extra>",
    } for share, name, color in ((stuck, "stuck (5 of 9 or fewer)", STUCK_COLOR),
                                 (partly, "in between", PARTLY_COLOR),
                                 (perfect, "all 9 right", PERFECT_COLOR))]
    return figure(traces, base_layout(
        "How the runs end, start by start", "share of the runs", "",
        height=150 + 45 * len(names), barmode="stack",
        legend={**LEGEND_BELOW, "y": -0.15 - 0.6 / len(names)},
        xaxis={"range": [0, 1], "tickformat": ".0%"}, yaxis={"autorange": "reversed"},
        margin={"l": 190, "r": 32, "b": 122}))


def population_accuracy_figure(final_accuracy: np.ndarray, rows: int, title: str) -> Figure:
    """Bars: the share of runs that end with k of `rows` right, k = 0..rows."""
    final_accuracy = np.asarray(final_accuracy, dtype=float)
    right = np.rint(final_accuracy * rows).astype(int)
    ks = np.arange(rows + 1)
    share = np.array([np.mean(right == k) for k in ks]) if right.size else np.zeros(rows + 1)
    stuck_line = int(np.floor(rows * 5 / 9 + 1e-9))
    colors = [STUCK_COLOR if k <= stuck_line else PERFECT_COLOR if k == rows else PARTLY_COLOR
              for k in ks]
    bars = {
        "type": "bar", "x": ks, "y": share, "marker": {"color": colors},
        "text": [f"{v:.0%}" if v >= 0.005 else "" for v in share], "textposition": "outside",
        "hovertemplate": f"%{{x}} of {rows} right<br>%{{y:.1%}} of the runs<extra></extra>",
    }
    return figure([bars], base_layout(
        title, f"laptops right after training (of {rows})", "share of the runs", height=340,
        xaxis={"dtick": 1, "range": [-0.5, rows + 0.5]},
        yaxis={"range": [0, min(1.0, float(share.max()) * 1.15 + 0.02)], "tickformat": ".0%"},
        showlegend=False, margin={"l": 84}))


def box_summary(values: np.ndarray) -> dict[str, float] | None:
    """The five numbers a box shows (min, quartiles, max) of the finite, positive values, or
    None when there are none. Sending these instead of every value keeps the chart small."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values) & (values > 0)]
    if not values.size:
        return None
    q1, median, q3 = np.percentile(values, [25, 50, 75])
    return {"lowerfence": float(values.min()), "q1": float(q1), "median": float(median),
            "q3": float(q3), "upperfence": float(values.max()), "n": int(values.size)}


def population_loss_figure(losses: Mapping[str, np.ndarray]) -> Figure:
    """Final loss of every run, one box per start (log scale). Each box is drawn from its five
    numbers (lowest, quartiles, highest), not from thousands of raw points."""
    traces = []
    smallest, largest = np.inf, 0.0
    for i, (name, loss) in enumerate(losses.items()):
        stats = box_summary(loss)
        if stats is None:
            continue
        smallest = min(smallest, stats["lowerfence"])
        largest = max(largest, stats["upperfence"])
        traces.append({
            "type": "box", "y": [name], "q1": [stats["q1"]], "median": [stats["median"]],
            "q3": [stats["q3"]], "lowerfence": [stats["lowerfence"]],
            "upperfence": [stats["upperfence"]], "name": name, "orientation": "h",
            "boxpoints": False, "hoverinfo": "x", "xhoverformat": ".3g",
            "marker": {"color": series_color(i)}, "line": {"color": series_color(i)},
        })
    xaxis = {"type": "log"}
    if largest > 0:
        xaxis["range"] = [float(np.log10(smallest) - 0.2), float(np.log10(largest) + 0.2)]
    return figure(traces, base_layout(
        "Final loss of every run (lower is better)", "loss after 20 epochs (log scale)", "",
        height=110 + 45 * len(losses), xaxis=xaxis, yaxis={"autorange": "reversed"},
        showlegend=False, boxgap=0.3, margin={"l": 184},
        **vertical_line(float(np.log(2)), "coin flip (ln 2)", color=NEUTRAL_COLOR, log_x=True)))


def population_figures(names: Sequence[str], perfect: Sequence[float], stuck: Sequence[float],
                       final_losses: Sequence[np.ndarray], chosen: int,
                       chosen_accuracy: np.ndarray, rows: int = 9,
                       ) -> tuple[Figure, Figure, Figure]:
    """The three charts of "How often it fails": shares per start, how the chosen start's runs
    end, and the final-loss boxes. One call so a page can build them once per setting."""
    return (population_shares_figure(names, perfect, stuck, highlight=names[chosen]),
            population_accuracy_figure(
                chosen_accuracy, rows, f"How {len(chosen_accuracy):,} runs end: {names[chosen]}"),
            population_loss_figure(dict(zip(names, final_losses, strict=True))))


# Text alternatives (`ui.theme.show_chart(alt=...)`): each chart's key numbers in a sentence,
# from the numbers the chart is drawn from.

def _g(value: float) -> str:
    return f"{float(value):.3g}"


def unit_weights_alt(unit_weights: np.ndarray, title: str,
                     input_names: Sequence[str] = ("input 1", "input 2")) -> str:
    """Each unit's weights from the inputs at the start and after the last epoch."""
    w = np.asarray(unit_weights, dtype=float)
    last = w.shape[0] - 1

    def at(epoch: int) -> str:
        return "; ".join(f"unit {u + 1} " + ", ".join(_g(w[epoch, u, i])
                                                      for i in range(len(input_names)))
                         for u in range(w.shape[1]))
    names = " and ".join(f"from {n}" for n in input_names)
    return (f"Hidden units' weights, {title}: {w.shape[1]} units over {last} epochs, each "
            f"unit's weights {names}. At the start: {at(0)}. After epoch {last}: {at(last)}.")


def unit_gap_alt(gaps: Mapping[str, np.ndarray]) -> str:
    """The largest gap between two units at the start and after the last epoch, per start."""
    parts = []
    for name, gap in gaps.items():
        gap = np.asarray(gap, dtype=float)
        parts.append(f"{name}: {_g(gap[0])} at the start, {_g(gap[-1])} after epoch "
                     f"{gap.size - 1} (largest {_g(gap.max())})")
    return "How different are the hidden units, as the largest gap between two units. " \
        + "; ".join(parts) + "."


def accuracy_curves_alt(curves: Mapping[str, np.ndarray], title: str) -> str:
    """Each start's accuracy after the first and the last epoch, and its best."""
    parts = []
    for name, acc in curves.items():
        acc = np.asarray(acc, dtype=float)
        parts.append(f"{name}: {acc[0]:.0%} after epoch 1, {acc[-1]:.0%} after epoch "
                     f"{acc.size} (best {acc.max():.0%})")
    return f"{title}. " + "; ".join(parts) + "."


def unit_tables_alt(tables: Mapping[str, np.ndarray], part_names: Sequence[str],
                    title: str) -> str:
    """Every number of every table, unit by unit, as the heatmaps write them (2 decimals)."""
    parts = []
    for name, t in tables.items():
        t = np.asarray(t, dtype=float)
        units = "; ".join(f"unit {u + 1}: " + ", ".join(f"{p} {t[u, k]:.2f}"
                                                         for k, p in enumerate(part_names))
                          for u in range(t.shape[0]))
        parts.append(f"{name}: {units}")
    return f"{title}. " + ". ".join(parts) + "."


def depth_spread_alt(spreads: Mapping[str, np.ndarray], highlight: str | None = None,
                     title: str = "Spread of the signal, layer by layer",
                     first_layer: int = 0) -> str:
    """Each start's value at the first and the last layer (yours named first)."""
    order = sorted(spreads, key=lambda name: name != highlight)
    parts = []
    for name in order:
        values = np.asarray(spreads[name], dtype=float)
        mine = " (yours)" if name == highlight else ""
        parts.append(f"{name}{mine}: {readable(values[0])} at layer {first_layer}, "
                     f"{readable(values[-1])} at layer {first_layer + values.size - 1}")
    return f"{title}, log scale. " + "; ".join(parts) + "."


def depth_box_alt(percentiles: np.ndarray, title: str) -> str:
    """The median and the middle half of the input and of the last layer."""
    p = np.asarray(percentiles, dtype=float)

    def layer(i: int, name: str) -> str:
        return (f"{name}: median {readable(p[i, 3])}, middle half {readable(p[i, 2])} to "
                f"{readable(p[i, 4])}, 5% to 95% {readable(p[i, 1])} to {readable(p[i, 5])}")
    return (f"What each layer puts out, {title}. " + layer(0, "the input") + "; "
            + layer(p.shape[0] - 1, f"layer {p.shape[0] - 1}") + ".")


def population_alts(names: Sequence[str], perfect: Sequence[float], stuck: Sequence[float],
                    final_losses: Sequence[np.ndarray], chosen: int,
                    chosen_accuracy: np.ndarray, rows: int = 9) -> tuple[str, str, str]:
    """The text alternatives of `population_figures`' three charts, same arguments."""
    shares = "; ".join(f"{n}: {pct(p)} all {rows} right, {pct(s)} stuck"
                       for n, p, s in zip(names, perfect, stuck, strict=True))
    acc = np.asarray(chosen_accuracy, dtype=float)
    right = np.rint(acc * rows).astype(int)
    ends = ", ".join(f"{k} right in {pct(float(np.mean(right == k)))}"
                     for k in range(rows + 1) if np.any(right == k))
    medians = []
    for n, loss in zip(names, final_losses, strict=True):
        stats = box_summary(loss)
        medians.append(f"{n} {'none finite' if stats is None else readable(stats['median'])}")
    return (f"How the runs end, start by start. {shares}.",
            f"How {acc.size:,} runs from {names[chosen]} end, laptops right of {rows}: {ends}.",
            "Final loss of every run, median per start (a coin flip scores "
            f"{readable(np.log(2))}): " + "; ".join(medians) + ".")
