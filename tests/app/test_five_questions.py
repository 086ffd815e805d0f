"""Teach it your taste in five questions, under AppTest through the real navigation: the
dialog opens from the button under the verdict, Yes and No add exactly the laptop asked
about, Skip adds nothing, the model trains again, the counter advances, and the end summary
says what laptop/ computes on its own (train_consensus, recipe.train)."""

import re

import numpy as np

from decide.questions_section import BUTTON_LABEL, ROUND_KEY, QuestionKeys
from decide.session import SESSION_KEY
from laptop.consensus import train_consensus, vote
from laptop.data import table_from_arrays, to_csv_bytes, tutorial_arrays
from laptop.recipe import RECIPE, model_to_json_bytes, predict_buy, train
from laptop.verdict import verdict
from tests.app import opening
from tests.app.test_buy_the_laptop_vote import train_the_longest_run

PAGE = "app_pages/buy_the_laptop.py"
QUESTION = re.compile(r"### A laptop (\d+)% pink and (\d+)% small: would your friend buy it\?")


def open_page(query=None):
    return opening.open_page(PAGE, query, timeout=90)


def asked(at):
    found = [QUESTION.fullmatch(m.value) for m in at.markdown if QUESTION.fullmatch(m.value)]
    assert len(found) == 1, [m.value for m in at.markdown]
    return int(found[0].group(1)) / 100, int(found[0].group(2)) / 100


def counter(at):
    texts = [p.proto.text for p in at.get("progress")]
    found = [t for t in texts if t.startswith("Question ")]
    assert len(found) == 1, texts
    return found[0]


def announced(at):
    """What the dialog's live region says (its st.info; one at a time)."""
    found = [i.value for i in at.info if i.value.startswith(("Question ", "Done. "))]
    assert len(found) == 1, [i.value for i in at.info]
    return found[0]


def click(at, key):
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def vote_words(x, y, laptop):
    """The friend's laptop's verdict, computed by laptop/ alone from the table (x, y)."""
    consensus = train_consensus(x, y, RECIPE)
    p = float(predict_buy(train(x, y, RECIPE).model, np.array([laptop]))[0])
    answer = verdict(p)
    sure = answer.buy_percent if answer.buy else answer.no_buy_percent
    own = f"your model says {answer.headline.lower()}, {sure}% sure"
    return f"{vote(consensus, laptop).headline}; {own}"


def test_five_questions_add_the_answered_laptops_only_and_report_what_changed():
    at = open_page()
    assert at.button(key=QuestionKeys.open).proto.label == BUTTON_LABEL
    click(at, QuestionKeys.open)
    x, y = (a.copy() for a in at.session_state[SESSION_KEY].good)
    laptop = at.session_state[SESSION_KEY].laptop()
    before_words = vote_words(x, y, laptop)
    expected_rows, expected_y = x.tolist(), y.tolist()
    for number, key in enumerate([QuestionKeys.yes, QuestionKeys.no, QuestionKeys.skip,
                                  QuestionKeys.no, QuestionKeys.yes], start=1):
        assert counter(at) == f"Question {number} of 5"
        point = asked(at)
        # the live region says the question the heading shows, for a screen reader
        assert announced(at) == (f"Question {number} of 5: A laptop {point[0]:.0%} pink and "
                                 f"{point[1]:.0%} small: would your friend buy it?")
        model_before = at.session_state[SESSION_KEY].model
        click(at, key)
        session = at.session_state[SESSION_KEY]
        if key != QuestionKeys.skip:
            expected_rows.append(list(point))
            expected_y.append(int(key == QuestionKeys.yes))
            assert session.model is not model_before  # trained again
            assert np.array_equal(session.trained_on[0], session.good[0])
        else:
            assert session.model is model_before
        assert session.good[0].tolist() == expected_rows
        assert session.good[1].tolist() == expected_y
    x1, y1 = session.good
    texts = [m.value for m in at.markdown]
    assert "### What your answers changed" in texts
    added = ("You added 4 laptops to the table (2 buy, 2 don't buy) and skipped 1: it went "
             f"from {len(x)} to {len(x) + 4} rows, and the model trained again.")
    assert added in texts
    assert announced(at) == f"Done. {added}"
    where = f"{laptop[0]:.0%} pink and {laptop[1]:.0%} small"
    assert f"For your friend's laptop ({where}), before: {before_words}." in texts
    assert f"Now: {vote_words(x1, y1, laptop)}." in texts
    click(at, QuestionKeys.close)
    assert ROUND_KEY not in at.session_state
    assert not any(QUESTION.fullmatch(m.value) for m in at.markdown)  # the dialog is closed
    # the page's own verdict follows the new table
    p = float(predict_buy(train(x1, y1, RECIPE).model, np.array([laptop]))[0])
    assert any(m.value.startswith("### Your model, one of them")
               and verdict(p).sentence in m.value for m in at.markdown)


