"""The Training page's screen: the controls (bound to the page address), the four stages of
one step, and "take this step". Widget keys are the address keys: `seed`, `row`, `stage`,
`steps` (tests import them from learn.training.address)."""

import pandas as pd
import streamlit as st

from learn.training import figures, text
from learn.training.address import DEFAULTS, ROWS, SEED_RANGE, STAGE_TITLES, STAGES, address_notes
from learn.training.one_step import MAX_STEPS, OneStep, one_step
from ui.theme import show_chart

compute_step = st.cache_data(show_spinner=False, max_entries=200)(one_step)

# One short equation per line, so each fits a phone's width; the slash form of a derivative
# keeps the lines low.
FORWARD_LATEX = r"""\begin{gathered}
z^{(1)}_j = w^{(1)}_{\text{pink},j}\,x_{\text{pink}} + w^{(1)}_{\text{small},j}\,x_{\text{small}}
 + b^{(1)}_j \\
a_j = \max(0,\ z^{(1)}_j) \\
z^{(2)}_k = \textstyle\sum_j w^{(2)}_{jk}\,a_j + b^{(2)}_k \\
p_k = e^{z^{(2)}_k} \big/ \big(e^{z^{(2)}_{\text{don't buy}}} + e^{z^{(2)}_{\text{buy}}}\big)
\end{gathered}"""
LOSS_LATEX = (r"L = -\tfrac{1}{2}\textstyle\sum_{k} \big[\, y_k \ln p_k"
              r" + (1 - y_k)\ln(1 - p_k) \,\big]")
BACKWARD_LATEX = r"""\begin{gathered}
\partial L / \partial z^{(2)}_k = p_k - y_k \\
\partial L / \partial w^{(2)}_{jk} = a_j \cdot \partial L / \partial z^{(2)}_k \\
\partial L / \partial b^{(2)}_k = \partial L / \partial z^{(2)}_k \\
\partial L / \partial a_j = \textstyle\sum_k w^{(2)}_{jk} \cdot \partial L / \partial z^{(2)}_k \\
\partial L / \partial z^{(1)}_j = \partial L / \partial a_j \ \text{ if } z^{(1)}_j > 0,
 \text{ else } 0 \\
\partial L / \partial w^{(1)}_{ij} = x_i \cdot \partial L / \partial z^{(1)}_j \\
\partial L / \partial b^{(1)}_j = \partial L / \partial z^{(1)}_j
\end{gathered}"""
PLAIN_LATEX = r"w \leftarrow w - \eta\, g"
ADAM_LATEX = r"""\begin{gathered}
m \leftarrow \beta_1 m + (1 - \beta_1)\, g \\
v \leftarrow \beta_2 v + (1 - \beta_2)\, g^2 \\
\hat m = m / (1 - \beta_1^{\,t}) \qquad \hat v = v / (1 - \beta_2^{\,t}) \\
w \leftarrow w - \eta\, \hat m / (\sqrt{\hat v} + \epsilon)
\end{gathered}"""


def _move_stage(delta: int) -> None:
    index = STAGES.index(st.session_state.get("stage", DEFAULTS["stage"]))
    st.session_state["stage"] = STAGES[min(max(index + delta, 0), len(STAGES) - 1)]


def _set_steps(value: int) -> None:
    st.session_state["steps"] = int(min(max(value, 0), MAX_STEPS))


def _lines(lines: list[str]) -> None:
    """Several lines of arithmetic as one markdown element (one paragraph each)."""
    st.markdown("\n\n".join(lines))


def controls() -> tuple[int, int, int]:
    """The network's seed, the row and the steps already taken, each bound to the page
    address. Returns (seed, row counted from 1, steps)."""
    left, right = st.columns([1, 1.4], gap="large")
    with left:
        seed = st.number_input(
            "Seed of the starting weights", min_value=SEED_RANGE[0], max_value=SEED_RANGE[1],
            value=DEFAULTS["seed"], step=1, key="seed", bind="query-params",
            help="The seed draws the network's first weights (Glorot normal, biases 0), as "
                 "on Buy the Laptop. Another seed, another start.")
        steps = st.number_input(
            "Steps already taken on this row", min_value=0, max_value=MAX_STEPS,
            value=DEFAULTS["steps"], step=1, key="steps", bind="query-params",
            help="How many Adam steps the network has taken on the chosen row before the step "
                 "shown below. 'Take this step' adds one.")
    with right:
        row = st.radio("Row of your friend's table", ROWS, index=ROWS.index(DEFAULTS["row"]),
                       key="row", bind="query-params", horizontal=True)
    return int(seed), int(row), int(steps)


