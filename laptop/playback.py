"""What the training player shows at each recorded frame, computed by replaying the
recorded weights through the network. No streamlit, no plotly.

`replay_frames(model, recording, ...)` loads every frame's weights into a copy of `model`
and evaluates it: P(buy) over a grid of the pink/small square, each hidden neuron's output
over the same grid, every table row's P(buy), the friend's laptop, loss and accuracy on the
training and validation rows, and a sentence in plain words about what changed since the
frame before. Every number is the model's at that frame (after an epoch, or after a batch
for a short run recorded batch by batch; tests replay the weights with their own NumPy and
compare). Works for any stack of Dense layers with 2 inputs whose
last layer gives P(buy) in its last column (2-unit softmax or 1-unit sigmoid).
"""

import math
import re
from dataclasses import dataclass, field

import numpy as np

from nncore.model import Sequential
from nncore.recording import MAX_FRAMES, Recorder, Recording

# What the player sends to the browser stays under 2 MB: the maps (one byte a cell) get at
# most this many bytes, so the grid is coarser when there are many frames and neurons.
MAP_BYTES_BUDGET = 1_000_000
GRID_LIMITS = (11, 31)  # cells across the square: coarsest, finest
FLAT = 1e-9  # a neuron whose output varies less than this over the square is flat


def grid_resolution(frames: int, maps_per_frame: int, budget: int = MAP_BYTES_BUDGET) -> int:
    """Cells across the square so that frames x maps x cells^2 bytes fit the budget.

    >>> grid_resolution(21, 4), grid_resolution(200, 25)
    (31, 14)
    """
    cells = int(math.sqrt(budget / max(1, frames * maps_per_frame)))
    return int(min(max(cells, GRID_LIMITS[0]), GRID_LIMITS[1]))


@dataclass
class Frames:
    """Per-frame arrays, frame index first. `buy_maps[f, i, j]` is P(buy) at pink=axis[j],
    small=axis[i]; `neuron_maps[layer][f, unit, i, j]` that hidden neuron's output there;
    `kernels[layer][f]` (inputs, units) and `biases[layer][f]` (units,)."""

    epochs: list[int]
    axis: np.ndarray
    buy_maps: np.ndarray
    neuron_maps: list[np.ndarray]
    kernels: list[np.ndarray]
    biases: list[np.ndarray]
    activations: list[str]
    row_buy: np.ndarray  # (frames, rows) P(buy) of each table row
    laptop_buy: np.ndarray  # (frames,)
    metrics: dict[str, np.ndarray]  # loss/accuracy/val_loss/val_accuracy -> (frames,)
    dead: list[np.ndarray]  # per hidden layer, (frames, units) bool: flat over the square
    sentences: list[str] = field(default_factory=list)
    # (epoch, batch) of each frame, batch None after a whole epoch (Recording.moment)
    moments: list[tuple[int, int | None]] = field(default_factory=list)
    batches_per_epoch: int = 1

    @property
    def layer_sizes(self) -> list[int]:
        return [self.kernels[0].shape[1]] + [k.shape[2] for k in self.kernels]

    @property
    def count(self) -> int:
        return len(self.epochs)


def _copy(model: Sequential) -> Sequential:
    """A model of the same layers (weights to be loaded), without touching `model`."""
    data = model.to_dict()
    data["compile"] = None
    return Sequential.from_dict(data)


def _bce(y: np.ndarray, p_buy: np.ndarray) -> float:
    """The recipe's loss for 0/1 labels: binary crossentropy, p clipped to [1e-7, 1-1e-7]
    (for a 2-unit softmax the same as nncore's per-output average)."""
    p = np.clip(p_buy, 1e-7, 1 - 1e-7)
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))


