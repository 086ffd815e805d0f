"""Record a training as it goes, and replay any recorded moment through a model.

`Recorder` is a callback: the weights before the first step (epoch 0) and after the
epochs that `frame_schedule` picks, plus every epoch's logs. `Recording.load(model, frame)`
puts a frame's weights back into a model of the same shape, so anything computed from it
(predictions, hidden activations, loss) is the model's at that epoch.

Long runs keep at most `max_frames` frames, every epoch at the start (where most changes)
and ever wider gaps later:

>>> frame_schedule(5)
[0, 1, 2, 3, 4, 5]
>>> frame_schedule(100, max_frames=11)
[0, 1, 2, 4, 10, 18, 28, 42, 59, 78, 100]
>>> s = frame_schedule(500); len(s), s[:4], s[-3:]
(200, [0, 1, 2, 3], [490, 495, 500])
"""

import numpy as np

from .callbacks import Callback

MAX_FRAMES = 200


def frame_schedule(epochs, max_frames=MAX_FRAMES):
    """The epochs to record, 0 (the starting weights) to `epochs`, at most `max_frames`.

    All of them when they fit; else the first quarter of the frames one epoch apart, then
    frame j of the other m at epoch d + j + b j^2 (d: the first quarter's length, b set so
    the last is `epochs`): the gaps start at one epoch and grow evenly.
    """
    epochs, max_frames = int(epochs), int(max_frames)
    if epochs < 0 or max_frames < 2:
        raise ValueError(f"Need epochs >= 0 and max_frames >= 2. Received: epochs={epochs}, "
                         f"max_frames={max_frames}")
    if epochs + 1 <= max_frames:
        return list(range(epochs + 1))
    dense = max_frames // 4
    j = np.arange(max_frames - dense)
    b = (epochs - dense - j[-1]) / j[-1] ** 2
    return list(range(dense)) + np.round(dense + j + b * j**2).astype(int).tolist()


class Recording:
    """What a Recorder kept: `epochs` (ints, ascending), `weights[i]` (a get_weights()-style
    list of arrays after epoch `epochs[i]`), `logs` (every epoch's logs, 1-based epoch k at
    index k-1)."""

    def __init__(self):
        self.epochs = []
        self.weights = []
        self.logs = []

    def __len__(self):
        return len(self.epochs)

    def add(self, epoch, weights):
        if self.epochs and epoch <= self.epochs[-1]:
            raise ValueError(f"Frames must come in epoch order. Received: epoch={epoch} "
                             f"after {self.epochs[-1]}")
        self.epochs.append(int(epoch))
        self.weights.append([np.array(w, dtype=np.float64) for w in weights])

    def load(self, model, frame):
        """Set `model`'s weights to those of frame number `frame` (0-based; negative counts
        from the end) and return the model."""
        model.set_weights(self.weights[frame])
        return model

    def frame_of_epoch(self, epoch):
        """The index of the last frame recorded at or before `epoch`."""
        return max(0, int(np.searchsorted(self.epochs, epoch, side="right")) - 1)

    @property
    def nbytes(self):
        """Bytes held by the weights and logs (the arrays' and floats' payload)."""
        weights = sum(w.nbytes for frame in self.weights for w in frame)
        return weights + 8 * sum(len(logs) for logs in self.logs)

    def __repr__(self):
        last = self.epochs[-1] if self.epochs else None
        return f"Recording(frames={len(self)}, last_epoch={last}, nbytes={self.nbytes})"


class Recorder(Callback):
    """Recorder(epochs, max_frames=MAX_FRAMES): keeps a Recording in `self.recording` of a
    fit of `epochs` epochs; frames at frame_schedule(epochs, max_frames)."""

    def __init__(self, epochs, max_frames=MAX_FRAMES):
        super().__init__()
        self.schedule = set(frame_schedule(epochs, max_frames))
        self.recording = Recording()
        self._done = 0

    def on_train_begin(self, logs=None):
        self.recording = Recording()
        self._done = 0
        self.recording.add(0, self.model.get_weights())

    def on_epoch_end(self, epoch, logs=None):
        self._done = epoch + 1
        self.recording.logs.append({k: float(v) for k, v in (logs or {}).items()})
        if self._done in self.schedule:
            self.recording.add(self._done, self.model.get_weights())

    def on_train_end(self, logs=None):
        """A run that stopped early (or diverged and went back to its last good epoch) ends
        on its last completed epoch, recorded here if the schedule skipped it."""
        if self._done and self.recording.epochs[-1] != self._done:
            self.recording.add(self._done, self.model.get_weights())
