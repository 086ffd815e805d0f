"""The tap layer of the verdict's maps: invisible points over the whole square, so a tap
anywhere on the map is a tap on a point, which Plotly reports to Streamlit. Pure (no
streamlit).

Plotly reports taps on points only (a heatmap's cells cannot be selected), so every map
gets one more scatter trace with a point every decide.tap.TAP_STEP. The nearest point to the
tap is hovered and selected: at 0.02 it is never more than a few pixels away. Hovering the
layer shows what the heatmap showed (pink, small, the map's value there) and what a tap does.
"""

import base64

import numpy as np

TAP_LAYER_NAME = "tap to ask"


def typed_array(values: np.ndarray, dtype: str) -> dict:
    """`values` as a Plotly typed array ({"dtype", "bdata": base64 of the bytes}): a few
    bytes a number in the browser's payload, and next to no server time to write, where a
    list of 2,601 numbers costs milliseconds to turn into JSON."""
    raw = np.ascontiguousarray(np.asarray(values).reshape(-1), dtype=np.dtype(dtype))
    return {"dtype": dtype, "bdata": base64.b64encode(raw.tobytes()).decode("ascii")}


def layer_percent(values: np.ndarray) -> np.ndarray:
    """The map's values (0-1) as whole percents 0-100, as the layer sends them."""
    p = np.nan_to_num(np.asarray(values, dtype=float).reshape(-1), nan=0.0)
    return np.round(np.clip(p, 0.0, 1.0) * 100).astype(np.uint8)


def tap_layer(points: np.ndarray, values: np.ndarray, value_hover: str, hint: str) -> dict:
    """The layer as a scatter trace: `points` (n, 2) (pink, small), `values` the map's value
    (0-1) at each, sent as whole percents, `value_hover` how hover says it ("P(buy)
    %{customdata}%"), `hint` what a tap does. Coordinates go as 32-bit floats (0.42 arrives
    as 0.4199999869: decide.tap rounds a tapped point to the sliders' hundredths).

    Nothing is drawn: the points are text points without text. Not markers: Plotly takes
    every marker within 3 px of a tap as equally near, and on a small map the next point of
    the layer can be that close; a text point counts as near within half a pixel only, so
    the nearest point wins."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    return {
        "type": "scatter", "x": typed_array(points[:, 0], "f4"),
        "y": typed_array(points[:, 1], "f4"),
        "customdata": typed_array(layer_percent(values), "u1"),
        "mode": "text", "name": TAP_LAYER_NAME, "showlegend": False,
        "hovertemplate": (f"pink %{{x:.2f}}<br>small %{{y:.2f}}<br>{value_hover}"
                          f"<br><i>{hint}</i><extra></extra>"),
    }


def with_tap_layer(traces: list[dict], layout: dict, layer: dict) -> tuple[list[dict], dict]:
    """A map's traces and layout (plain dicts, as `ui.theme.figure` takes them) with the tap
    `layer` drawn under its points (after the heatmap and the 50% line), its axes fixed (a
    drag on a phone then does not move the square away, and a tap is never taken for a
    drag) and the other points left as they are while a tap is selected (Plotly would fade
    them). New lists and dicts: the given ones are not changed."""
    traces = [{**trace, "unselected": {"marker": {"opacity": 1}}}
              if trace.get("type") == "scatter" else trace for trace in traces]
    first_points = next((i for i, t in enumerate(traces) if t.get("type") == "scatter"),
                        len(traces))
    traces.insert(first_points, layer)
    layout = {**layout, **{axis: {**layout.get(axis, {}), "fixedrange": True}
                           for axis in ("xaxis", "yaxis")}}
    return traces, layout
