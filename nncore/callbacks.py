"""History of a fit, and callbacks that watch (or stop) training at each epoch or batch end."""


class History:
    """What `fit` returns.

    `history`: dict of per-epoch lists ("loss", "accuracy", "val_loss", "val_accuracy"
    when present); `epoch`: 0-based epoch numbers; `stopped_early`: training ended before
    `epochs`; `stop_reason`: why (None when it ran to the end); `diverged`: the loss or the
    weights became non-finite (the model then keeps the weights of the last finite epoch).

    >>> from nncore import Dense, Sequential
    >>> model = Sequential([Dense(1, "sigmoid", input_dim=1)], seed=0)
    >>> _ = model.compile("sgd", "binary_crossentropy")
    >>> history = model.fit([[0.0], [1.0]], [0, 1], epochs=3)
    >>> history.epoch, sorted(history.history), history.stop_reason
    ([0, 1, 2], ['accuracy', 'loss'], None)
    """

    def __init__(self, params=None):
        self.history = {}
        self.epoch = []
        self.params = dict(params or {})
        self.stopped_early = False
        self.stop_reason = None
        self.diverged = False
        self.model = None

    def record(self, epoch, logs):
        """Append one epoch's logs, e.g. {"loss": 0.69, "accuracy": 0.5} (fit calls it)."""
        self.epoch.append(epoch)
        for key, value in logs.items():
            self.history.setdefault(key, []).append(value)

    def __repr__(self):
        last = {k: round(v[-1], 4) for k, v in self.history.items() if v}
        return (f"History(epochs={len(self.epoch)}, last={last}, "
                f"stopped_early={self.stopped_early}, stop_reason={self.stop_reason!r})")


class Callback:
    """Base class. `self.model` is the model being trained; set `model.stop_training =
    True` to stop after the current epoch. `epoch` and `batch` are 0-based, as in Keras;
    `self.params` holds the fit's "epochs", "steps" (batches an epoch), "batch_size" and
    "rows".

    >>> from nncore import Dense, Sequential
    >>> class StopAfterTwo(Callback):
    ...     def on_epoch_end(self, epoch, logs=None):
    ...         self.model.stop_training = epoch == 1
    >>> model = Sequential([Dense(1, "sigmoid", input_dim=1)], seed=0)
    >>> _ = model.compile("sgd", "binary_crossentropy")
    >>> history = model.fit([[0.0], [1.0]], [0, 1], epochs=10, callbacks=[StopAfterTwo()])
    >>> history.epoch, history.stop_reason
    ([0, 1], 'stopped by a callback at epoch 2')
    """

    def __init__(self):
        self.model = None
        self.params = {}

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = dict(params)

    def on_train_begin(self, logs=None):
        """Called once before the first epoch (logs is {})."""

    def on_epoch_end(self, epoch, logs=None):
        """Called after each epoch with a copy of its logs ("loss", "accuracy", "val_...")."""

    def on_batch_begin(self, batch, logs=None):
        """Called before the step on batch `batch` (0-based within the epoch; logs is {})."""

    def on_batch_end(self, batch, logs=None):
        """Called after the step on batch `batch` with the epoch's logs so far: "loss" and
        "accuracy" averaged over the rows of its batches up to this one, each as predicted
        just before its step (after the last batch: the epoch's own "loss" and "accuracy").

        >>> from nncore import Dense, Sequential
        >>> seen = []
        >>> class Batches(Callback):
        ...     def on_batch_end(self, batch, logs=None):
        ...         seen.append((batch, round(logs["loss"], 2), round(logs["accuracy"], 2)))
        >>> model = Sequential([Dense(1, "sigmoid", input_dim=1)], seed=0)
        >>> _ = model.compile("sgd", "binary_crossentropy", metrics=["accuracy"])
        >>> _ = model.fit([[0.0], [1.0], [2.0]], [0, 1, 1], epochs=2, batch_size=2,
        ...               callbacks=[Batches()])
        >>> seen  # (batch, the epoch's loss and accuracy so far): over 2 rows, then all 3
        [(0, 0.63, 1.0), (1, 0.63, 1.0), (0, 0.6, 1.0), (1, 0.63, 0.67)]
        """

    def wants_batches(self):
        """Whether fit calls on_batch_begin/on_batch_end (asked after on_train_begin). By
        default: when the callback's class, or the callback itself, defines one of them.
        With no callback wanting them, fit runs its batches without a call or a log."""
        return any(name in vars(self) or getattr(type(self), name) is not getattr(Callback, name)
                   for name in ("on_batch_begin", "on_batch_end"))

    def on_train_end(self, logs=None):
        """Called once after training, with the last epoch's logs ({} if none ran)."""


