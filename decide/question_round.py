"""Teach it your taste in five questions: one round's state and steps. No streamlit.

A round asks the friend about the laptops the networks are least sure of
(laptop.questions.least_sure_laptop), one at a time. Yes and No add the laptop with that
answer to the table and train again (LaptopSession.add_row); Skip adds nothing. A question
is never a laptop within MIN_DISTANCE of a row of the table or of a laptop skipped in this
round. The questions sit on the map's grid, every other point (0.05 apart), so they read
"45% pink and 70% small" and the row added is exactly the laptop asked about.

What the questions follow is the vote of many networks when there is one (the share saying
buy, then their mean P(buy)); without a vote (a long training over the vote's budget, or no
network learned the table) it is the model's own P(buy). `Lines.source` says which.
"""

from dataclasses import dataclass, field

import numpy as np

from decide.session import LaptopSession
from laptop.consensus import vote
from laptop.questions import MIN_DISTANCE, least_sure_laptop
from laptop.recipe import predict_buy
from laptop.verdict import verdict
from ui.grid import probability_grid

QUESTIONS = 5
# The questions use every PICK_STEP-th point of the map's 41-point grid: 0.05 apart.
PICK_STEP = 2
SOURCE_WORDS = {"vote": "the vote's 50% line (where half the networks say buy)",
                "model": "your model's 50% line (where it is 50% sure)"}


@dataclass(frozen=True)
class Lines:
    """What the model (and the vote, when there is one) says on the map's grid: `model`
    P(buy); `share` of voting networks saying buy and their `mean` P(buy) (None without a
    vote); grid[i, j] at pink = axis[j], small = axis[i] (ui.grid.probability_grid)."""

    axis: np.ndarray
    model: np.ndarray
    share: np.ndarray | None
    mean: np.ndarray | None
    voters: int

    @property
    def source(self) -> str:
        return "model" if self.share is None else "vote"

    def grid(self, source: str) -> np.ndarray:
        """The grid whose 50% line `source` ("vote" or "model") draws."""
        return self.share if source == "vote" else self.model

    def at(self, source: str, point: tuple[float, float]) -> float:
        """The grid's value at a grid point (pink, small)."""
        step = self.axis[1] - self.axis[0]
        j, i = (int(round((v - self.axis[0]) / step)) for v in point)
        return float(self.grid(source)[i, j])


def lines_now(session: LaptopSession) -> Lines:
    """The model's map, and the vote's when its networks vote (one pass over the networks
    gives both of the vote's grids: the same numbers as consensus.buy_share and mean_buy)."""
    model = session.model
    axis, own = probability_grid(lambda rows: predict_buy(model, rows))
    consensus = session.consensus
    if consensus is None or not consensus.voting.any():
        return Lines(axis, own, None, None, 0)
    kept = {}

    def share(rows: np.ndarray) -> np.ndarray:
        p = consensus.buy_probabilities(rows)[consensus.voting]
        kept["mean"] = np.mean(p, axis=0)
        return np.mean(p >= 0.5, axis=0)

    _, shares = probability_grid(share)
    return Lines(axis, own, shares, kept["mean"].reshape(shares.shape),
                 int(consensus.voting.sum()))


def next_question(lines: Lines, avoid: np.ndarray) -> tuple[float, float] | None:
    """The laptop the vote (or, without one, the model) is least sure of among the question
    points at least MIN_DISTANCE from every point of `avoid` (the table's rows and the
    skipped laptops); None when no such point is left."""
    pick = slice(None, None, PICK_STEP)
    share = lines.grid(lines.source)
    mean = lines.mean if lines.mean is not None else lines.model
    point = least_sure_laptop(lines.axis[pick], share[pick, pick], mean[pick, pick],
                              np.asarray(avoid, dtype=float).reshape(-1, 2), MIN_DISTANCE)
    return None if point is None else (round(point[0], 2), round(point[1], 2))


@dataclass(frozen=True)
class Standing:
    """The verdict for the friend's laptop: the model's P(buy) and headline, and the vote
    (buy_votes of voters, its headline; voters 0 without a vote)."""

    p_buy: float
    headline: str
    buy_votes: int
    voters: int
    lead: str | None

    def words(self) -> str:
        answer = verdict(self.p_buy)
        sure = answer.buy_percent if answer.buy else answer.no_buy_percent
        own = f"your model says {self.headline.lower()}, {sure}% sure"
        return own if self.lead is None else f"{self.lead}; {own}"


def standing_now(session: LaptopSession) -> Standing:
    laptop = session.laptop()
    p_buy = float(predict_buy(session.model, np.array([laptop]))[0])
    consensus = session.consensus
    if consensus is None or not consensus.voting.any():
        return Standing(p_buy, verdict(p_buy).headline, 0, 0, None)
    result = vote(consensus, laptop)
    return Standing(p_buy, verdict(p_buy).headline, result.buy_votes, result.voters,
                    result.headline)


@dataclass(frozen=True)
class Answer:
    """One question and what came of it: `buy` the friend's answer (None: skipped), the
    maps `before` and `after` it."""

    point: tuple[float, float]
    buy: bool | None
    before: Lines
    after: Lines

    @property
    def source(self) -> str:
        """What the before/after lines are: the vote's when both have a vote, else the
        model's."""
        return "vote" if self.before.source == self.after.source == "vote" else "model"


