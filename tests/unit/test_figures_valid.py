"""The check behind every figure test: `validated` catches what `ui.theme.figure` skips."""

import numpy as np
import pytest

from tests.unit.plotly_check import validated
from ui import theme


def test_validation_catches_a_misspelt_property():
    fig = theme.figure([{"type": "scatter", "x": [0, 1], "y": [1, 2], "colour": "red"}])
    with pytest.raises(ValueError, match="colour"):
        validated(fig)


def test_validation_catches_a_bad_value():
    fig = theme.figure([{"type": "scatter", "x": [0, 1], "y": [1, 2], "mode": "sideways"}])
    with pytest.raises(ValueError, match="mode"):
        validated(fig)


def test_a_valid_unvalidated_figure_sends_the_same_json_as_a_validated_one():
    x = np.linspace(0.0, 1.0, 11)
    fig = theme.figure([{"type": "scatter", "x": x, "y": x ** 2, "mode": "lines"}],
                       theme.base_layout("t", "x", "y", height=300))
    assert validated(fig).layout.height == 300


def test_base_layout_merges_extra_keys_into_nested_ones():
    layout = theme.base_layout("t", "x", "y", xaxis={"range": [0, 1]}, margin={"t": 5})
    assert layout["xaxis"] == {"title": {"text": "x"}, "range": [0, 1]}
    assert layout["margin"] == {**theme.MARGIN, "t": 5}
    assert theme.base_layout("t", "x", "y")["margin"] == theme.MARGIN  # the default is untouched
    assert theme.MARGIN["t"] != 5
