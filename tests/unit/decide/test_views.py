"""decide.views: which view an address value asks for, and the friend's view's words, which
never point at a part of the page the friend's view does not have."""

import pytest

from decide.views import FRIEND_VIEW, WHOLE_PAGE, read_view
from decide.words import own_model_heading
from laptop.verdict import verdict

# What only the whole page has, as the verdict section's words name it.
WHOLE_PAGE_ONLY = ("How good is the model?", "below", "Your model", "training player",
                   "Train", "your friend")


def test_no_view_is_the_whole_page_and_friend_is_the_friends():
    assert read_view(None) == WHOLE_PAGE and WHOLE_PAGE.shows_how_it_is_made
    assert read_view("friend") == FRIEND_VIEW and not FRIEND_VIEW.shows_how_it_is_made
    assert FRIEND_VIEW.params == {"view": "friend"} and WHOLE_PAGE.params == {}
    assert WHOLE_PAGE.note is None and FRIEND_VIEW.note is None


@pytest.mark.parametrize("value", ["Friend", "friend ", "", "everything", ["friend", "x"],
                                   "<script>alert(1)</script>", "*" * 10_000])
def test_any_other_value_is_the_whole_page_with_a_short_literal_note(value):
    view = read_view(value)
    assert not view.friend and view.shows_how_it_is_made
    assert view.note and len(view.note) < 300
    assert "<script>" not in view.note and "**" not in view.note.replace("\\*", "")


@pytest.mark.parametrize("p_buy", [0.9, 0.2])
def test_the_friends_words_never_point_at_the_whole_pages_sections(p_buy):
    answer = verdict(p_buy)
    words = [FRIEND_VIEW.model_heading(answer), FRIEND_VIEW.model_tab,
             FRIEND_VIEW.stuck_warning, FRIEND_VIEW.table_marks]
    for text in words:
        for pointer in WHOLE_PAGE_ONLY:
            assert pointer not in text, (pointer, text)
    assert "See how this answer is made" in FRIEND_VIEW.stuck_warning  # where the fix is
    assert answer.headline in FRIEND_VIEW.model_heading(answer)
    assert not FRIEND_VIEW.shows_player_note


def test_the_whole_pages_words_are_as_before():
    answer = verdict(0.9)
    assert WHOLE_PAGE.model_heading(answer) == own_model_heading(answer)
    assert WHOLE_PAGE.model_tab == "Your model"
    assert "How good is the model?" in WHOLE_PAGE.stuck_warning
    assert WHOLE_PAGE.shows_player_note


def test_the_questions_live_region_is_hidden_by_the_stylesheet_under_its_own_key():
    """ui/theme.css hides the five questions' live region from sight (the heading shows the
    question) by the class Streamlit gives its container: "st-key-" + its key."""
    from pathlib import Path

    from decide.questions_section import QUESTION_ANNOUNCE_KEY

    css = (Path(__file__).resolve().parents[3] / "ui" / "theme.css").read_text()
    rule = css.split(f".st-key-{QUESTION_ANNOUNCE_KEY} {{", 1)[1].split("}", 1)[0]
    assert "position: absolute" in rule and "clip-path: inset(50%)" in rule
    assert "display: none" not in rule  # that would silence it