def test_stopping_early_summarises_and_closing_with_nothing_added_keeps_the_table():
    at = open_page()
    rows = len(at.session_state[SESSION_KEY].good[1])
    click(at, QuestionKeys.open)
    first = asked(at)
    click(at, QuestionKeys.skip)
    assert counter(at) == "Question 2 of 5"
    assert asked(at) != first
    assert any(i.value.startswith(f"Skipped the laptop {first[0]:.0%} pink") for i in at.info)
    click(at, QuestionKeys.stop)
    texts = [m.value for m in at.markdown]
    assert [t for t in texts if t.startswith("Nothing was added to the table (you skipped 1), "
                                             f"so it still has {rows} rows")], texts
    click(at, QuestionKeys.close)
    assert len(at.session_state[SESSION_KEY].good[1]) == rows


def test_a_model_from_a_file_turns_the_questions_off_and_says_why():
    at = open_page()
    session = at.session_state[SESSION_KEY]
    assert session.take_model_upload(model_to_json_bytes(session.model), "test-upload") is None
    at.run()
    assert at.button(key=QuestionKeys.open).proto.disabled
    assert any(c.value.startswith("The five questions are off while a model loaded from a file")
               for c in at.caption)


def test_when_no_laptop_is_left_the_dialog_says_so():
    grid = np.round(np.linspace(0, 1, 12), 2)
    x = np.array([(a, b) for a in grid for b in grid])
    y = (x[:, 0] > 0.5).astype(int)
    at = open_page()
    session = at.session_state[SESSION_KEY]
    assert session.take_csv_upload(to_csv_bytes(table_from_arrays(x, y)), "grid") is None
    at.run()
    click(at, QuestionKeys.open)  # the round trains on nothing new: it starts with no question
    assert any(i.value.startswith("No laptop is left that is at least 0.1 away")
               for i in at.info), [i.value for i in at.info]


def test_the_tutorial_table_is_what_the_first_question_avoids():
    x, _ = tutorial_arrays()
    at = open_page()
    click(at, QuestionKeys.open)
    point = asked(at)
    assert min(np.hypot(*(np.array(point) - x).T)) >= 0.1 - 1e-9


def test_a_reduced_vote_still_asks_and_says_why_fewer_networks_vote():
    at = open_page()
    train_the_longest_run(at)
    consensus = at.session_state[SESSION_KEY].consensus
    assert consensus.reduced
    click(at, QuestionKeys.open)
    assert counter(at) == "Question 1 of 5"
    assert any(consensus.budget_note() in c.value for c in at.caption)
    rows = len(at.session_state[SESSION_KEY].good[1])
    point = asked(at)
    click(at, QuestionKeys.yes)
    session = at.session_state[SESSION_KEY]
    assert len(session.good[1]) == rows + 1 and session.good[0][-1].tolist() == list(point)
    assert session.consensus.reduced and counter(at) == "Question 2 of 5"


def test_in_the_friends_view_the_questions_are_asked_of_the_friend():
    """`?view=friend` is read by the friend: "would you buy it?", the star is "yours", the
    summary speaks of "your laptop"; the rows added are the same."""
    at = open_page({"view": "friend"})
    click(at, QuestionKeys.open)
    friend_question = re.compile(r"### A laptop (\d+)% pink and (\d+)% small: would you buy it\?")
    heading = [m.value for m in at.markdown if friend_question.fullmatch(m.value)]
    assert len(heading) == 1 and not any(QUESTION.fullmatch(m.value) for m in at.markdown)
    assert announced(at) == f"Question 1 of 5: {heading[0].removeprefix('### ')}"
    captions = " ".join(c.value for c in at.caption)
    assert "Circles: laptops you would buy" in captions and "the star: yours." in captions
    assert "your friend" not in captions
    found = friend_question.fullmatch(heading[0])
    point = int(found.group(1)) / 100, int(found.group(2)) / 100
    click(at, QuestionKeys.yes)
    assert at.session_state[SESSION_KEY].good[0][-1].tolist() == list(point)
    assert announced(at).startswith("Question 2 of 5: A laptop ")
    assert announced(at).endswith(": would you buy it?")
    click(at, QuestionKeys.stop)
    laptop = at.session_state[SESSION_KEY].laptop()
    where = f"{laptop[0]:.0%} pink and {laptop[1]:.0%} small"
    assert any(m.value.startswith(f"For your laptop ({where}), before: ") for m in at.markdown)
    assert not any("your friend's laptop" in m.value for m in at.markdown)
