"""Teach it your taste in five questions: a button under the verdict opens a dialog that asks
the friend about the laptops the networks are least sure of, adds each answer to the table,
trains again and shows how the 50% line moved (the round itself: decide/question_round.py).

`five_questions()` is the one function a page calls: the button, and the dialog while a
round is open. The dialog is a fragment: an answer reruns the dialog only, and writes the
address at once (decide.link_section.sync_address), so a reload mid-round keeps every
answer given; closing it (the Close button, the X or Esc) reruns the whole page, so the
verdict and the table follow the new rows.

A screen reader hears each new question without the focus moving: a live region (st.info,
role="status", polite; visually hidden by ui/theme.css, the heading shows the question) says
"Question 2 of 5: A laptop ...", and at the end the first sentence of what changed. It is
the dialog's second element on every run, so it stays the same element and its new text is
what is read (as the verdict's line under "Ask the model", decide/words.py).
"""

import streamlit as st

from decide.common import guarded, laptop_session, show
from decide.link_section import sync_address
from decide.question_figures import line_change_alt, line_change_figure
from decide.question_round import (
    SOURCE_WORDS,
    QuestionRound,
    change_sentence,
    question_sentence,
    round_summary,
    start_round,
    take_answer,
    why_this_question,
)
from decide.session import KEY, LaptopSession
from decide.views import LINK_KEY, read_view
from laptop.plain_text import literal
from laptop.questions import MIN_DISTANCE
from ui.theme import show_chart

ROUND_KEY = KEY + "questions.round"  # the open round (QuestionRound) in st.session_state
# The key of the container of the dialog's live region (its class: "st-key-" + this).
QUESTION_ANNOUNCE_KEY = "question-announcement"
BUTTON_LABEL = "Teach it your taste: 5 questions"


class QuestionKeys:
    """The widget keys of the five questions, defined once (the tests find them by these)."""

    open = KEY + "q.open"
    yes = KEY + "q.yes"
    no = KEY + "q.no"
    skip = KEY + "q.skip"
    stop = KEY + "q.stop"
    close = KEY + "q.close"
    change_map = KEY + "q.map"


ANSWERS = ((QuestionKeys.yes, True), (QuestionKeys.no, False), (QuestionKeys.skip, None))


def unavailable_reason(session: LaptopSession, friend: bool = False) -> str | None:
    """Why the questions cannot be asked now, in plain words; None when they can. `friend`:
    the friend's view, which has no Train button."""
    if session.run is None:
        where = ("Open the whole page (\"See how this answer is made\", at the bottom) and "
                 "press Train there" if friend else "Press Train further down")
        return ("The five questions are off while a model loaded from a file gives the "
                "verdict: each answer trains the model again on the table, which would "
                f"replace the file's model. {where} to learn from the table, and they come "
                "back.")
    return None


def for_the_friend() -> bool:
    """Whether the page shows the friend's view (decide/views.py): the questions are then
    asked of the friend ("would you buy it?"), not of someone asking for them."""
    return read_view(st.query_params.get(LINK_KEY)).friend


def five_questions() -> None:
    """The button "Teach it your taste: 5 questions" with a line on what it does (or why it
    is off), and the dialog while a round is open."""
    session = laptop_session()
    friend = for_the_friend()
    reason = unavailable_reason(session, friend)
    st.button(BUTTON_LABEL, key=QuestionKeys.open, icon=":material/quiz:",
              disabled=reason is not None, on_click=_open_round)
    learns = ("the networks learn again from the laptops with your answers" if friend
              else "each answer joins the table and the model learns again")
    st.caption(reason or "Answer five quick yes-or-no questions about the laptops the "
               f"networks are least sure of: {learns}.")
    if st.session_state.get(ROUND_KEY) is not None and reason is None:
        _questions_dialog()


def _open_round() -> None:
    session = laptop_session()
    if unavailable_reason(session) is None:
        st.session_state[ROUND_KEY] = start_round(session)


def _close_round() -> None:
    st.session_state.pop(ROUND_KEY, None)


def _stop() -> None:
    round_ = st.session_state.get(ROUND_KEY)
    if round_ is not None:
        round_.total = len(round_.answers)


@st.dialog("Teach it your taste", width="medium", on_dismiss=_close_round)
def _questions_dialog() -> None:
    guarded(_dialog_body, "the questions")


