"""Many networks, one verdict: the same settings trained from many seeds at once, and
their vote on one laptop. No streamlit.

Member i of the vote is exactly the network `recipe.train` makes with the same settings
and seed `settings.seed + i` (member 0 is the page's own model): nncore's
`train_population(seeds=...)` gives each member that seed's starting weights and row
order. A member that recipe.train would call stuck (no better on its training rows than
always giving the more common answer) or out of control (its loss grew) is counted and
left out of the vote.

The work is bounded before it starts: the vote trains `population_size(steps)` members,
where `steps` is one training's weight updates, so that members x steps stays within
MEMBER_STEP_BUDGET (bench/consensus_speed.py measures what that costs).
"""

import math
from dataclasses import dataclass, replace

import numpy as np

from laptop.lane import LANE
from laptop.recipe import (
    Settings,
    build_model,
    majority_share,
    one_hot,
    split_rows,
    training_steps,
)
from nncore.population import PopulationResult, predict_members, train_population

# Networks in the vote when one training is cheap (the tutorial's recipe: 20 steps).
CONSENSUS_MEMBERS = 100
# A vote needs at least this many networks; a training too long for that many within the
# budget gets no vote (more than 10,000 steps: 1,000 rows in batches of 1 for 500 epochs
# would be 450,000).
MIN_MEMBERS = 5
# members x training steps per vote. Members train together far cheaper than one by one
# (bench/consensus_speed.py, docs/performance.md; quiet 2-core machine): the tutorial's
# recipe, 100 networks x 20 steps, 14 ms (its one training: 3 ms); 500 epochs in one batch,
# 100 x 500, 219 ms; 9 rows in batches of 1 for 500 epochs, 12 x 4,000, 179 ms; the page's
# longest training, 5 x 10,000, 324 ms (its one training: 265 ms).
MEMBER_STEP_BUDGET = 50_000
# Sequential.fit stops a single training whose loss exceeds this many times its first
# epoch's loss (its blow_up_factor default, which recipe.train uses); the vote does the same.
BLOW_UP_FACTOR = 10.0
# The laptop "sits near the line" when a laptop this close (on the 0..1 square) gets the
# other majority answer; "far from the table" when no row is this close.
NEAR_LINE = 0.1
FAR_FROM_ROWS = 0.3
CHUNK_ROWS = 256


