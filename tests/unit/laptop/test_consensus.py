"""Many networks, one verdict: every figure of the vote against the same seeds trained one by
one with recipe.train (Sequential.fit), and the words against their own arithmetic."""

import doctest
import math
from dataclasses import replace

import numpy as np
import pytest

from laptop import consensus as consensus_module
from laptop.consensus import (
    CHUNK_ROWS,
    CONSENSUS_MEMBERS,
    MEMBER_STEP_BUDGET,
    MIN_MEMBERS,
    Consensus,
    disagreement_words,
    distance_to_line,
    no_vote_words,
    population_size,
    single_settings,
    train_consensus,
    training_steps,
    vote,
)
from laptop.data import tutorial_arrays
from laptop.recipe import RECIPE, Settings, predict_buy, train
from nncore.population import predict_members
from ui.grid import probability_grid

X, Y = tutorial_arrays()
LAPTOP = (0.1, 0.6)  # the tutorial's question


def one_by_one(consensus: Consensus, x=X, y=Y):
    """recipe.train once per seed of the vote: the independent computation."""
    return [train(x, y, single_settings(consensus, i)) for i in range(consensus.size)]


@pytest.mark.parametrize("settings", [
    RECIPE,  # one batch per epoch
    replace(RECIPE, batch_size=2, epochs=12, hidden_units=4, activation="tanh"),  # 4 batches
])
def test_every_member_is_the_single_training_of_its_seed(settings):
    consensus = train_consensus(X, Y, settings, size=24)
    assert consensus.seeds == tuple(range(settings.seed, settings.seed + 24))
    runs = one_by_one(consensus)
    for index, run in enumerate(runs):
        assert run.ok
        for got, want in zip(consensus.weights, run.model.get_weights(),
                             strict=True):
            np.testing.assert_allclose(got[index], want, rtol=0, atol=1e-10)
        assert consensus.stuck[index] == run.stuck
        assert consensus.train_accuracy[index] == pytest.approx(run.train_accuracy)


@pytest.mark.parametrize("laptop", [LAPTOP, (0.5, 0.5), (0.6, 0.45), (0.9, 0.1)])
def test_the_vote_counts_what_the_single_trainings_say(laptop):
    consensus = train_consensus(X, Y, RECIPE, size=30)
    runs = one_by_one(consensus)
    voters = [run for run in runs if not run.stuck]
    p = np.array([predict_buy(run.model, np.array([laptop]))[0] for run in voters])
    buy_votes = int(np.sum(p >= 0.5))
    assert buy_votes * 2 != len(p)  # these laptops get a leading answer
    result = vote(consensus, laptop, X)
    assert result.voter_seeds == tuple(run.settings.seed for run in voters)
    np.testing.assert_allclose(result.probabilities, p, atol=1e-10)
    assert (result.buy_votes, result.voters) == (buy_votes, len(voters))
    assert result.stuck == sum(run.stuck for run in runs)
    np.testing.assert_allclose(np.sort(result.probabilities), np.sort(p), atol=1e-10)
    leading = p[p >= 0.5] if buy_votes * 2 > len(p) else 1 - p[p < 0.5]
    answer = "buy" if buy_votes * 2 > len(p) else "don't buy"
    count = max(buy_votes, len(p) - buy_votes)
    lead = f"All {count}" if count == len(p) else f"{count} of {len(p)}"
    sure = math.floor(100 * float(np.mean(leading)) + 0.5)
    assert result.headline == f"{lead} networks say {answer} (on average {sure}% sure)"
    assert result.agreement == count / len(p)


def test_stuck_networks_are_counted_and_left_out():
    # Seeds 8 and 10 are the recipe's first stuck seeds (laptop.recipe.DEFAULT_SEED's note).
    consensus = train_consensus(X, Y, replace(RECIPE, seed=5), size=8)  # seeds 5..12
    expected = sum(run.stuck for run in one_by_one(consensus))
    assert expected >= 2
    result = vote(consensus, LAPTOP, X)
    assert result.stuck == expected and result.voters == 8 - expected
    assert result.left_out == (f"{expected} networks got stuck (no better than always "
                               "giving the more common answer), so they are left out of "
                               "the vote.")
    assert len(result.probabilities) == 8 - expected


