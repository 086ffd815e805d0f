"""The plain notes a Learn page gives for a link value it cannot use (learn/link.py)."""

import pytest

from learn.link import link_note

NAMES = {"relu": "ReLU", "tanh": "tanh"}


@pytest.mark.parametrize("raw, shown, kwargs", [
    (None, 0.5, {}),  # nothing asked for
    (["0.5"], 0.5, {"low": 0.0, "high": 1.0}),
    (["0.50"], 0.5, {"low": 0.0, "high": 1.0}),  # written differently, the same number
    (["3"], 3, {"low": 0, "high": 9}),
    (["true"], True, {}), (["False"], False, {}),
    (["-3", "4"], (-3, 4), {"low": -20, "high": 20}),
    (["ReLU"], "relu", {"options": ("tanh", "relu"), "format_func": NAMES.get}),
    (["relu"], "relu", {"options": ("tanh", "relu"), "format_func": NAMES.get}),
    (["0.001"], 0.001, {"options": (0.0001, 0.001)}),
])
def test_a_value_the_control_shows_gets_no_note(raw, shown, kwargs):
    assert link_note("x", raw, shown, **kwargs) is None


@pytest.mark.parametrize("raw, shown, kwargs, problem, instead", [
    (["abc"], 0.5, {"low": 0.0, "high": 1.0}, "is not a number", "0.5"),
    (["nan"], 0.5, {"low": 0.0, "high": 1.0}, "is not a number", "0.5"),
    (["7"], 1.5, {"low": -1.5, "high": 1.5}, "is not a number from -1.5 to 1.5", "1.5"),
    (["0.123"], 0.1, {"low": 0.0, "high": 1.0}, "is not one of the steps", "0.1"),
    (["maybe"], False, {}, "is not true or false", "no"),
    (["1"], True, {}, "is not true or false", "yes"),
    (["5"], (-10, 10), {"low": -20, "high": 20}, "is not two numbers from -20 to 20",
     "-10 to 10"),
    (["Sigmoid"], "tanh", {"options": ("tanh", "relu"), "format_func": NAMES.get},
     "is not one of tanh, ReLU", "tanh"),
])
def test_a_value_the_control_cannot_show_gets_a_plain_note(raw, shown, kwargs, problem,
                                                            instead):
    note = link_note("pink", raw, shown, **kwargs).replace("\\", "")  # as markdown shows it
    assert note.startswith(f"The link’s pink value “{raw[0]}” {problem}")
    assert note.endswith(f"; showing {instead} instead.")


def test_visitor_text_in_a_note_is_escaped_and_cut():
    note = link_note("data", ["[x](javascript:alert(1))" + "a" * 100], "xor", options=("xor",))
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in note
    assert "a" * 41 not in note
