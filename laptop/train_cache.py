"""Trained models kept for everyone: the same table and settings (seed included) train once.

A share link trains the model it describes on every visit (a reload too). Training is
deterministic given the data, the settings and the seed (laptop.recipe.train), so the
outcome can be kept and handed to the next visitor who asks for exactly the same thing,
whoever it is. Kept as plain data, not as objects: each visitor gets a model and history of
their own, rebuilt from the stored weights, so nothing one visitor holds is shared.

The vote of many networks trained like the model (laptop.consensus) is kept the same way,
under the same key, in a cache of its own (VOTES); a kept vote is read-only, so every visitor
who asks for it gets the same object. SharedCache does the same for any other outcome no one
changes (decide/player_section.py keeps the training player's payloads in one).

Bounded: at most `max_entries` outcomes and `max_bytes` of stored arrays, the least
recently used go first. One computation per key at a time: a visitor asking for what
another is training right now waits for that result instead of training it again.
No streamlit: the page holds one TrainCache (TRAINED) and one VoteCache (VOTES) for the
server process.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from laptop.consensus import Consensus, train_consensus
from laptop.recipe import Settings, TrainingRun, build_model, train
from nncore.callbacks import Callback
from nncore.recording import Recorder, Recording

ENTRY_OVERHEAD_BYTES = 4_000  # the Python objects around an entry's arrays, generously
# Sized for: a 500-epoch history is 4 curves x 500 floats (16 kB); 16 hidden units are 82
# weights; up to 1,000 row indices (8 kB). So 256 entries of the largest kind take ~7 MB.
MAX_ENTRIES = 256
MAX_BYTES = 8_000_000
# A kept vote (Consensus.nbytes) of 100 networks of the recipe's 3 hidden units is 19 kB;
# of 16 units, 71 kB; the largest (2 -> 16 -> 8 -> 8 -> 2, 100 networks) 225 kB: 35 of
# those fit, and 256 of the recipe's (the entry bound then comes first, at ~5 MB).
MAX_VOTE_BYTES = 8_000_000
WAIT_SECONDS = 120.0  # far above a training within the budget; then train on one's own


def cache_key(x, y, settings: Settings) -> str:
    """A digest of the exact rows (as float64 and 0/1), their order, and every setting."""
    x = np.ascontiguousarray(np.asarray(x, dtype=np.float64))
    y = np.ascontiguousarray(np.asarray(y, dtype=np.int64))
    digest = hashlib.sha256()
    for part in (repr(x.shape).encode(), x.tobytes(), repr(y.shape).encode(), y.tobytes(),
                 repr(sorted(settings.to_dict().items())).encode()):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


@dataclass(frozen=True)
class _Stored:
    """A TrainingRun as read-only arrays and numbers (rebuilt into fresh objects on use)."""

    weights: tuple[np.ndarray, ...] | None
    settings: Settings
    history: tuple[tuple[str, np.ndarray], ...]
    train_rows: np.ndarray
    validation_rows: np.ndarray
    train_accuracy: float | None
    validation_accuracy: float | None
    stuck: bool
    problem: str | None
    note: str | None
    recording: Recording | None = None  # the player's frames, when a Recorder took them

    @classmethod
    def of(cls, run: TrainingRun, recording: Recording | None = None) -> "_Stored":
        def frozen(values, dtype=np.float64):
            array = np.array(values, dtype=dtype)  # a copy
            array.flags.writeable = False
            return array

        weights = None if run.model is None else tuple(frozen(w)
                                                       for w in run.model.get_weights())
        return cls(weights, run.settings,
                   tuple((k, frozen(v)) for k, v in run.history.items()),
                   frozen(run.train_rows, np.int64), frozen(run.validation_rows, np.int64),
                   run.train_accuracy, run.validation_accuracy, run.stuck, run.problem,
                   run.note, None if recording is None else _copy_recording(recording, True))

    @property
    def nbytes(self) -> int:
        arrays = [*(self.weights or ()), *(v for _, v in self.history), self.train_rows,
                  self.validation_rows]
        texts = len(self.problem or "") + len(self.note or "")
        frames = 0 if self.recording is None else self.recording.nbytes
        return ENTRY_OVERHEAD_BYTES + texts + frames + sum(a.nbytes for a in arrays)

    def run(self) -> TrainingRun:
        """A TrainingRun of its own: a new model with copies of the weights, new lists."""
        model = None
        if self.weights is not None:
            model = build_model(self.settings)
            model.set_weights([w.copy() for w in self.weights])
        return TrainingRun(model, self.settings, {k: v.tolist() for k, v in self.history},
                           self.train_rows.copy(), self.validation_rows.copy(),
                           self.train_accuracy, self.validation_accuracy, self.stuck,
                           self.problem, self.note)


def _copy_recording(recording: Recording, read_only: bool = False) -> Recording:
    """A Recording of its own: copied frames (read-only ones to keep), copied logs."""
    copy = Recording(recording.steps_per_epoch, recording.per_batch)
    for step, weights in zip(recording.steps, recording.weights, strict=True):
        frame = [np.array(w, dtype=np.float64) for w in weights]
        for w in frame:
            w.flags.writeable = not read_only
        copy.steps.append(step)
        copy.weights.append(frame)
    copy.logs = [dict(logs) for logs in recording.logs]  # one per epoch, not per frame
    return copy


class _KeptOnce:
    """A bounded, thread-safe store of outcomes by key, least recently used first out, that
    lets one caller at a time compute a missing key while the others wait for it.

    An outcome has an `nbytes`; at most `max_entries` outcomes and `max_bytes` in all.
    """

    def __init__(self, max_entries: int, max_bytes: int):
        if max_entries < 1 or max_bytes < 1:
            raise ValueError(f"a cache holds at least one entry. Received: max_entries="
                             f"{max_entries}, max_bytes={max_bytes}")
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[str, object] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._computing: dict[str, threading.Event] = {}
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def nbytes(self) -> int:
        """Bytes of the kept outcomes (as each outcome's nbytes counts them)."""
        return self._bytes

    def _claim(self, key: str, usable: Callable[[object], bool] = lambda kept: True):
        """(kept, False) when an outcome usable for the caller is kept (a hit); (None, True)
        when the caller is to compute it, then call _done(key) whatever happens; (None,
        False) when another caller's computation failed or took too long: compute it
        without keeping it."""
        for _ in range(2):
            with self._lock:
                kept = self._entries.get(key)
                if kept is not None and usable(kept):
                    self._entries.move_to_end(key)
                    self.hits += 1
                    return kept, False
                busy = self._computing.get(key)
                if busy is None:
                    self._computing[key] = threading.Event()
                    return None, True
            busy.wait(WAIT_SECONDS)  # another visitor is computing it: take their result
        with self._lock:
            self.misses += 1
        return None, False

    def _done(self, key: str) -> None:
        with self._lock:
            self.misses += 1
            self._computing.pop(key).set()

    def _keep(self, key: str, outcome) -> None:
        if outcome.nbytes > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.nbytes
            self._entries[key] = outcome
            self._bytes += outcome.nbytes
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.nbytes

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


class TrainCache(_KeptOnce):
    """train() with its outcomes kept: the same (x, y, settings) is trained once.

    Thread-safe (Streamlit runs each visitor's script on a thread of its own).
    """

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES,
                 trainer: Callable[..., TrainingRun] = train):
        super().__init__(max_entries, max_bytes)
        self._train = trainer

    def train(self, x, y, settings: Settings,
              on_epoch: Callable[[int, dict], None] | None = None,
              callbacks: tuple[Callback, ...] | list[Callback] = ()) -> TrainingRun:
        """What laptop.recipe.train(x, y, settings, on_epoch, callbacks) returns, trained at
        most once per (x, y, settings) while the outcome is kept. A kept outcome comes back
        at once (on_epoch and callbacks are then not called) as a TrainingRun of the
        caller's own; a Recorder among `callbacks` gets the kept run's recording (a copy),
        and an outcome kept without one is trained again for it."""
        recorder = next((c for c in callbacks if isinstance(c, Recorder)), None)
        extra = {"callbacks": list(callbacks)} if callbacks else {}
        if settings.problems():  # nothing to train, nothing to keep
            return self._train(x, y, settings, on_epoch=on_epoch, **extra)
        key = cache_key(x, y, settings)
        stored, mine = self._claim(
            key, lambda kept: recorder is None or kept.recording is not None)
        if stored is not None:
            if recorder is not None:
                recorder.recording = _copy_recording(stored.recording)
            return stored.run()
        if not mine:  # their training failed or took too long: train on our own, keep nothing
            return self._train(x, y, settings, on_epoch=on_epoch, **extra)
        try:
            run = self._train(x, y, settings, on_epoch=on_epoch, **extra)
            self._keep(key, _Stored.of(run, None if recorder is None else recorder.recording))
        finally:
            self._done(key)
        return run


