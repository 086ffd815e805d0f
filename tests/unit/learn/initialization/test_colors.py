"""The Initialization page's chart colours against WCAG 2.1 (1.4.11: lines and marks need 3:1
on white; 1.4.3: text on a bar 4.5:1), and apart from each other."""

import itertools
import math

import pytest

from learn.initialization import figures
from tests.unit.ui.test_contrast import WHITE, contrast, rgb


def lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb(color))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_lab_gives_the_reference_values():
    assert lab(WHITE) == pytest.approx((100, 0, 0), abs=0.1)
    assert lab("#ff0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.1)


COLORS = {**{f"series {i + 1}": c for i, c in enumerate(figures.SERIES_COLORS)},
          "all right": figures.PERFECT_COLOR, "in between": figures.PARTLY_COLOR,
          "stuck": figures.STUCK_COLOR}


@pytest.mark.parametrize("name, color", COLORS.items())
def test_every_line_and_bar_colour_reaches_3_to_1_on_white(name, color):
    assert contrast(color, WHITE) >= 3.0, (name, color, round(contrast(color, WHITE), 2))


def test_the_series_colours_stay_apart():
    # CIE76 distance: about 2.3 is "just noticeable"; 15 is clearly another colour
    closest = min((math.dist(lab(a), lab(b)), a, b)
                  for a, b in itertools.combinations(figures.SERIES_COLORS, 2))
    assert closest[0] >= 15, closest
    assert len(set(figures.SERIES_COLORS)) == len(figures.SERIES_COLORS) == 10


def test_the_three_outcomes_differ_and_their_bar_labels_read_at_4_5():
    outcomes = (figures.PERFECT_COLOR, figures.PARTLY_COLOR, figures.STUCK_COLOR)
    assert min(math.dist(lab(a), lab(b)) for a, b in itertools.combinations(outcomes, 2)) >= 25
    for bar, text in figures.BAR_TEXT_COLORS.items():
        assert contrast(bar, text) >= 4.5, (bar, text, contrast(bar, text))
    fig = figures.population_shares_figure(["A"], [0.5], [0.2])
    assert {t.marker.color: t.insidetextfont.color for t in fig.data} == figures.BAR_TEXT_COLORS
