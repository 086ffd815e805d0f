"""The verdict in words for the friend: "Buy it: 55% sure. Don't buy: 45%."."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    buy_probability: float
    buy_percent: int  # rounded; buy_percent + no_buy_percent == 100
    no_buy_percent: int
    buy: bool  # the answer: True when buy is at least as likely as don't buy
    headline: str  # "Buy it" / "Don't buy it"
    sentence: str  # "Buy it: 55% sure. Don't buy: 45%."
    confidence: str  # "not very sure" / "fairly sure" / "very sure"

    @property
    def no_buy_probability(self) -> float:
        return 1.0 - self.buy_probability


def confidence_words(probability_of_answer: float) -> str:
    """How sure the model is of its own answer (a probability in [0.5, 1])."""
    if probability_of_answer < 0.6:
        return "not very sure"
    if probability_of_answer < 0.8:
        return "fairly sure"
    return "very sure"


def verdict(buy_probability: float) -> Verdict:
    """Words for a buy probability in [0, 1]. Raises ValueError for nan or values outside."""
    p = float(buy_probability)
    if not math.isfinite(p) or not 0.0 <= p <= 1.0:
        raise ValueError(f"buy probability must be a number in [0, 1]. Received: {p!r}")
    buy_percent = int(math.floor(p * 100 + 0.5))
    no_buy_percent = 100 - buy_percent
    buy = p >= 0.5
    headline = "Buy it" if buy else "Don't buy it"
    if buy:
        sentence = f"Buy it: {buy_percent}% sure. Don't buy: {no_buy_percent}%."
    else:
        sentence = f"Don't buy it: {no_buy_percent}% sure. Buy: {buy_percent}%."
    return Verdict(p, buy_percent, no_buy_percent, buy, headline, sentence,
                   confidence_words(max(p, 1.0 - p)))
