"""Buy the Laptop's verdict as the page writes it: the heading, and the one line a screen
reader hears where the keyboard focus is. Pure strings from the app's own `Verdict` (numbers
and fixed words only, never visitor text), escaped all the same."""

import html

from laptop.verdict import Verdict

# The live region's id, so a test finds the one element whose text changes.
ANNOUNCE_ID = "verdict-announcement"


def verdict_heading(answer: Verdict) -> str:
    """The verdict as a level-2 Markdown heading, its icon hidden from screen readers so the
    heading reads "Buy it", not "thumb_up icon Buy it" (needs `unsafe_allow_html`)."""
    icon, color = (("thumb_up", "green") if answer.buy else ("thumb_down", "orange"))
    return (f'## <span aria-hidden="true">:material/{icon}:</span> '
            f":{color}[{html.escape(answer.headline, quote=False)}]")


def announcement(answer: Verdict) -> str:
    """The one line that repeats the verdict beside "Ask the model": "The model's answer: buy
    it, 94% sure (don't buy: 6%)." Worded unlike the verdict's own sentence, so the page still
    shows that sentence once."""
    sure, other = ((answer.buy_percent, answer.no_buy_percent) if answer.buy
                   else (answer.no_buy_percent, answer.buy_percent))
    rest = "don't buy" if answer.buy else "buy"
    return (f"The model's answer: {answer.headline.lower()}, {sure}% sure "
            f"({rest}: {other}%).")


def announcement_html(answer: Verdict) -> str:
    """`announcement` in a polite live region (role="status"): a screen reader reads the new
    line when a rerun changes its text, without moving the focus from the button."""
    return (f'<div role="status" aria-live="polite" id="{ANNOUNCE_ID}">'
            f"{html.escape(announcement(answer), quote=False)}</div>")