def _dialog_body() -> None:
    session = laptop_session()
    round_: QuestionRound = st.session_state[ROUND_KEY]
    friend = for_the_friend()
    # An answer is taken here, with a spinner while it trains, in a slot drawn on every run:
    # the elements after it keep their places, so the button pressed stays the same element
    # and keeps the keyboard focus.
    working = st.empty()
    for key, buy in ANSWERS:
        if st.session_state.get(key):
            with working, st.spinner("Skipping..." if buy is None else
                                     "Adding the laptop to the table and training again..."):
                take_answer(session, round_, buy)
            working.empty()
            sync_address()  # the new row in the address now: a reload mid-round keeps it
            break
    announce = st.container(key=QUESTION_ANNOUNCE_KEY)
    if round_.finished:
        _summary(session, round_, announce, friend)
        return
    point = round_.question
    announce.info(question_announcement(round_, friend), icon=":material/quiz:")
    st.progress(len(round_.answers) / round_.total,
                text=f"Question {round_.number} of {round_.total}")
    last = round_.answers[-1] if round_.answers else None
    # two slots drawn even when empty, for the same reason as `working`
    change, problem = st.empty(), st.empty()
    if last is not None:
        change.info(change_sentence(last), icon=":material/insights:")
    if round_.problem:
        with problem:
            show("warning", round_.problem)
    st.markdown(f"### {question_sentence(point, friend)}")
    learns = "the networks learn again" if friend else "the model learns again"
    st.caption(f"{why_this_question(round_.lines, point)} (0% = not at all, 100% = "
               f"completely.) Yes or No adds it to the table and {learns}; Skip adds "
               "nothing.")
    yes, no, skip = st.columns(3)
    yes.button("Yes, buy it", key=QuestionKeys.yes, type="primary", width="stretch",
               icon=":material/thumb_up:")
    no.button("No, don't buy", key=QuestionKeys.no, type="primary", width="stretch",
              icon=":material/thumb_down:")
    skip.button("Skip", key=QuestionKeys.skip, width="stretch", icon=":material/skip_next:")
    _change_map(session, round_, last, point, friend)
    if round_.answers:
        st.button("Stop here and see what changed", key=QuestionKeys.stop, on_click=_stop)


def question_announcement(round_: QuestionRound, friend: bool = False) -> str:
    """What the live region says while a question is asked: "Question 2 of 5: A laptop 45%
    pink and 70% small: would your friend buy it?", after why the last answer could not be
    added, when it could not."""
    asked = question_sentence(round_.question, friend)
    words = f"Question {round_.number} of {round_.total}: {asked}"
    return words if round_.problem is None else f"{literal(round_.problem, 800)} {words}"


def _change_map(session: LaptopSession, round_: QuestionRound, last, point,
                friend: bool) -> None:
    """The map after the last answer: the line before it and now, the rows, the question."""
    lines = round_.lines
    source = lines.source if last is None else last.source
    moved = last is not None and last.buy is not None
    before = last.before.grid(source) if moved else None
    sentence = (change_sentence(last) if last is not None
                else why_this_question(lines, point))
    x, y = session.good
    show_chart(st, line_change_figure(lines.axis, before, lines.grid(source), source, x, y,
                                      point, last.point if moved else None,
                                      session.laptop(), laptop_name=_laptop_name(friend)),
               key=QuestionKeys.change_map, alt=line_change_alt(sentence, source, point))
    notes = [f"The lines are {SOURCE_WORDS[source]}."]
    if lines.source == "model":
        notes.append("There is no vote of many networks for this table and these settings, so "
                     "the questions go where your model is least sure.")
    elif session.consensus is not None and session.consensus.budget_note():
        notes.append(session.consensus.budget_note())
    ring = "; the ring: your last answer" if moved else ""
    who, whose = ("you", "yours") if friend else ("your friend", "your friend's")
    st.caption(" ".join(notes) + f" Circles: laptops {who} would buy; crosses: would "
               f"not{ring}; the diamond: the laptop asked about now; the star: {whose}.")


def _laptop_name(friend: bool) -> str:
    """The star's name in the map's legend."""
    return "your laptop" if friend else "your friend's laptop"


def _summary(session: LaptopSession, round_: QuestionRound, announce, friend: bool) -> None:
    summary = round_summary(session, round_)
    sentences = summary.sentences(friend)
    announce.info(f"Done. {sentences[0]}", icon=":material/check:")
    st.markdown("### What your answers changed")
    if round_.question is None and len(round_.answers) < round_.total:
        st.info(f"No laptop is left that is at least {MIN_DISTANCE} away from every row of the "
                "table and every skipped laptop, so the questions stop here.")
    first, last = (round_.answers[0], round_.answers[-1]) if round_.answers else (None, None)
    for sentence in sentences:
        st.markdown(sentence)
    if first is not None and summary.added:
        source = ("vote" if first.before.source == last.after.source == "vote" else "model")
        x, y = session.good
        words = " ".join(sentences)
        show_chart(st, line_change_figure(first.before.axis, first.before.grid(source),
                                          last.after.grid(source), source, x, y, None,
                                          laptop=session.laptop(),
                                          laptop_name=_laptop_name(friend)),
                   key=QuestionKeys.change_map, alt=line_change_alt(words, source, None))
        st.caption(f"The dotted line is {SOURCE_WORDS[source]} before the first question; the "
                   f"solid one, now. The star is {_laptop_name(friend)}.")
    if st.button("Close and see the verdict", key=QuestionKeys.close, type="primary",
                 icon=":material/check:"):
        _close_round()
        st.rerun()