class VoteCache(_KeptOnce):
    """laptop.consensus.train_consensus with its outcomes kept: the vote on the same
    (x, y, settings) is trained once, under the same key as the training (cache_key).

    A kept vote is handed out as it is, to every visitor who asks: a Consensus holds only
    read-only arrays and is never changed (a visitor who needs another vote gets another
    object), so sharing it costs one object, not one per visitor. "No vote" (None) is not
    kept: train_consensus finds that out before it trains anything.
    """

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_VOTE_BYTES,
                 computer: Callable[..., Consensus | None] = train_consensus):
        super().__init__(max_entries, max_bytes)
        self._compute = computer

    def consensus(self, x, y, settings: Settings) -> Consensus | None:
        """What train_consensus(x, y, settings) returns, trained at most once per (x, y,
        settings) while it is kept (settings: a run's own, valid ones)."""
        key = cache_key(x, y, settings)
        kept, mine = self._claim(key)
        if kept is not None:
            return kept
        if not mine:
            return self._compute(x, y, settings)
        try:
            made = self._compute(x, y, settings)
            if made is not None:
                self._keep(key, made)
        finally:
            self._done(key)
        return made


@dataclass(frozen=True)
class _Sized:
    value: object
    nbytes: int


class SharedCache(_KeptOnce):
    """Any pure computation's outcome by key, kept for everyone and handed out as it is
    (never copied): only for outcomes that no one changes. `size(outcome)` gives the bytes
    an outcome counts for."""

    def __init__(self, max_entries: int, max_bytes: int, size: Callable[[object], int]):
        super().__init__(max_entries, max_bytes)
        self._size = size

    def get(self, key: str, make: Callable[[], object]):
        """The outcome kept under `key`, else make() (once at a time per key), kept."""
        kept, mine = self._claim(key)
        if kept is not None:
            return kept.value
        if not mine:
            return make()
        try:
            value = make()
            self._keep(key, _Sized(value, self._size(value)))
        finally:
            self._done(key)
        return value


TRAINED = TrainCache()  # the server process's one cache, shared by every visitor
VOTES = VoteCache()  # its votes of many networks, shared the same way

