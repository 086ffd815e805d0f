"""Buy the Laptop's two views of one page, and the words that change with the view.

The whole page (no `view` in the address): the verdict, then how it is made (the data, the
training, the checks, the model file). The friend's view (`?view=friend`): the verdict (the
vote and the model's answer), the laptop's sliders and the maps, and nothing about training;
a link at its bottom opens the whole page with the same laptop, table and settings. The view
is kept in the address like the rest, so a reload or a shared link opens the same view. A
`view` the page does not know gets the whole page and a plain note.

Plain Python, tested without a browser; decide/view_section.py reads the address and draws.
"""

from dataclasses import dataclass

from decide.words import own_model_heading
from laptop.plain_text import literal
from laptop.verdict import Verdict

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
    def network(self) -> str:
        """What gives the answer under the vote, in the view's words: the friend has no model
        of their own, only the one network shown up close ("this network")."""
        return "this network" if self.friend else "the model"

    @property
    def rule_lead(self) -> str:
        """The words before the model's rule in words: the friend has no model of their
        own, only the one network shown up close."""
        return ("What this network has learned, in words:" if self.friend
                else "What your model has learned, in words:")

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
