"""The share link: read and write the laptop (pink, small) in the page's query parameters.

Pure functions over plain mappings, so they are tested without Streamlit. A bad value never
raises: it is replaced by the default and a note says so in plain words (the note never
repeats the raw value, which may be hostile text).
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_LAPTOP = (0.1, 0.6)  # the tutorial's question: a bit pink, fairly small
PARAMS = ("pink", "small")
MAX_PARAM_CHARS = 32
QUESTIONS = {"pink": "how pink it is", "small": "how small it is"}


@dataclass(frozen=True)
class SharedLaptop:
    pink: float
    small: float
    notes: tuple[str, ...] = ()
    from_link: bool = False  # True when at least one valid value came from the link


def _first(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return str(value[-1]) if value else None
    return str(value)


def parse_fraction(text: str | None) -> float | None:
    """A number in [0, 1] from link text, or None when it is missing, not a number or outside."""
    if text is None:
        return None
    text = text.strip()
    if not text or len(text) > MAX_PARAM_CHARS:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        return None
    return value


def read_laptop(params: Mapping, default: tuple[float, float] = DEFAULT_LAPTOP) -> SharedLaptop:
    """The laptop a link describes; missing values take the default, bad values too (noted)."""
    values = dict(zip(PARAMS, default, strict=True))
    notes = []
    from_link = False
    for name in PARAMS:
        raw = _first(params.get(name)) if name in params else None
        if raw is None:
            continue
        value = parse_fraction(raw)
        if value is None:
            notes.append(f"The link's value for {QUESTIONS[name]} is not a number between 0 and "
                         f"1, so the page uses {values[name]:g} instead.")
        else:
            values[name] = round(value, 2)  # the sliders move in steps of 0.01
            from_link = True
    return SharedLaptop(values["pink"], values["small"], tuple(notes), from_link)


def format_fraction(value: float) -> str:
    """Short text for a value in [0, 1]: 0.1, 0.65, 1 (at most 2 decimals)."""
    return f"{round(float(value), 2):g}"


def laptop_params(pink: float, small: float) -> dict[str, str]:
    """The query parameters that describe a laptop."""
    return {"pink": format_fraction(pink), "small": format_fraction(small)}


def share_query(pink: float, small: float) -> str:
    """`pink=0.1&small=0.6`: the part after `?` in a share link."""
    return "&".join(f"{k}={v}" for k, v in laptop_params(pink, small).items())


# ---- the whole table and the settings in a link (groundwork for restoring a page on reload)
MAX_LINK_ROWS = 200  # keeps a link under about 2,000 characters
SETTING_CODES = (("hidden_units", "h", int), ("activation", "a", str),
                 ("learning_rate", "lr", float), ("epochs", "e", int),
                 ("batch_size", "b", int), ("initializer", "i", str),
                 ("validation_split", "v", float), ("seed", "s", int))


def encode_table(x, y) -> str:
    """Rows as hundredths, `pink-small-buy` joined by `.`: "10-10-0.50-60-1"."""
    rows = []
    for (pink, small), buy in zip(x, y, strict=True):
        rows.append(f"{round(float(pink) * 100)}-{round(float(small) * 100)}-{int(buy)}")
    return ".".join(rows)


def decode_table(text: str) -> tuple[list[tuple[float, float]], list[int]]:
    """The rows of an encoded table. Raises ValueError with a plain-words message (that never
    repeats the link's text) when the text is not a table this page wrote."""
    text = (text or "").strip()
    parts = text.split(".") if text else []
    if not parts:
        raise ValueError("The link holds no table.")
    if len(parts) > MAX_LINK_ROWS:
        raise ValueError(f"The link holds more than {MAX_LINK_ROWS} laptops.")
    x, y = [], []
    for number, part in enumerate(parts, start=1):
        cells = part.split("-")
        if (len(cells) != 3 or not all(c.isdigit() and len(c) <= 3 for c in cells)
                or int(cells[0]) > 100 or int(cells[1]) > 100 or cells[2] not in ("0", "1")):
            raise ValueError(f"Laptop {number} in the link is not readable.")
        x.append((int(cells[0]) / 100, int(cells[1]) / 100))
        y.append(int(cells[2]))
    return x, y


def encode_settings(settings: Mapping) -> str:
    """Settings as `h3~arelu~lr0.1~...`, in a fixed order."""
    return "~".join(f"{code}{settings[name]:g}" if kind is not str else f"{code}{settings[name]}"
                    for name, code, kind in SETTING_CODES)


def decode_settings(text: str) -> dict:
    """The settings in a link, as a dict of the fields it holds; fields that cannot be read
    are left out (the caller keeps its own values for them and checks the rest)."""
    out: dict = {}
    for part in (text or "")[:400].split("~"):
        for name, code, kind in sorted(SETTING_CODES, key=lambda c: -len(c[1])):
            if part.startswith(code) and name not in out:
                raw = part[len(code):]
                try:
                    value = kind(raw) if kind is not int else int(raw)
                except ValueError:
                    break
                if kind is float and not math.isfinite(value):
                    break
                if kind is str and not (raw.replace("_", "").isalnum() and len(raw) <= 30):
                    break
                out[name] = value
                break
    return out
