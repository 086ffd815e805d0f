"""What the Training page writes: the arithmetic of one step with its live numbers, the tables
of every weight, the outcome in words and the charts' text alternatives.

Pure string builders over a `one_step.OneStep`, so each is unit-tested without Streamlit.
Numbers are plain text (the general formula is typeset once per stage by the page).
"""

import numpy as np

from laptop.recipe import RECIPE
from learn.training.one_step import FD_STEP, OneStep, recipe_network
from nncore.losses import EPSILON
from ui.words import readable

INPUTS = ("pink", "small")
HIDDEN = ("h1", "h2", "h3")
OUTPUTS = ("don't buy", "buy")
MINUS = "\u2212"


def n(value: float, digits: int = 4) -> str:
    """A number with `digits` decimals and a typographic minus; never "−0.0000"."""
    text = f"{float(value):.{digits}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def t(value: float, digits: int = 4) -> str:
    """`n` for a term inside a sum: in brackets when negative."""
    text = n(value, digits)
    return f"({text})" if text.startswith(MINUS) else text


def weight_names() -> list[list[str]]:
    """A name for every weight, in the engine's order and shapes, flattened per array:
    "pink → h1", "bias of h1", "h1 → buy", "bias of buy"."""
    return [[f"{i} → {h}" for i in INPUTS for h in HIDDEN],
            [f"bias of {h}" for h in HIDDEN],
            [f"{h} → {o}" for h in HIDDEN for o in OUTPUTS],
            [f"bias of {o}" for o in OUTPUTS]]


def _flat(arrays: list[np.ndarray]) -> list[float]:
    return [float(v) for a in arrays for v in np.asarray(a).reshape(-1)]


def network_words() -> str:
    """The recipe's network in words, read from a built model: "2 inputs, 3 hidden ReLU
    neurons, 2 softmax outputs, Adam with learning rate 0.1"."""
    model = recipe_network(RECIPE.seed)
    hidden, output = model.layers
    names = {"relu": "ReLU", "softmax": "softmax"}
    return (f"{hidden.input_dim} inputs, {hidden.units} hidden "
            f"{names.get(hidden.activation.name, hidden.activation.name)} neurons, "
            f"{output.units} {names.get(output.activation.name, output.activation.name)} "
            f"outputs, {type(model.optimizer).__name__} with learning rate "
            f"{model.optimizer.learning_rate:g}")


def row_words(step: OneStep) -> str:
    """"row 3: pink 0.50, small 0.60, the friend says buy"."""
    return (f"row {step.row + 1}: pink {step.x[0]:.2f}, small {step.x[1]:.2f}, "
            f"your friend says **{OUTPUTS[step.label]}**")


def forward_lines(step: OneStep) -> list[str]:
    """The forward pass with this row's numbers: each hidden neuron's weighted sum and ReLU,
    each output's weighted sum, and the softmax."""
    kernel, bias, out_kernel, out_bias = step.weights
    f = step.forward
    lines = []
    for j, h in enumerate(HIDDEN):
        sum_text = " + ".join(f"{t(kernel[i, j]) if i else n(kernel[i, j])} × {n(step.x[i], 2)}"
                              for i in range(2))
        state = "passes" if f.hidden_sum[j] > 0 else "is cut to 0: this neuron is silent"
        lines.append(f"**{h}**: z = {sum_text} + {t(bias[j])} = **{n(f.hidden_sum[j])}**; "
                     f"ReLU {state}, a = **{n(f.hidden_out[j])}**")
    for k, o in enumerate(OUTPUTS):
        terms = " + ".join(f"{t(out_kernel[j, k]) if j else n(out_kernel[j, k])} × "
                           f"{n(f.hidden_out[j])}" for j in range(3))
        lines.append(f"**{o}**: z = {terms} + {t(out_bias[k])} = **{n(f.output_sum[k])}**")
    z0, z1 = f.output_sum
    for k, o in enumerate(OUTPUTS):
        lines.append(f"P({o}) = e^{t(f.output_sum[k])} / (e^{t(z0)} + e^{t(z1)}) = "
                     f"**{n(f.probabilities[k])}**")
    guess = int(np.argmax(f.probabilities))
    lines.append(f"The network says **{OUTPUTS[guess]}** ({100 * f.probabilities[guess]:.1f}% "
                 f"sure); your friend says **{OUTPUTS[step.label]}**.")
    return lines


