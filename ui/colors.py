"""The app's colours and class names: one colour for "buy" and one for "don't buy",
everywhere (charts, badges, tables). Plain constants: any module may import them.

Every colour below that carries text (white on it, or it on white) reaches WCAG AA's 4.5:1;
tests/unit/ui/test_contrast.py computes each ratio."""

# The buy / no-buy pair are ColorBrewer Dark2's teal-green and orange (#1b9e77, #d95f02: 3.4
# and 3.8:1 with white text) made darker at the same hue and saturation until white text on
# them reads at 4.8:1.
BUY_COLOR = "#168161"  # teal-green: "buy it"
NO_BUY_COLOR = "#bc5202"  # orange: "don't buy"
NEUTRAL_COLOR = "#6c757d"
# The app's pink, for highlights such as "the current input"; the same colour as
# `theme.primaryColor` in .streamlit/config.toml (a test holds them equal). Open Color's
# pink 8: 5.7:1 on white, 4.8:1 on the 10% tint Streamlit puts behind a selected segment.
ACCENT_COLOR = "#c2255c"
# The theme's `textColor`, also in config.toml. Streamlit draws captions and other secondary
# text in it at 60% opacity; with its default (#2f2d2b) that was #828180, 3.9:1 on white.
TEXT_COLOR = "#171615"

# Probability of "buy" from 0 to 1: no-buy colour, white at 0.5, buy colour.
BUY_PROBABILITY_SCALE = [[0.0, NO_BUY_COLOR], [0.5, "#f7f7f7"], [1.0, BUY_COLOR]]

LABEL_COLORS = {0: NO_BUY_COLOR, 1: BUY_COLOR}
LABEL_NAMES = {0: "don't buy", 1: "buy"}
# Marker shapes too, so the classes differ without colour (and on a heatmap of the same hue).
LABEL_SYMBOLS = {0: "x", 1: "circle"}
