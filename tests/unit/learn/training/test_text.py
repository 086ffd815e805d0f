"""What the Training page writes: every number it prints is checked against the plain NumPy
re-derivation (reference.py), formatted here by hand, and every claim in words against the
numbers it is about."""

import re

import numpy as np
import pytest

from laptop.data import tutorial_arrays
from laptop.recipe import RECIPE, build_model
from learn.training import text
from learn.training.one_step import one_step
from tests.unit.learn.training import reference as ref

XS, LABELS = tutorial_arrays()
NAMES = ("don't buy", "buy")


def f4(value, digits=4):
    """My own formatting of a printed number: fixed decimals, typographic minus, no −0."""
    out = f"{value:.{digits}f}"
    if float(out) == 0:
        out = out.lstrip("-")
    return out.replace("-", "\u2212")


def _mine(seed, row, steps=0):
    """Weights before the step (replayed by hand), and this step's numbers, by hand."""
    weights = build_model(RECIPE.__class__(seed=seed)).get_weights()
    x, target = XS[row], np.eye(2)[LABELS[row]]
    m = [np.zeros_like(w) for w in weights]
    v = [np.zeros_like(w) for w in weights]
    for t in range(1, steps + 1):
        weights, m, v, _, _ = ref.adam(weights, ref.backward(weights, x, target)["weights"],
                                       m, v, t)
    grads = ref.backward(weights, x, target)
    new, m, v, m_hat, v_hat = ref.adam(weights, grads["weights"], m, v, steps + 1)
    return weights, x, target, ref.forward(weights, x), grads, new, m, v, m_hat, v_hat


@pytest.fixture(scope="module")
def case():
    return one_step(0, 2, 0), _mine(0, 2)


def test_number_formatting():
    assert text.n(-0.00001) == "0.0000" and text.n(-0.5) == "−0.5000"
    assert text.t(-0.5) == "(−0.5000)" and text.t(0.5) == "0.5000"


def test_forward_lines_carry_the_hand_computed_sums_activations_and_softmax(case):
    step, (weights, x, target, (hz, ha, oz, p), *_ ) = case
    lines = text.forward_lines(step)
    w1, b1, w2, b2 = weights
    for j in range(3):
        line = lines[j]
        assert line.startswith(f"**h{j + 1}**")
        assert f"{f4(w1[0, j])} × {x[0]:.2f}" in line
        assert f"= **{f4(hz[j])}**" in line and f"a = **{f4(ha[j])}**" in line
        assert ("passes" in line) == (hz[j] > 0) and ("silent" in line) == (hz[j] <= 0)
    for k in range(2):
        assert lines[3 + k].startswith(f"**{NAMES[k]}**")
        assert lines[3 + k].endswith(f"= **{f4(oz[k])}**")
        assert lines[5 + k].endswith(f"= **{f4(p[k])}**")
    guess = int(p[1] > p[0])
    assert f"says **{NAMES[guess]}** ({100 * p[guess]:.1f}% sure)" in lines[-1]


def test_loss_lines_show_the_terms_and_the_hand_computed_loss(case):
    step, (weights, x, target, (_, _, _, p), *_ ) = case
    lines = text.loss_lines(step)
    loss = -np.mean(target * np.log(p) + (1 - target) * np.log(1 - p))
    assert f"= **{f4(loss)}**" in lines[1]
    assert f"1 × ln {f4(p[1])}" in lines[1] and f"0 × ln {f4(p[0])}" in lines[1]
    assert f"−ln {f4(p[1])} = {f4(-np.log(p[1]))}" in lines[2]
    assert f4(loss) == f4(-np.log(p[1]))  # the claim that it equals −ln P(right answer)
    assert f"{f4(np.log(2))} when it says 50/50" in lines[2]


def test_backward_lines_carry_every_hand_computed_gradient(case):
    step, (weights, x, target, (hz, _, _, p), grads, *_ ) = case
    lines = text.backward_lines(step)
    assert f"[{f4(grads['p'][0])}, {f4(grads['p'][1])}]" in lines[0]
    for k in range(2):
        assert f"{f4(p[k])} − {target[k]:.0f} = **{f4(grads['out_z'][k])}**" in lines[1 + k]
    for j in range(3):
        line = lines[3 + j]
        assert "dL/da = " in line and f"= {f4(grads['hidden_a'][j])};" in line
        assert line.endswith(f"dL/dz = **{f4(grads['hidden_z'][j])}**")
        assert ("lets it through" in line) == (hz[j] > 0)


def test_all_hidden_neurons_silent_is_said_when_it_is_true():
    silent = one_step(8, 1, 0)  # seed 8, row 2: every hidden z < 0 (by hand below)
    assert np.all(ref.forward(silent.weights, XS[1])[0] <= 0)
    assert any("All three hidden neurons are silent" in line
               for line in text.backward_lines(silent))
    assert not any("All three" in line for line in text.backward_lines(one_step(0, 2, 0)))


