"""Buy the Laptop, the friend's part: the verdict first (the vote of many networks trained
like the model, then the model's own answer), the laptop's two sliders, and the maps that
show why (where the networks agree, and the model's own)."""

import numpy as np
import streamlit as st

from decide.common import laptop_session, show
from decide.deals_section import keep_share_map, map_marks, marks_alt
from decide.figures import (
    agreement_map_alt,
    agreement_map_figure,
    verdict_bar_alt,
    verdict_bar_figure,
    verdict_map_alt,
    verdict_map_figure,
    vote_strip_alt,
    vote_strip_figure,
)
from decide.player_section import verdict_note
from decide.questions_section import five_questions
from decide.session import WidgetKeys
from decide.tap import tap_hint
from decide.tap_section import show_tap_map, tap_mode
from decide.views import WHOLE_PAGE, View
from decide.words import (
    ANNOUNCE_KEY,
    LANE_WAIT_WORDS,
    announcement,
    verdict_heading,
    vote_heading,
)
from laptop.consensus import Vote, no_vote_words, vote
from laptop.recipe import predict_buy, training_steps
from laptop.rule_words import rule_in_words
from laptop.share_link import format_fraction
from laptop.verdict import verdict
from ui.grid import probability_grid
from ui.theme import show_chart


def verdict_progress(slot):
    """Draw, in `slot` (where the verdict goes), a heading and a progress bar at once; returns
    the decide.session.Progress callback that moves the bar (at most 100 redraws)."""
    with slot.container():
        st.markdown("## Working out the verdict")
        st.caption("The page trains the model your link (or the tutorial) describes; the "
                   "verdict appears here when it is ready.")
        bar = st.progress(0.0, text="Getting ready to train...")
    shown = {"percent": -1}

    def progress(epoch: int, epochs: int, waiting: bool = False) -> None:
        percent = 100 * epoch // max(epochs, 1)
        if waiting:  # another visitor's long training goes first (laptop/lane.py)
            shown["percent"] = -1  # redrawn when the turn comes
            bar.progress(percent / 100, text=LANE_WAIT_WORDS)
        elif percent != shown["percent"]:
            shown["percent"] = percent
            bar.progress(percent / 100, text=f"Training: epoch {epoch} of {epochs}")

    return progress