def population_size(steps: int) -> int:
    """How many networks vote when one training takes `steps` weight updates: as many as
    MEMBER_STEP_BUDGET allows, at most CONSENSUS_MEMBERS; 0 (no vote) when even MIN_MEMBERS
    would not fit.

    >>> population_size(20), population_size(4_000), population_size(10_000)
    (100, 12, 5)
    >>> population_size(10_001)
    0
    """
    size = min(CONSENSUS_MEMBERS, MEMBER_STEP_BUDGET // max(steps, 1))
    return int(size) if size >= MIN_MEMBERS else 0


def no_vote_words(steps: int) -> str:
    """Why a training of `steps` steps gets no vote (see population_size)."""
    return (f"There is no vote of many networks for these settings: one training takes "
            f"{steps:,} steps, and {MIN_MEMBERS} networks would take {MIN_MEMBERS * steps:,}, "
            f"more than the {MEMBER_STEP_BUDGET:,} the page allows for a vote. Fewer epochs or "
            "bigger batches bring it back.")


def member_seeds(settings: Settings, size: int) -> list[int]:
    """The seeds of the vote: settings.seed, settings.seed + 1, ... (wrapping at 2**31)."""
    return [(settings.seed + i) % 2**31 for i in range(size)]


# The Python objects around a vote's arrays (the settings, the seeds, the layers'
# description), generously: what Consensus.nbytes adds to the arrays' own bytes.
CONSENSUS_OVERHEAD_BYTES = 4_000


@dataclass(frozen=True)
class Consensus:
    """A trained vote: what the page needs of it, and nothing else (no training curves).
    Arrays have one entry per member, in the order of `seeds`, and are read-only, so one
    vote can be shared by every visitor who asks for it (laptop.train_cache.VOTES).

    weights: the members' final weights ([kernel1, bias1, ...], member axis first) in the
    layers `template` describes (nncore's PopulationResult.template; read, never changed);
    train_accuracy: share of training rows each member gets right (P(buy) >= 0.5 means
    buy); stuck: no better than majority_share of the training rows; blew_up: the loss
    grew (recipe.train would refuse that run). voting = neither.
    """

    settings: Settings
    seeds: tuple[int, ...]
    weights: tuple[np.ndarray, ...]
    template: dict
    train_accuracy: np.ndarray
    stuck: np.ndarray
    blew_up: np.ndarray
    wanted: int  # CONSENSUS_MEMBERS: the size before the budget
    steps: int  # one training's weight updates

    @classmethod
    def of(cls, settings: Settings, seeds, result: PopulationResult, train_accuracy,
           stuck, blew_up, wanted: int, steps: int) -> "Consensus":
        """The vote kept from a trained population: read-only copies of the final weights
        and the per-member answers; the curves and the starting weights are left behind."""
        def frozen(values, dtype=None):
            array = np.array(values, dtype=dtype)  # a copy
            array.flags.writeable = False
            return array

        return cls(settings, tuple(int(s) for s in seeds),
                   tuple(frozen(w, np.float64) for w in result.weights), result.template,
                   frozen(train_accuracy, np.float64), frozen(stuck, bool),
                   frozen(blew_up, bool), wanted, steps)

    @property
    def size(self) -> int:
        return len(self.seeds)

    @property
    def nbytes(self) -> int:
        """Bytes the vote holds: its arrays plus CONSENSUS_OVERHEAD_BYTES."""
        arrays = (*self.weights, self.train_accuracy, self.stuck, self.blew_up)
        return CONSENSUS_OVERHEAD_BYTES + 8 * self.size + sum(a.nbytes for a in arrays)

    @property
    def voting(self) -> np.ndarray:
        return ~self.stuck & ~self.blew_up

    @property
    def reduced(self) -> bool:
        return self.size < self.wanted

    def buy_probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(buy) of every member (voting or not) for each row of x: (size, rows). Rows go
        through in chunks of CHUNK_ROWS, so the memory used stays small (100 networks of 16
        hidden units on the 41 x 41 map: about 10 MB at a time instead of 43)."""
        rows = np.asarray(x, dtype=float).reshape(-1, 2)
        return np.concatenate([predict_members(self.template, self.weights,
                                               rows[start:start + CHUNK_ROWS])[..., 1]
                               for start in range(0, max(len(rows), 1), CHUNK_ROWS)], axis=1)

    def buy_share(self, x: np.ndarray) -> np.ndarray:
        """For each row of x, the share of voting members that say buy (P >= 0.5); nan
        when no member votes. This is the agreement map."""
        p = self.buy_probabilities(x)[self.voting]
        if not len(p):
            return np.full(p.shape[1], np.nan)
        return np.mean(p >= 0.5, axis=0)

    def mean_buy(self, x: np.ndarray) -> np.ndarray:
        """For each row of x, the voting members' mean P(buy); nan when no member votes."""
        p = self.buy_probabilities(x)[self.voting]
        return np.mean(p, axis=0) if len(p) else np.full(p.shape[1], np.nan)

    def budget_note(self) -> str | None:
        """Plain words when the vote has fewer members than usual, else None."""
        if not self.reduced:
            return None
        return (f"Each training here is long ({self.steps:,} steps), so {self.size} networks "
                f"vote instead of {self.wanted}: the page keeps the vote's work within "
                f"{MEMBER_STEP_BUDGET:,} training steps in all, so it stays quick for "
                "everyone.")


def train_consensus(x: np.ndarray, y: np.ndarray, settings: Settings,
                    size: int | None = None) -> Consensus | None:
    """Train the vote on the table (x, y) with `settings` (valid: see Settings.problems).

    Uses the rows recipe.train trains on (the last validation share is held out). `size`
    overrides population_size (tests). None when the training rows all have one answer
    (recipe.train refuses to train too) or when the training is too long for a vote
    (population_size is 0; no_vote_words says why).
    """
    x = np.asarray(x, dtype=float).reshape(-1, 2)
    y = np.asarray(y, dtype=int)
    train_rows, _ = split_rows(len(y), settings.validation_split)
    x_train, y_train = x[train_rows], y[train_rows]
    if len(set(y_train.tolist())) < 2:
        return None
    steps = training_steps(len(train_rows), settings)
    size = population_size(steps) if size is None else size
    if size == 0:
        return None
    seeds = member_seeds(settings, size)
    with LANE.turn(steps), np.errstate(all="ignore"):  # long ones take turns (laptop/lane.py)
        result = train_population(build_model(settings), x_train, one_hot(y_train),
                                  epochs=settings.epochs, batch_size=settings.batch_size,
                                  shuffle=True, seeds=seeds)
        p_train = result.predict(x_train)[..., 1]
    train_accuracy = np.mean((p_train >= 0.5).astype(int) == y_train, axis=1)
    stuck = train_accuracy <= majority_share(y_train) + 1e-9
    blew_up = _blew_up(result)
    return Consensus.of(settings, seeds, result, train_accuracy, stuck & ~blew_up, blew_up,
                        CONSENSUS_MEMBERS, steps)


def _blew_up(result: PopulationResult) -> np.ndarray:
    """recipe.train's rule, member by member: the loss or weights became non-finite, a
    single fit would have stopped (loss above BLOW_UP_FACTOR x the first epoch's), or the
    last loss is over 1 and over twice the first."""
    loss = result.loss
    first, last = loss[:, :1], loss[:, -1]
    with np.errstate(invalid="ignore"):
        stopped = np.any((first > 0) & (loss > BLOW_UP_FACTOR * first), axis=1)
        grew = (last > 2 * first[:, 0]) & (last > 1.0) if loss.shape[1] > 1 else False
    return result.diverged | ~np.all(np.isfinite(loss), axis=1) | stopped | grew


def single_settings(consensus: Consensus, index: int) -> Settings:
    """The settings recipe.train needs to make member `index` on its own."""
    return replace(consensus.settings, seed=consensus.seeds[index])


@dataclass(frozen=True)
class Vote:
    """The vote on one laptop, with the words for the friend."""

    buy_votes: int
    voters: int
    stuck: int
    blew_up: int
    size: int
    buy: bool | None  # the leading answer; None when split evenly or no one votes
    sure: float | None  # mean probability the leading answer's voters give it
    probabilities: np.ndarray  # every voter's P(buy) for the laptop (the strip's dots)
    voter_seeds: tuple[int, ...]  # the seed of each of those voters, in the same order
    lead: str  # "46 of 50 networks say buy" (the words to stress)
    how_sure: str | None  # "(on average 88% sure)"; None when split or no one votes
    why: str | None  # why they disagree, when any voter gives the other answer
    left_out: str | None  # "3 networks got stuck ... and are left out of the vote."

    @property
    def headline(self) -> str:
        """"46 of 50 networks say buy (on average 88% sure)"."""
        return self.lead if self.how_sure is None else f"{self.lead} {self.how_sure}"

    @property
    def agreement(self) -> float | None:
        """Share of voters giving the leading answer (0.5 when split)."""
        if not self.voters:
            return None
        return max(self.buy_votes, self.voters - self.buy_votes) / self.voters


def vote(consensus: Consensus, laptop: tuple[float, float], x_table: np.ndarray | None = None,
         share_map: tuple[np.ndarray, np.ndarray] | None = None) -> Vote:
    """The vote on `laptop` (pink, small), in numbers and words. `x_table`, the table's
    rows, lets `why` say when the laptop is far from all of them; `share_map` (the agreement
    map the page draws anyway, see distance_to_line) spares computing it again."""
    point = np.array([laptop], dtype=float)
    p_all = consensus.buy_probabilities(point)[:, 0]
    p = p_all[consensus.voting]
    voters, buy_votes = len(p), int(np.sum(p >= 0.5))
    stuck, blew_up = int(consensus.stuck.sum()), int(consensus.blew_up.sum())
    left_out = _left_out_words(stuck, blew_up)
    seeds = tuple(np.asarray(consensus.seeds)[consensus.voting].tolist())
    if not voters:
        return Vote(0, 0, stuck, blew_up, consensus.size, None, None, p, seeds,
                    _no_voters_words(consensus.size), None, None, left_out)
    no_votes = voters - buy_votes
    buy = None if buy_votes == no_votes else buy_votes > no_votes
    if buy is None:
        sure = how_sure = None
        lead = (f"The networks are split: {buy_votes} of {voters} say buy, {no_votes} say "
                "don't buy")
    else:
        leaders = p[p >= 0.5] if buy else 1.0 - p[p < 0.5]
        sure = float(np.mean(leaders))
        count, answer = (buy_votes, "buy") if buy else (no_votes, "don't buy")
        who = f"All {voters}" if count == voters and voters > 1 else f"{count} of {voters}"
        noun = "network says" if voters == 1 else "networks say"
        lead, how_sure = f"{who} {noun} {answer}", f"(on average {_percent(sure)} sure)"
    why = (disagreement_words(consensus, laptop, x_table, share_map)
           if min(buy_votes, no_votes) else None)
    return Vote(buy_votes, voters, stuck, blew_up, consensus.size, buy, sure, p, seeds,
                lead, how_sure, why, left_out)


def _percent(share: float) -> str:
    return f"{int(math.floor(share * 100 + 0.5))}%"


def _no_voters_words(size: int) -> str:
    return (f"None of the {size} networks learned the table, so there is no vote: every one "
            "got stuck or went out of control")


def _left_out_words(stuck: int, blew_up: int) -> str | None:
    parts = []
    if stuck:
        parts.append(f"{stuck} network{'s' if stuck != 1 else ''} got stuck (no better than "
                     "always giving the more common answer)")
    if blew_up:
        parts.append(f"{blew_up} went out of control (their loss grew)")
    if not parts:
        return None
    return " and ".join(parts) + ", so they are left out of the vote."


def distance_to_line(consensus: Consensus, laptop: tuple[float, float],
                     share_map: tuple[np.ndarray, np.ndarray] | None = None) -> float:
    """How far `laptop` is from the nearest point of the map whose majority answer differs
    from its own (inf when the whole square gets one answer). `share_map`: (axis, share)
    of consensus.buy_share in ui.grid.probability_grid's layout, when the page has it
    already; else a 41 x 41 one is computed."""
    if share_map is None:
        axis = np.linspace(0.0, 1.0, 41)
        xx, yy = np.meshgrid(axis, axis)
        share_map = axis, consensus.buy_share(np.column_stack([xx.ravel(), yy.ravel()]))
    axis, share = share_map
    xx, yy = np.meshgrid(axis, axis)
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    here = consensus.buy_share(np.array([laptop], dtype=float))[0] >= 0.5
    other = grid[(np.asarray(share).ravel() >= 0.5) != here]
    if not len(other):
        return math.inf
    return float(np.min(np.hypot(*(other - np.asarray(laptop, dtype=float)).T)))


def disagreement_words(consensus: Consensus, laptop: tuple[float, float],
                       x_table: np.ndarray | None = None,
                       share_map: tuple[np.ndarray, np.ndarray] | None = None) -> str:
    """Why the networks disagree about `laptop`, in plain words (`share_map`: see
    distance_to_line)."""
    reasons = []
    if distance_to_line(consensus, laptop, share_map) <= NEAR_LINE + 1e-9:
        reasons.append("the laptop sits near the line between what your friend bought and "
                       "did not, and each network draws that line a little differently")
    if x_table is not None and len(x_table):
        nearest = float(np.min(np.hypot(*(np.asarray(x_table, dtype=float).reshape(-1, 2)
                                          - np.asarray(laptop, dtype=float)).T)))
        if nearest > FAR_FROM_ROWS:
            reasons.append("the laptop is far from every laptop in the table, so each network "
                           "has to guess in its own way")
    if not reasons:
        reasons.append("each network started from other random weights and learned the "
                       "table its own way, and here their answers differ")
    text = "; and ".join(reasons)
    return "They disagree because " + text + "."