def stage_picker() -> str:
    """The stage radio with Previous / Next buttons."""
    stage = st.radio("Stage of the step", STAGES, index=0, key="stage", bind="query-params",
                     horizontal=True)
    back, forward = st.columns(2)
    back.button("◀ Previous stage", on_click=_move_stage, args=(-1,),
                disabled=stage == STAGES[0], width="stretch", key="stage_back")
    forward.button("Next stage ▶", on_click=_move_stage, args=(1,),
                   disabled=stage == STAGES[-1], width="stretch", key="stage_next")
    return stage


def forward_stage(step: OneStep) -> None:
    st.latex(FORWARD_LATEX)
    st.caption("(1) is the hidden layer, (2) the output layer; j counts the hidden neurons "
               "h1, h2, h3, k the outputs.")
    _lines(text.forward_lines(step))


def loss_stage(step: OneStep) -> None:
    st.latex(LOSS_LATEX)
    st.caption("Binary crossentropy, as the recipe uses it: the average over the two outputs "
               "(then over the rows of a batch; here a batch is this one row).")
    _lines(text.loss_lines(step))


def backward_stage(step: OneStep) -> None:
    st.latex(BACKWARD_LATEX)
    _lines(text.backward_lines(step))
    diagram, check = st.columns([1.4, 1], gap="large")
    hidden_kernel, _, output_kernel, _ = step.weights
    grad_hidden, _, grad_output, _ = step.gradients.weights
    show_chart(diagram, figures.gradient_network_figure(
        [hidden_kernel, output_kernel], [grad_hidden, grad_output],
        [text.INPUTS, text.HIDDEN, text.OUTPUTS],
        [step.x, step.forward.hidden_out, step.forward.probabilities],
        "Each weight's gradient: colour = sign, width = size"),
        width="stretch", alt=text.network_alt(step), key="network")
    diagram.caption("The 12 connection weights; the 5 biases are not drawn (their gradients "
                    "are in the table below). Each circle shows what that neuron outputs.")
    with check:
        st.subheader("Live check")
        _lines(text.fd_summary(step))
    st.subheader("Every weight's gradient")
    st.dataframe(pd.DataFrame(text.gradient_rows(step)), hide_index=True, width="stretch",
                 height="content")


def update_stage(step: OneStep) -> None:
    plain, adam = st.columns(2, gap="large")
    with plain:
        st.subheader("Plain gradient descent")
        st.latex(PLAIN_LATEX)
    with adam:
        st.subheader("Adam (the recipe's)")
        st.latex(ADAM_LATEX)
    st.caption(text.adam_settings(step))
    _lines(text.update_lines(step))
    rows = pd.DataFrame(text.update_rows(step))
    st.subheader("Every weight, both ways")
    st.dataframe(rows, hide_index=True, width="stretch", height="content")
    st.subheader("Take the step")
    _lines(text.outcome_lines(step))
    take, again = st.columns(2)
    take.button("Take this step (Adam)", icon=":material/step_over:", type="primary",
                on_click=_set_steps, args=(step.steps_before + 1,),
                disabled=step.steps_before >= MAX_STEPS, width="stretch", key="take_step")
    again.button("Start again from the first weights", icon=":material/restart_alt:",
                 on_click=_set_steps, args=(0,), disabled=step.steps_before == 0,
                 width="stretch", key="start_again")
    if step.steps_before >= MAX_STEPS:
        st.caption(f"The page stops at {MAX_STEPS} steps on one row.")
    show_chart(st, figures.loss_history_figure(step.row_losses, step.table_losses,
                                            f"row {step.row + 1}"),
               width="stretch", alt=text.history_alt(step), key="loss_history")


STAGE_VIEWS = {"Forward": forward_stage, "Loss": loss_stage, "Backward": backward_stage,
               "Update": update_stage}


@st.fragment
def one_step_section() -> None:
    """The whole walk-through: its controls rerun only this part of the page."""
    raw = {key: st.query_params[key] for key in DEFAULTS if key in st.query_params}
    notes = st.container()
    seed, row, steps = controls()
    step = compute_step(seed, row - 1, steps)
    st.markdown(f"The network starts from seed **{seed}** and has taken **{steps}** "
                f"step{'' if steps == 1 else 's'} on {text.row_words(step)}.")
    _lines(text.taken_lines(step))
    stage = stage_picker()
    for note in address_notes(raw, {"seed": seed, "row": row, "steps": steps, "stage": stage}):
        notes.info(note, icon=":material/link_off:")
    st.header(STAGE_TITLES[stage])
    STAGE_VIEWS[stage](step)