def test_gradient_rows_list_every_weight_with_its_gradient_and_estimate(case):
    step, (weights, x, target, _, grads, *_ ) = case
    rows = text.gradient_rows(step)
    flat_w = np.concatenate([w.ravel() for w in weights])
    flat_g = np.concatenate([g.ravel() for g in grads["weights"]])
    flat_e = np.concatenate([e.ravel() for e in ref.finite_difference(weights, x, target)])
    assert len(rows) == 17
    assert [r["weight"] for r in rows[:4]] == ["pink → h1", "pink → h2", "pink → h3",
                                               "small → h1"]
    assert rows[6]["weight"] == "bias of h1" and rows[-1]["weight"] == "bias of buy"
    assert rows[9]["weight"] == "h1 → don't buy"  # output kernel (3, 2), row-major
    for row, w, g, e in zip(rows, flat_w, flat_g, flat_e, strict=True):
        assert row["value"] == f4(w)
        assert row["gradient (backprop)"] == f4(g, 6)
        assert row["estimate (nudge the weight)"] == f4(e, 6)


def test_update_rows_show_both_methods_with_hand_computed_adam_moments(case):
    step, (weights, x, target, _, grads, new, m, v, m_hat, v_hat) = case
    rows = text.update_rows(step)
    flat = [np.concatenate([a.ravel() for a in arrays])
            for arrays in (weights, grads["weights"], new, m, m_hat)]
    for i, row in enumerate(rows):
        w, g, after, mi, mh = (a[i] for a in flat)
        assert row["now"] == f4(w) and row["gradient g"] == f4(g, 6)
        assert row["plain change −η·g"] == f4(-0.1 * g, 6)
        assert row["new (plain)"] == f4(w - 0.1 * g)
        assert row["m"] == f4(mi, 6) and row["m̂"] == f4(mh, 6)
        assert row["Adam change"] == f4(after - w, 6) and row["new (Adam)"] == f4(after)


def test_update_lines_state_adams_first_step_size_from_the_hand_step(case):
    step, (weights, _, _, _, grads, new, *_ ) = case
    lines = text.update_lines(step)
    g = np.concatenate([a.ravel() for a in grads["weights"]])
    change = np.concatenate([(b - a).ravel() for a, b in zip(weights, new, strict=True)])
    moving = g != 0
    assert f"the biggest move is {f4(np.max(np.abs(0.1 * g)))}" in lines[0]
    assert f"that move {f4(np.min(np.abs(0.1 * g[moving])))}" in lines[0]
    assert "Adam's first step (t = 1)" in lines[1]
    assert (f"between {f4(np.min(np.abs(change[moving])), 8)} and "
            f"{f4(np.max(np.abs(change)), 8)}") in lines[1]
    assert all(abs(abs(c) - 0.1) < 1e-5 for c in change[moving])  # the claim "about 0.1"
    assert f"{int((~moving).sum())} weights have a gradient of exactly 0" in lines[2]
    assert lines[2].endswith("and so does Adam.")  # at t = 1 a zero gradient moves nothing
    assert np.all(change[~moving] == 0)


def test_after_earlier_steps_adam_moves_some_zero_gradient_weights_by_momentum():
    """Seed 0, row 1, third step: by hand, some weights with gradient 0 still move."""
    step = one_step(0, 0, 2)
    weights, _, _, _, grads, new, *_ = _mine(0, 0, 2)
    g = np.concatenate([a.ravel() for a in grads["weights"]])
    change = np.concatenate([(b - a).ravel() for a, b in zip(weights, new, strict=True)])
    carried = int(np.sum((g == 0) & (change != 0)))
    assert carried > 0
    line = text.update_lines(step)[2]
    assert f"{int((g == 0).sum())} weights have a gradient of exactly 0" in line
    assert f"Adam still moves {carried} of them" in line


def test_update_lines_after_earlier_steps_name_the_step_count():
    step = one_step(0, 2, 3)
    line = text.update_lines(step)[1]
    assert "Adam's step t = 4" in line and "the 3 earlier steps" in line
    *_, new, _, _, _, _ = _mine(0, 2, 3)
    weights = _mine(0, 2, 3)[0]
    biggest = max(np.max(np.abs(b - a)) for a, b in zip(weights, new, strict=True))
    assert f"The biggest move is {f4(biggest, 6)}" in line


@pytest.mark.parametrize("row", range(9))
def test_outcome_lines_say_honestly_which_loss_fell_and_which_rose(row):
    step = one_step(0, row, 0)
    weights, x, target, _, _, new, *_ = _mine(0, row)
    before, after = ref.loss(weights, x, target), ref.loss(new, x, target)
    table_before, table_after = (ref.table_loss(w, XS, LABELS) for w in (weights, new))
    lines = text.outcome_lines(step)
    row_verb = "falls" if after < before else "rises"
    table_verb = "falls" if table_after < table_before else "rises"
    assert (f"**this row** {row_verb} from {f4(before)} to **{f4(after)}**") in lines[0]
    assert (f"**whole table** (all 9 rows) it {table_verb} from {f4(table_before)} to "
            f"**{f4(table_after)}**") in lines[0]
    assert (len(lines) == 2) == (table_after > table_before)
    if table_after > table_before:
        assert "a batch of 1" in lines[1]


