"""Buy the Laptop's verdict as the page writes it: the heading, and the one line a screen
reader hears where the keyboard focus is. Plain Markdown from the app's own `Verdict`
(numbers and fixed words only): the page renders no HTML."""

from laptop.consensus import Vote
from laptop.verdict import Verdict

# The key of the container that holds the announcement (its class: "st-key-" + this).
ANNOUNCE_KEY = "verdict-announcement"
# A progress bar's text while a long training waits for its turn (laptop/lane.py): another
# visitor's long training, or the pause after one.
LANE_WAIT_WORDS = ("Waiting for its turn: long trainings take turns on this server, with a "
                   "pause after each, so that everyone's pages stay quick...")
# The note at the top of a page whose model has a long training (laptop/lane.py), while the
# page waits for its turn; {steps} is its number of training steps.
PAGE_WAIT_WORDS = ("This page's model has a long training ({steps:,} training steps), so the "
                   "page waits for its turn: pages with long trainings take turns on this "
                   "server, with a pause after each, so that everyone's pages stay quick. It "
                   "goes on by itself in a moment. (The tutorial's recipe takes 20 steps and "
                   "never waits.)")


def verdict_heading(answer: Verdict) -> str:
    """The verdict as a level-2 Markdown heading in its colour: "## :green[Buy it]". No icon
    in it: Streamlit names a Markdown icon for screen readers, and the heading would read
    "thumb_up icon Buy it"."""
    color = "green" if answer.buy else "orange"
    return f"## :{color}[{answer.headline}]"


def vote_heading(result: Vote) -> str:
    """The vote as the page's level-2 heading, leading the verdict, in the leading answer's
    colour and without an icon: "## :green[**46 of 50 networks say buy**] (on average 88%
    sure)"."""
    color = {True: "green", False: "orange", None: "gray"}[result.buy]
    sure = f" {result.how_sure}" if result.how_sure else ""
    return f"## :{color}[**{result.lead}**]{sure}"


def own_model_heading(answer: Verdict) -> str:
    """The model's own answer under the vote, one level down: "### Your model, one of them:
    :green[Buy it]"."""
    color = "green" if answer.buy else "orange"
    return f"### Your model, one of them: :{color}[{answer.headline}]"


def announcement(answer: Verdict, vote_headline: str | None = None,
                 network: str = "the model") -> str:
    """The one line that repeats the verdict beside "Ask the model": "The model's answer: buy
    it, 94% sure (don't buy: 6%)." Worded unlike the verdict's own sentence, so the page still
    shows that sentence once. With the vote's headline first when the networks voted: "46 of
    50 networks say buy (on average 88% sure). The model's answer: ...". `network`: what
    gives the answer, in the view's words ("the model", "this network")."""
    sure, other = ((answer.buy_percent, answer.no_buy_percent) if answer.buy
                   else (answer.no_buy_percent, answer.buy_percent))
    rest = "don't buy" if answer.buy else "buy"
    line = (f"{network.capitalize()}'s answer: {answer.headline.lower()}, {sure}% sure "
            f"({rest}: {other}%).")
    return line if vote_headline is None else f"{vote_headline}. {line}"
