"""What the training player sends to the browser, built from per-frame arrays (the `Frames`
of laptop.playback, or anything with the same attributes). Pure: no streamlit, no nncore.

Maps go as one byte a cell, raw bytes (`encode_payload` puts them after the JSON): P(buy) as
round(255 p); a hidden neuron's output as 127.5 + 127.5 a / s with s the largest |output| of
its layer at that frame (so white is 0 and a neuron that is 0 everywhere stays white).
Weights go rounded to 4 decimals. Each frame's place on the curves is in epochs ("epochs":
3, or 2.5 after batch 2 of 4 of epoch 3) and its label in words ("labels": "epoch 3 of 20,
batch 2 of 4").
"""

import hashlib
import json
import math
import re

import numpy as np

SPEEDS = (2, 5, 10, 20, 30, 60)  # frames per second the player offers
SECONDS_PER_RUN = 4.0  # the default speed plays a whole run in about this long


def buy_bytes(p_buy: np.ndarray) -> np.ndarray:
    """P(buy) in [0, 1] -> bytes 0..255 (0.5 -> 128, drawn white)."""
    return np.round(np.clip(np.asarray(p_buy, dtype=float), 0, 1) * 255).astype(np.uint8)


def neuron_bytes(maps: np.ndarray) -> np.ndarray:
    """A layer's maps (frames, units, cells, cells) -> bytes, 0 at 127.5 (sent as 128), each
    frame scaled by its layer's largest |output|."""
    maps = np.nan_to_num(np.asarray(maps, dtype=float))
    scale = np.abs(maps).reshape(len(maps), -1).max(axis=1)
    scale = np.where(scale > 0, scale, 1.0)[:, None, None, None]
    return np.round(127.5 + 127.5 * maps / scale).clip(0, 255).astype(np.uint8)


def _raw(array: np.ndarray) -> bytes:
    return np.ascontiguousarray(array, dtype=np.uint8).tobytes()


def default_speed(frames: int) -> int:
    """The offered speed that plays `frames` frames in about SECONDS_PER_RUN seconds."""
    wanted = frames / SECONDS_PER_RUN
    return min(SPEEDS, key=lambda s: abs(math.log(s / max(wanted, 1e-9))))


def moment_labels(frames, total_epochs: int) -> list[str]:
    """Each frame's moment for the player's label and scrubber: "epoch 3 of 20", or "epoch 3
    of 20, batch 2 of 5" for a frame after a batch (`frames.moments`, (epoch, batch))."""
    batches = getattr(frames, "batches_per_epoch", 1)
    moments = getattr(frames, "moments", None) or [(e, None) for e in frames.epochs]
    return [f"epoch {epoch} of {total_epochs}"
            + ("" if batch is None else f", batch {batch} of {batches}")
            for epoch, batch in moments]


def _position(epoch) -> float | int:
    """A frame's place in epochs for the curves' x axis: 3, or 2.4 for batch 2 of 5."""
    return int(epoch) if float(epoch).is_integer() else round(float(epoch), 6)


def _bits(mask) -> str:
    return "".join("1" if v else "0" for v in mask)


def alt_texts(frames, y: np.ndarray, laptop: bool = True, rows: str = "table rows",
              held_out: str = "validation") -> dict[str, list[str]]:
    """Per-frame text alternatives of the map, the network and the curves (their key
    numbers), for screen readers. `laptop`: whether the friend's laptop is shown; `rows`
    and `held_out`: what the points and the held-out ones are called."""
    y = np.asarray(y, dtype=int)
    out = {"map": [], "net": [], "curves": []}
    for f in range(len(frames.epochs)):
        grid = frames.buy_maps[f]
        right = int(((frames.row_buy[f] >= 0.5) == (y == 1)).sum())
        buy_share = float(np.mean(grid >= 0.5))
        out["map"].append(
            f"P(buy) from {grid.min():.0%} to {grid.max():.0%} over the square; it says buy on "
            f"{buy_share:.0%} of it; {right} of {len(y)} {rows} right"
            + (f"; your laptop {frames.laptop_buy[f]:.0%}." if laptop else "."))
        flat = sum(int(d[f].sum()) for d in frames.dead)
        hidden = sum(d.shape[1] for d in frames.dead)
        weights = np.concatenate([k[f].ravel() for k in frames.kernels])
        out["net"].append(f"{hidden - flat} of {hidden} hidden neurons vary over the square, "
                          f"{flat} flat; weights from {weights.min():+.2f} to "
                          f"{weights.max():+.2f}.")
        m = frames.metrics
        text = f"training loss {m['loss'][f]:.3f}, training accuracy {m['accuracy'][f]:.0%}"
        if "val_loss" in m:
            text += (f", {held_out} loss {m['val_loss'][f]:.3f}, {held_out} accuracy "
                     f"{m['val_accuracy'][f]:.0%}")
        out["curves"].append(text + (f"; your laptop P(buy) {frames.laptop_buy[f]:.0%}."
                                     if laptop else "."))
    return out


