"""The training player on Buy the Laptop under AppTest: what the page sends it, the frame
from the address, the verdict's note, a new training, and the frame the browser reports.
(Playing, stepping and scrubbing themselves run in the browser: tests/e2e/test_player.py.)"""


import pytest

from decide.player_section import take_frame
from decide.session import SESSION_KEY, WidgetKeys
from laptop.data import check_table, tutorial_table
from laptop.playback import new_recorder
from laptop.recipe import RECIPE, model_to_json_bytes, train
from tests.app import opening
from ui.player.payload import decode_payload, is_stub, payload_id
from ui.player.widgets import HELD_KEY

PAGE = "app_pages/buy_the_laptop.py"


def open_page(query=None):
    return opening.open_page(PAGE, query)


def player_sent(at) -> bytes:
    """The bytes the page gives the player: a whole payload or a stub."""
    players = [e for e in at.get("bidi_component")
               if e.proto.component_name == "nn_training_player"]
    assert len(players) == 1
    return players[0].proto.bytes


def player_data(at):
    sent = player_sent(at)
    assert not is_stub(sent), "a stub: this session sent the payload before"
    return decode_payload(sent)


def captions(at):
    return [c.value for c in at.caption]


def test_the_player_gets_the_recorded_run_and_starts_at_its_end():
    at = open_page()
    data = player_data(at)
    check = check_table(tutorial_table())
    recorder = new_recorder(RECIPE.epochs)
    run = train(check.x, check.y, RECIPE, callbacks=[recorder])
    assert data["epochs"] == recorder.recording.epochs == list(range(21))
    assert data["start"] == 20 and data["total"] == 20 and data["sizes"] == [2, 3, 2]
    assert data["sentences"][-1].startswith(f"Epoch 20: right on "
                                            f"{round(run.train_accuracy * 8)} of 8")
    assert not any("player shows epoch" in c for c in captions(at))
    assert "frame" not in at.query_params


def test_a_link_with_a_frame_opens_the_player_there_and_the_verdict_says_so():
    at = open_page({"frame": "6"})
    assert player_data(at)["start"] == 6
    assert any("trained model (after all 20 epochs), not from the earlier moment" in c
               for c in captions(at))
    assert any("the player shows epoch 6" in c for c in captions(at))
    assert at.query_params["frame"] == "6"


@pytest.mark.parametrize("bad", ["99", "-3", "six", "2.5"])
def test_a_bad_frame_in_the_link_shows_the_end_with_a_note(bad):
    at = open_page({"frame": bad})
    assert player_data(at)["start"] == 20
    assert any("player shows the end of training" in i.value for i in at.info)
    assert not any("player shows epoch" in c for c in captions(at))


def test_a_new_training_shows_its_end_and_drops_the_frame_from_the_address():
    at = open_page({"frame": "4"})
    at.number_input(key=WidgetKeys.setting("epochs")).set_value(12)
    at.button(key=WidgetKeys.train).click().run()
    assert not at.exception
    data = player_data(at)
    assert data["epochs"] == list(range(13)) and data["start"] == 12
    assert "frame" not in at.query_params
    assert not any("player shows epoch" in c for c in captions(at))


def test_a_stuck_run_plays_its_flat_neurons_and_says_it_is_stuck():
    at = open_page()
    at.number_input(key=WidgetKeys.setting("seed")).set_value(8)  # a stuck seed of the recipe
    at.button(key=WidgetKeys.train).click().run()
    data = player_data(at)
    assert "stuck" in data["sentences"][-1]
    assert "1" in data["layers"][0]["flat"][-1]
    assert any("Training got stuck" in w.value for w in at.warning)  # the remedies, as before


def test_a_frame_reported_by_the_browser_goes_into_the_state_and_the_address():
    at = open_page()
    session, params = at.session_state[SESSION_KEY], {}
    assert take_frame(session, params, 3)  # another epoch: the whole page reruns
    assert session.player.epoch == 3 and params == {"frame": "3"}
    assert not take_frame(session, params, 3)  # the same epoch again: nothing to do
    assert take_frame(session, params, 5) and params == {"frame": "5"}
    assert take_frame(session, params, 20) and params == {}  # back at the end
    assert not take_frame(session, params, 21) and not take_frame(session, params, "3")
    assert session.player.epoch == 20


def test_the_share_link_holds_the_frame_shown():
    at = open_page({"frame": "6"})
    links = [c.value for c in at.code if "buy-the-laptop" in c.value or "?" in c.value]
    assert any("frame=6" in link for link in links), links
    at = open_page()
    links = [c.value for c in at.code if "pink=" in c.value or "?" in c.value]
    assert links and not any("frame=" in link for link in links)


def test_a_model_from_a_file_has_no_player_and_no_note():
    at = open_page({"frame": "6"})
    session = at.session_state[SESSION_KEY]
    raw = model_to_json_bytes(session.model)
    assert session.take_model_upload(raw, "file-1") is None
    at.run()
    assert not at.exception
    assert not [e for e in at.get("bidi_component")
                if e.proto.component_name == "nn_training_player"]
    assert not any("earlier moment" in c for c in captions(at))
    assert not any("frame=" in c.value for c in at.code)