def loss_lines(step: OneStep) -> list[str]:
    """The binary crossentropy of this row, term by term, and what it comes to."""
    p, y = step.forward.probabilities, step.target
    terms = " + ".join(f"{n(y[k], 0)} × ln {n(p[k])} + {n(1 - y[k], 0)} × ln {n(1 - p[k])}"
                       for k in range(2))
    right = p[step.label]
    return [
        f"The right answer is **{OUTPUTS[step.label]}**, written y = [{n(y[0], 0)}, "
        f"{n(y[1], 0)}] (one number per output).",
        f"L = −½ [{terms}] = **{n(step.forward.loss)}**",
        f"With two outputs that add up to 1 this is −ln P(right answer) = −ln {n(right)} = "
        f"{n(-np.log(right))}: the surer the network is of the right answer, the smaller the "
        f"loss (0 when it is certain, {n(np.log(2))} when it says 50/50).",
    ]


def backward_lines(step: OneStep) -> list[str]:
    """The backward pass: at the outputs, at each hidden neuron, then the weights."""
    g, f = step.gradients, step.forward
    p, y = f.probabilities, step.target
    _, _, out_kernel, _ = step.weights
    lines = [
        f"At the probabilities, the loss's own slope: dL/dp = [{n(g.at_probabilities[0])}, "
        f"{n(g.at_probabilities[1])}]. Through the softmax it becomes, at each output's z:",
    ]
    for k, o in enumerate(OUTPUTS):
        lines.append(f"**{o}**: dL/dz = p − y = {n(p[k])} − {n(y[k], 0)} = "
                     f"**{n(g.at_output_sum[k])}**")
    if np.any((p < EPSILON) | (p > 1.0 - EPSILON)):
        lines.append(f"Here the network is so sure that p is within {readable(EPSILON)} of 0 "
                     "or 1, where the loss is clipped (as in Keras and TensorFlow.js): it stops "
                     f"falling at {readable(EPSILON)} and its slope is exactly 0, not p − y. "
                     "Every gradient below is 0; only Adam's momentum still moves the weights.")
    for j, h in enumerate(HIDDEN):
        terms = " + ".join(f"{t(out_kernel[j, k]) if k else n(out_kernel[j, k])} × "
                           f"{t(g.at_output_sum[k])}" for k in range(2))
        if f.hidden_sum[j] > 0:
            gate = f"z = {n(f.hidden_sum[j])} > 0, so ReLU lets it through"
        else:
            gate = f"z = {n(f.hidden_sum[j])} ≤ 0, so ReLU blocks it"
        lines.append(f"**{h}**: dL/da = {terms} = {n(g.at_hidden_out[j])}; {gate}: "
                     f"dL/dz = **{n(g.at_hidden_sum[j])}**")
    if not np.any(f.hidden_sum > 0):
        lines.append("All three hidden neurons are silent for this row, so nothing flows back "
                     "past them: of all the weights, only the two output biases can learn from "
                     "this row. (A start like this is why the recipe sometimes gets stuck.)")
    lines.append("Each weight's gradient is then (what flows into it) × (dL/dz of the neuron "
                 "it feeds); a bias's gradient is that neuron's dL/dz. Every one is in the "
                 "table below.")
    return lines


def gradient_rows(step: OneStep) -> list[dict]:
    """One row per weight: its value, its gradient by backpropagation, the finite-difference
    estimate and their difference."""
    names = [name for group in weight_names() for name in group]
    values, grads = _flat(step.weights), _flat(step.gradients.weights)
    estimates = _flat(step.finite_difference)
    return [{"weight": name, "value": n(v), "gradient (backprop)": n(g, 6),
             "estimate (nudge the weight)": n(e, 6), "difference": readable(abs(g - e))}
            for name, v, g, e in zip(names, values, grads, estimates, strict=True)]


