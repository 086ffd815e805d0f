"""Teach it your taste in five questions (decide/question_round.py), without a browser: the
questions never come near a row of the table or a skipped laptop, each is the least sure
point left (checked by brute force over the question points), and what the round reports
is recomputed from the consensus and the model directly."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decide.question_figures import line_change_alt, line_change_figure
from decide.question_round import (
    PICK_STEP,
    Lines,
    change_sentence,
    lines_now,
    next_question,
    question_sentence,
    round_summary,
    start_round,
    take_answer,
    why_this_question,
)
from decide.session import LaptopSession, open_session
from laptop.consensus import train_consensus
from laptop.data import table_from_arrays
from laptop.questions import MIN_DISTANCE
from laptop.recipe import RECIPE, predict_buy, train
from tests.unit.plotly_check import validated

AXIS = np.linspace(0, 1, 41)
QUESTION_POINTS = np.round(AXIS[::PICK_STEP], 2)
OTHER_WAY = (" That is the other way from your answer: every network trains again from its "
             "start with the new row, and a short training can land elsewhere; more answers "
             "nearby make it firmer.")


def brute_force_question(share, mean, avoid):
    """The least sure question point at least MIN_DISTANCE from every point of `avoid`,
    written out as a loop: smallest |share - 0.5|, then |mean - 0.5|, then small, then pink."""
    best = None
    for i, small in enumerate(QUESTION_POINTS):
        for j, pink in enumerate(QUESTION_POINTS):
            s, m = share[i * PICK_STEP, j * PICK_STEP], mean[i * PICK_STEP, j * PICK_STEP]
            if not (np.isfinite(s) and np.isfinite(m)):
                continue
            if any(np.hypot(pink - a, small - b) < MIN_DISTANCE - 1e-9 for a, b in avoid):
                continue
            key = (round(abs(s - 0.5), 9), round(abs(m - 0.5), 9), i, j)
            if best is None or key < best[0]:
                best = (key, (float(pink), float(small)))
    return None if best is None else best[1]


def far_from(point, avoid):
    return all(np.hypot(point[0] - a, point[1] - b) >= MIN_DISTANCE - 1e-9 for a, b in avoid)


@given(share=st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0, np.nan]), min_size=41 * 41,
                      max_size=41 * 41),
       avoid=st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), max_size=30))
@settings(max_examples=60, deadline=None)
def test_the_next_question_is_the_least_sure_point_away_from_rows_and_skipped(share, avoid):
    share = np.array(share).reshape(41, 41)
    mean = np.where(np.isnan(share), np.nan, np.abs(np.sin(np.arange(41 * 41))).reshape(41, 41))
    points = np.array(avoid, dtype=float).reshape(-1, 2) / 100
    lines = Lines(AXIS, mean, share, mean, 10)
    asked = next_question(lines, points)
    assert asked == brute_force_question(share, mean, points.tolist())
    if asked is not None:
        assert far_from(asked, points.tolist())


def session_for(x, y):
    session = LaptopSession.starting_from(table_from_arrays(x, y))
    session.run_training(RECIPE)
    return session


tables = st.integers(2, 10).flatmap(lambda n: st.tuples(
    st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), min_size=n, max_size=n,
             unique=True),
    st.lists(st.integers(0, 1), min_size=n, max_size=n).filter(lambda y: 0 < sum(y) < len(y))))


@given(table=tables, answers=st.lists(st.sampled_from([True, False, None]), min_size=5,
                                      max_size=5))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_five_questions_never_ask_about_a_laptop_in_the_table(table, answers):
    points, y = table
    session = session_for(np.array(points, dtype=float) / 100, np.array(y))
    if session.model is None:  # the recipe could not train on this table: nothing to ask
        return
    round_ = start_round(session)
    for answer in answers:
        if round_.finished:
            break
        asked = round_.question
        rows = session.good[0].tolist()
        assert far_from(asked, rows + round_.skipped)  # rows added so far included
        assert asked not in [tuple(r) for r in rows]
        take_answer(session, round_, answer)
    asked = [a.point for a in round_.answers]
    assert len(set(asked)) == len(asked)  # never the same laptop twice in a round
    added = [a for a in round_.answers if a.buy is not None and round_.problem is None]
    assert len(session.good[1]) == len(y) + len(added)


@pytest.fixture
def session():
    return open_session({})


def test_a_round_follows_the_vote_and_reports_what_the_consensus_and_model_say(session):
    round_ = start_round(session)
    x0, y0 = (a.copy() for a in session.good)
    consensus = train_consensus(x0, y0, session.model_settings())
    axis_points = np.column_stack([g.ravel() for g in np.meshgrid(AXIS, AXIS)])
    share = consensus.buy_share(axis_points).reshape(41, 41)
    mean = consensus.mean_buy(axis_points).reshape(41, 41)
    first = brute_force_question(share, mean, x0.tolist())
    assert round_.question == first and round_.number == 1
    votes = int(np.sum(consensus.buy_probabilities(np.array([first]))[consensus.voting] >= 0.5))
    voters = int(consensus.voting.sum())
    assert why_this_question(round_.lines, first) == (
        f"The networks are least sure about this one: {votes} of {voters} say buy.")
    assert question_sentence(first) == (f"A laptop {first[0]:.0%} pink and {first[1]:.0%} "
                                        "small: would your friend buy it?")

    take_answer(session, round_, True)  # yes: the row joins the table, the model trains again
    x1, y1 = session.good
    assert x1.tolist() == x0.tolist() + [list(first)] and y1.tolist() == y0.tolist() + [1]
    model = train(x1, y1, session.model_settings()).model
    np.testing.assert_allclose(predict_buy(session.model, x1), predict_buy(model, x1),
                               atol=1e-12)
    after = train_consensus(x1, y1, session.model_settings())
    now = int(np.sum(after.buy_probabilities(np.array([first]))[after.voting] >= 0.5))
    against = now / int(after.voting.sum()) < votes / voters
    assert change_sentence(round_.answers[-1]) == (
        f"You said buy for the laptop {first[0]:.0%} pink and {first[1]:.0%} small. There, "
        f"{votes} of {voters} networks said buy before your answer; now {now} of "
        f"{int(after.voting.sum())} do." + (OTHER_WAY if against else ""))

    skipped = round_.question
    take_answer(session, round_, None)  # skip: nothing added, never asked again
    assert len(session.good[1]) == len(y1) and round_.skipped == [skipped]
    assert far_from(round_.question, [skipped] + x1.tolist())
    assert change_sentence(round_.answers[-1]).startswith(f"Skipped the laptop {skipped[0]:.0%}")

    for answer in (False, True, False):
        take_answer(session, round_, answer)
    assert round_.finished and round_.number == 6
    summary = round_summary(session, round_)
    assert (summary.added, summary.said_buy, summary.said_no, summary.skipped) == (4, 2, 2, 1)
    assert (summary.rows_before, summary.rows_after) == (9, 13)
    x, y = session.good
    final = train_consensus(x, y, session.model_settings())
    laptop = np.array([session.laptop()])
    p = final.buy_probabilities(laptop)[final.voting][:, 0]
    assert (summary.after.buy_votes, summary.after.voters) == (int(np.sum(p >= 0.5)), len(p))
    assert summary.after.p_buy == pytest.approx(
        predict_buy(train(x, y, session.model_settings()).model, laptop)[0], abs=1e-12)
    take_answer(session, round_, True)  # a finished round takes no more answers
    assert len(session.good[1]) == 13


def test_without_a_vote_the_questions_follow_the_model(session):
    session.consensus = None  # as when no network of the vote learned the table
    lines = lines_now(session)
    assert lines.source == "model" and lines.share is None
    axis_points = np.column_stack([g.ravel() for g in np.meshgrid(AXIS, AXIS)])
    p = predict_buy(session.model, axis_points).reshape(41, 41)
    round_ = start_round(session)
    asked = round_.question
    assert asked == brute_force_question(p, p, session.good[0].tolist())
    assert why_this_question(lines, asked) == (
        "Your model is least sure about this one: it says buy with "
        f"{predict_buy(session.model, np.array([asked]))[0]:.0%}.")
    assert round_.start.lead is None and round_.start.words().startswith("your model says ")


def test_no_question_is_left_when_the_rows_cover_the_square(session):
    grid = np.round(np.linspace(0, 1, 12), 2)
    x = np.array([(a, b) for a in grid for b in grid])
    y = (x[:, 0] > 0.5).astype(int)
    session = session_for(x, y)
    round_ = start_round(session)
    assert round_.question is None and round_.finished
    assert brute_force_question(np.zeros((41, 41)), np.zeros((41, 41)), x.tolist()) is None


def test_the_change_map_is_valid_and_its_alt_carries_the_sentence(session):
    round_ = start_round(session)
    take_answer(session, round_, False)
    answer = round_.answers[-1]
    x, y = session.good
    fig = validated(line_change_figure(AXIS, answer.before.share, answer.after.share, "vote",
                                       x, y, round_.question, answer.point,
                                       session.laptop()))
    names = [t.name for t in fig.data if t.type == "scatter"]  # contours: no legend entry
    assert all(t.showlegend is False for t in fig.data if t.type == "contour")
    assert sorted(names) == sorted(["50% line now", "50% line before", "don't buy", "buy",
                                    "your last answer", "this question",
                                    "your friend's laptop"])
    assert fig.layout.title.text == "How the vote's 50% line moved"
    sentence = change_sentence(answer)
    alt = line_change_alt(sentence, "vote", round_.question)
    assert sentence in alt and f"{round_.question[0]:.0%} pink" in alt
    # a don't-buy answer after which more networks say buy there is said to go the other way
    up = answer.after.at("vote", answer.point) > answer.before.at("vote", answer.point)
    assert sentence.endswith(OTHER_WAY) == up
