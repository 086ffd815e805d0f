"""The Training page's playground under AppTest: every control changes what the player gets,
a link restores the set-up, and a bad address value gets a plain note and the default,
never an exception. (The browser writes the address and plays the training:
tests/e2e/test_training_page.py.)"""


import pytest
from streamlit.testing.v1 import AppTest

from learn.training import playground as pg
from learn.training import presets
from learn.training.playground_section import KEYS, PRESET_KEYS
from tests.app import opening
from ui.player.payload import decode_payload, is_stub, payload_id

PAGE = "app_pages/training.py"


def _open(query: dict | None = None) -> AppTest:
    at = opening.open_page(PAGE, query, timeout=120)
    assert not at.error, [e.value for e in at.error]
    return at


def sent(at: AppTest) -> bytes:
    """The bytes the page gives the player: a whole payload or a stub."""
    players = [e for e in at.get("bidi_component")
               if e.proto.component_name == "nn_training_player"]
    assert len(players) == 1
    return players[0].proto.bytes


def player(at: AppTest) -> dict:
    data = sent(at)
    assert not is_stub(data), "a stub: this session sent the payload before"
    return decode_payload(data)


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture(scope="module")
def at():
    return _open()


def test_the_playground_opens_on_the_spiral_with_its_measured_sentences(at):
    data = player(at)
    view = pg.playground_view(pg.DEFAULTS)
    assert data["sizes"] == [2, 8, 8, 2] and data["epochs"][-1] == pg.EPOCHS
    assert data["laptop"] is None and len(data["rows"]["y"]) == pg.POINTS
    text = _markdown(at)
    for sentence in view.sentences:
        assert f"- {sentence}" in text
    assert f"{view.comparison.other_test_loss:.2f}" in view.sentences[1]
    assert not at.info  # no note without a bad link value


CHANGES = [  # (widget kind, key, new value, what the player gets)
    ("selectbox", "dataset", "circles", lambda d: len(d["rows"]["y"]) == pg.POINTS),
    ("selectbox", "dataset", "laptops", lambda d: len(d["rows"]["y"]) == 9),
    ("slider", "noise", 0.3, None),
    ("slider", "test_share", 0.5, lambda d: len(d["sentences"]) and "of the 100 test points"
     in d["sentences"][-1]),
    ("slider", "layers", 3, lambda d: d["sizes"] == [2, 8, 8, 8, 2]),
    ("slider", "neurons", 3, lambda d: d["sizes"] == [2, 3, 3, 2]),
    ("selectbox", "activation", "relu", None),
    ("select_slider", "learning_rate", 0.1, None),
    ("select_slider", "batch_size", 200, None),
    ("select_slider", "l2", 0.01, None),
    ("number_input", "seed", 7, None),
]


@pytest.mark.parametrize(("kind", "name", "value", "check"), CHANGES,
                         ids=[f"{c[1]}={c[2]}" for c in CHANGES])
def test_every_control_retrains_with_its_value(kind, name, value, check):
    at = _open()
    before = player(at)["id"]
    getattr(at, kind)(key=KEYS[name]).set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    data = player(at)
    assert data["id"] != before
    assert check is None or check(data)
    expected = pg.playground_view(pg.Settings(**{**pg.DEFAULTS.__dict__, name: value}))
    assert f"- {expected.sentences[1]}" in _markdown(at)


def test_a_set_up_the_tab_was_sent_goes_as_a_stub():
    """A new training's payload travels whole; going back to a set-up this tab was sent
    sends only its head, and so does a rerun that changes nothing in the playground."""
    at = _open()
    first = sent(at)
    assert not is_stub(first)
    at.run()
    assert decode_payload(sent(at)) == {"id": payload_id(first),
                                        "start": decode_payload(first)["start"]}
    at.slider(key=KEYS["layers"]).set_value(3).run()
    assert not is_stub(sent(at)) and player(at)["sizes"] == [2, 8, 8, 8, 2]
    at.slider(key=KEYS["layers"]).set_value(2).run()
    assert is_stub(sent(at)) and payload_id(sent(at)) == payload_id(first)