def update_rows(step: OneStep) -> list[dict]:
    """One row per weight: the gradient, plain gradient descent's change, Adam's moments and
    change, and the two new values."""
    a = step.adam
    names = [name for group in weight_names() for name in group]
    cols = [_flat(x) for x in (step.weights, step.gradients.weights, step.plain_change,
                                a.first_moment, a.second_moment, a.first_corrected,
                                a.second_corrected, a.change)]
    rows = []
    for name, w, g, plain, m, v, m_hat, v_hat, change in zip(names, *cols, strict=True):
        rows.append({"weight": name, "now": n(w), "gradient g": n(g, 6),
                     "plain change −η·g": n(plain, 6), "Adam change": n(change, 6),
                     "new (plain)": n(w + plain), "new (Adam)": n(w + change),
                     "m": n(m, 6), "v": readable(v), "m̂": n(m_hat, 6), "v̂": readable(v_hat)})
    return rows


def agreeing_decimals(gap: float) -> int | None:
    """How many decimal places two numbers `gap` apart share (None: they are equal)."""
    return None if gap == 0 else max(int(np.floor(-np.log10(gap))), 0)


def fd_summary(step: OneStep) -> list[str]:
    """The live check: how it is done, the largest gap, and what it means."""
    count = len(_flat(step.gradients.weights))
    places = agreeing_decimals(step.largest_gap)
    agree = ("agree exactly" if places is None
             else f"agree to {places} decimal place{'s' if places != 1 else ''}")
    verdict = ("so the chain rule above gives the true slope of the loss"
               if step.largest_gap < 1e-6 else "which is more than nudging alone explains: "
               "something in the backward pass is off")
    return [(f"For each of the {count} weights the page also nudged it by ±h = {readable(FD_STEP)} "
            f"and watched the loss: (L(w + h) − L(w − h)) / 2h. The largest difference between "
            f"that estimate and backpropagation's gradient is **{readable(step.largest_gap)}**."),
            f"Backpropagation and nudging {agree}, {verdict}."]


def update_lines(step: OneStep) -> list[str]:
    """Plain gradient descent against Adam for this step, in words with numbers."""
    a = step.adam
    grads, plain, change = (np.array(_flat(x)) for x in (step.gradients.weights,
                                                          step.plain_change, a.change))
    moving = np.abs(grads) > 0
    lines = [f"Plain gradient descent moves each weight by −η·g = −{n(step.plain_learning_rate, 2)}"
             f" × g: the biggest move is {n(np.max(np.abs(plain)))}, the smallest of the weights "
             f"that move {n(np.min(np.abs(plain[moving])) if moving.any() else 0.0)}. Steep "
             f"weights move far, flat ones hardly at all."]
    if a.t == 1:
        lines.append(
            f"Adam's first step (t = 1) starts from m = 0 and v = 0, so m = (1 − β₁)·g and "
            f"v = (1 − β₂)·g², and the corrections give back m̂ = g and v̂ = g². Its change is "
            f"−η·g / (|g| + ε): **about the learning rate, {n(a.learning_rate, 2)}, for every "
            f"weight with a gradient**, whatever the gradient's size (ε = {readable(a.epsilon)} "
            f"keeps it just under). Here the weights that move, move by between "
            f"{n(np.min(np.abs(change[moving])) if moving.any() else 0.0, 8)} and "
            f"{n(np.max(np.abs(change)), 8)}.")
    else:
        lines.append(
            f"This is Adam's step t = {a.t}: m and v carry what the {a.t - 1} earlier "
            f"step{'s' if a.t > 2 else ''} on this row left, so the change is "
            f"−η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁^{a.t}) and v̂ = v / (1 − β₂^{a.t}). The "
            f"biggest move is {n(np.max(np.abs(change)), 6)}.")
    still = ~moving
    if still.any():
        carried = int(np.sum(still & (change != 0)))
        words = (f"{int(still.sum())} weights have a gradient of exactly 0 (they lead into or "
                 "out of a silent ReLU neuron, or come from an input of 0): plain gradient "
                 "descent leaves them where they are")
        if carried:
            words += (f", while Adam still moves {carried} of them: their m is not 0, it "
                      "remembers the earlier steps' gradients (momentum).")
        else:
            words += ", and so does Adam."
        lines.append(words)
    return lines


