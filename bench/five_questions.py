"""Teach it your taste in five questions: what one answer costs the server (the table grows by
a row, the model and the vote train again, the maps are computed again: LaptopSession.add_row
then decide.question_round.lines_now), next to opening the round (start_round), for the
tutorial's recipe and for the page's longest training (a reduced vote).

Prints, never asserts: the machine is shared, so compare the figures within one run.
Sessions train without the server's cache here (every answer is a new table anyway).
Run: .venv/bin/python bench/five_questions.py
"""

import time
from dataclasses import replace

import numpy as np
from _common import LAPTOP_X, LAPTOP_Y

from decide.question_round import start_round, take_answer
from decide.session import LaptopSession
from laptop.data import table_from_arrays
from laptop.recipe import RECIPE

CASES = [
    ("the tutorial's recipe, 9 rows", LAPTOP_X, LAPTOP_Y, RECIPE),
    ("the longest training (23 rows, batches of 1, 500 epochs)",
     np.tile(LAPTOP_X, (3, 1))[:23], np.tile(LAPTOP_Y, 3)[:23],
     replace(RECIPE, epochs=500, batch_size=1)),
]


def one_round(x, y, settings):
    session = LaptopSession.starting_from(table_from_arrays(x, y))
    session.run_training(settings)
    start = time.perf_counter()
    round_ = start_round(session)
    opened = time.perf_counter() - start
    answers = []
    for buy in (True, False, True, False, True):
        if round_.finished:
            break
        start = time.perf_counter()
        take_answer(session, round_, buy)
        answers.append(time.perf_counter() - start)
    return opened, answers, session.consensus.size if session.consensus else 0


def main():
    for name, x, y, settings in CASES:
        opened, answers, size = one_round(x, y, settings)
        print(f"{name}: opening the round {opened * 1000:.0f} ms; one answer (train + vote of "
              f"{size} + maps) median {np.median(answers) * 1000:.0f} ms, slowest "
              f"{max(answers) * 1000:.0f} ms over {len(answers)} answers")


if __name__ == "__main__":
    main()