def replay_frames(model: Sequential, recording: Recording, x: np.ndarray, y: np.ndarray,
                  train_rows: np.ndarray, validation_rows: np.ndarray,
                  laptop: tuple[float, float], resolution: int | None = None) -> Frames:
    """Evaluate every frame of `recording` (weights shaped like `model`'s) on the grid, the
    rows and the laptop. `resolution`: cells across the square (default: by budget)."""
    x = np.asarray(x, dtype=float).reshape(-1, 2)
    y = np.asarray(y, dtype=int).reshape(-1)
    train_rows, validation_rows = np.asarray(train_rows, int), np.asarray(validation_rows, int)
    net = _copy(model)
    hidden = [layer.units for layer in net.layers[:-1]]
    frames = len(recording)
    cells = resolution or grid_resolution(frames, 1 + sum(hidden))
    axis = np.linspace(0.0, 1.0, cells)
    xx, yy = np.meshgrid(axis, axis)
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    inputs = np.vstack([grid, x, np.asarray(laptop, dtype=float).reshape(1, 2)])
    g, n = len(grid), len(x)
    buy_maps = np.empty((frames, cells, cells))
    neuron_maps = [np.empty((frames, units, cells, cells)) for units in hidden]
    row_buy = np.empty((frames, n))
    laptop_buy = np.empty(frames)
    for f in range(frames):
        recording.load(net, f)
        outputs = net.layer_outputs(inputs)
        p_buy = outputs[-1][:, -1]
        buy_maps[f] = p_buy[:g].reshape(cells, cells)
        row_buy[f] = p_buy[g:g + n]
        laptop_buy[f] = p_buy[-1]
        for layer, out in enumerate(outputs[:-1]):
            neuron_maps[layer][f] = out[:g].T.reshape(-1, cells, cells)
    metrics = {}
    for prefix, rows in (("", train_rows), ("val_", validation_rows)):
        if len(rows):
            right = (row_buy[:, rows] >= 0.5) == (y[rows] == 1)
            metrics[prefix + "loss"] = np.array([_bce(y[rows], row_buy[f, rows])
                                                 for f in range(frames)])
            metrics[prefix + "accuracy"] = right.mean(axis=1)
    dead = [np.ptp(maps.reshape(frames, maps.shape[1], -1), axis=2) < FLAT
            for maps in neuron_maps]
    weights = recording.weights
    out = Frames(
        epochs=list(recording.epochs), axis=axis, buy_maps=buy_maps, neuron_maps=neuron_maps,
        kernels=[np.stack([w[2 * i] for w in weights]) for i in range(len(net.layers))],
        biases=[np.stack([w[2 * i + 1] for w in weights]) for i in range(len(net.layers))],
        activations=[layer.activation.name for layer in net.layers], row_buy=row_buy,
        laptop_buy=laptop_buy, metrics=metrics, dead=dead,
        moments=[recording.moment(f) for f in range(frames)],
        batches_per_epoch=recording.steps_per_epoch)
    out.sentences = [frame_sentence(out, f, y, train_rows, validation_rows, x)
                     for f in range(frames)]
    return out


def _percent(p: float) -> str:
    return f"{int(math.floor(100 * p + 0.5))}%"


def _row_words(row: int, x: np.ndarray, y: np.ndarray) -> str:
    answer = "buy" if y[row] == 1 else "don't buy"
    return f"row {row + 1} ({answer}; pink {x[row, 0]:.2f}, small {x[row, 1]:.2f})"


def moment_words(moment: tuple[int, int | None], batches: int) -> str:
    """A frame's moment in words: "Epoch 3", or "Epoch 3, batch 2 of 5" for a batch frame.

    >>> moment_words((3, None), 5), moment_words((3, 2), 5)
    ('Epoch 3', 'Epoch 3, batch 2 of 5')
    """
    epoch, batch = moment
    return f"Epoch {epoch}" + ("" if batch is None else f", batch {batch} of {batches}")


