"""ui.player.payload: what the browser gets decodes back to the frames' numbers; a payload
the tab holds goes as a stub."""

import json
from dataclasses import replace

import numpy as np
import pytest

from laptop.data import check_table, tutorial_table
from laptop.playback import new_recorder, replay_frames
from laptop.recipe import RECIPE, train
from ui.player.payload import (
    HELD_IDS,
    SPEEDS,
    buy_bytes,
    decode_payload,
    default_speed,
    encode_payload,
    for_browser,
    is_stub,
    neuron_bytes,
    payload_bytes,
    payload_id,
    player_payload,
    starting_at,
    stub_of,
)

LAPTOP = (0.3, 0.7)


@pytest.fixture(scope="module")
def made():
    check = check_table(tutorial_table())
    x, y = check.x, check.y
    recorder = new_recorder(RECIPE.epochs)
    run = train(x, y, RECIPE, callbacks=[recorder])
    frames = replay_frames(run.model, recorder.recording, x, y, run.train_rows,
                           run.validation_rows, LAPTOP)
    return frames, x, y, player_payload(frames, x, y, LAPTOP, RECIPE.epochs, start=5)


def decode(raw):
    return np.frombuffer(raw, dtype=np.uint8)


def test_maps_decode_to_the_frames_within_one_step(made):
    frames, _, _, payload = made
    res = payload["res"]
    buy = decode(payload["buy"]).reshape(frames.count, res, res) / 255
    assert np.max(np.abs(buy - frames.buy_maps)) <= 0.5 / 255 + 1e-12
    maps = decode(payload["layers"][0]["maps"]).reshape(frames.neuron_maps[0].shape)
    for f in (0, 10, 20):
        layer = frames.neuron_maps[0][f]
        scale = np.abs(layer).max()
        np.testing.assert_allclose((maps[f] - 127.5) / 127.5 * scale, layer,
                                   atol=scale / 255 + 1e-12)


def test_a_flat_zero_neuron_is_sent_white_and_marked_flat():
    maps = np.zeros((2, 3, 4, 4))
    maps[:, 0] = np.linspace(0, 2, 16).reshape(4, 4)
    sent = neuron_bytes(maps)
    assert np.all(sent[:, 1:] == 128) and sent[0, 0].max() == 255
    assert list(buy_bytes(np.array([0.0, 0.5, 1.0]))) == [0, 128, 255]


def test_everything_else_is_the_frames(made):
    frames, x, y, payload = made
    assert payload["epochs"] == frames.epochs and payload["total"] == RECIPE.epochs
    assert payload["sizes"] == [2, 3, 2] and payload["start"] == 5
    k = np.array(payload["weights"][1]).reshape(frames.kernels[1].shape)
    np.testing.assert_allclose(k, frames.kernels[1], atol=5e-5)
    assert payload["wmax"] == pytest.approx(max(np.abs(w).max() for w in frames.kernels),
                                            abs=5e-5)
    right = [[c == "1" for c in bits] for bits in payload["rows"]["right"]]
    np.testing.assert_array_equal(right, (frames.row_buy >= 0.5) == (y == 1))
    np.testing.assert_allclose(payload["laptop_buy"], frames.laptop_buy, atol=5e-5)
    assert payload["sentences"] == frames.sentences
    flat = [[c == "1" for c in bits] for bits in payload["layers"][0]["flat"]]
    np.testing.assert_array_equal(flat, frames.dead[0])
    assert f"{frames.metrics['loss'][3]:.3f}" in payload["alt"]["curves"][3]


def test_the_id_ignores_the_start_frame_but_not_the_laptop(made):
    frames, x, y, payload = made
    again = player_payload(frames, x, y, LAPTOP, RECIPE.epochs, start=99)
    assert again["id"] == payload["id"] and again["start"] == frames.count - 1
    other = replace(frames, laptop_buy=frames.laptop_buy * 0.5)
    assert player_payload(other, x, y, LAPTOP, RECIPE.epochs, 0)["id"] != payload["id"]


@pytest.mark.parametrize("frames,speed", [(21, 5), (200, 60), (2, 2), (80, 20)])
def test_default_speed_plays_a_run_in_a_few_seconds(frames, speed):
    assert default_speed(frames) == speed and speed in SPEEDS


def test_a_one_epoch_run_without_validation_rows():
    check = check_table(tutorial_table())
    x, y = check.x, check.y
    settings = replace(RECIPE, epochs=1, validation_split=0.0)
    recorder = new_recorder(1)
    run = train(x, y, settings, callbacks=[recorder])
    frames = replay_frames(run.model, recorder.recording, x, y, run.train_rows,
                           run.validation_rows, LAPTOP)
    payload = player_payload(frames, x, y, LAPTOP, 1, start=1)
    assert payload["epochs"] == [0, 1] and set(payload["metrics"]) == {"loss", "accuracy"}
    assert "validation" not in payload["alt"]["curves"][1]
    assert payload["sentences"][1].startswith("Epoch 1: right on ")
    assert f"of {len(y)} training rows" in payload["sentences"][1]


def test_the_legend_names_come_from_the_caller(made):
    frames, x, y, payload = made
    assert payload["legend"] == {"trained": "training rows", "held_out": "validation rows"}
    named = player_payload(frames, x, y, LAPTOP, RECIPE.epochs, 5,
                           legend=("training points", "test points"))
    assert named["legend"] == {"trained": "training points", "held_out": "test points"}
    assert named["id"] != payload["id"]  # the browser rebuilds the player for new words


