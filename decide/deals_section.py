"""Buy the Laptop, several laptops at once: the friend's short list of deals (a name and a
price if they like), each with its verdict and the vote's agreement, best first; a small
form adds one, a button removes one. The list is kept in the session and the page address
(decide/link_section.py writes it); the verdict maps mark it (`map_marks`).

Names are the visitor's own text: cleaned by laptop.deals and shown only through
laptop.plain_text.literal (escaped Markdown), never as Markdown or HTML.
"""

from collections import Counter

import numpy as np
import streamlit as st

from decide.common import laptop_session, show_queued
from decide.session import KEY, LaptopSession
from laptop.consensus import Consensus
from laptop.deals import (
    MAX_DEALS,
    MAX_NAME_CHARS,
    MAX_PRICE,
    RankedDeal,
    format_price,
    make_deal,
    rank_deals,
)
from laptop.plain_text import literal
from laptop.recipe import predict_buy
from laptop.share_link import format_fraction
from ui.grid import probability_grid


class DealKeys:
    """The list's widget keys, defined once (the tests find the widgets by them)."""

    form = KEY + "deals.form"
    name = KEY + "deals.name"
    price = KEY + "deals.price"
    pink = KEY + "deals.pink"
    small = KEY + "deals.small"
    add = KEY + "deals.add"

    @staticmethod
    def card(position: int) -> str:
        """The box of the deal at `position` in the list (from 1)."""
        return f"{KEY}deals.card.{position}"

    @staticmethod
    def remove(position: int) -> str:
        return f"{KEY}deals.remove.{position}"

    @staticmethod
    def ask(position: int) -> str:
        return f"{KEY}deals.ask.{position}"


def map_marks(session: LaptopSession) -> list[tuple[str, float, float]]:
    """(name, pink, small) of each laptop on the list, for the verdict maps."""
    return [(deal.label(i), deal.pink, deal.small)
            for i, deal in enumerate(session.deals, start=1)]


def marks_alt(session: LaptopSession) -> str:
    """What a map's text alternative adds when the list is marked on it."""
    count = len(session.deals)
    if not count:
        return ""
    return (f" The {count} laptop{'s' if count != 1 else ''} of your list "
            f"{'are' if count != 1 else 'is'} marked with diamonds and named.")


SHARE_MAP_KEY = KEY + "deals.share_map"


def keep_share_map(consensus: Consensus, share_map: tuple[np.ndarray, np.ndarray]) -> None:
    """Keep the agreement map the verdict has drawn for `consensus` (ui.grid's (axis,
    share)), so the list's words need not compute it again (45-60 ms on 2 cores)."""
    st.session_state[SHARE_MAP_KEY] = (consensus, share_map)


def _share_map(consensus: Consensus) -> tuple[np.ndarray, np.ndarray]:
    kept = st.session_state.get(SHARE_MAP_KEY)
    if kept is not None and kept[0] is consensus:
        return kept[1]
    share_map = probability_grid(consensus.buy_share)
    keep_share_map(consensus, share_map)
    return share_map


def ranked_deals(session: LaptopSession) -> list[RankedDeal]:
    """The list, best first, with each laptop's verdict (laptop.deals.rank_deals): by the
    vote when the networks voted, else by the model's own P(buy)."""
    if not session.deals:
        return []
    consensus = session.consensus
    voting = consensus is not None and bool(np.any(consensus.voting))
    share_map = _share_map(consensus) if voting else None
    model = session.model
    return rank_deals(session.deals, consensus, lambda rows: predict_buy(model, rows),
                      share_map)


def deals_section() -> None:
    """The short list: the ranked laptops, then the form that adds one."""
    session = laptop_session()
    st.markdown("## Several laptops at once")
    st.caption("Weighing a few laptops? Add each one (with a name and a price if you like) "
               f"and the page ranks them, up to {MAX_DEALS}: the laptop most networks say buy "
               "comes first. The map above marks each one, and the page address keeps the "
               "list, so a link shares it.")
    show_queued("deals")
    ranked = ranked_deals(session)
    if ranked:
        if ranked[0].agreement is None:
            st.caption("There is no vote of many networks for this model, so the list is "
                       "ranked by the model's own P(buy).")
        names = Counter(button_name(item) for item in ranked)
        for start in range(0, len(ranked), 2):  # two across on a wide screen
            for column, item in zip(st.columns(2), ranked[start:start + 2], strict=False):
                with column:
                    _card(item, session.laptop(), names[button_name(item)] > 1)
    _add_form(session)


BUTTON_NAME_CHARS = 20  # a longer name is cut in the card's buttons ("…")