class LambdaCallback(Callback):
    """A callback from plain functions: LambdaCallback(on_epoch_end=lambda epoch, logs: ...),
    on_batch_begin / on_batch_end=lambda batch, logs: ..., on_train_begin / on_train_end=
    lambda logs: ...

    >>> from nncore import Dense, Sequential
    >>> seen = []
    >>> log_epochs = LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch))
    >>> model = Sequential([Dense(1, "sigmoid", input_dim=1)], seed=0)
    >>> _ = model.compile("sgd", "binary_crossentropy")
    >>> _ = model.fit([[0.0], [1.0]], [0, 1], epochs=3, callbacks=[log_epochs])
    >>> seen
    [0, 1, 2]
    >>> batches = LambdaCallback(on_batch_end=lambda batch, logs: seen.append(batch))
    >>> _ = model.fit([[0.0], [1.0], [2.0]], [0, 1, 1], epochs=2, batch_size=2,
    ...               callbacks=[batches])
    >>> seen[3:]  # two batches an epoch: indices 0 and 1, twice
    [0, 1, 0, 1]
    """

    def __init__(self, on_epoch_end=None, on_train_begin=None, on_train_end=None,
                 on_batch_begin=None, on_batch_end=None):
        super().__init__()
        for name, function in (("on_epoch_end", on_epoch_end),
                               ("on_train_begin", on_train_begin),
                               ("on_train_end", on_train_end),
                               ("on_batch_begin", on_batch_begin),
                               ("on_batch_end", on_batch_end)):
            if function is not None:
                if not callable(function):
                    raise ValueError(f"{name} must be callable. Received: {function!r}")
                setattr(self, name, function)


class EarlyStopping(Callback):
    """Stop when `monitor` has not improved by more than `min_delta` for `patience` epochs
    ("accuracy" metrics are maximised, others minimised, with mode="auto").

    With a learning rate this tiny the loss barely moves, so training stops at once:

    >>> from nncore import Dense, Sequential, optimizers
    >>> model = Sequential([Dense(1, "sigmoid", input_dim=1)], seed=0)
    >>> _ = model.compile(optimizers.SGD(1e-9), "binary_crossentropy")
    >>> stop = EarlyStopping(monitor="loss", patience=1, min_delta=0.01)
    >>> history = model.fit([[0.0], [1.0]], [0, 1], epochs=50, callbacks=[stop])
    >>> history.epoch, stop.stopped_epoch
    ([0, 1, 2], 2)
    """

    def __init__(self, monitor="loss", patience=0, min_delta=0.0, mode="auto"):
        super().__init__()
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode must be 'auto', 'min' or 'max'. Received: mode={mode!r}")
        self.monitor, self.patience, self.min_delta = monitor, int(patience), float(min_delta)
        self.sign = -1.0 if mode == "max" or (mode == "auto" and "acc" in monitor) else 1.0
        self.best, self.wait, self.stopped_epoch = None, 0, None

    def on_train_begin(self, logs=None):
        self.best, self.wait, self.stopped_epoch = None, 0, None

    def on_epoch_end(self, epoch, logs=None):
        if not logs or self.monitor not in logs:
            raise ValueError(f"EarlyStopping monitors {self.monitor!r}, which is not in the "
                             f"logs. Available: {', '.join(sorted(logs or {}))}")
        value = self.sign * logs[self.monitor]
        if self.best is None or value < self.best - self.min_delta:
            self.best, self.wait = value, 0
            return
        self.wait += 1
        if self.wait > self.patience:
            self.stopped_epoch = epoch
            self.model.stop_training = True