def test_all_zero_starts_leave_no_voter():
    consensus = train_consensus(X, Y, replace(RECIPE, initializer="zeros"), size=5)
    assert all(run.stuck for run in one_by_one(consensus))
    result = vote(consensus, LAPTOP, X)
    assert result.voters == 0 and result.stuck == 5 and result.buy is None
    assert result.headline.startswith("None of the 5 networks learned the table")
    assert np.isnan(consensus.buy_share(np.array([LAPTOP]))).all()


def test_networks_out_of_control_are_the_ones_recipe_train_refuses():
    # learning rate 3: many single fits stop early (loss above 10 x the first epoch's)
    consensus = train_consensus(X, Y, replace(RECIPE, learning_rate=3.0), size=12)
    runs = one_by_one(consensus)
    assert [not run.ok for run in runs] == consensus.blew_up.tolist()
    assert consensus.blew_up.sum() >= 4
    assert [run.ok and run.stuck for run in runs] == consensus.stuck.tolist()
    result = vote(consensus, LAPTOP, X)
    assert f"{int(consensus.blew_up.sum())} went out of control" in result.left_out


def test_agreement_map_is_the_share_of_voters_saying_buy():
    consensus = train_consensus(X, Y, RECIPE, size=20)
    voters = [run for run in one_by_one(consensus) if not run.stuck]
    rows = np.array([[0.0, 0.0], [0.5, 0.5], [0.2, 0.9], [1.0, 1.0]])
    want = np.mean([predict_buy(run.model, rows) >= 0.5 for run in voters], axis=0)
    np.testing.assert_allclose(consensus.buy_share(rows), want)
    mean = np.mean([predict_buy(run.model, rows) for run in voters], axis=0)
    np.testing.assert_allclose(consensus.mean_buy(rows), mean, atol=1e-10)


def test_one_answer_only_in_training_rows_gives_no_vote():
    assert train_consensus(X, np.zeros(9, dtype=int), RECIPE, size=3) is None


def test_population_size_keeps_members_times_steps_within_budget():
    assert population_size(training_steps(8, RECIPE)) == CONSENSUS_MEMBERS
    for steps in (1, 20, 499, 500, 501, 4_000, 9_999, 10_000, 10_001, 20_000, 450_000):
        size = population_size(steps)
        assert size * steps <= MEMBER_STEP_BUDGET
        assert size == 0 or MIN_MEMBERS <= size <= CONSENSUS_MEMBERS
        assert size in (0, CONSENSUS_MEMBERS) or (size + 1) * steps > MEMBER_STEP_BUDGET
        assert (size == 0) == (MIN_MEMBERS * steps > MEMBER_STEP_BUDGET)
    assert training_steps(8, Settings(epochs=500, batch_size=1)) == 4_000
    assert training_steps(8, Settings(epochs=7, batch_size=3)) == 21  # 3 batches: 3, 3, 2


def test_a_training_too_long_for_five_networks_gets_no_vote_and_says_why():
    x, y = np.tile(X, (3, 1))[:25], np.tile(Y, 3)[:25]  # 22 training rows
    settings = replace(RECIPE, epochs=500, batch_size=1)
    assert training_steps(22, settings) == 11_000
    assert train_consensus(x, y, settings) is None
    assert no_vote_words(11_000) == (
        "There is no vote of many networks for these settings: one training takes 11,000 "
        f"steps, and {MIN_MEMBERS} networks would take 55,000, more than the 50,000 the page "
        "allows for a vote. Fewer epochs or bigger batches bring it back.")
    assert population_size(training_steps(20, settings)) == MIN_MEMBERS  # 20 rows: it fits


def test_a_long_training_gets_fewer_networks_and_says_so():
    settings = replace(RECIPE, epochs=500, batch_size=1)
    consensus = train_consensus(X, Y, settings)
    assert consensus.steps == 4_000 and consensus.size == MEMBER_STEP_BUDGET // 4_000
    assert consensus.reduced
    assert consensus.budget_note() == (
        f"Each training here is long (4,000 steps), so {consensus.size} networks vote instead "
        f"of {CONSENSUS_MEMBERS}: the page keeps the vote's work within "
        f"{MEMBER_STEP_BUDGET:,} training steps in all, so it stays quick for everyone.")
    assert train_consensus(X, Y, RECIPE, size=3).budget_note() is not None
    assert train_consensus(X, Y, RECIPE).budget_note() is None


