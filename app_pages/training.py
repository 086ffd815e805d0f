"""Training: one step of learning on one row of the friend's table, every number of it: the
forward pass, the loss, the backward pass (checked live by nudging each weight) and the
update, by plain gradient descent and by Adam. Below it, a playground trains a network on
harder data with the training player. The state lives in the page address."""

import streamlit as st

from learn.training.playground_section import playground_section
from learn.training.sections import one_step_section
from learn.training.text import network_words

st.title("Training")
st.markdown(
    "Training is a loop of small steps. Each step shows the network one laptop (or a batch of "
    "them), measures how wrong its answer is (the **loss**), works out for every weight which "
    "way and how strongly that weight pushes the loss (its **gradient**), and then moves every "
    "weight a little the other way. Below is one such step of the laptop network "
    f"({network_words()}: the network, start and optimizer Buy the Laptop uses), on the one "
    "row of your friend's table you pick, with every number the app computes.")

one_step_section()

playground_section()