def frame_sentence(frames: Frames, f: int, y: np.ndarray, train_rows: np.ndarray,
                   validation_rows: np.ndarray, x: np.ndarray) -> str:
    """What happens at frame `f`, in plain words, from the numbers alone: how many training
    rows are right, which rows changed side since the frame before, the friend's P(buy),
    neurons that went flat, and at the end whether the run is stuck."""
    right = (frames.row_buy[f] >= 0.5) == (y == 1)
    n_train = len(train_rows)
    on_train = int(right[train_rows].sum())
    head = "Before training (epoch 0), with the random starting weights" if f == 0 \
        else moment_words(frames.moments[f], frames.batches_per_epoch)
    parts = [f"{head}: right on {on_train} of {n_train} training rows"]
    if f > 0:
        before = (frames.row_buy[f - 1] >= 0.5) == (y == 1)
        fixed = np.flatnonzero(right & ~before)
        broken = np.flatnonzero(~right & before)
        changes = ([f"{_row_words(r, x, y)} is now right" for r in fixed]
                   + [f"{_row_words(r, x, y)} is now wrong" for r in broken])[:2]
        more = len(fixed) + len(broken) - len(changes)
        if more > 0:
            changes.append(f"{more} more row{'s' if more > 1 else ''} changed side")
        loss = frames.metrics.get("loss")
        if changes:
            parts.append("; ".join(changes))
        elif loss is not None and loss[f] < loss[f - 1]:
            parts.append(f"no row changes side, the loss falls to {loss[f]:.2f}")
        elif loss is not None:
            parts.append(f"no row changes side, the loss is {loss[f]:.2f}")
    p, last = frames.laptop_buy[f], frames.laptop_buy[f - 1] if f else None
    if last is not None and (p >= 0.5) != (last >= 0.5):
        parts.append(f"your laptop flips to {'buy' if p >= 0.5 else 'do not buy'} "
                     f"(P(buy) {_percent(p)})")
    else:
        parts.append(f"your laptop: P(buy) {_percent(p)}")
    for layer, dead in enumerate(frames.dead):
        newly = np.flatnonzero(dead[f] & (~dead[f - 1] if f else True))
        where = f"layer {layer + 1} " if len(frames.dead) > 1 else ""
        for unit in newly[:3]:
            parts.append(f"hidden {where}neuron {unit + 1} gives the same output everywhere "
                         "on the square (it has gone flat; a ReLU stuck at 0 no longer learns)")
    sentence = "; ".join(parts) + "."
    if f == frames.count - 1 and f > 0:
        majority = max(np.mean(y[train_rows]), 1 - np.mean(y[train_rows]))
        if on_train / max(n_train, 1) <= majority + 1e-9:
            sentence += (" Training ends stuck: the model is no better than always giving "
                         "the commoner answer.")
    return sentence


def new_recorder(epochs: int, max_frames: int = MAX_FRAMES) -> Recorder:
    """A callback for `laptop.recipe.train(..., callbacks=[...])` that records the run for
    the player (its `.recording` after training)."""
    return Recorder(epochs, max_frames)


LINK_PATTERN = re.compile(r"(\d{1,7})(?:b(\d{1,7}))?")


def frame_link(recording: Recording, frame: int) -> str:
    """The address's `frame` value for frame index `frame`: its epoch ("6") after a whole
    epoch, "3b2" after batch 2 of epoch 3 (a short run recorded batch by batch)."""
    epoch, batch = recording.moment(frame)
    if batch is None or batch == recording.steps_per_epoch:
        return str(epoch)
    return f"{epoch}b{batch}"


def frame_from_link(text: str | None, steps: list[int],
                    batches: int = 1) -> tuple[int, str | None]:
    """The frame index to show for the address's `frame` value and a note in plain words
    when it cannot be used (then: the last frame, the trained model). `steps`: the batches
    trained before each frame (Recording.steps), `batches` in an epoch. The value is an
    epoch ("6": after epoch 6, as the first links had it) or "3b2" (after batch 2 of epoch
    3). A moment between recorded frames shows the last frame recorded before it.

    >>> frame_from_link("6", [0, 2, 4, 6, 8])
    (3, None)
    >>> frame_from_link("3b2", list(range(16)), batches=5), frame_from_link("3", [0, 5, 10, 15], 5)
    ((12, None), (3, None))
    >>> frame_from_link("99", [0, 1, 2])[0], frame_from_link("six", [0, 1, 2])[0]
    (2, 2)
    """
    last = len(steps) - 1
    if text is None or text == "":
        return last, None
    end = "so the player shows the end of training."
    match = LINK_PATTERN.fullmatch(str(text).strip())
    if match is None:
        return last, (f"The link's frame ({str(text)[:20]!r}) is neither an epoch (a whole "
                      f"number) nor a batch like 3b2 (epoch 3, batch 2), {end}")
    epoch, batch = int(match.group(1)), match.group(2)
    last_epoch = steps[-1] // batches
    if batch is None:
        if not 0 <= epoch <= last_epoch:
            return last, (f"The link asks for epoch {epoch}, but this training has epochs 0 "
                          f"to {last_epoch}, {end}")
        step = epoch * batches
    else:
        batch = int(batch)
        if not 1 <= batch <= batches or not 1 <= epoch <= last_epoch:
            return last, (f"The link asks for batch {batch} of epoch {epoch}, but this "
                          f"training has epochs 1 to {last_epoch} of {batches} batch"
                          f"{'es' if batches > 1 else ''} each, {end}")
        step = (epoch - 1) * batches + batch
    return max(0, int(np.searchsorted(steps, step, side="right")) - 1), None
