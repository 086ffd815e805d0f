"""The Training page under AppTest, through the real navigation: every control, the address,
and the numbers shown against a hand re-derivation (tests/unit/learn/training/reference.py)."""

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from laptop.data import tutorial_arrays
from laptop.recipe import RECIPE, build_model
from learn.training.address import STAGES
from tests.app import opening
from tests.unit.learn.training import reference as ref

PAGE = "app_pages/training.py"
XS, LABELS = tutorial_arrays()


def _open(query: dict | None = None) -> AppTest:
    at = opening.open_page(PAGE, query, timeout=120)
    _ok(at)
    return at


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _stage_headers(at: AppTest) -> list[str]:
    """The headers of one step's stages (the playground below has its own)."""
    return [h.value for h in at.header if not h.value.startswith("Playground")]


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def f4(value: float) -> str:
    out = f"{value:.4f}"
    return (out.lstrip("-") if float(out) == 0 else out).replace("-", "\u2212")


def _hand(seed: int, row: int, steps: int = 0):
    """Weights before the step, and the step's forward pass and gradients, by hand."""
    weights = build_model(RECIPE.__class__(seed=seed)).get_weights()
    x, target = XS[row], np.eye(2)[LABELS[row]]
    m = [np.zeros_like(w) for w in weights]
    v = [np.zeros_like(w) for w in weights]
    for t in range(1, steps + 1):
        weights, m, v, _, _ = ref.adam(weights, ref.backward(weights, x, target)["weights"],
                                       m, v, t)
    return weights, ref.forward(weights, x), ref.backward(weights, x, target)


@pytest.fixture(scope="module")
def at():
    return _open()


def _stage(at: AppTest, stage: str) -> AppTest:
    at.radio(key="stage").set_value(stage).run()
    _ok(at)
    return at


def test_the_page_opens_on_the_forward_pass_of_row_one_with_seed_zero(at):
    assert at.title[0].value == "Training"
    assert at.number_input(key="seed").value == 0 and at.radio(key="row").value == 1
    assert at.number_input(key="steps").value == 0 and at.radio(key="stage").value == "Forward"
    assert _stage_headers(at) == ["1. Forward pass"]
    _, (hidden_z, _, _, p), _ = _hand(0, 0)
    for j in range(3):
        assert f"= **{f4(hidden_z[j])}**" in _text(at)
    assert "P(buy) = " in _text(at) and f"= **{f4(p[1])}**" in _text(at)
    assert any("z^{(1)}_j" in latex.value for latex in at.latex)  # the formula, typeset


def test_the_stage_radio_and_previous_next_walk_through_every_stage(at):
    _stage(at, "Forward")
    back, forward = at.button(key="stage_back"), at.button(key="stage_next")
    assert back.disabled and not forward.disabled
    seen = []
    for _ in range(len(STAGES) - 1):
        at.button(key="stage_next").click().run()
        _ok(at)
        seen.append(at.radio(key="stage").value)
    assert seen == ["Loss", "Backward", "Update"]
    assert at.button(key="stage_next").disabled and _stage_headers(at) == ["4. Update"]
    at.button(key="stage_back").click().run()
    assert at.radio(key="stage").value == "Backward"
    assert _stage_headers(at) == ["3. Backward pass"]


def test_the_loss_stage_shows_the_hand_computed_loss(at):
    _stage(at, "Loss")
    _, (_, _, _, p), _ = _hand(0, 0)
    assert f"= **{f4(-np.log(p[0]))}**" in _text(at)  # row 1: don't buy


