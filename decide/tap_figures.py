"""The verdict's maps made for tapping. Pure (no streamlit).

A tap is heard by the page's tap listener (decide/tap_listener.js), not by Plotly, so the
map needs no extra trace: its shading's hover says what a tap does there, and its axes are
fixed, so a drag on a phone does not move the square away.
"""


def tappable(traces: list[dict], layout: dict, hint: str) -> tuple[list[dict], dict]:
    """A map's traces and layout (plain dicts, as `ui.theme.figure` takes them, the shading
    first) with `hint` (what a tap does) on the shading's hover, under its numbers, and the
    axes fixed. New lists and dicts: the given ones are not changed."""
    shading, *rest = traces
    template = shading.get("hovertemplate", "")
    body, extra, tail = template.partition("<extra>")
    shading = {**shading, "hovertemplate": f"{body}<br><i>{hint}</i>{extra}{tail}"}
    layout = {**layout, **{axis: {**layout.get(axis, {}), "fixedrange": True}
                           for axis in ("xaxis", "yaxis")}}
    return [shading, *rest], layout
