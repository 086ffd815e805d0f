"""Buy the Laptop's verdict as the page writes it: the heading, and the one line a screen
reader hears where the keyboard focus is. Plain Markdown from the app's own `Verdict`
(numbers and fixed words only): the page renders no HTML."""

from laptop.verdict import Verdict

# The key of the container that holds the announcement (its class: "st-key-" + this).
ANNOUNCE_KEY = "verdict-announcement"


def verdict_heading(answer: Verdict) -> str:
    """The verdict as a level-2 Markdown heading in its colour: "## :green[Buy it]". No icon
    in it: Streamlit names a Markdown icon for screen readers, and the heading would read
    "thumb_up icon Buy it"."""
    color = "green" if answer.buy else "orange"
    return f"## :{color}[{answer.headline}]"


def announcement(answer: Verdict) -> str:
    """The one line that repeats the verdict beside "Ask the model": "The model's answer: buy
    it, 94% sure (don't buy: 6%)." Worded unlike the verdict's own sentence, so the page still
    shows that sentence once."""
    sure, other = ((answer.buy_percent, answer.no_buy_percent) if answer.buy
                   else (answer.no_buy_percent, answer.buy_percent))
    rest = "don't buy" if answer.buy else "buy"
    return (f"The model's answer: {answer.headline.lower()}, {sure}% sure "
            f"({rest}: {other}%).")