def test_the_backward_stage_shows_gradients_the_diagram_and_the_live_check(at):
    _stage(at, "Backward")
    weights, _, grads = _hand(0, 0)
    for k in range(2):
        assert f"= **{f4(grads['out_z'][k])}**" in _text(at)
    for j in range(3):
        assert f"dL/dz = **{f4(grads['hidden_z'][j])}**" in _text(at)
    table = at.dataframe[0].value
    assert len(table) == 17
    flat = np.concatenate([g.ravel() for g in grads["weights"]])
    assert list(table["gradient (backprop)"]) == [
        f"{g:.6f}".replace("-", "\u2212") if abs(g) >= 5e-7 else "0.000000" for g in flat]
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    assert "Network diagram" in charts[0].proto.alt and "Largest gradients" in charts[0].proto.alt
    spec = json.loads(charts[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("Each weight's gradient")
    assert "agree to" in _text(at) and "true slope" in _text(at)


def test_the_update_stage_compares_both_methods_and_takes_steps():
    at = _open({"row": "3", "stage": "Update"})
    assert at.radio(key="row").value == 3 and at.radio(key="stage").value == "Update"
    assert "Adam's first step (t = 1)" in _text(at)
    table = at.dataframe[0].value
    assert len(table) == 17 and {"plain change −η·g", "Adam change", "m", "v"} <= set(table)
    weights, _, grads = _hand(0, 2)
    x, target = XS[2], np.eye(2)[LABELS[2]]
    new = ref.adam(weights, grads["weights"], [np.zeros_like(w) for w in weights],
                   [np.zeros_like(w) for w in weights], 1)[0]
    after = ref.loss(new, x, target)
    assert f"**this row** falls from {f4(ref.loss(weights, x, target))} to **{f4(after)}**" \
        in _text(at)
    chart = at.get("plotly_chart")[0]
    assert "Line chart of the loss" in chart.proto.alt
    assert at.button(key="start_again").disabled
    at.button(key="take_step").click().run()
    _ok(at)
    assert at.number_input(key="steps").value == 1
    assert "Adam's step t = 2" in _text(at)
    assert "**1 step taken** on row 3 so far" in _text(at)
    assert f"to **{f4(after)}**" in _text(at)  # the step taken, as computed by hand
    at.button(key="take_step").click().run()
    assert at.number_input(key="steps").value == 2
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["data"][0]["y"]) == 4  # before steps 1, 2, 3 and after step 3
    at.button(key="start_again").click().run()
    _ok(at)
    assert at.number_input(key="steps").value == 0 and "Adam's first step" in _text(at)


def test_seed_row_and_steps_inputs_change_the_numbers():
    at = _open()
    at.number_input(key="seed").set_value(8).run()
    at.radio(key="row").set_value(2).run()
    _ok(at)
    _, (hidden_z, _, _, p), _ = _hand(8, 1)
    assert "seed **8**" in _text(at) and "row 2: pink 0.30, small 0.30" in _text(at)
    assert f"= **{f4(hidden_z[0])}**" in _text(at) and f"= **{f4(p[0])}**" in _text(at)
    _stage(at, "Backward")
    assert "All three hidden neurons are silent" in _text(at)
    at.number_input(key="steps").set_value(5).run()
    _ok(at)
    _, _, grads = _hand(8, 1, 5)
    assert "taken **5** steps" in _text(at)
    assert f"= **{f4(grads['out_z'][1])}**" in _text(at)


def test_a_link_restores_every_value():
    at = _open({"seed": "3", "row": "7", "stage": "Backward", "steps": "2"})
    assert (at.number_input(key="seed").value, at.radio(key="row").value,
            at.radio(key="stage").value, at.number_input(key="steps").value) == (3, 7, "Backward",
                                                                                 2)
    assert not at.info
    _, _, grads = _hand(3, 6, 2)
    assert f"dL/dz = **{f4(grads['hidden_z'][2])}**" in _text(at)


@pytest.mark.parametrize("query,shown", [
    ({"seed": "-4"}, "seed 0"), ({"seed": "banana"}, "seed 0"), ({"row": "0"}, "row 1"),
    ({"row": "ten"}, "row 1"), ({"stage": "<script>alert(1)</script>"}, "stage Forward"),
    ({"steps": "51"}, "steps 0"), ({"steps": "2.5"}, "steps 2"),
])
def test_a_bad_link_value_gets_a_plain_note_never_an_exception(query, shown):
    at = _open(query)
    notes = [i.value for i in at.info]
    assert len(notes) == 1, notes
    assert notes[0].startswith(f"The link asked for {next(iter(query))}")
    assert f"The page shows {shown} instead." in notes[0]
    assert "<script>" not in notes[0]
