"""Record a training as it goes, and replay any recorded moment through a model.

`Recorder` is a callback: the weights before the first step (epoch 0) and after the
epochs that `frame_schedule` picks, plus every epoch's logs. A short run (at most
MAX_BATCH_STEPS batches in all) is recorded after every batch instead, so a run of a few
epochs still plays as many small steps. `Recording.load(model, frame)` puts a frame's
weights back into a model of the same shape, so anything computed from it (predictions,
hidden activations, loss) is the model's at that moment.

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
MAX_BATCH_STEPS = 200  # a run of at most this many batches (epochs x batches) keeps every batch


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
    """What a Recorder kept. `steps[i]`: the batches trained before frame i (ascending; 0 is
    the starting weights); `steps_per_epoch`: batches in an epoch; `per_batch`: recorded
    after every batch; `weights[i]`: a get_weights()-style list of arrays at frame i;
    `logs`: every epoch's logs (1-based epoch k at index k-1).

    >>> rec = Recording(steps_per_epoch=5, per_batch=True)
    >>> for epoch, batch in [(0, 0), (2, 2), (3, 0)]:
    ...     rec.add(epoch, [np.zeros(1)], batch)
    >>> rec.steps, rec.epochs, [rec.moment(f) for f in range(3)]
    ([0, 12, 15], [0, 2.4, 3], [(0, None), (3, 2), (3, 5)])
    """

    def __init__(self, steps_per_epoch=1, per_batch=False):
        self.steps = []
        self.steps_per_epoch = max(1, int(steps_per_epoch))
        self.per_batch = bool(per_batch)
        self.weights = []
        self.logs = []

    def __len__(self):
        return len(self.steps)

    @property
    def epochs(self):
        """Each frame's place in epochs trained: 3 after epoch 3, 2.4 after batch 2 of 5 of
        the third epoch (an int when whole)."""
        per = self.steps_per_epoch
        return [s // per if s % per == 0 else s / per for s in self.steps]

    def moment(self, frame):
        """(epoch, batch) of a frame, 1-based as said aloud: (3, 2) after batch 2 of epoch 3
        in a recording kept after every batch (with more than one batch an epoch; its epoch
        ends read (3, steps_per_epoch)), (3, None) after epoch 3 otherwise, (0, None) the
        start."""
        step, per = self.steps[frame], self.steps_per_epoch
        if step == 0 or not self.per_batch or per == 1:
            return step // per, None
        epoch = -(-step // per)
        return epoch, step - (epoch - 1) * per

    def add(self, epoch, weights, batch=0):
        """A frame after `epoch` whole epochs and `batch` batches of the next one."""
        step = int(epoch) * self.steps_per_epoch + int(batch)
        if self.steps and step <= self.steps[-1]:
            raise ValueError(f"Frames must come in order. Received: epoch={epoch}, "
                             f"batch={batch} (step {step}) after step {self.steps[-1]}")
        self.steps.append(step)
        self.weights.append([np.array(w, dtype=np.float64) for w in weights])

    def drop_after(self, step):
        """Forget the frames after `step` batches (an epoch that diverged)."""
        keep = int(np.searchsorted(self.steps, step, side="right"))
        del self.steps[keep:], self.weights[keep:]

    def load(self, model, frame):
        """Set `model`'s weights to those of frame number `frame` (0-based; negative counts
        from the end) and return the model."""
        model.set_weights(self.weights[frame])
        return model

    def frame_of_step(self, step):
        """The index of the last frame recorded at or before `step` batches."""
        return max(0, int(np.searchsorted(self.steps, step, side="right")) - 1)

    def frame_of_epoch(self, epoch):
        """The index of the last frame recorded at or before `epoch` (fractional: 2.4 is
        batch 2 of 5 of the third epoch)."""
        return self.frame_of_step(int(np.floor(epoch * self.steps_per_epoch + 1e-9)))

    @property
    def nbytes(self):
        """Bytes held by the weights and logs (the arrays' and floats' payload)."""
        weights = sum(w.nbytes for frame in self.weights for w in frame)
        return weights + 8 * sum(len(logs) for logs in self.logs)

    def __repr__(self):
        last = self.epochs[-1] if self.steps else None
        return (f"Recording(frames={len(self)}, last_epoch={last}, "
                f"per_batch={self.per_batch}, nbytes={self.nbytes})")


class Recorder(Callback):
    """Recorder(epochs, max_frames=MAX_FRAMES, max_batch_steps=MAX_BATCH_STEPS): keeps a
    Recording in `self.recording` of a fit of `epochs` epochs: after every batch when the
    fit takes at most `max_batch_steps` batches in all (and no more than `max_frames`),
    else after the epochs of frame_schedule(epochs, max_frames).

    >>> from nncore import Dense, Sequential
    >>> model = Sequential([Dense(1, "sigmoid", input_dim=1)], seed=0)
    >>> _ = model.compile("sgd", "binary_crossentropy")
    >>> recorder = Recorder(epochs=2)
    >>> _ = model.fit([[0.0], [1.0], [2.0]], [0, 1, 1], epochs=2, batch_size=2,
    ...               callbacks=[recorder])
    >>> recorder.recording.epochs  # 2 epochs of 2 batches: a frame after each batch
    [0, 0.5, 1, 1.5, 2]
    """

    def __init__(self, epochs, max_frames=MAX_FRAMES, max_batch_steps=MAX_BATCH_STEPS):
        super().__init__()
        self.epochs = int(epochs)
        self.schedule = set(frame_schedule(epochs, max_frames))
        self.max_batch_steps = min(int(max_batch_steps), int(max_frames))
        self.recording = Recording()
        self._done = 0

    def on_train_begin(self, logs=None):
        steps = int(self.params.get("steps", 1))
        epochs = int(self.params.get("epochs", self.epochs))
        self.recording = Recording(steps, per_batch=epochs * steps <= self.max_batch_steps)
        self._done = 0
        self.recording.add(0, self.model.get_weights())

    def wants_batches(self):
        return self.recording.per_batch

    def on_batch_end(self, batch, logs=None):
        self.recording.add(self._done, self.model.get_weights(), batch + 1)

    def on_epoch_end(self, epoch, logs=None):
        self._done = epoch + 1
        self.recording.logs.append({k: float(v) for k, v in (logs or {}).items()})
        if not self.recording.per_batch and self._done in self.schedule:
            self.recording.add(self._done, self.model.get_weights())

    def on_train_end(self, logs=None):
        """A run that stopped early (or diverged and went back to its last good epoch) ends
        on its last completed epoch, recorded here if the schedule skipped it; the batches
        of an epoch that diverged are dropped."""
        rec = self.recording
        end = self._done * rec.steps_per_epoch
        rec.drop_after(end)
        if self._done and rec.steps[-1] != end:
            rec.add(self._done, self.model.get_weights())