def adam_settings(step: OneStep) -> str:
    """The numbers in the update formulas, as this step uses them."""
    a = step.adam
    return (f"η = {a.learning_rate:g} (the learning rate), β₁ = {a.beta_1:g}, β₂ = {a.beta_2:g}, "
            f"ε = {readable(a.epsilon)}, t = {a.t} (Adam's step count); g is the weight's "
            "gradient from the backward pass.")


def outcome_lines(step: OneStep) -> list[str]:
    """What the step did to the loss, on this row and on the whole table, said honestly."""
    row_change = step.after.loss - step.forward.loss
    table_change = step.table_loss_after - step.table_loss_before
    row_verb = "falls" if row_change < 0 else "rises" if row_change > 0 else "stays"
    table_verb = "falls" if table_change < 0 else "rises" if table_change > 0 else "stays"
    lines = [f"Adam's step on this row: the loss on **this row** {row_verb} from "
             f"{n(step.forward.loss)} to **{n(step.after.loss)}**; on the **whole table** "
             f"(all 9 rows) it {table_verb} from {n(step.table_loss_before)} to "
             f"**{n(step.table_loss_after)}**."]
    if table_change > 0:
        lines.append("The step was taken for one row only (a batch of 1): it pushes the "
                     f"network towards *{OUTPUTS[step.label]}* everywhere, which helps this "
                     "row and the rows like it and hurts the others. Training on the whole "
                     "table averages the rows' gradients so one step serves them all.")
    return lines


def network_alt(step: OneStep) -> str:
    """The diagram's text alternative: its structure and its largest gradients."""
    names = [name for group in weight_names()[0::2] for name in group]
    grads = _flat(step.gradients.weights[0::2])
    order = np.argsort(np.abs(grads))[::-1][:3]
    biggest = "; ".join(f"{names[i]} {n(grads[i])}" for i in order)
    zero = sum(1 for g in grads if g == 0)
    return (f"Network diagram: 2 inputs, 3 hidden neurons, 2 outputs; each of the 12 "
            f"connections drawn as thick as its gradient is large, blue and solid when the "
            f"gradient is negative (the step raises that weight), red and dashed when positive "
            f"(the step lowers it). Largest gradients: {biggest}. {zero} of 12 are zero.")


def history_alt(step: OneStep) -> str:
    """The loss chart's text alternative."""
    rows = ", ".join(n(v, 3) for v in step.row_losses)
    table = ", ".join(n(v, 3) for v in step.table_losses)
    return (f"Line chart of the loss before each of the {len(step.row_losses) - 1} steps on "
            f"row {step.row + 1} and after the last (the step shown above): this row {rows}; "
            f"the whole table {table}.")


def taken_lines(step: OneStep) -> list[str]:
    """The steps already taken on this row, in one sentence (none: an empty list)."""
    k = step.steps_before
    if k == 0:
        return []
    rows, table = step.row_losses, step.table_losses
    last_row = "fell" if rows[k] < rows[k - 1] else "rose" if rows[k] > rows[k - 1] else "stayed"
    last_table = ("fell" if table[k] < table[k - 1] else "rose" if table[k] > table[k - 1]
                  else "stayed")
    return [f"**{k} step{'s' if k > 1 else ''} taken** on row {step.row + 1} so far. The last "
            f"one: this row's loss {last_row} from {n(rows[k - 1])} to **{n(rows[k])}**, the "
            f"whole table's {last_table} from {n(table[k - 1])} to **{n(table[k])}**. "
            f"Since the start: this row {n(rows[0])} → {n(rows[k])}, the table {n(table[0])} "
            f"→ {n(table[k])}."]
