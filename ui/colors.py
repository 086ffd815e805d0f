"""The app's colours and class names: one colour for "buy" and one for "don't buy",
everywhere (charts, badges, tables). Plain constants: any module may import them."""

BUY_COLOR = "#1b9e77"  # teal-green: "buy it"
NO_BUY_COLOR = "#d95f02"  # orange: "don't buy"
NEUTRAL_COLOR = "#6c757d"
ACCENT_COLOR = "#d6336c"  # the app's pink, for highlights such as "the current input"

# Probability of "buy" from 0 to 1: no-buy colour, white at 0.5, buy colour.
BUY_PROBABILITY_SCALE = [[0.0, NO_BUY_COLOR], [0.5, "#f7f7f7"], [1.0, BUY_COLOR]]

LABEL_COLORS = {0: NO_BUY_COLOR, 1: BUY_COLOR}
LABEL_NAMES = {0: "don't buy", 1: "buy"}
# Marker shapes too, so the classes differ without colour (and on a heatmap of the same hue).
LABEL_SYMBOLS = {0: "x", 1: "circle"}
