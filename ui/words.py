"""Words and numbers written for a learner, shared by the pages: short decimals, shares as
percentages, huge or tiny values as powers of ten, and the activations' names."""

# What the pages call each nncore activation (its registry name -> words on the screen).
ACTIVATION_NAMES = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU",
                    "leaky_relu": "leaky ReLU", "elu": "ELU", "linear": "linear"}


def num(value: float, digits: int = 4) -> str:
    """A short decimal: at most `digits` decimals, trailing zeros dropped, no "-0"."""
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text



def pct(share: float) -> str:
    """A share as a percentage a learner reads at a glance: 0%, 0.1%, 19.8%, 100%."""
    if share in (0.0, 1.0):
        return f"{share:.0%}"
    return f"{100 * share:.1f}%"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def readable(value: float) -> str:
    """3 significant digits; very large or small numbers as 6.7 × 10¹² instead of 6.7e+12."""
    value = float(value)
    if 1e3 <= abs(value) < 1e6:
        return f"{float(f'{value:.3g}'):,.0f}"
    if value == 0 or 1e-3 <= abs(value) < 1e3:
        return f"{value:.3g}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"