def player_payload(frames, x: np.ndarray, y: np.ndarray, laptop: tuple[float, float] | None,
                   total_epochs: int, start: int,
                   inputs: tuple[str, str] = ("pink", "small"),
                   outputs: tuple[str, str] = ("don't buy", "buy"),
                   words: dict[str, object] | None = None,
                   legend: tuple[str, str] = ("training rows", "validation rows")) -> dict:
    """The dict the player's JavaScript reads (see ui/player/player.js): JSON-ready but the
    maps (`bytes`, one byte a cell; `encode_payload` sends them raw after the JSON).
    `start`: the frame index shown first. `laptop` None: no friend's laptop (no star, no
    chart of its P(buy)). `words`: another page's map_title, map_note, axes (two texts),
    accuracy_title, alt_rows and alt_held_out (what the text alternatives call the points
    and the held-out ones); None: Buy the Laptop's. `legend`: what the curves' legend calls
    the points trained on and the held-out ones."""
    y = np.asarray(y, dtype=int).reshape(-1)
    count = len(frames.epochs)
    kernels = [np.asarray(k, dtype=float) for k in frames.kernels]
    wmax = max(float(np.max(np.abs(k))) for k in kernels) or 1.0
    right = (np.asarray(frames.row_buy) >= 0.5) == (y == 1)
    names = {} if words is None else {"rows": words["alt_rows"],
                                      "held_out": words["alt_held_out"]}
    body = {
        "epochs": [_position(e) for e in frames.epochs], "total": int(total_epochs),
        "labels": moment_labels(frames, int(total_epochs)),
        "res": int(len(frames.axis)), "buy": _raw(buy_bytes(frames.buy_maps)),
        "layers": [{"units": int(maps.shape[1]), "maps": _raw(neuron_bytes(maps)),
                    "flat": [_bits(row) for row in dead]}
                   for maps, dead in zip(frames.neuron_maps, frames.dead, strict=True)],
        "sizes": [int(s) for s in frames.layer_sizes],
        "weights": [np.round(k.reshape(count, -1), 4).tolist() for k in kernels],
        "wmax": round(wmax, 4),
        "rows": {"x": np.round(np.asarray(x, dtype=float), 4).tolist(), "y": y.tolist(),
                 "right": [_bits(r) for r in right]},
        "laptop": None if laptop is None else [float(laptop[0]), float(laptop[1])],
        "laptop_buy": None if laptop is None else np.round(frames.laptop_buy, 4).tolist(),
        "metrics": {k: np.round(np.asarray(v, dtype=float), 4).tolist()
                    for k, v in frames.metrics.items()},
        "sentences": list(frames.sentences),
        "alt": alt_texts(frames, y, laptop is not None, **names),
        "inputs": list(inputs), "outputs": list(outputs), "fps": default_speed(count),
        "legend": {"trained": str(legend[0]), "held_out": str(legend[1])},
    }
    if words is not None:
        body["words"] = dict(words)
    digest = hashlib.sha1(_encoded_body(body)).hexdigest()[:16]
    return {**body, "id": digest, "start": int(min(max(start, 0), count - 1))}


