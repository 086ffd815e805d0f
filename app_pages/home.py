"""Home: the story, a shortcut for the friend, and a map of every page."""

import streamlit as st

from ui.site_map import PAGES, page

st.title("Home")
st.caption("From one neuron to a laptop: learn how a neural network works, then use one.")
st.header("A phone call at 3 a.m.")
st.markdown(
    "It is 3 a.m. and your phone rings. A friend on the far side of the world is staring at "
    "Black Friday deals and wants a new laptop *now*. They only care about two things: it "
    "should be **pink**, and, far more important, it should be **small**.\n\n"
    "You can't stay on the phone all night, so you build them a tiny neural network that "
    "knows their taste and send it over. This app walks the same road: one neuron first, "
    "then a few of them, then a trained network that gives your friend a verdict.")

buy = page("Buy the Laptop")
with st.container(border=True):
    st.markdown("### Are you the friend on the phone?")
    st.markdown("Skip the lessons: describe the laptop and get a buy / don't-buy answer.")
    if st.button(f"Go straight to {buy.title}", icon=buy.icon, type="primary",
                 width="stretch", key="home.shortcut"):
        st.switch_page(buy.file)

st.header("Map of the app")
cards = [info for info in PAGES if info.url_path]
for start in range(0, len(cards), 3):
    for col, info in zip(st.columns(3), cards[start:start + 3], strict=False):
        with col, st.container(border=True, height="stretch"):
            st.caption(info.section.upper())
            st.page_link(info.file, label=f"**{info.title}**", icon=info.icon)
            st.markdown(info.blurb)
