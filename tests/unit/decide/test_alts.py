"""Buy the Laptop's text alternatives and verdict words, each number checked against one
computed here another way (counted by hand, read from the history's last entry)."""

import re

import numpy as np
import pytest

from decide.figures import (
    confusion_alt,
    data_scatter_alt,
    network_diagram_alt,
    training_curves_alt,
    training_curves_table,
    verdict_bar_alt,
    verdict_bar_figure,
    verdict_map_alt,
)
from decide.words import announcement, verdict_heading
from laptop.verdict import verdict


@pytest.mark.parametrize("p, buy, no_buy", [(0.937, 94, 6), (0.5, 50, 50), (0.004, 0, 100),
                                            (0.555, 56, 44), (1.0, 100, 0)])
def test_the_verdict_bar_alt_says_both_percentages_as_the_bar_shows_them(p, buy, no_buy):
    assert verdict_bar_alt(p) == f"How sure the model is. Buy: {buy}%, don't buy: {no_buy}%."
    # the same numbers the bar writes on itself (its labels end in "N%")
    shown = [int(re.search(r"(\d+)%", t.text[0]).group(1)) for t in verdict_bar_figure(p).data]
    assert shown == [buy, no_buy]


def test_the_verdict_map_alt_uses_the_verdict_s_own_probability():
    axis = np.linspace(0, 1, 5)
    grid = np.tile(axis, (5, 1))  # P(buy) = pink
    x, y = np.array([[0.1, 0.1], [0.9, 0.9], [0.8, 0.2]]), np.array([0, 1, 1])
    text = verdict_map_alt(axis, grid, x, y, (0.7, 0.4), 0.6812)
    assert "P(buy) is 68%" in text and "(pink 0.70, small 0.40)" in text
    assert "2 buy" in text and "1 don't buy" in text
    assert "(pink 0.50, small 0.00) and (pink 0.50, small 1.00)" in text


def test_the_data_scatter_alt_counts_and_ranges():
    x = np.array([[0.2, 0.9], [0.75, 0.1], [0.4, 0.6], [0.05, 0.35]])
    y = np.array([1, 0, 1, 1])
    text = data_scatter_alt(x, y, highlight=(0.33, 0.5))
    assert text == ("The laptops in the table: 4 rows, 3 buy and 1 don't buy; pink from 0.05 "
                    "to 0.75, small from 0.10 to 0.90. Your laptop: pink 0.33, small 0.50.")
    assert data_scatter_alt(np.zeros((0, 2)), np.zeros(0)).startswith(
        "The laptops in the table: 0 rows, 0 buy and 0 don't buy.")


def test_the_training_alt_reads_the_last_epoch():
    history = {"loss": [0.9, 0.41234], "accuracy": [0.5, 0.875],
               "val_loss": [1.0, 0.66666], "val_accuracy": [0.0, 0.5]}
    text = training_curves_alt(history)
    assert "2 epochs" in text
    assert f"loss {history['loss'][-1]:.3f}" in text  # 0.412
    assert "right on 88% of the training rows" in text  # 7 of 8 rows
    assert "validation rows loss 0.667, right on 50%" in text
    no_validation = training_curves_alt({"loss": [0.3], "accuracy": [1.0]})
    assert "1 epoch." in no_validation and "validation" not in no_validation
    assert "No epoch" in training_curves_alt({})


def test_the_training_table_holds_every_epoch_of_every_curve():
    history = {"loss": [0.9, 0.4, 0.2], "accuracy": [0.5, 0.75, 1.0]}
    table = training_curves_table(history)
    assert table == {"epoch": [1, 2, 3], "loss (training rows)": [0.9, 0.4, 0.2],
                     "accuracy (training rows)": [0.5, 0.75, 1.0]}


def test_the_confusion_alt_gives_the_four_counts():
    y_true = np.array([1, 1, 1, 0, 0, 1, 0, 1, 0])
    y_pred = np.array([1, 0, 1, 0, 1, 1, 0, 1, 0])
    # counted by hand: buy/buy 4, buy/don't 1, don't/buy 1, don't/don't 3
    text = confusion_alt(y_true, y_pred)
    for count, table, model in ((4, "buy", "buy"), (1, "buy", "don't buy"),
                                (1, "don't buy", "buy"), (3, "don't buy", "don't buy")):
        assert re.search(rf"\b{count} the table says {table} and the model says {model}[;.]",
                         text), (count, table, model, text)
    assert text.endswith("7 right and 2 wrong of 9.")


def test_the_network_alt_names_layer_sizes_and_activations():
    kernels = [np.array([[0.5, -1.2, 0.1], [0.3, 0.2, -0.4]]), np.array([[1.0, -2.5],
                                                                         [0.1, 0.2],
                                                                         [0.3, 0.4]])]
    text = network_diagram_alt(kernels, ["relu", "softmax"])
    assert text == ("The network: 2 inputs, then 3 neurons (relu), then 2 outputs (softmax); "
                    "12 weights, the largest -2.500.")


@pytest.mark.parametrize("p, heading, line", [
    (0.937, "## :green[Buy it]", "The model's answer: buy it, 94% sure (don't buy: 6%)."),
    (0.2, "## :orange[Don't buy it]", "The model's answer: don't buy it, 80% sure (buy: 20%)."),
    (0.5, "## :green[Buy it]", "The model's answer: buy it, 50% sure (don't buy: 50%)."),
])
def test_the_verdict_heading_has_no_icon_and_the_announcement_repeats_the_verdict(
        p, heading, line):
    answer = verdict(p)
    assert verdict_heading(answer) == heading  # an icon would be read: "thumb_up icon"
    assert announcement(answer) == line
    # worded unlike the verdict's sentence, which the page shows exactly once
    assert answer.sentence not in line


def test_the_vote_leads_as_a_heading_without_icon_and_the_announcement_starts_with_it():
    from decide.words import own_model_heading, vote_heading
    from laptop.consensus import Vote

    result = Vote(buy_votes=46, voters=50, stuck=0, blew_up=0, size=50, buy=True, sure=0.88,
                  probabilities=np.full(50, 0.88), voter_seeds=tuple(range(50)),
                  lead="46 of 50 networks say buy", how_sure="(on average 88% sure)",
                  why=None, left_out=None)
    assert vote_heading(result) == ("## :green[**46 of 50 networks say buy**] "
                                    "(on average 88% sure)")
    answer = verdict(0.2)
    assert own_model_heading(answer) == "### Your model, one of them: :orange[Don't buy it]"
    assert announcement(answer, result.headline) == (
        "46 of 50 networks say buy (on average 88% sure). "
        "The model's answer: don't buy it, 80% sure (buy: 20%).")
    split = Vote(buy_votes=2, voters=4, stuck=0, blew_up=0, size=4, buy=None, sure=None,
                 probabilities=np.array([0.4, 0.6, 0.3, 0.7]), voter_seeds=(0, 1, 2, 3),
                 lead="The networks are split: 2 say buy, 2 don't", how_sure=None, why=None,
                 left_out=None)
    assert vote_heading(split) == "## :gray[**The networks are split: 2 say buy, 2 don't**]"