def friend_section(view: View = WHOLE_PAGE):
    """The verdict, the form and the map, worded for `view` (decide.views: the friend's view
    never points at the training). Returns an empty container under the verdict for the
    share link (filled at the end of the page, once the table's latest edit is in)."""
    session = laptop_session()
    verdict_box = st.container()
    ask, picture = st.columns([5, 6], gap="large")
    pink, small = session.laptop()  # "Ask the model" has set them already (its callback)
    model = session.model
    p_buy = float(predict_buy(model, np.array([[pink, small]]))[0])
    answer = verdict(p_buy)
    consensus = session.consensus
    share_map = None if consensus is None else probability_grid(consensus.buy_share)
    if share_map is not None:
        keep_share_map(consensus, share_map)  # the list of laptops uses it too
    own_map = probability_grid(lambda rows: predict_buy(model, rows))
    rule = rule_in_words(*own_map)
    result = (None if consensus is None
              else vote(consensus, (pink, small), session.trained_on[0], share_map))
    with ask:
        _laptop_form()
        # The verdict again where the focus is after "Ask the model". st.info is a live
        # region (role="status", polite) and stays the same element from run to run, so a
        # screen reader hears its new text without the focus moving.
        st.container(key=ANNOUNCE_KEY).info(
            announcement(answer, None if result is None else result.headline, view.network),
            icon=":material/thumb_up:" if answer.buy else ":material/thumb_down:")
    with verdict_box:
        if result is not None:
            _vote_part(result, consensus.budget_note())
            heading = view.model_heading(answer)
        else:
            if session.run is not None:
                run = session.run
                st.caption(no_vote_words(training_steps(len(run.train_rows), run.settings)))
            heading = verdict_heading(answer)
        st.markdown(f"{heading}  \n**{answer.sentence}** "
                    f"{view.network.capitalize()} is {answer.confidence}.")
        if session.model_is_stuck():
            st.warning(view.stuck_warning, icon=":material/warning:")
        show_chart(st, verdict_bar_figure(p_buy, network=view.network),
                   key=WidgetKeys.verdict_bar, alt=verdict_bar_alt(p_buy, view.network))
        st.caption(f"For a laptop that is {format_fraction(pink)} pink and "
                   f"{format_fraction(small)} small (0 = not at all, 1 = completely).")
        st.markdown(f"**{view.rule_lead}** {rule.sentence}")
        # when the training player (whole page only) shows an earlier moment
        note = verdict_note(session) if view.shows_player_note else None
        if note:
            st.caption(note)
        notes = [text for _, text in session.pop_messages("verdict")]
        if notes:  # parts of a link that could not be used: one box, under the verdict
            show("warning", " ".join(notes))
        five_questions()
        share_slot = st.container()
    with picture:
        x, y = session.trained_on
        mode = tap_mode()
        marks = map_marks(session)  # the friend's list (decide/deals_section.py)
        if consensus is not None:
            every, mine = st.tabs(["All the networks", view.model_tab])
            with every:
                axis, share = share_map
                voters = int(consensus.voting.sum())
                if voters:
                    here = float(consensus.buy_share(np.array([[pink, small]]))[0])
                    show_tap_map(agreement_map_figure(axis, share, x, y, (pink, small), voters,
                                                      deals=marks, hint=tap_hint(mode)),
                                 WidgetKeys.agreement_map,
                                 agreement_map_alt(here, voters) + marks_alt(session))
                    st.caption(f"Green areas: all {voters} networks say buy; orange: none "
                               "does; paler: they disagree, and the dashed line is where "
                               f"half say buy. {view.table_marks}; the star is yours.")
                else:
                    st.caption("No network learned the table, so there is no map of "
                               "their vote.")
        with mine if consensus is not None else st.container():
            axis, grid = own_map
            show_tap_map(verdict_map_figure(axis, grid, x, y, (pink, small), deals=marks,
                                            hint=tap_hint(mode)),
                         WidgetKeys.decision_map,
                         f"{verdict_map_alt(axis, grid, x, y, (pink, small), p_buy)} "
                         f"In words: {rule.sentence}" + marks_alt(session))
            st.caption("Green areas: the model says buy; orange: don't buy; the dashed line "
                       f"is 50/50. {view.table_marks} (the rows it learned from); the star "
                       "is yours.")
    return share_slot


def _vote_part(result: Vote, budget_note: str | None) -> None:
    """The vote first: how many networks say what, how sure, why they disagree, who was
    left out, and each network's answer as a dot."""
    st.markdown(vote_heading(result))
    if result.why:
        st.markdown(result.why)
    notes = [text for text in (result.left_out, budget_note) if text]
    if notes:
        st.caption(" ".join(notes))
    if result.voters:
        show_chart(st, vote_strip_figure(result.probabilities, result.voter_seeds),
                   key=WidgetKeys.vote_strip, alt=vote_strip_alt(result.probabilities))


def _laptop_form() -> None:
    session = laptop_session()
    ss = st.session_state
    pink, small = session.laptop()
    ss[WidgetKeys.pink], ss[WidgetKeys.small] = pink, small
    with st.form(WidgetKeys.ask_form):
        st.slider("How pink is it?", 0.0, 1.0, step=0.01, key=WidgetKeys.pink,
                  help="0 = not pink at all, 1 = completely pink")
        st.slider("How small is it?", 0.0, 1.0, step=0.01, key=WidgetKeys.small,
                  help="0 = not small at all, 1 = as small as laptops get")
        st.form_submit_button("Ask the model", type="primary", key=WidgetKeys.ask_button,
                              on_click=_take_form)


def _take_form() -> None:
    session = laptop_session()
    ss = st.session_state
    session.set_laptop(ss[WidgetKeys.pink], ss[WidgetKeys.small])
