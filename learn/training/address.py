"""The Training page's address: which values of `seed`, `row`, `stage` and `steps` it may
hold, and a plain note for each value it cannot use.

The widgets are bound to the address (`bind="query-params"`): Streamlit reads a value from
it on arrival and drops one it cannot use without a word. The page reads the raw values
before its widgets do, and `address_notes` says what was asked for and what is shown.
Pure: no streamlit.
"""

import re

from laptop.data import tutorial_arrays
from laptop.plain_text import literal
from laptop.recipe import LIMITS, RECIPE
from learn.training.one_step import MAX_STEPS

STAGES = ("Forward", "Loss", "Backward", "Update")
STAGE_TITLES = {"Forward": "1. Forward pass", "Loss": "2. Loss", "Backward": "3. Backward pass",
                "Update": "4. Update"}
ROWS = tuple(range(1, len(tutorial_arrays()[1]) + 1))  # rows as the visitor counts them
SEED_RANGE = LIMITS["seed"]
DEFAULTS = {"seed": RECIPE.seed, "row": 1, "stage": STAGES[0], "steps": 0}
KEYS = tuple(DEFAULTS)
_WHOLE = re.compile(r"[0-9]{1,12}")


def _whole_in(text: str, low: int, high: int) -> bool:
    return bool(_WHOLE.fullmatch(text)) and low <= int(text) <= high


def allowed(key: str, text: str) -> bool:
    """Whether the address value `text` for `key` is one the page uses as it is."""
    if key == "seed":
        return _whole_in(text, *SEED_RANGE)
    if key == "row":
        return _whole_in(text, ROWS[0], ROWS[-1])
    if key == "steps":
        return _whole_in(text, 0, MAX_STEPS)
    if key == "stage":
        return text in STAGES
    raise KeyError(f"No address key {key!r}. Known: {KEYS}")


def _what_fits(key: str) -> str:
    return {"seed": f"a whole number from {SEED_RANGE[0]} to {SEED_RANGE[1]:,}",
            "row": f"a row number from {ROWS[0]} to {ROWS[-1]}",
            "steps": f"a whole number of steps from 0 to {MAX_STEPS}",
            "stage": "one of " + ", ".join(STAGES)}[key]


def address_notes(raw: dict[str, str], shown: dict[str, object]) -> list[str]:
    """A Markdown sentence (visitor text escaped) for each of this page's keys in `raw` (the
    address as it arrived) whose value the page cannot use, saying what is `shown` instead."""
    notes = []
    for key in KEYS:
        if key in raw and not allowed(key, str(raw[key])):
            notes.append(f"The link asked for {key} “{literal(raw[key], 40)}”, which is not "
                         f"{_what_fits(key)}. The page shows {key} {literal(shown[key])} "
                         f"instead.")
    return notes
