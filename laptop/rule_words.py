"""The rule in words: one sentence that says what a model has learned, read off its map.
No streamlit.

Two measurements on the grid of P(buy) (ui.grid.probability_grid's layout: p[i, j] belongs
to pink = axis[j], small = axis[i]):
- how much each input moves P(buy): walking across the square along that input (from 0
  to 1, the other held), the total change |step| by step, averaged over the other input;
- where the 50% line is: along the input that matters, the value where P(buy) crosses 0.5,
  averaged over the lines that cross it.
An input "barely matters" when it moves P(buy) by less than BARELY (0.1) or by less than a
quarter of what the other moves it.
"""

from dataclasses import dataclass

import numpy as np

BARELY = 0.1
BARELY_SHARE = 0.25
NAMES = {"pink": ("pink", "pinkness"), "small": ("small", "smallness")}
COMPARATIVE = {"pink": "pinker", "small": "smaller"}


@dataclass(frozen=True)
class Rule:
    pink_effect: float  # mean total change of P(buy) walking from pink 0 to pink 1
    small_effect: float
    pink_direction: int  # +1: pinker pushes toward buy; -1: toward don't buy; 0: neither
    small_direction: int
    matters: tuple[str, ...]  # "pink", "small": the inputs that matter, biggest effect first
    threshold: float | None  # where the only input that matters crosses 50% (None otherwise)
    sentence: str


def effects(probabilities: np.ndarray) -> tuple[float, float]:
    """(along pink, along small): the total change |step| by step of P(buy) walking across
    the square along that input, averaged over the other input."""
    p = np.asarray(probabilities, dtype=float)
    along_pink = float(np.mean(np.sum(np.abs(np.diff(p, axis=1)), axis=1)))
    along_small = float(np.mean(np.sum(np.abs(np.diff(p, axis=0)), axis=0)))
    return along_pink, along_small


def crossing(axis: np.ndarray, lines: np.ndarray) -> float | None:
    """Mean position on `axis` where each line (a row of `lines`, one value per axis point)
    first crosses 0.5, by linear interpolation; None when no line crosses."""
    found = []
    for line in np.asarray(lines, dtype=float):
        above = line >= 0.5
        steps = np.flatnonzero(above[1:] != above[:-1])
        if len(steps):
            k = steps[0]
            a, b = line[k], line[k + 1]
            found.append(axis[k] + (0.5 - a) / (b - a) * (axis[k + 1] - axis[k]))
    return float(np.mean(found)) if found else None


def line_ends(axis: np.ndarray, probabilities: np.ndarray):
    """The two ends of the 50% line, ((pink, small), (pink, small)): where it crosses the
    first and the last line of the grid it crosses (walking along pink, else along small);
    None when it crosses fewer than two."""
    p = np.asarray(probabilities, dtype=float)
    along_pink = [(crossing(axis, p[i:i + 1]), axis[i]) for i in range(len(axis))]
    points = [(a, b) for a, b in along_pink if a is not None]
    if len(points) < 2:
        along_small = [(axis[j], crossing(axis, p[:, j:j + 1].T)) for j in range(len(axis))]
        points = [(a, b) for a, b in along_small if b is not None]
    return (points[0], points[-1]) if len(points) >= 2 else None


def _about(value: float) -> str:
    """A position said roughly: to the nearest 0.05."""
    return f"{round(value * 20) / 20:.2f}".rstrip("0").rstrip(".") if value else "0"


def rule_in_words(axis: np.ndarray, probabilities: np.ndarray) -> Rule:
    """What the model whose map is `probabilities` (on `axis` x `axis`) has learned.

    >>> axis = np.linspace(0, 1, 41)
    >>> small = np.repeat(axis[:, None], 41, axis=1)  # small = axis[i] in every column
    >>> rule_in_words(axis, 1 / (1 + np.exp(-20 * (small - 0.45)))).sentence
    'Buys when small is above about 0.45; pinkness barely matters.'
    """
    axis = np.asarray(axis, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    pink_effect, small_effect = effects(p)
    pink_direction = int(np.sign(np.round(np.mean(p[:, -1] - p[:, 0]), 9)))
    small_direction = int(np.sign(np.round(np.mean(p[-1, :] - p[0, :]), 9)))
    ranked = sorted([("pink", pink_effect), ("small", small_effect)], key=lambda e: -e[1])
    (top, top_effect), (other, other_effect) = ranked
    matters = tuple(name for name, effect in ranked
                    if effect >= BARELY and effect >= BARELY_SHARE * top_effect)
    direction = {"pink": pink_direction, "small": small_direction}
    says_buy = float(np.mean(p)) >= 0.5
    threshold = None
    if not matters:
        answer = "buy" if says_buy else "don't buy"
        sentence = (f"Says {answer} for almost every laptop: neither pinkness nor smallness "
                    "changes its answer much.")
    elif len(matters) == 1:
        # each line walks along the input that matters, the other held
        threshold = crossing(axis, p if top == "pink" else p.T)
        word, noun = NAMES[top][0], NAMES[other][1]
        side = "above" if direction[top] > 0 else "below"
        if threshold is None:
            answer = "buy" if says_buy else "don't buy"
            more = "more" if (direction[top] > 0) == says_buy else "less"
            sentence = (f"Says {answer} for every laptop, {more} surely the {COMPARATIVE[top]} "
                        f"it is; {noun} barely matters.")
        else:
            sentence = (f"Buys when {word} is {side} about {_about(threshold)}; {noun} "
                        "barely matters.")
    else:
        wants = [("pinker" if direction["pink"] > 0 else "less pink"),
                 ("smaller" if direction["small"] > 0 else "less small")]
        sentence = (f"Buys when it is {wants[0]} and {wants[1]}: both matter (across the "
                    f"square, pinkness moves the answer by {pink_effect:.2f} and smallness "
                    f"by {small_effect:.2f}, out of 1).")
        ends = line_ends(axis, p)
        if ends is not None:
            (pink_a, small_a), (pink_b, small_b) = ends
            sentence += (f" The 50/50 line runs from pink {_about(pink_a)}, small "
                         f"{_about(small_a)} to pink {_about(pink_b)}, small "
                         f"{_about(small_b)}.")
    return Rule(pink_effect, small_effect, pink_direction, small_direction, matters,
                threshold, sentence)