@dataclass
class QuestionRound:
    """One round of questions: the friend's laptop's `start` verdict and the table's row
    count at the start, the map `lines` now, the `question` being asked (None when none is
    left), the `answers` so far, and the `skipped` laptops. `problem`: why the last answer
    could not be added (plain words), shown once."""

    start: Standing
    rows_at_start: int
    lines: Lines
    question: tuple[float, float] | None
    answers: list[Answer] = field(default_factory=list)
    skipped: list[tuple[float, float]] = field(default_factory=list)
    total: int = QUESTIONS
    problem: str | None = None

    @property
    def number(self) -> int:
        """The question being asked, counted from 1."""
        return len(self.answers) + 1

    @property
    def finished(self) -> bool:
        return len(self.answers) >= self.total or self.question is None

    def avoid(self, session: LaptopSession) -> np.ndarray:
        """The points no question may come near: the table's rows and the skipped laptops."""
        return np.vstack([np.asarray(session.good[0], dtype=float).reshape(-1, 2),
                          np.asarray(self.skipped, dtype=float).reshape(-1, 2)])


def start_round(session: LaptopSession, total: int = QUESTIONS) -> QuestionRound:
    lines = lines_now(session)
    rows = np.asarray(session.good[0], dtype=float).reshape(-1, 2)
    return QuestionRound(standing_now(session), len(rows), lines, next_question(lines, rows),
                         total=total)


def take_answer(session: LaptopSession, round_: QuestionRound, buy: bool | None) -> None:
    """The friend's answer to the question asked: True (buy), False (don't buy), None
    (skip). An answer that cannot be added (LaptopSession.add_row's problem) changes nothing
    but `round_.problem`; the question stays."""
    point = round_.question
    if point is None or round_.finished:
        return
    round_.problem = None
    before = round_.lines
    if buy is None:
        round_.skipped.append(point)
        after = before
    else:
        problem = session.add_row(point[0], point[1], buy)
        if problem:
            round_.problem = problem
            return
        after = lines_now(session)
    round_.answers.append(Answer(point, buy, before, after))
    round_.lines = after
    round_.question = (None if len(round_.answers) >= round_.total
                       else next_question(after, round_.avoid(session)))


def percent_words(point: tuple[float, float]) -> str:
    """ "45% pink and 70% small" """
    return f"{point[0]:.0%} pink and {point[1]:.0%} small"


def question_sentence(point: tuple[float, float], friend: bool = False) -> str:
    """The question itself: "A laptop 45% pink and 70% small: would your friend buy it?";
    `friend`: asked of the friend (the page's friend's view): "...: would you buy it?" """
    return f"A laptop {percent_words(point)}: would {'you' if friend else 'your friend'} buy it?"


def why_this_question(lines: Lines, point: tuple[float, float]) -> str:
    """Why this laptop is asked about, with the numbers at it."""
    if lines.source == "vote":
        votes = int(round(lines.at("vote", point) * lines.voters))
        return (f"The networks are least sure about this one: {votes} of {lines.voters} say "
                "buy.")
    return (f"Your model is least sure about this one: it says buy with "
            f"{lines.at('model', point):.0%}.")


def change_sentence(answer: Answer) -> str:
    """What one answer changed, in one computed sentence."""
    where = percent_words(answer.point)
    if answer.buy is None:
        return f"Skipped the laptop {where}: nothing was added, so nothing moved."
    said = "buy" if answer.buy else "don't buy"
    if answer.source == "vote":
        before = int(round(answer.before.at("vote", answer.point) * answer.before.voters))
        after = int(round(answer.after.at("vote", answer.point) * answer.after.voters))
        sentence = (f"You said {said} for the laptop {where}. There, {before} of "
                    f"{answer.before.voters} networks said buy before your answer; now {after} "
                    f"of {answer.after.voters} do.")
        moved = after / answer.after.voters - before / answer.before.voters
    else:
        before, after = (lines.at("model", answer.point)
                         for lines in (answer.before, answer.after))
        sentence = (f"You said {said} for the laptop {where}. There, your model said buy with "
                    f"{before:.0%} before your answer; now with {after:.0%}.")
        moved = after - before
    if moved * (1 if answer.buy else -1) < -1e-9:
        sentence += (" That is the other way from your answer: every network trains again from "
                     "its start with the new row, and a short training can land elsewhere; "
                     "more answers nearby make it firmer.")
    return sentence


@dataclass(frozen=True)
class Summary:
    added: int
    said_buy: int
    said_no: int
    skipped: int
    rows_before: int
    rows_after: int
    before: Standing
    after: Standing
    laptop: tuple[float, float]

    def sentences(self, friend: bool = False) -> list[str]:
        """The summary in words; `friend`: said to the friend (their laptop is "your
        laptop")."""
        laptops = "laptop" if self.added == 1 else "laptops"
        if not self.added:
            return [f"Nothing was added to the table (you skipped {self.skipped}), so it still "
                    f"has {self.rows_after} rows and the model and its verdict are as before: "
                    f"{self.after.words()}."]
        out = [f"You added {self.added} {laptops} to the table ({self.said_buy} buy, "
               f"{self.said_no} don't buy) and skipped {self.skipped}: it went from "
               f"{self.rows_before} to {self.rows_after} rows, and the model trained again."]
        whose = "your" if friend else "your friend's"
        out.append(f"For {whose} laptop ({percent_words(self.laptop)}), before: "
                   f"{self.before.words()}.")
        out.append(f"Now: {self.after.words()}.")
        return out


def round_summary(session: LaptopSession, round_: QuestionRound) -> Summary:
    answers = round_.answers
    return Summary(sum(a.buy is not None for a in answers), sum(a.buy is True for a in answers),
                   sum(a.buy is False for a in answers), sum(a.buy is None for a in answers),
                   round_.rows_at_start, len(session.good[1]), round_.start,
                   standing_now(session), session.laptop())