class LineAt:
    """A stand-in vote whose networks all say buy exactly when pink >= `pink`."""

    def __init__(self, pink):
        self.pink = pink

    def buy_share(self, rows):
        return (np.asarray(rows)[:, 0] >= self.pink).astype(float)


def test_distance_to_line_is_measured_on_the_square():
    assert distance_to_line(LineAt(0.5), (0.45, 0.2)) == pytest.approx(0.05)
    assert distance_to_line(LineAt(0.5), (0.1, 0.7)) == pytest.approx(0.4)
    assert distance_to_line(LineAt(2.0), (0.1, 0.7)) == math.inf


def test_a_map_from_ui_grid_gives_the_same_distance():
    consensus = train_consensus(X, Y, RECIPE, size=10)
    share_map = probability_grid(consensus.buy_share)
    for laptop in [(0.5, 0.5), (0.1, 0.6), (0.7, 0.2)]:
        assert distance_to_line(consensus, laptop, share_map) == distance_to_line(consensus,
                                                                                  laptop)
        given, computed = vote(consensus, laptop, X, share_map), vote(consensus, laptop, X)
        assert (given.headline, given.why) == (computed.headline, computed.why)
    coarse = probability_grid(LineAt(0.5).buy_share, resolution=5)  # points 0.25 apart
    nearest_other = math.dist((0.45, 0.2), (0.5, 0.25))
    assert distance_to_line(LineAt(0.5), (0.45, 0.2), coarse) == pytest.approx(nearest_other)


def test_many_rows_go_through_in_chunks_with_the_same_answers():
    consensus = train_consensus(X, Y, RECIPE, size=4)
    rows = np.random.default_rng(0).random((CHUNK_ROWS * 2 + 7, 2))
    whole = predict_members(consensus.template, consensus.weights, rows)[..., 1]
    np.testing.assert_array_equal(consensus.buy_probabilities(rows), whole)


def test_disagreement_words_name_the_reason():
    near = disagreement_words(LineAt(0.5), (0.45, 0.2), X)
    assert "near the line between what your friend bought and did not" in near
    assert "far from every laptop" not in near
    rows = np.array([[0.0, 0.0], [0.1, 0.1]])
    far = disagreement_words(LineAt(0.5), (0.9, 0.9), rows)
    assert "far from every laptop in the table" in far and "near the line" not in far
    neither = disagreement_words(LineAt(0.5), (0.1, 0.1), rows)
    assert "learned the table its own way" in neither


def test_a_split_vote_says_why_and_a_unanimous_one_does_not():
    consensus = train_consensus(X, Y, RECIPE, size=30)
    grid = np.array([[i / 20, j / 20] for i in range(21) for j in range(21)])
    share = consensus.buy_share(grid)
    mixed = grid[np.argmin(np.abs(share - 0.5))]
    result = vote(consensus, tuple(mixed), X)
    assert 0 < result.buy_votes < result.voters and result.why.startswith("They disagree")
    unanimous = grid[np.argmax(share)]
    assert share.max() == 1.0 and vote(consensus, tuple(unanimous), X).why is None


def test_doctests():
    assert doctest.testmod(consensus_module).failed == 0


def test_an_even_split_says_so_without_a_side():
    consensus = train_consensus(X, Y, RECIPE, size=2)  # seeds 0 and 1, both learn the table
    runs = one_by_one(consensus)
    assert not any(run.stuck for run in runs)
    grid = np.array([[i / 20, j / 20] for i in range(21) for j in range(21)])
    answers = [predict_buy(run.model, grid) >= 0.5 for run in runs]
    split = grid[np.flatnonzero(answers[0] != answers[1])[0]]
    result = vote(consensus, tuple(split), X)
    assert (result.buy_votes, result.voters, result.buy, result.sure) == (1, 2, None, None)
    assert result.headline == "The networks are split: 1 of 2 say buy, 1 say don't buy"
    assert result.agreement == 0.5 and result.why.startswith("They disagree because")
