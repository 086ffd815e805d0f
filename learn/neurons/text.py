"""Text the Learn pages show: the arithmetic with live numbers and verdict badges.

Pure string builders, so they are unit-tested without Streamlit.
"""

import html

from ui.colors import BUY_COLOR, NO_BUY_COLOR
from ui.words import num


def _plain(value: float) -> str:
    """`num` with a typographic minus, for numbers in running text."""
    return num(value).replace("-", "\u2212")


def _term(value: float, first: bool = False) -> str:
    """A number inside a sum: in brackets when negative, unless it leads."""
    text = _plain(value)
    return f"({text})" if text.startswith("\u2212") and not first else text


def weighted_sum_text(x, w, bias: float) -> str:
    """"w1 × x1 + w2 × x2 + b" with the numbers in, e.g. "0.5 × 0 + 0.9 × 1 + (−0.5)".

    Plain text rather than LaTeX, here and below: these lines change on every slider step
    and each page typesets its general formula once instead (docs/performance.md)."""
    products = [f"{_term(wi, i == 0)} × {_term(xi)}"
                for i, (wi, xi) in enumerate(zip(w, x, strict=True))]
    return " + ".join(products) + f" + {_term(bias)}"


def perceptron_arithmetic(x, w, bias: float, z: float, output: int) -> str:
    """The perceptron's whole computation as one line of Markdown, e.g.
    "0.5 × 0 + 0.9 × 1 + (−0.5) = **0.4** ≥ 0, so the output is **1**"."""
    compare = "≥" if output == 1 else "<"
    return (f"{weighted_sum_text(x, w, bias)} = **{_plain(z)}** {compare} 0, "
            f"so the output is **{output}**")


def sigmoid_arithmetic(x, w, bias: float, z: float, output: float) -> tuple[str, str]:
    """The sigmoid neuron's computation with this laptop's numbers, as two lines of Markdown:
    "z = 0.5 × 0.6 + 0.9 × 0.9 + (−0.5) = **0.61**" and
    "σ(0.61) = 1 / (1 + e^(−0.61)) = **0.6479**"."""
    z_text = _plain(z)
    return (f"z = {weighted_sum_text(x, w, bias)} = **{z_text}**",
            f"σ({z_text}) = 1 / (1 + e^({_plain(-z)})) = **{output:.4f}**")


def answer_words(probability: float) -> tuple[bool, str]:
    """(buy?, "buy, 65% sure") from a buy probability."""
    buy = probability >= 0.5
    sure = probability if buy else 1.0 - probability
    return buy, f"{'buy' if buy else 'don’t buy'}, {100 * sure:.0f}% sure"


def verdict_html(buy: bool, text: str) -> str:
    """A large coloured badge in the app's buy / no-buy colour (text is escaped)."""
    color = BUY_COLOR if buy else NO_BUY_COLOR
    return (f'<div style="background:{color};color:white;padding:0.6rem 1rem;'
            f'border-radius:0.6rem;font-size:1.4rem;font-weight:600;display:inline-block">'
            f"{html.escape(text, quote=False)}</div>")
