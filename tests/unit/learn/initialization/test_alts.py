"""The Initialization charts' text alternatives, against numbers computed here."""

import numpy as np

from learn.initialization import figures


def test_unit_weights_alt_gives_each_unit_at_the_start_and_the_end():
    w = np.zeros((4, 2, 2))  # 3 epochs, 2 units, weights from 2 inputs
    w[0] = [[0.1, -0.2], [0.1, -0.2]]
    w[3] = [[1.5, -0.25], [0.125, 2.0]]
    text = figures.unit_weights_alt(w, "Glorot normal (yours)")
    assert text.startswith("Hidden units' weights, Glorot normal (yours): 2 units over 3 epochs")
    assert "At the start: unit 1 0.1, -0.2; unit 2 0.1, -0.2." in text
    assert text.endswith("After epoch 3: unit 1 1.5, -0.25; unit 2 0.125, 2.")


def test_unit_gap_and_accuracy_alts_read_first_last_and_best():
    gaps = {"Zeros": np.zeros(5), "Glorot": np.array([0.4, 0.9, 1.3, 1.2, 1.25])}
    text = figures.unit_gap_alt(gaps)
    assert "Zeros: 0 at the start, 0 after epoch 4 (largest 0)" in text
    assert "Glorot: 0.4 at the start, 1.25 after epoch 4 (largest 1.3)" in text
    acc = {"Zeros": np.array([0.5, 0.5, 0.5]), "Glorot": np.array([0.25, 1.0, 0.75])}
    text = figures.accuracy_curves_alt(acc, "XOR points right")
    assert text.startswith("XOR points right. ")
    assert "Zeros: 50% after epoch 1, 50% after epoch 3 (best 50%)" in text
    assert "Glorot: 25% after epoch 1, 75% after epoch 3 (best 100%)" in text


def test_unit_tables_alt_writes_every_number_as_the_heatmap_does():
    tables = {"A": np.array([[0.123, -1.0], [2.005, 0.0]])}
    text = figures.unit_tables_alt(tables, ("from input 1", "bias"), "The hidden units now")
    assert text == ("The hidden units now. A: unit 1: from input 1 0.12, bias -1.00; "
                    "unit 2: from input 1 2.00, bias 0.00.")  # 2.005 is 2.00499... in binary


def test_depth_alts_give_the_first_and_last_layer():
    spreads = {"Zeros": np.array([1.0, 0.0, 0.0]), "He": np.array([1.0, 0.8, 4.5e-7])}
    text = figures.depth_spread_alt(spreads, highlight="He")
    assert text.startswith("Spread of the signal, layer by layer, log scale. He (yours): ")
    assert "He (yours): 1 at layer 0, 4.5 × 10⁻⁷ at layer 2" in text
    assert "Zeros: 1 at layer 0, 0 at layer 2" in text
    grads = figures.depth_spread_alt({"He": np.array([0.5, 0.25])}, title="Corrections",
                                     first_layer=1)
    assert grads == "Corrections, log scale. He: 0.5 at layer 1, 0.25 at layer 2."
    p = np.array([[-2.3, -1.6, -0.67, 0.0, 0.67, 1.6, 2.3],
                  [-0.2, -0.1, -0.05, 0.001, 0.05, 0.1, 0.2]])
    box = figures.depth_box_alt(p, "He normal, tanh")
    assert box == ("What each layer puts out, He normal, tanh. the input: median 0, middle half "
                   "-0.67 to 0.67, 5% to 95% -1.6 to 1.6; layer 1: median 0.001, middle half "
                   "-0.05 to 0.05, 5% to 95% -0.1 to 0.1.")


def test_population_alts_match_the_shares_and_the_runs():
    names = ["Zeros", "He normal"]
    rng = np.random.default_rng(0)
    accuracy = np.array([9, 9, 9, 5, 7, 9, 9, 5]) / 9  # 5 all right, 2 stuck, 1 in between
    losses = [np.full(8, np.log(2)), rng.uniform(0.01, 0.5, 8)]
    shares, runs, loss = figures.population_alts(
        names, [0.0, 5 / 8], [1.0, 2 / 8], losses, chosen=1, chosen_accuracy=accuracy)
    assert shares == ("How the runs end, start by start. Zeros: 0% all 9 right, 100% stuck; "
                      "He normal: 62.5% all 9 right, 25.0% stuck.")
    assert runs == ("How 8 runs from He normal end, laptops right of 9: 5 right in 25.0%, "
                    "7 right in 12.5%, 9 right in 62.5%.")
    assert f"He normal {float(np.median(losses[1])):.3g}" in loss
    assert "Zeros 0.693" in loss and "coin flip scores 0.693" in loss
