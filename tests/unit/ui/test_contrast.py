"""The app's colours against WCAG 2.1 AA, computed with WCAG's own formula.

Text (and white text on a coloured badge or bar) needs 4.5:1; a focus indicator 3:1
(1.4.3, 1.4.11). axe checks HTML text in the browser (tests/e2e/test_accessibility.py); it
does not read the text Plotly draws in SVG, which these ratios cover.
"""

import colorsys
import re
import tomllib
from pathlib import Path

import pytest

from ui.colors import ACCENT_COLOR, BUY_COLOR, NEUTRAL_COLOR, NO_BUY_COLOR, TEXT_COLOR
from ui.theme import AXIS_LOOK, LOOK

ROOT = Path(__file__).resolve().parents[3]
WHITE = "#ffffff"
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]


def rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{6}", value), color
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def luminance(color: str) -> float:
    """WCAG 2.1 relative luminance."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(color: str, alpha: float, background: str = WHITE) -> str:
    """`color` at opacity `alpha` drawn on `background`, as the browser blends it."""
    return "#" + "".join(f"{round(alpha * c + (1 - alpha) * b):02x}"
                         for c, b in zip(rgb(color), rgb(background), strict=True))


def test_the_formula_gives_wcag_s_own_reference_values():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    assert contrast("#777777", WHITE) < 4.5
    # the ratios the issue measured before the fix
    assert contrast("#1b9e77", WHITE) == pytest.approx(3.4, abs=0.05)
    assert contrast("#d95f02", WHITE) == pytest.approx(3.8, abs=0.05)
    assert contrast("#808495", WHITE) == pytest.approx(3.7, abs=0.05)
    assert contrast(over("#2f2d2b", 0.6), WHITE) == pytest.approx(3.9, abs=0.05)  # #828180


@pytest.mark.parametrize("name, color", [("buy", BUY_COLOR), ("don't buy", NO_BUY_COLOR)])
def test_white_text_on_the_verdict_colours_and_the_colours_on_white_reach_4_5(name, color):
    # Verdict badges and the verdict bar's labels are white on these; chart titles and
    # legends write "green: buy" in them on white. Same ratio both ways.
    assert contrast(WHITE, color) >= 4.5, (name, color, contrast(WHITE, color))


@pytest.mark.parametrize("color, was", [(BUY_COLOR, "#1b9e77"), (NO_BUY_COLOR, "#d95f02")])
def test_the_verdict_colours_keep_their_hue(color, was):
    """Darker versions of Dark2's teal-green and orange, recognisably the same colours."""
    hue, _, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb(color)))
    old_hue, _, old_saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb(was)))
    assert abs(hue - old_hue) * 360 < 3  # degrees
    assert abs(saturation - old_saturation) < 0.05


def test_buy_and_no_buy_differ_in_hue_by_far():
    buy_hue = colorsys.rgb_to_hls(*(c / 255 for c in rgb(BUY_COLOR)))[0] * 360
    no_buy_hue = colorsys.rgb_to_hls(*(c / 255 for c in rgb(NO_BUY_COLOR)))[0] * 360
    assert abs(buy_hue - no_buy_hue) > 90  # teal ~162°, orange ~26°


@pytest.mark.parametrize("where, color", [
    ("chart text", LOOK["font"]["color"]),
    ("chart title", LOOK["title"]["font"]["color"]),
    ("legend", LOOK["legend"]["font"]["color"]),
    ("legend title", LOOK["legend"]["title"]["font"]["color"]),
    ("hover label", LOOK["hoverlabel"]["font"]["color"]),
    ("x tick labels", AXIS_LOOK["x"]["tickfont"]["color"]),
    ("y tick labels", AXIS_LOOK["y"]["tickfont"]["color"]),
    ("x axis title", AXIS_LOOK["x"]["title"]["font"]["color"]),
    ("y axis title", AXIS_LOOK["y"]["title"]["font"]["color"]),
    ("neutral (the step's legend text)", NEUTRAL_COLOR),
    ("accent", ACCENT_COLOR),
])
def test_chart_text_on_white_reaches_4_5(where, color):
    assert LOOK["paper_bgcolor"] == LOOK["plot_bgcolor"] == "#FFFFFF"
    assert contrast(color, WHITE) >= 4.5, (where, color, contrast(color, WHITE))


def test_the_streamlit_theme_uses_the_colours_of_ui_theme():
    assert THEME["primaryColor"] == ACCENT_COLOR
    assert THEME["textColor"] == TEXT_COLOR
    assert THEME.get("backgroundColor", WHITE).lower() == WHITE


def test_captions_in_the_theme_s_text_colour_at_60_percent_reach_4_5():
    # Streamlit 1.67 draws st.caption (and help text, slider bounds...) in textColor with
    # `opacity: 0.6` (theme.opacities.secondary).
    caption = over(THEME["textColor"], 0.6)
    assert contrast(caption, WHITE) >= 4.5, (caption, contrast(caption, WHITE))
    assert contrast(THEME["textColor"], WHITE) >= 7  # body text: AAA


def test_a_selected_segment_s_text_on_its_tint_reaches_4_5():
    # A selected st.segmented_control / st.pills option: primaryColor text on primaryColor
    # at 10% over white (measured in the browser: #d6336c on #fbebf0).
    assert over("#d6336c", 0.1) == "#fbebf0"
    primary = THEME["primaryColor"]
    assert contrast(primary, over(primary, 0.1)) >= 4.5


def test_the_focus_ring_is_solid_primary_and_reaches_3_to_1():
    css = (ROOT / "ui" / "theme.css").read_text()
    ring = re.search(r":focus-visible\s*{[^}]*outline:\s*(\d+)px solid (#[0-9a-fA-F]{6})", css)
    assert ring, css
    assert int(ring.group(1)) >= 2
    assert ring.group(2).lower() == THEME["primaryColor"].lower()
    assert contrast(ring.group(2), WHITE) >= 3
    # Streamlit's own ring, the primary colour at 50% opacity, cannot reach 3:1 with this pink
    assert contrast(over(THEME["primaryColor"], 0.5), WHITE) < 3
