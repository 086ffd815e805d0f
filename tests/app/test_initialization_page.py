"""The Initialization page under AppTest, through the real navigation."""

import pytest
from streamlit.testing.v1 import AppTest

from learn.initialization import strategies, symmetry

ENTRY = "../../app_entry.py"
PAGE = "app_pages/initialization.py"
STRATEGY = "i_start"
SECTION = "i_exp"
GAP = "Units differ by"


@pytest.fixture(scope="module")
def at():
    app = AppTest.from_file(ENTRY, default_timeout=120).run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _choose(at, key: str):
    at.selectbox(key=STRATEGY).set_value(key).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _section(at, section: str):
    at.segmented_control(key=SECTION).set_value(section).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _chart_specs(at) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def _float(text: str) -> float:
    return float(text.rstrip("%"))


@pytest.mark.parametrize("key", strategies.STRATEGY_KEYS)
def test_page_runs_for_every_strategy_in_every_section(at, key):
    _section(at, "same")
    _choose(at, key)
    assert at.selectbox(key=STRATEGY).value == key
    assert at.latex, "the strategy's formula is shown"
    labels = [m.label for m in at.metric]
    assert labels.count(GAP) == 2
    assert any(strategies.strategy(key).name in md.value for md in at.markdown)
    _section(at, "deep")
    assert any(f"With **{strategies.strategy(key).name}**" in md.value for md in at.markdown)
    _section(at, "many")
    labels = [m.label for m in at.metric]
    assert "Stuck (5 of 9 or fewer)" in labels and GAP not in labels
    assert any(strategies.strategy(key).name in md.value for md in at.markdown)


def test_only_the_chosen_section_is_drawn(at):
    _choose(at, "glorot_normal")
    _section(at, "deep")
    text = " ".join(md.value for md in at.markdown)
    assert "Trained with every weight" not in text and GAP not in [m.label for m in at.metric]
    assert "Stuck (5 of 9 or fewer)" not in [m.label for m in at.metric]
    assert at.radio(key="i_layers").value == "tanh"
    _section(at, "same")
    assert [m.label for m in at.metric].count(GAP) == 2


def test_the_epoch_slider_shows_the_units_at_the_start_and_after_training(at):
    _section(at, "same")
    _choose(at, "glorot_normal")
    epoch = at.slider(key="i_epoch")
    assert epoch.value == 0
    assert sum("at the start" in spec for spec in _chart_specs(at)) == 1
    epoch.set_value(symmetry.SYMMETRY_EPOCHS).run()
    assert not at.exception
    specs = _chart_specs(at)
    assert sum(f"after epoch {symmetry.SYMMETRY_EPOCHS}" in spec for spec in specs) == 1
    assert not any("at the start" in spec for spec in specs)


def test_symmetry_reports_identical_units_for_constant_and_distinct_for_random(at):
    _section(at, "same")
    _choose(at, "constant")
    yours, random = [m.value for m in at.metric if m.label == GAP]
    assert _float(yours) == 0.0
    assert _float(random) > 0.1
    text = " ".join(md.value for md in at.markdown)
    assert "exactly the same numbers" in text and "go their own ways" in text


def test_random_start_is_the_one_with_distinct_units_when_you_pick_glorot(at):
    _section(at, "same")
    _choose(at, "glorot_normal")
    yours, constant = [m.value for m in at.metric if m.label == GAP]
    assert _float(yours) > 0.1
    assert _float(constant) == 0.0


def test_zeros_are_stuck_every_time(at):
    _section(at, "many")
    _choose(at, "zeros")
    stuck = {m.label: m.value for m in at.metric}["Stuck (5 of 9 or fewer)"]
    assert stuck == "100.0%"
    table = at.dataframe[0].value
    row = table[table["Start"] == strategies.strategy("zeros").name].iloc[0]
    assert row["Stuck (%)"] == 100.0
    assert row["All 9 right (%)"] == 0.0


def test_the_tutorial_start_shows_its_stuck_share(at):
    _section(at, "many")
    _choose(at, "glorot_normal")
    table = at.dataframe[0].value
    row = table[table["Start"] == strategies.strategy("glorot_normal").name].iloc[0]
    assert 5.0 < row["Stuck (%)"] < 40.0
    assert any("get stuck" in md.value and "1 run in" in md.value for md in at.markdown)


def test_population_charts_follow_the_chosen_start_and_survive_a_rerun(at):
    _section(at, "many")
    _choose(at, "he_normal")
    he = _chart_specs(at)
    assert len(he) == 3 and "How 1,000 runs end: " + strategies.strategy("he_normal").name in he[1]
    at.run()
    assert _chart_specs(at) == he  # the built-once charts come back unchanged
    _choose(at, "zeros")
    zeros = _chart_specs(at)
    assert "How 1,000 runs end: " + strategies.strategy("zeros").name in zeros[1]
    assert zeros[0] != he[0] and zeros[2] == he[2]  # only the highlight differs in the others


def test_constant_start_on_the_laptops_is_computed_and_explained(at):
    _section(at, "same")
    text = " ".join(md.value for md in at.markdown)
    assert "the laptop recipe" in text and "one straight line splits the data" in text


def test_choice_survives_a_visit_to_another_page():
    app = AppTest.from_file(ENTRY, default_timeout=120).run()
    app.switch_page(PAGE).run()
    app.selectbox(key=STRATEGY).set_value("he_normal").run()
    app.segmented_control(key=SECTION).set_value("many").run()
    app.switch_page("app_pages/home.py").run()
    app.switch_page(PAGE).run()
    assert not app.exception
    assert app.selectbox(key=STRATEGY).value == "he_normal"
    assert app.segmented_control(key=SECTION).value == "many"


def test_depth_section_follows_the_activation_and_the_spread_setting(at):
    _section(at, "deep")
    _choose(at, "he_normal")
    at.radio(key="i_layers").set_value("relu").run()
    assert not at.exception
    text = " ".join(md.value for md in at.markdown)
    assert "With **He normal** and ReLU" in text and "neither vanishes nor explodes" in text
    assert "Widened back (as Keras does)" in text
    _choose(at, "too_small")
    at.select_slider(key="i_narrow").set_value(0.001).run()
    assert not at.exception
    assert any(r"\sigma = 0.001" in x.value for x in at.latex)
    text = " ".join(md.value for md in at.markdown)
    assert "(vanishing)" in text
