"""The verdict words the friend reads."""

import math
import re

import pytest

from laptop.verdict import verdict


def test_tutorial_example_reads_as_a_hesitant_buy():
    v = verdict(0.55)
    assert v.buy and v.headline == "Buy it"
    assert v.sentence == "Buy it: 55% sure. Don't buy: 45%."
    assert v.confidence == "not very sure"


def test_no_buy_leads_with_its_own_share():
    v = verdict(0.08)
    assert not v.buy and v.sentence == "Don't buy it: 92% sure. Buy: 8%."
    assert v.headline == "Don't buy it"
    assert v.confidence == "very sure"
    assert math.isclose(v.no_buy_probability, 0.92)


# Percentages rounded by hand, half up: 0.666 -> 66.6% -> 67, 0.005 -> 0.5% -> 1 (a
# truncating verdict would say 66 and 0).
@pytest.mark.parametrize(("p", "buy", "no_buy"), [
    (0.0, 0, 100), (0.004, 0, 100), (0.005, 1, 99), (0.333, 33, 67), (0.5, 50, 50),
    (0.666, 67, 33), (0.689, 69, 31), (0.994, 99, 1), (0.996, 100, 0), (1.0, 100, 0)])
def test_percentages_are_rounded_to_the_nearest_whole_percent(p, buy, no_buy):
    v = verdict(p)
    assert (v.buy_percent, v.no_buy_percent) == (buy, no_buy)
    numbers = [int(n) for n in re.findall(r"(\d+)%", v.sentence)]
    assert numbers == ([buy, no_buy] if p >= 0.5 else [no_buy, buy])


def test_half_is_read_as_buy_and_confidence_grows():
    assert verdict(0.5).buy
    assert [verdict(p).confidence for p in (0.45, 0.7, 0.9)] == [
        "not very sure", "fairly sure", "very sure"]


# The words change at 60% and 80% sure of the answer given, for buy and don't buy alike.
@pytest.mark.parametrize(("p", "words"), [
    (0.5, "not very sure"), (0.599, "not very sure"), (0.6, "fairly sure"),
    (0.799, "fairly sure"), (0.8, "very sure"), (0.85, "very sure"), (1.0, "very sure"),
    (0.401, "not very sure"), (0.4, "fairly sure"), (0.201, "fairly sure"),
    (0.2, "very sure"), (0.15, "very sure")])
def test_confidence_words_change_at_60_and_80_percent(p, words):
    assert verdict(p).confidence == words


@pytest.mark.parametrize("bad", [float("nan"), -0.1, 1.2, float("inf")])
def test_impossible_probabilities_raise(bad):
    with pytest.raises(ValueError, match="Received"):
        verdict(bad)