def test_the_default_shows_both_outcomes_somewhere():
    """Seed 0: the 'don't buy' rows' steps raise the table's loss, the 'buy' rows' lower it
    (checked by hand above), so the page has both stories to tell."""
    rises = [one_step(0, r, 0).table_loss_after > one_step(0, r, 0).table_loss_before
             for r in range(9)]
    assert any(rises) and not all(rises)


def test_taken_lines_report_the_last_step_and_the_whole_way():
    assert text.taken_lines(one_step(0, 0, 0)) == []
    step = one_step(0, 0, 2)
    x, target = XS[0], np.eye(2)[LABELS[0]]
    losses = [ref.loss(_mine(0, 0, k)[0], x, target) for k in range(3)]
    tables = [ref.table_loss(_mine(0, 0, k)[0], XS, LABELS) for k in range(3)]
    line = text.taken_lines(step)[0]
    assert line.startswith("**2 steps taken** on row 1")
    verb = "fell" if losses[2] < losses[1] else "rose"
    assert f"this row's loss {verb} from {f4(losses[1])} to **{f4(losses[2])}**" in line
    assert f"this row {f4(losses[0])} → {f4(losses[2])}" in line
    assert f"the table {f4(tables[0])} → {f4(tables[2])}" in line


def test_fd_summary_prints_the_largest_gap_and_what_it_means():
    step = one_step(0, 2, 0)
    how, meaning = text.fd_summary(step)
    assert "each of the 17 weights" in how
    mantissa, exponent = re.search(r"\*\*(\d\.\d) × 10⁻(\S+)\*\*", how).groups()
    power = int(exponent.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))
    assert float(mantissa) * 10 ** -power == pytest.approx(step.largest_gap, rel=0.06)
    # my own gap between the page's gradients and my own finite differences is as tiny
    weights, x, target = step.weights, XS[2], np.eye(2)[LABELS[2]]
    mine = max(np.max(np.abs(g - e)) for g, e in zip(
        step.gradients.weights, ref.finite_difference(weights, x, target), strict=True))
    assert mine < 1e-8 and step.largest_gap < 1e-8
    places = int(np.floor(-np.log10(step.largest_gap)))
    assert f"agree to {places} decimal places, so the chain rule above gives the true slope" \
        in meaning


def test_agreeing_decimals():
    assert text.agreeing_decimals(0.0) is None
    assert text.agreeing_decimals(7.8e-11) == 10
    assert text.agreeing_decimals(0.05) == 1 and text.agreeing_decimals(3.0) == 0


def test_alt_texts_carry_the_key_numbers():
    step = one_step(0, 2, 1)
    weights, x, target, _, grads, *_ = _mine(0, 2, 1)
    kernels = np.concatenate([grads["weights"][0].ravel(), grads["weights"][2].ravel()])
    alt = text.network_alt(step)
    assert f4(kernels[np.argmax(np.abs(kernels))]) in alt
    assert f"{int((kernels == 0).sum())} of 12 are zero" in alt
    history = text.history_alt(step)
    assert "2 steps on row 3" in history
    assert ", ".join(f4(v, 3) for v in step.row_losses) in history
    first = ref.loss(_mine(0, 2, 0)[0], x, target)
    assert history.split("this row ")[1].startswith(f4(first, 3))


def test_a_clipped_loss_is_said_where_it_happens():
    """Seed 33, row 7, after 50 steps: by hand, P(don't buy) is below 1e-7, where the loss is
    clipped and its slope is 0 (the default step is far from it)."""
    weights = _mine(33, 6, 50)[0]
    p = ref.forward(weights, XS[6])[3]
    assert p.min() < 1e-7
    step = one_step(33, 6, 50)
    assert not np.any(np.concatenate([g.ravel() for g in step.gradients.weights]))
    assert any("clipped" in line for line in text.backward_lines(step))
    assert not any("clipped" in line for line in text.backward_lines(one_step(0, 2, 0)))


def test_adam_settings_name_the_steps_numbers():
    words = text.adam_settings(one_step(0, 2, 4))
    assert "η = 0.1 " in words and "β₁ = 0.9," in words and "β₂ = 0.999," in words
    assert "ε = 1.0 × 10⁻⁷" in words and "t = 5 " in words


def test_network_words_describe_the_recipe():
    assert text.network_words() == ("2 inputs, 3 hidden ReLU neurons, 2 softmax outputs, "
                                    "Adam with learning rate 0.1")
    assert (RECIPE.hidden_units, RECIPE.activation, RECIPE.learning_rate) == (3, "relu", 0.1)