def _encoded_body(body: dict) -> bytes:
    """`body` as JSON text, every `bytes` value replaced by {"$bytes": [offset, length]}
    into the bytes that follow the text after one NUL byte (JSON text never holds a raw
    NUL: json.dumps escapes control characters)."""
    blobs: list[bytes] = []
    at = 0

    def out(value):
        nonlocal at
        if isinstance(value, bytes | bytearray):
            blobs.append(bytes(value))
            at += len(value)
            return {"$bytes": [at - len(value), len(value)]}
        if isinstance(value, dict):
            return {k: out(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [out(v) for v in value]
        return value

    text = json.dumps(out(body), separators=(",", ":")).encode()
    return b"".join([text, b"\0", *blobs])


def encode_payload(payload: dict) -> bytes:
    """The payload as the player receives it: compact JSON text in UTF-8, its `id` first, so
    the browser can read the id from the first bytes and skip a payload it already holds,
    then `start`, so one encoding serves every frame to start at (`starting_at`); then one
    NUL byte and the maps' bytes (each map in the JSON is {"$bytes": [offset, length]} into
    them). Sent as bytes, Streamlit forwards it as it is (the browser gets a Uint8Array).
    Build it once per payload and pass it to the player. `decode_payload` reverses it.

    >>> encode_payload({"id": "abc", "start": 1, "epochs": [0, 1], "buy": b"AB"})
    b'{"id":"abc","start":1,"epochs":[0,1],"buy":{"$bytes":[0,2]}}\\x00AB'
    """
    ordered = {"id": payload["id"], "start": payload["start"],
               **{k: v for k, v in payload.items() if k not in ("id", "start")}}
    return _encoded_body(ordered)


def decode_payload(encoded: bytes) -> dict:
    """The payload back from `encode_payload` (maps as bytes), or a stub (`stub_of`) as its
    {"id", "start"}: what the browser reads, for tests and benchmarks.

    >>> decode_payload(b'{"id":"abc","start":1,"buy":{"$bytes":[1,1]}}\\x00AB')
    {'id': 'abc', 'start': 1, 'buy': b'B'}
    """
    text, nul, tail = bytes(encoded).partition(b"\0")

    def blob(value: dict):
        if set(value) == {"$bytes"}:
            at, length = value["$bytes"]
            return tail[at:at + length]
        return value

    return json.loads(text, object_hook=blob if nul else None)


def is_stub(encoded: bytes) -> bool:
    """Whether `encoded` is a stub (`stub_of`), not a whole payload."""
    return b"\0" not in encoded


def stub_of(encoded: bytes) -> bytes:
    """What is sent instead of an encoded payload the browser already holds: its head
    alone, {"id", "start"} (no NUL byte, which says "stub" to the browser).

    >>> stub_of(b'{"id":"abc","start":1,"epochs":[0,1]}\\x00')
    b'{"id":"abc","start":1}'
    """
    head = _HEAD.match(encoded)
    if head is None:
        raise ValueError("not a payload made by encode_payload")
    return encoded[:head.end(2)] + b"}"


def starting_at(encoded: bytes, start: int) -> bytes:
    """An encoded payload (`encode_payload`) that starts at frame `start` instead: the same
    bytes but the `start` field, so visitors of one run share one encoding and only this
    short head differs.

    >>> starting_at(b'{"id":"abc","start":1,"epochs":[0,1]}\\x00', 0)
    b'{"id":"abc","start":0,"epochs":[0,1]}\\x00'
    """
    head = _HEAD.match(encoded)
    if head is None:
        raise ValueError("not a payload made by encode_payload")
    return b"%s%d%s" % (head.group(1), int(start), encoded[head.end(2):])


_HEAD = re.compile(rb'(\{"id":"[0-9a-zA-Z]*","start":)(-?\d+)')


def payload_bytes(payload: dict) -> int:
    """Bytes of the payload as sent (`encode_payload`): what the browser receives for it."""
    return len(encode_payload(payload))


HELD_IDS = 2  # payloads the server counts on a browser tab keeping (player.js keeps 3)


def payload_id(encoded: bytes) -> str:
    """The id at the head of an encoded payload or a stub."""
    head = _HEAD.match(encoded)
    if head is None:
        raise ValueError("not a payload made by encode_payload")
    return head.group(1)[7:-10].decode()


def for_browser(encoded: bytes, held: tuple[str, ...] | list[str]) -> tuple[bytes, tuple[str, ...]]:
    """What to send a browser tab that was sent the payloads `held` (ids, newest last) in
    full, and what it then holds: the stub when it holds this payload, else the whole
    encoding. The tab keeps more than HELD_IDS payloads; one it no longer has is asked for
    again (the player's "need" event, after which the caller forgets `held`).

    >>> full = b'{"id":"abc","start":1,"epochs":[0,1]}\\x00'
    >>> for_browser(full, ())
    (b'{"id":"abc","start":1,"epochs":[0,1]}\\x00', ('abc',))
    >>> for_browser(full, ("abc", "xyz"))
    (b'{"id":"abc","start":1}', ('xyz', 'abc'))
    """
    pid = payload_id(encoded)
    now = (*(h for h in held if h != pid), pid)[-HELD_IDS:]
    return (stub_of(encoded) if pid in held else encoded), now
