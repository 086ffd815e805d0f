"""The share link: the page's laptop, table and settings in its query parameters.

`pink` and `small` are the friend's laptop (readable on their own), `data` the table and
`model` the settings with the seed, so a link (or a reload) trains the same model again.

Pure functions over plain mappings, so they are tested without Streamlit. A bad value never
raises: it is replaced by the default and a note says so in plain words (the note never
repeats the raw value, which may be hostile text).
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from laptop.deals import Deal, decode_deals, encode_deals
from laptop.recipe import LEARNING_RATES, RECIPE, VALIDATION_STEP, Settings

DEFAULT_LAPTOP = (0.1, 0.6)  # the tutorial's question: a bit pink, fairly small
PARAMS = ("pink", "small")
MAX_PARAM_CHARS = 32
QUESTIONS = {"pink": "how pink the laptop is", "small": "how small the laptop is"}


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
            notes.append(f"The link's answer to {QUESTIONS[name]} is not a number between "
                         f"0 and 1, so the page uses {values[name]:g} instead.")
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


# ---- the whole page in a link: table, settings (with the seed) and the laptop ------------
MAX_LINK_ROWS = 300  # a longer table is not put in the link (the CSV download carries it)
MAX_LINK_CHARS = 6_000  # nor one whose text would be longer than this
MAX_CELL_DECIMALS = 4  # hundredths with up to 4 more decimals: values kept to 1e-6
SETTING_CODES = (("hidden_units", "h", int), ("activation", "a", str),
                 ("learning_rate", "lr", float), ("epochs", "e", int),
                 ("batch_size", "b", int), ("initializer", "i", str),
                 ("validation_split", "v", float), ("seed", "s", int),
                 ("more_layers", "n", tuple))
# Written only when the model has more than one hidden layer (`n8-8`: two more layers of 8),
# so a one-layer link reads exactly as it always did, and an older link without it is one
# layer, with no note.
OPTIONAL_SETTINGS = ("more_layers",)
_LAYERS = re.compile(r"\d{1,2}(-\d{1,2}){0,4}")
SETTING_WORDS = {"hidden_units": "the number of hidden neurons", "activation": "the activation",
                 "learning_rate": "the learning rate", "epochs": "the number of epochs",
                 "batch_size": "the batch size", "initializer": "the starting weights",
                 "validation_split": "the share held out for validation", "seed": "the seed",
                 "more_layers": "the hidden layers after the first"}
_CELL = re.compile(rf"\d{{1,3}}(\.\d{{1,{MAX_CELL_DECIMALS}}})?")


def _cell(value: float) -> str:
    """A value in [0, 1] as hundredths: 0.1 -> "10", 0.125 -> "12.5" (exact to 1e-6)."""
    hundredths = Decimal(repr(float(value))).scaleb(2).quantize(Decimal(1).scaleb(
        -MAX_CELL_DECIMALS))
    text = format(hundredths.normalize(), "f")
    return text


def _value(cell: str) -> float:
    return float(Decimal(cell).scaleb(-2))  # decimal arithmetic: "10" -> exactly float("0.1")


def encode_table(x, y) -> str:
    """Rows `pink-small-buy` in hundredths, joined by `_`: "10-10-0_30-30-0_50-60-1"."""
    return "_".join(f"{_cell(pink)}-{_cell(small)}-{int(buy)}"
                    for (pink, small), buy in zip(x, y, strict=True))


def decode_table(text: str) -> tuple[list[tuple[float, float]], list[int]]:
    """The rows of an encoded table. Raises ValueError with a plain-words message (that never
    repeats the link's text) when the text is not a table this page wrote."""
    text = (text or "").strip()
    if len(text) > MAX_LINK_CHARS:
        raise ValueError("The table in the link is longer than a link table can be.")
    parts = text.split("_") if text else []
    if not parts:
        raise ValueError("The link holds no table.")
    if len(parts) > MAX_LINK_ROWS:
        raise ValueError(f"The link holds more than {MAX_LINK_ROWS} laptops.")
    x, y = [], []
    for number, part in enumerate(parts, start=1):
        cells = part.split("-")
        if (len(cells) != 3 or not all(_CELL.fullmatch(c) for c in cells[:2])
                or cells[2] not in ("0", "1")
                or not all(0.0 <= _value(c) <= 1.0 for c in cells[:2])):
            raise ValueError(f"Laptop {number} in the link is not readable.")
        x.append((_value(cells[0]), _value(cells[1])))
        y.append(int(cells[2]))
    return x, y


def table_link_text(x, y) -> str | None:
    """The table's link text, or None when the table is too long for a link."""
    if len(y) > MAX_LINK_ROWS:
        return None
    text = encode_table(x, y)
    return text if len(text) <= MAX_LINK_CHARS else None


def encode_settings(settings: Mapping) -> str:
    """Settings as `h3~arelu~lr0.1~...`, in a fixed order. Whole numbers are written in full
    (a seed of 1234567 stays "1234567", never "1.23457e+06") and floats as their shortest
    exact form, so every value comes back unchanged."""
    return "~".join(f"{code}{_encode_value(settings[name], kind)}"
                    for name, code, kind in SETTING_CODES
                    if name not in OPTIONAL_SETTINGS or settings.get(name))


def _encode_value(value, kind) -> str:
    if kind is tuple:
        return "-".join(str(int(v)) for v in value)
    if kind is int:
        return str(int(value))
    if kind is float:
        return repr(float(value))
    return str(value)


def decode_settings(text: str) -> dict:
    """The settings in a link, as a dict of the fields it holds; fields that cannot be read
    are left out (the caller keeps its own values for them and checks the rest)."""
    out: dict = {}
    for part in (text or "")[:400].split("~"):
        for name, code, kind in sorted(SETTING_CODES, key=lambda c: -len(c[1])):
            if part.startswith(code) and name not in out:
                raw = part[len(code):]
                if kind is tuple:
                    if _LAYERS.fullmatch(raw):
                        out[name] = tuple(int(v) for v in raw.split("-"))
                    break
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


def _widget_can_hold(name: str, value) -> bool:
    """The page's settings widgets offer these values only (a link may hold others)."""
    if name == "learning_rate":
        return value in LEARNING_RATES
    if name == "validation_split":
        return abs(value / VALIDATION_STEP - round(value / VALIDATION_STEP)) < 1e-9
    return True


def read_settings(text: str | None, default: Settings = RECIPE) -> tuple[Settings, list[str]]:
    """The settings a link holds, field by field: a missing or unusable field keeps the
    default, and each unusable one is named in a plain-words note."""
    fields = decode_settings(text or "")
    chosen = default.to_dict()
    written = {part[:1] for part in (text or "")[:400].split("~")}
    bad = []
    for name, code, _ in SETTING_CODES:
        if name not in fields:
            if text and (name not in OPTIONAL_SETTINGS or code in written):
                bad.append(name)
            continue
        candidate = Settings(**{**chosen, name: fields[name]})
        if candidate.problems() or not _widget_can_hold(name, fields[name]):
            bad.append(name)
        else:
            chosen[name] = fields[name]
    notes = []
    if len(bad) >= len(SETTING_CODES) - len(OPTIONAL_SETTINGS):
        notes.append("The link's model settings could not be read, so the page uses the "
                     "tutorial's recipe.")
    elif bad:
        words = ", ".join(SETTING_WORDS[name] for name in bad)
        notes.append(f"The link's value for {words} could not be used, so the page uses the "
                     "recipe's value instead.")
    return Settings(**chosen), notes


@dataclass(frozen=True)
class SharedPage:
    """Everything a link restores; parts it did not hold (or held badly) are defaults."""
    x: tuple[tuple[float, float], ...] | None  # None: no usable table in the link
    y: tuple[int, ...] | None
    settings: Settings
    laptop: SharedLaptop
    notes: tuple[str, ...] = ()
    deals: tuple[Deal, ...] = ()  # the friend's short list (laptop.deals), `deals=`

    @property
    def from_link(self) -> bool:
        return (self.x is not None or self.settings != RECIPE or self.laptop.from_link
                or bool(self.deals))


def read_page(params: Mapping) -> SharedPage:
    """Read the table (`data`), the settings and seed (`model`), the laptop (`pink`,
    `small`) and the list of deals (`deals`) from query parameters. Never raises; every
    unusable part gets a note."""
    notes = []
    x = y = None
    raw_table = _first(params.get("data")) if "data" in params else None
    if raw_table is not None:
        try:
            x, y = decode_table(raw_table)
        except ValueError as error:
            notes.append(f"{error} The page starts from the tutorial's table instead.")
    raw_settings = _first(params.get("model")) if "model" in params else None
    settings, setting_notes = read_settings(raw_settings)
    notes += setting_notes
    shared_laptop = read_laptop(params)
    notes += shared_laptop.notes
    shared_deals = decode_deals(_first(params.get("deals")) if "deals" in params else None)
    notes += shared_deals.notes
    return SharedPage(None if x is None else tuple(x), None if y is None else tuple(y),
                      settings, shared_laptop, tuple(notes), shared_deals.deals)


def page_params(x, y, settings: Settings, pink: float, small: float) -> dict[str, str | None]:
    """The query parameters for the page's state; `data` is None when the table is too long
    for a link (the caller removes it from the address)."""
    return {**laptop_params(pink, small), "data": table_link_text(x, y),
            "model": encode_settings(settings.to_dict())}


def deals_params(deals: tuple[Deal, ...]) -> dict[str, str | None]:
    """The query parameter for the list of deals: `deals` is None for an empty list (the
    caller removes it from the address)."""
    return {"deals": encode_deals(deals)}