def test_the_form_trains_a_two_layer_model_and_the_player_shows_every_neuron():
    at = open_page()
    at.number_input(key=WidgetKeys.setting("hidden_layers")).set_value(2)
    at.number_input(key=WidgetKeys.setting("hidden_units")).set_value(5)
    at.number_input(key=WidgetKeys.setting("layer_2")).set_value(4)
    at.number_input(key=WidgetKeys.setting("layer_3")).set_value(7)  # not used: 2 layers
    at.button(key=WidgetKeys.train).click().run()
    assert not at.exception, [e.value for e in at.exception]
    session = at.session_state[SESSION_KEY]
    assert session.settings.layer_units == (5, 4)
    assert [layer.units for layer in session.model.layers] == [5, 4, 2]
    data = player_data(at)
    assert data["sizes"] == [2, 5, 4, 2]
    assert [len(layer["flat"][-1]) for layer in data["layers"]] == [5, 4]
    assert str(at.query_params["model"]).endswith("~n4")  # the link holds the layers
    # the checks section's diagram draws every layer: 2 + 5 + 4 + 2 neurons
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    diagram = [s for s in specs if "layer 1 neuron 5" in s]
    assert len(diagram) == 1
    assert "layer 2 neuron 4" in diagram[0] and "layer 2 neuron 5" not in diagram[0]


def test_a_link_with_three_layers_fills_the_form_and_trains_them():
    model = "h8~arelu~lr0.1~e20~b32~iglorot_normal~v0.1~s0~n8-8"
    at = open_page({"model": model})
    assert [at.number_input(key=WidgetKeys.setting(name)).value
            for name in ("hidden_layers", "hidden_units", "layer_2", "layer_3")] == [3, 8, 8, 8]
    assert player_data(at)["sizes"] == [2, 8, 8, 8, 2]
    assert not any("could not be used" in w.value for w in [*at.warning, *at.info])


BATCHES_OF_2 = "h3~arelu~lr0.1~e20~b2~iglorot_normal~v0.1~s0"  # the recipe, batches of 2


def test_a_short_run_plays_batch_by_batch_and_a_link_opens_a_batch_frame():
    """8 training rows in batches of 2: 4 batches an epoch, 80 in all, a frame after each.
    frame=3b2 is batch 2 of epoch 3: 2 epochs and 2 batches trained, frame 10."""
    at = open_page({"model": BATCHES_OF_2, "frame": "3b2"})
    data = player_data(at)
    assert len(data["epochs"]) == 81 and data["start"] == 10 and data["epochs"][10] == 2.5
    assert data["labels"][10] == "epoch 3 of 20, batch 2 of 4"
    assert data["sentences"][10].startswith("Epoch 3, batch 2 of 4: right on ")
    assert any("the player shows epoch 3, batch 2 of 4" in c for c in captions(at))
    assert any("batch by batch" in c for c in captions(at))
    assert at.query_params["frame"] == "3b2"
    links = [c.value for c in at.code if "?" in c.value]
    assert any("frame=3b2" in link for link in links), links
    session, params = at.session_state[SESSION_KEY], {}
    assert take_frame(session, params, 5) and params == {"frame": "2b1"}
    assert session.player.epoch == 1.25
    assert take_frame(session, params, 8) and params == {"frame": "2"}  # an epoch's end
    assert take_frame(session, params, 80) and params == {}


def test_an_old_epoch_link_still_opens_that_epoch_of_a_run_played_batch_by_batch():
    at = open_page({"model": BATCHES_OF_2, "frame": "6"})
    data = player_data(at)
    assert data["start"] == 24 and data["labels"][24] == "epoch 6 of 20, batch 4 of 4"
    assert any("the player shows epoch 6, batch 4 of 4" in c for c in captions(at))


def test_loading_a_model_file_drops_the_frame_and_a_later_training_starts_at_its_end():
    at = open_page({"frame": "6"})
    first = player_data(at)
    session = at.session_state[SESSION_KEY]
    assert session.take_model_upload(model_to_json_bytes(session.model), "file-2") is None
    at.run()
    assert not at.exception
    assert "frame" not in at.query_params  # no run, no player: no frame in the address
    at.button(key=WidgetKeys.train).click().run()
    assert not at.exception
    # The same recipe and seed train the same run: the tab holds its payload, so only the
    # head travels, starting at the end.
    assert decode_payload(player_sent(at)) == {"id": first["id"], "start": 20}
    assert len(first["epochs"]) == 21
    assert "frame" not in at.query_params
    assert not any("player shows epoch" in c for c in captions(at))


def test_visitors_of_the_same_link_share_one_payload_and_keep_only_their_frame(monkeypatch):
    from laptop.train_cache import SharedCache

    built = []

    def counting_size(shared):
        payload, encoded = shared
        built.append(payload["id"])
        return len(encoded)

    monkeypatch.setattr("decide.player_section.PAYLOADS",
                        SharedCache(max_entries=8, max_bytes=10_000_000, size=counting_size))
    first, second = open_page(), open_page({"frame": "6"})
    one, two = player_data(first), player_data(second)
    assert len(built) == 1  # built once, for the first visitor
    assert (one["start"], two["start"]) == (20, 6)  # each visitor's own frame
    assert {k: v for k, v in one.items() if k != "start"} == {
        k: v for k, v in two.items() if k != "start"}
    for at in (first, second):  # the session holds which frame it started at, not a payload
        recording, laptop, start = at.session_state[SESSION_KEY].player.cache
        assert isinstance(start, int) and laptop == at.session_state[SESSION_KEY].laptop()


def test_a_rerun_sends_a_stub_and_a_tab_that_asks_gets_the_payload_whole():
    """The payload goes to the tab once: a rerun of the same run sends its head alone; the
    tab that says it lacks it (the "need" event, whose callback forgets what was sent) gets
    it whole on the next run."""
    at = open_page()
    first = player_sent(at)
    assert not is_stub(first) and decode_payload(first)["start"] == 20
    at.run()
    sent = player_sent(at)
    assert is_stub(sent) and decode_payload(sent) == {"id": payload_id(first), "start": 20}
    assert len(sent) < 50 < 10_000 < len(first)
    at.session_state[HELD_KEY] = ()  # what forget_held leaves after the "need" event
    at.run()
    assert player_sent(at) == first
