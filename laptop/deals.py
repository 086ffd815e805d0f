"""Several laptops at once: the short list of deals the friend is weighing, kept in the page
address (`deals=`), and ranked by the vote. No streamlit.

A deal is a laptop (pink, small, in hundredths like the sliders), with an optional name (the
visitor's own text: plain, at most MAX_NAME_CHARS characters, control characters dropped)
and an optional price (a positive number, at most MAX_PRICE, shown as typed: no currency).

The address text is versioned: `1~10-60-1299-Dell XPS~80-20--` is version 1 then one deal
per `~`: pink and small in hundredths, the price (empty: none) and the name (last, so it
may hold `-`; a `~` or `%` in it is written `%7E` / `%25`). The whole text is refused by
its length before anything is parsed; a deal that cannot be read is left out with a note
that never repeats the link's text, and the others are kept.
"""

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

import numpy as np

from laptop.consensus import Consensus, vote
from laptop.verdict import verdict

MAX_DEALS = 10
MAX_NAME_CHARS = 30
MAX_PRICE = 1_000_000  # a bound, whatever the currency
VERSION = "1"
# Version, then per deal: "100-100-1000000.00-" and a name of 30 characters, each of which
# may be written as "%7E" (3): 10 x 109 + 2, rounded up.
MAX_DEALS_CHARS = 1_200
_HUNDREDTHS = re.compile(r"\d{1,3}")
_PRICE = re.compile(r"\d{1,7}(\.\d{1,2})?")


@dataclass(frozen=True)
class Deal:
    """One laptop on the list: pink and small in [0, 1] (hundredths), `name` ("" for none,
    already clean: see clean_name), `price` (None for none)."""

    pink: float
    small: float
    name: str = ""
    price: float | None = None

    def label(self, position: int) -> str:
        """The name, or for a laptop without one a letter for its place in the list ("Laptop
        C" for the third): never a number, which read like its rank ("2. Laptop 3" was the
        third laptop of the list, ranked 2nd). Short enough for a map's label.

        >>> Deal(0.9, 0.1, "Dell").label(1), Deal(0.55, 0.5).label(3)
        ('Dell', 'Laptop C')
        """
        return self.name or f"Laptop {chr(ord('A') + position - 1)}"