def test_a_link_restores_the_whole_set_up():
    query = {"t_data": "XOR", "t_noise": "0.2", "t_test": "0.2", "t_layers": "1",
             "t_neurons": "4", "t_act": "sigmoid", "t_lr": "0.1", "t_batch": "50",
             "t_l2": "0.001", "t_seed": "5"}
    at = _open(query)
    assert not at.info
    settings = pg.Settings(dataset="xor", noise=0.2, test_share=0.2, layers=1, neurons=4,
                           activation="sigmoid", learning_rate=0.1, batch_size=50, l2=0.001,
                           seed=5)
    view = pg.playground_view(settings)
    assert player(at)["id"] == view.payload["id"]
    assert player(at)["sizes"] == [2, 4, 2]


BAD = [("t_data", "moon"), ("t_data", "<script>alert(1)</script>"), ("t_noise", "9"),
       ("t_noise", "nan"), ("t_test", "0.99"), ("t_layers", "4"), ("t_layers", "1e9"),
       ("t_neurons", "0"), ("t_neurons", "100000"), ("t_act", "softmax"), ("t_lr", "5"),
       ("t_batch", "1"), ("t_l2", "abc"), ("t_seed", "-1"), ("t_seed", "9" * 40)]


@pytest.mark.parametrize(("key", "value"), BAD, ids=[f"{k}={v[:12]}" for k, v in BAD])
def test_a_bad_link_value_gets_a_plain_note_and_the_default(key, value):
    at = _open({key: value})
    notes = [i.value for i in at.info]
    assert len(notes) == 1, notes
    assert notes[0].startswith("The link’s ") and "showing" in notes[0]
    assert "<script>" not in notes[0]
    assert player(at)["id"] == pg.playground_view(pg.DEFAULTS).payload["id"]


KINDS = {"dataset": "selectbox", "noise": "slider", "test_share": "slider",
         "layers": "slider", "neurons": "slider", "activation": "selectbox",
         "learning_rate": "select_slider", "batch_size": "select_slider",
         "l2": "select_slider", "seed": "number_input"}


@pytest.mark.parametrize("preset", presets.PRESETS, ids=lambda p: p.name)
def test_a_try_this_button_sets_every_control_and_the_address_follows(preset):
    at = _open()
    result = presets.outcome(preset.name)
    assert presets.preset_sentence(preset, result) in _markdown(at)
    at.button(key=PRESET_KEYS[preset.name]).click().run()
    assert not at.exception, [e.value for e in at.exception]
    for name, kind in KINDS.items():
        assert getattr(at, kind)(key=KEYS[name]).value == getattr(preset.first, name), name
    expected = pg.playground_view(preset.first)
    assert player(at)["id"] == expected.payload["id"]
    # the page's own sentence states the test loss the button's sentence promised
    assert f"test loss {result.first_test_loss:.2f}" in expected.sentences[0]
    assert f"- {expected.sentences[0]}" in _markdown(at)
    link = {key: at.query_params[key] for key in at.query_params}
    for name, key in KEYS.items():  # every value but a default is in the address
        changed = getattr(preset.first, name) != getattr(pg.DEFAULTS, name)
        assert (key in link) == changed, name
    assert link.get("t_data", "Spiral") == pg.DATASETS[preset.first.dataset]
    # the address alone brings the same set-up back
    again = _open(link)
    assert not again.info and player(again)["id"] == expected.payload["id"]


def test_a_try_this_button_logs_no_warning(monkeypatch):
    """The presets set bound controls through the Session State API while the controls keep
    their defaults (the address leaves a default out): Streamlit would log a warning for
    the pair on the server; the app's config turns that warning off (.streamlit/config.toml)."""
    import logging

    from streamlit.elements.lib import policies

    logged = []

    class Keep(logging.Handler):
        def emit(self, record):
            logged.append(record.getMessage())

    logger = logging.getLogger(policies.__name__)
    handler = Keep(level=logging.WARNING)
    logger.addHandler(handler)
    try:
        at = _open()
        for preset in presets.PRESETS:
            monkeypatch.setattr(policies, "_shown_default_value_warning", False)
            at.button(key=PRESET_KEYS[preset.name]).click().run()
            assert not at.exception
    finally:
        logger.removeHandler(handler)
    assert not [m for m in logged if "Session State API" in m], logged