def button_labels(item: RankedDeal, same_name: bool = False) -> tuple[str, str]:
    """The card's two button labels, each naming its laptop: Ask about “Dell XPS” and
    Remove “Dell XPS” (a laptop without a name: Ask about Laptop C).
    The name is cut to BUTTON_NAME_CHARS and escaped (laptop.plain_text.literal):
    Streamlit reads a button label as Markdown, and the name is the visitor's text, shown
    as typed. `same_name`: another laptop of the list shows the same name, so the card's
    number is added: Ask about “Dell” (no. 2).

    >>> from laptop.deals import Deal
    >>> item = RankedDeal(2, 1, Deal(0.1, 0.6, "Dell XPS"), None, 0.5, True, "Buy it", None)
    >>> button_labels(item), button_labels(item, same_name=True)[1]
    (('Ask about “Dell XPS”', 'Remove “Dell XPS”'), 'Remove “Dell XPS” (no. 2)')
    """
    which = button_name(item)
    if same_name:
        which += f" (no. {item.rank})"
    return f"Ask about {which}", f"Remove {which}"


def button_name(item: RankedDeal) -> str:
    """How the card's buttons name its laptop: the name in quotes, cut and escaped, or
    "Laptop C" (the card's own title) without one."""
    name = item.deal.name
    return f"“{literal(name, max_chars=BUTTON_NAME_CHARS)}”" if name else item.label


def _card(item: RankedDeal, asked: tuple[float, float], same_name: bool = False) -> None:
    """One laptop of the list; `asked`: the laptop the verdict above is about; `same_name`:
    another laptop of the list has its name."""
    deal = item.deal
    color = "green" if item.buy else "orange"
    with st.container(border=True, key=DealKeys.card(item.position)):
        st.markdown(f"**{item.rank}\\. {literal(item.label, max_chars=60)}**")
        words = item.agreement or f"the model is {item.buy_probability:.0%} sure of buy"
        st.markdown(f":{color}[**{item.headline}**]: {words}")
        details = [f"average P(buy) {item.buy_probability:.0%}" if item.agreement
                   else None,
                   f"price {format_price(deal.price)}" if deal.price is not None else None,
                   f"pink {format_fraction(deal.pink)}, small {format_fraction(deal.small)}",
                   "the verdict above is about this one (the star)"
                   if (deal.pink, deal.small) == asked else None]
        text = "; ".join(d for d in details if d)
        st.caption(text[:1].upper() + text[1:] + ".")
        with st.container(horizontal=True):
            # Each button names its laptop, so a screen reader's list of buttons says which.
            ask, remove = button_labels(item, same_name)
            st.button(ask, key=DealKeys.ask(item.position), on_click=_ask,
                      args=(item.position,), icon=":material/help:",
                      help="Shows this laptop's full verdict above, with its star on the map")
            st.button(remove, key=DealKeys.remove(item.position), on_click=_remove,
                      args=(item.position,), icon=":material/delete:")


def _add_form(session: LaptopSession) -> None:
    full = len(session.deals) >= MAX_DEALS
    ss = st.session_state
    for key, value in ((DealKeys.pink, session.pink), (DealKeys.small, session.small)):
        if key not in ss:
            ss[key] = value  # the first time: the laptop asked about above
    with st.expander("Add a laptop to the list", expanded=not session.deals,
                     icon=":material/add:"):
        if full:
            st.caption(f"The list is full ({MAX_DEALS} laptops): remove one to add another.")
        with st.form(DealKeys.form, border=False):
            name, price = st.columns(2)
            name.text_input("Name (optional)", max_chars=MAX_NAME_CHARS, key=DealKeys.name,
                            placeholder="e.g. the shop's pink one", disabled=full)
            price.number_input("Price (optional)", min_value=0.0, max_value=float(MAX_PRICE),
                               value=None, step=1.0, key=DealKeys.price, disabled=full,
                               placeholder="no price", help="Any currency: the page does not "
                               "use it, it only shows it beside the verdict.")
            st.slider("How pink is it?", 0.0, 1.0, step=0.01, key=DealKeys.pink,
                      disabled=full, help="0 = not pink at all, 1 = completely pink")
            st.slider("How small is it?", 0.0, 1.0, step=0.01, key=DealKeys.small,
                      disabled=full, help="0 = not small at all, 1 = as small as laptops get")
            st.form_submit_button("Add to the list", type="primary", key=DealKeys.add,
                                  on_click=_add, disabled=full, icon=":material/add:")


def _add() -> None:
    session = laptop_session()
    ss = st.session_state
    if len(session.deals) >= MAX_DEALS:
        session.say("info", f"The list already holds {MAX_DEALS} laptops: remove one to add "
                            "another.", "deals")
        return
    session.deals = (*session.deals, make_deal(ss[DealKeys.pink], ss[DealKeys.small],
                                               ss.get(DealKeys.name), ss.get(DealKeys.price)))
    ss[DealKeys.name], ss[DealKeys.price] = "", None  # ready for the next laptop


def _remove(position: int) -> None:
    session = laptop_session()
    deals = list(session.deals)
    if 1 <= position <= len(deals):
        del deals[position - 1]
        session.deals = tuple(deals)


def _ask(position: int) -> None:
    """Make the list's laptop the one the verdict above is about (the star on the maps)."""
    session = laptop_session()
    if 1 <= position <= len(session.deals):
        deal = session.deals[position - 1]
        session.set_laptop(deal.pink, deal.small)
