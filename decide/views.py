"""Buy the Laptop's two views of one page, and the words that change with the view.

The whole page (no `view` in the address): the verdict, then how it is made (the data, the
training, the checks, the model file). The friend's view (`?view=friend`): the verdict (the
vote and the model's answer), the laptop's sliders and the maps, and nothing about training;
a link at its bottom opens the whole page with the same laptop, table and settings. The view
is kept in the address like the rest, so a reload or a shared link opens the same view. A
`view` the page does not know gets the whole page and a plain note.

`View` is plain Python (tested without a browser); `page_view` and `full_page_link` draw.
"""

from dataclasses import dataclass

import streamlit as st

from decide.session import KEY
from decide.words import own_model_heading
from laptop.plain_text import literal
from laptop.verdict import Verdict
from ui.site_map import page

LINK_KEY = "view"  # the address's name for the view
FRIEND = "friend"  # its one value; no `view` is the whole page


@dataclass(frozen=True)
class View:
    """One view of Buy the Laptop. `friend`: the friend's view; `note`: plain words when the
    address asked for a view the page does not have (the whole page is shown)."""

    friend: bool = False
    note: str | None = None

    @property
    def shows_how_it_is_made(self) -> bool:
        """The data, the training (with its player), the checks and the model file."""
        return not self.friend

    @property
    def params(self) -> dict[str, str]:
        """The view's part of a link: {"view": "friend"}, or nothing for the whole page."""
        return {LINK_KEY: FRIEND} if self.friend else {}

    # The words of the verdict section that would otherwise point at the training.

    @property
    def model_tab(self) -> str:
        """The map tab of the one model that gives the verdict under the vote."""
        return "One network" if self.friend else "Your model"

    def model_heading(self, answer: Verdict) -> str:
        """The model's own answer under the vote (see decide.words.own_model_heading)."""
        if not self.friend:
            return own_model_heading(answer)
        color = "green" if answer.buy else "orange"
        return f"### One of them, up close: :{color}[{answer.headline}]"

    @property
    def stuck_warning(self) -> str:
        """The warning when the model giving the verdict got stuck, and where the fix is."""
        where = ("Open the whole page (\"See how this answer is made\", at the bottom) for a "
                 "one-click fix." if self.friend
                 else "See \"How good is the model?\" below for a one-click fix.")
        return ("Careful: the model in use did not learn the table (its training got stuck), "
                f"so this answer is close to a guess. {where}")

    @property
    def table_marks(self) -> str:
        """What the circles and crosses on the maps are, said to the one reading."""
        if self.friend:
            return ("Circles are laptops the table says you would buy, crosses ones you would "
                    "not")
        return "Circles are laptops your friend would buy, crosses ones they would not"

    @property
    def shows_player_note(self) -> bool:
        """The note that the training player below shows an earlier moment (whole page only:
        the friend's view has no player)."""
        return not self.friend


WHOLE_PAGE = View()
FRIEND_VIEW = View(friend=True)


def read_view(value: object) -> View:
    """The view a `view` address value asks for. Never raises: an unknown value (or several
    values, or an empty one) gives the whole page and a note that echoes it, cut short.

    >>> read_view(None) == WHOLE_PAGE, read_view("friend") == FRIEND_VIEW
    (True, True)
    >>> read_view("everything").note[:38]
    'The address asks for a view called “ev'
    """
    if value is None:
        return WHOLE_PAGE
    if value == FRIEND:
        return FRIEND_VIEW
    shown = literal(value, max_chars=40)
    return View(note=f"The address asks for a view called “{shown}”, which this page does not "
                     "have, so it shows the whole page. (A link with view=friend shows only "
                     "the verdict, for a friend.)")


SHOWN_KEY = KEY + "view"  # st.session_state: the view the session's last run showed


def page_view() -> View:
    """The view the page's address asks for; its note (if any) shown at once. When the view
    changed since the session's last run (the friend's view's link to the whole page, a
    link to the page itself), the address is written back: Streamlit 1.67 leaves the
    browser's address as it was after a link to the page it is on, and a reload would bring
    the old view back."""
    view = read_view(st.query_params.get(LINK_KEY))
    if view.note:
        st.info(view.note, icon=":material/info:")
    shown = st.session_state.get(SHOWN_KEY)
    if shown is not None and shown != view.friend:
        st.query_params.from_dict(st.query_params.to_dict())
    st.session_state[SHOWN_KEY] = view.friend
    return view


def full_page_link() -> None:
    """The friend's view's last line: a link to the whole page with the same laptop, table
    and settings (the address as it is now, without the view). Drawn after the address was
    brought in step (decide.link_section.sync_address)."""
    params = st.query_params.to_dict()
    st.divider()
    st.page_link(page("Buy the Laptop").file, label="See how this answer is made",
                 icon=":material/arrow_forward:",
                 query_params={k: v for k, v in params.items() if k != LINK_KEY})
    st.caption("The whole page: the table of laptops, how the model learned it, how good it "
               "is, and the model file.")
