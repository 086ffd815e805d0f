"""ui.theme.figure: charts that carry their own look and that the browser draws once."""

import json
import re
from pathlib import Path

import numpy as np

from tests.unit.plotly_check import validated
from ui.theme import AXIS_LOOK, LOOK, figure

ROOT = Path(__file__).resolve().parents[3]


def _spec(fig) -> dict:
    return json.loads(fig.to_json())


def test_figure_sends_plain_lists_not_encoded_arrays():
    # NumPy arrays would go out base64-encoded, and Plotly would take them for new data on
    # Streamlit's second pass and draw the chart again.
    fig = figure([{"type": "heatmap", "z": np.eye(2), "x": np.arange(2.0), "y": (0.0, 1.0)},
                  {"type": "scatter", "x": np.linspace(0, 1, 3), "y": [np.float64(2.5)] * 3}],
                 {"shapes": [{"type": "line", "x0": np.float32(0.5)}]})
    spec = _spec(fig)
    assert spec["data"][0]["z"] == [[1.0, 0.0], [0.0, 1.0]]
    assert spec["data"][0]["y"] == [0.0, 1.0]
    assert spec["data"][1]["x"] == [0.0, 0.5, 1.0] and spec["data"][1]["y"] == [2.5] * 3
    assert spec["layout"]["shapes"][0]["x0"] == 0.5
    assert "bdata" not in fig.to_json()


def test_figure_names_no_template_and_keeps_its_data_revision():
    spec = _spec(figure([{"type": "scatter", "y": [1, 2]}]))
    assert spec["layout"]["template"] == "none"  # the name only: no template object
    assert spec["layout"]["datarevision"] == 1
    assert spec["data"][0]["marker"]["line"]["width"] == 0  # as Streamlit's theme draws markers


def test_figure_styles_every_axis_and_lets_the_builder_override():
    fig = figure([{"type": "scatter", "y": [1, 2], "xaxis": "x2", "yaxis": "y2"}],
                 {"title": {"text": "t"}, "xaxis2": {"title": {"text": "z"}, "showgrid": True},
                  "yaxis2": {"range": [0, 1]}, "font": {"size": 14}})
    layout = _spec(fig)["layout"]
    for name in ("xaxis", "yaxis", "xaxis2", "yaxis2"):
        look = AXIS_LOOK[name[0]]
        assert layout[name]["automargin"] is True, name  # labels never cut off
        assert layout[name]["tickfont"] == look["tickfont"], name
        assert layout[name]["title"]["standoff"] == look["title"]["standoff"], name
    assert layout["xaxis2"]["title"]["text"] == "z" and layout["xaxis2"]["showgrid"] is True
    assert layout["yaxis2"]["range"] == [0, 1]
    assert layout["font"] == {**LOOK["font"], "size": 14}
    assert layout["title"]["font"]["weight"] == 700 and layout["title"]["text"] == "t"
    validated(fig)


def test_every_chart_goes_through_show_chart():
    """Streamlit's own chart theme would put a template back and the second draw with it:
    the pages show their figures with ui.theme.show_chart only."""
    direct = [f"{path.relative_to(ROOT)}:{number}"
              for folder in ("app_pages", "ui", "learn", "decide")
              for path in sorted((ROOT / folder).rglob("*.py"))
              if path.name != "theme.py"
              for number, line in enumerate(path.read_text().splitlines(), 1)
              if re.search(r"\.plotly_chart\(", line)]
    assert direct == []