def test_the_encoded_payload_is_the_payload_with_its_id_first(made):
    _, _, _, payload = made
    encoded = encode_payload(payload)
    assert decode_payload(encoded) == payload
    assert encoded.startswith(b'{"id":"' + payload["id"].encode() + b'","start":5,')
    assert payload_bytes(payload) == len(encoded) and payload_id(encoded) == payload["id"]
    assert not is_stub(encoded)


def test_every_map_travels_as_its_own_raw_bytes_after_the_json(made):
    """The bytes after the NUL are each map's bytes, in the JSON's order, nothing else: the
    frames' buy_bytes, then each layer's neuron_bytes."""
    frames, _, _, payload = made
    encoded = encode_payload(payload)
    text, _, tail = encoded.partition(b"\0")
    expected = [buy_bytes(frames.buy_maps).tobytes()] + [
        neuron_bytes(maps).tobytes() for maps in frames.neuron_maps]
    assert tail == b"".join(expected)
    head = json.loads(text)
    spans = [head["buy"]["$bytes"]] + [layer["maps"]["$bytes"] for layer in head["layers"]]
    assert [tail[at:at + n] for at, n in spans] == expected
    decoded = decode_payload(encoded)
    res, count = payload["res"], frames.count
    assert decode(decoded["buy"]).shape == (count * res * res,)
    for layer, maps in zip(decoded["layers"], frames.neuron_maps, strict=True):
        np.testing.assert_array_equal(decode(layer["maps"]).reshape(maps.shape),
                                      neuron_bytes(maps))


def test_raw_bytes_are_about_a_quarter_smaller_than_base64(made):
    import base64

    _, _, _, payload = made
    as_text = {**payload, "buy": base64.b64encode(payload["buy"]).decode(),
               "layers": [{**layer, "maps": base64.b64encode(layer["maps"]).decode()}
                          for layer in payload["layers"]]}
    maps = len(payload["buy"]) + sum(len(layer["maps"]) for layer in payload["layers"])
    saved = len(json.dumps(as_text, separators=(",", ":"))) - payload_bytes(payload)
    assert saved == pytest.approx(maps / 3, rel=0.02)  # base64: 4 characters for 3 bytes


def test_a_nul_in_a_text_cannot_cut_the_json():
    encoded = encode_payload({"id": "abc", "start": 0, "sentences": ["a\0b"], "buy": b"\0\1"})
    assert encoded.count(b"\0") == 2  # the separator and the map's own 0 byte
    assert decode_payload(encoded) == {"id": "abc", "start": 0, "sentences": ["a\0b"],
                                       "buy": b"\0\1"}


def test_the_stub_is_the_head_alone(made):
    _, _, _, payload = made
    encoded = encode_payload(payload)
    stub = stub_of(encoded)
    assert is_stub(stub) and decode_payload(stub) == {"id": payload["id"], "start": 5}
    assert stub_of(starting_at(encoded, 0)) == stub_of(starting_at(stub, 0))
    assert len(stub) < 50


def test_a_tab_is_sent_a_payload_whole_once_then_stubs():
    one = encode_payload({"id": "one", "start": 0, "buy": b"1" * 100})
    two = encode_payload({"id": "two", "start": 3, "buy": b"2" * 100})
    three = encode_payload({"id": "three", "start": 0, "buy": b"3" * 100})
    sent, held = for_browser(one, ())
    assert sent == one and held == ("one",)  # first mount: whole
    sent, held = for_browser(one, held)
    assert sent == stub_of(one) and held == ("one",)  # a rerun: the stub
    sent, held = for_browser(two, held)
    assert sent == two and held == ("one", "two")  # a new training: whole
    sent, held = for_browser(starting_at(one, 7), held)
    assert sent == b'{"id":"one","start":7}' and held == ("two", "one")  # back to one
    sent, held = for_browser(three, held)
    assert sent == three and len(held) == HELD_IDS == 2 and "two" not in held
    sent, held = for_browser(two, held)  # the oldest is not counted on: whole again
    assert sent == two
    sent, held = for_browser(one, ())  # the tab said it lacks one ("need"): whole again
    assert sent == one


def test_the_browser_keeps_more_payloads_than_the_server_counts_on():
    import re
    from pathlib import Path

    js = (Path(__file__).parents[3] / "ui" / "player" / "player.js").read_text()
    kept = int(re.search(r"HELD_MAX = (\d+)", js).group(1))
    assert kept > HELD_IDS


@pytest.mark.parametrize("start", [0, 7, 20])
def test_one_encoding_serves_every_start(made, start):
    _, _, _, payload = made
    shared = encode_payload({**payload, "start": 0})
    assert decode_payload(starting_at(shared, start)) == {**payload, "start": start}
    assert starting_at(shared, start) == encode_payload({**payload, "start": start})


def test_only_an_encoded_payload_can_be_restarted():
    for make in (lambda b: starting_at(b, 0), stub_of, payload_id):
        with pytest.raises(ValueError):
            make(b'{"start":1,"id":"abc"}')


def test_the_docstring_examples_hold():
    import doctest

    import ui.player.payload

    failed, tried = doctest.testmod(ui.player.payload)
    assert tried >= 7 and failed == 0