def clean_name(text: object) -> str:
    """Visitor text as a deal's name: control and format characters (a right-to-left
    override, a zero-width space...) dropped, line breaks, tabs and runs of spaces made one
    space, cut to MAX_NAME_CHARS.

    >>> clean_name("  Dell\\tXPS\\n 13 ")
    'Dell XPS 13'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return _one_line(str(text)[:10 * MAX_NAME_CHARS])[:MAX_NAME_CHARS].strip()


def _one_line(text: str) -> str:
    """`text` without control or format characters, with every run of spaces (line breaks
    and tabs too) made one space."""
    kept = "".join(" " if c in "\t\n\r" or unicodedata.category(c) in ("Zs", "Zl", "Zp")
                   else c for c in text if not unicodedata.category(c).startswith("C")
                   or c in "\t\n\r")
    return " ".join(kept.split())


def parse_price(value: object) -> float | None:
    """A price from typed text or a number: positive, at most MAX_PRICE, kept to cents;
    None when missing or unusable ("12,5" and "abc" are unusable).

    >>> parse_price("1299"), parse_price(" 899.5 "), parse_price("0"), parse_price("1e9")
    (1299.0, 899.5, None, None)
    """
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = str(value).strip()[:16]
        if not _PRICE.fullmatch(text):
            return None
        number = float(text)
    if not math.isfinite(number) or not 0 < number <= MAX_PRICE:
        return None
    return round(number, 2)


def format_price(price: float | None) -> str:
    """The price as the visitor would type it, without a currency: 1299, 899.50.

    >>> format_price(1299.0), format_price(899.5), format_price(None)
    ('1299', '899.50', '')
    """
    if price is None:
        return ""
    return f"{price:.0f}" if float(price).is_integer() else f"{price:.2f}"


def make_deal(pink: float, small: float, name: object = "", price: object = None) -> Deal:
    """A deal from typed values: pink and small held to [0, 1] and to hundredths, the name
    cleaned, the price parsed (unusable: none)."""
    pink, small = (round(min(max(float(v), 0.0), 1.0), 2) for v in (pink, small))
    return Deal(pink, small, clean_name(name), parse_price(price))


def _escape(name: str) -> str:
    return name.replace("%", "%25").replace("~", "%7E")


def encode_deals(deals: Sequence[Deal]) -> str | None:
    """The list as address text (version first); None for an empty list.

    >>> encode_deals([Deal(0.1, 0.6, "Dell XPS", 1299.0), Deal(0.8, 0.2)])
    '1~10-60-1299-Dell XPS~80-20--'
    """
    if not deals:
        return None
    parts = [VERSION]
    for deal in deals[:MAX_DEALS]:
        parts.append(f"{round(deal.pink * 100)}-{round(deal.small * 100)}-"
                     f"{format_price(deal.price)}-{_escape(clean_name(deal.name))}")
    return "~".join(parts)


@dataclass(frozen=True)
class SharedDeals:
    deals: tuple[Deal, ...]
    notes: tuple[str, ...] = ()


def _read_deal(part: str) -> Deal | None:
    fields = part.split("-", 3)
    if len(fields) != 4:
        return None
    pink, small, price, name = fields
    if not (_HUNDREDTHS.fullmatch(pink) and _HUNDREDTHS.fullmatch(small)):
        return None
    if int(pink) > 100 or int(small) > 100:
        return None
    if price and parse_price(price) is None:
        return None
    return Deal(int(pink) / 100, int(small) / 100, clean_name(unquote(name)),
                parse_price(price) if price else None)


def decode_deals(text: object) -> SharedDeals:
    """The deals in address text. Never raises: text that is too long is refused before it
    is read; each deal that cannot be read is left out, with a note in plain words (never
    the link's own text), and the rest are kept; past MAX_DEALS the rest are left out."""
    if text is None:
        return SharedDeals(())
    text = str(text)
    if len(text) > MAX_DEALS_CHARS:
        return SharedDeals((), ("The list of laptops in the link is longer than a list of "
                                f"{MAX_DEALS} can be, so the page shows no list.",))
    text = text.strip()
    if not text:
        return SharedDeals(())
    version, _, rest = text.partition("~")
    if version != VERSION:
        return SharedDeals((), ("The list of laptops in the link is not one this page "
                                "wrote, so the page shows no list.",))
    parts = rest.split("~") if rest else []
    notes = []
    if len(parts) > MAX_DEALS:
        notes.append(f"The link's list holds more than {MAX_DEALS} laptops; the page keeps "
                     f"the first {MAX_DEALS}.")
        parts = parts[:MAX_DEALS]
    deals, unreadable, cut = [], [], []
    for number, part in enumerate(parts, start=1):
        deal = _read_deal(part)
        if deal is None:
            unreadable.append(number)
            continue
        if len(_one_line(unquote(part.split("-", 3)[3]))) > MAX_NAME_CHARS:
            cut.append(number)
        deals.append(deal)
    if unreadable:
        one = len(unreadable) == 1
        notes.append(f"{'Laptop' if one else 'Laptops'} {_numbers(unreadable)} of the link's "
                     f"list could not be read, so {'it is' if one else 'they are'} left out.")
    if cut:
        one = len(cut) == 1
        notes.append(f"The name{'' if one else 's'} of laptop{'' if one else 's'} "
                     f"{_numbers(cut)} in the link's list {'was' if one else 'were'} longer "
                     f"than {MAX_NAME_CHARS} characters and {'is' if one else 'are'} cut.")
    return SharedDeals(tuple(deals), tuple(notes))


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


@dataclass(frozen=True)
class RankedDeal:
    """One deal's place in the ranking and its verdict.

    `position`: its place in the list (from 1); `buy_share`: the share of voting networks
    saying buy (None without a vote); `buy_probability`: the voters' mean P(buy), or the
    model's own P(buy) without a vote; `buy`: the answer (the vote's leading answer; when
    the vote is split or missing, P(buy) >= 0.5); `agreement`: the vote's words ("46 of 50
    networks say buy (on average 88% sure)"), None without a vote."""

    rank: int
    position: int
    deal: Deal
    buy_share: float | None
    buy_probability: float
    buy: bool
    headline: str  # "Buy it" / "Don't buy it"
    agreement: str | None

    @property
    def label(self) -> str:
        return self.deal.label(self.position)


def rank_deals(deals: Sequence[Deal], consensus: Consensus | None = None,
               predict: Callable[[np.ndarray], np.ndarray] | None = None,
               share_map: tuple[np.ndarray, np.ndarray] | None = None) -> list[RankedDeal]:
    """The deals, best first. With a vote (`consensus` with voters): by the share of networks
    saying buy, then by their mean P(buy); else by the model's P(buy) (`predict`: rows ->
    P(buy)). Ties keep the list's order. `share_map`: the agreement map the page has drawn
    (spares the vote's words computing it again)."""
    if not deals:
        return []
    points = np.array([[d.pink, d.small] for d in deals], dtype=float)
    voting = consensus is not None and bool(np.any(consensus.voting))
    if voting:
        shares = consensus.buy_share(points)
        means = consensus.mean_buy(points)
        keys = [(-float(s), -float(m)) for s, m in zip(shares, means, strict=True)]
    else:
        if predict is None:
            raise ValueError("rank_deals needs a consensus with voters or a predict function")
        means = np.asarray(predict(points), dtype=float).reshape(-1)
        shares = [None] * len(deals)
        keys = [(-float(m),) for m in means]
    order = sorted(range(len(deals)), key=lambda i: (keys[i], i))
    ranked = []
    for rank, i in enumerate(order, start=1):
        p = float(np.clip(means[i], 0.0, 1.0))
        answer = verdict(p)
        buy, agreement = answer.buy, None
        if voting:
            result = vote(consensus, (deals[i].pink, deals[i].small), share_map=share_map)
            agreement = result.headline
            if result.buy is not None:
                buy = result.buy
        ranked.append(RankedDeal(rank, i + 1, deals[i],
                                 None if shares[i] is None else float(shares[i]), p, buy,
                                 "Buy it" if buy else "Don't buy it", agreement))
    return ranked
