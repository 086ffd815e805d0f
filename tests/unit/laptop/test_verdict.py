"""The verdict words the friend reads."""

import math

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
    assert v.confidence == "very sure"
    assert math.isclose(v.no_buy_probability, 0.92)


@pytest.mark.parametrize("p", [0.0, 0.004, 0.005, 0.333, 0.5, 0.666, 0.995, 1.0])
def test_percentages_always_add_to_100(p):
    v = verdict(p)
    assert v.buy_percent + v.no_buy_percent == 100
    assert 0 <= v.buy_percent <= 100


def test_half_is_read_as_buy_and_confidence_grows():
    assert verdict(0.5).buy
    assert [verdict(p).confidence for p in (0.45, 0.7, 0.9)] == [
        "not very sure", "fairly sure", "very sure"]


@pytest.mark.parametrize("bad", [float("nan"), -0.1, 1.2, float("inf")])
def test_impossible_probabilities_raise(bad):
    with pytest.raises(ValueError, match="Received"):
        verdict(bad)
