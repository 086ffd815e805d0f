"""Sequential: a stack of Dense layers with a Keras-like compile / fit / predict API."""

import numpy as np

from . import _serialization, losses, optimizers
from ._checks import finite_number, positive_int
from ._data import prepare_pair, prepare_x, prepare_y, split_validation
from ._flat import pack
from ._training import Trainer, forward
from .callbacks import Callback, History
from .layers import Dense
from .metrics import accuracy_for, check_metrics


class Sequential:
    """Sequential(layers=None, seed=None).

    Weights are drawn at compile() from `np.random.default_rng(seed)` when the first
    layer knows its input_dim, else on the first fit/predict from x's columns, with the
    same generator. fit() shuffles with `seed` of fit, or else with that same generator,
    so a seeded model trains bit for bit the same every time.

    The tutorial's laptop network (1 = buy), trained as in the tutorial:

    >>> x = [[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1],
    ...      [0.75, 0.4], [0.75, 0.9], [0.6, 0.9], [0.6, 0.75]]
    >>> y = [0, 0, 1, 1, 0, 0, 1, 1, 1]
    >>> model = Sequential([Dense(3, "relu", input_dim=2), Dense(2, "softmax")], seed=1)
    >>> _ = model.compile(optimizers.Adam(0.1), "binary_crossentropy", metrics=["accuracy"])
    >>> history = model.fit(x, y, epochs=20)
    >>> [round(history.history["loss"][i], 2) for i in (0, -1)], model.evaluate(x, y)["accuracy"]
    ([0.69, 0.07], 1.0)
    >>> model.predict([[0.1, 0.6]]).round(2).tolist()  # [no-buy, buy]
    [[0.06, 0.94]]
    >>> print(model.summary())
    Model: Sequential (2 layers)
    Layer             Output shape    Activation      Params
    dense_1 (Dense)   (None, 3)       relu                 9
    dense_2 (Dense)   (None, 2)       softmax              8
    Total params: 17
    """

    def __init__(self, layers=None, seed=None):
        self.seed = seed
        self._rng = np.random.default_rng(seed)
        self.layers = []
        self.optimizer = self.loss = None
        self.metrics = []
        self.stop_training = False
        self.history = None
        self._params = None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer):
        """Append a Dense layer (named dense_1, dense_2, ...); its input_dim, if given,
        must equal the units of the layer before. A built model draws its weights now."""
        if not isinstance(layer, Dense):
            raise ValueError(f"Sequential holds Dense layers. Received: {layer!r}")
        if self.layers and layer.input_dim not in (None, self.layers[-1].units):
            raise ValueError(f"Layer {len(self.layers) + 1} gets {self.layers[-1].units} "
                             f"inputs from the layer before. Received: input_dim="
                             f"{layer.input_dim}")
        self.layers.append(layer)
        layer.name = f"dense_{len(self.layers)}"
        if self.built:
            layer.build(self.layers[-2].units, self._rng)
            self._pack()

    @property
    def built(self):
        """True once the weights exist (see the class docstring for when they are drawn)."""
        return self._params is not None

    def build(self, input_dim):
        """Draw every layer's weights (in order, from the model's generator)."""
        if not self.layers:
            raise ValueError("The model has no layers: add a Dense layer first.")
        for layer in self.layers:
            layer.build(input_dim, self._rng)
            input_dim = layer.units
        self._pack()

    def _pack(self):
        self._params, blocks = pack([layer.block for layer in self.layers])
        for layer, block in zip(self.layers, blocks, strict=True):
            layer.bind(block)
        if self.optimizer is not None:  # new weights: the optimizer's state no longer fits
            self.optimizer.reset()

    def _ensure_built(self, x):
        if not self.built:
            self.build(x.shape[1])

    def compile(self, optimizer="adam", loss="binary_crossentropy", metrics=("accuracy",)):
        """Choose how to learn. A name gives a fresh optimizer; an instance is used as is.

        "accuracy" follows the loss, as in Keras and TensorFlow.js: with
        binary_crossentropy it is binary accuracy at threshold 0.5 over every output
        element; with categorical_crossentropy, argmax match (see nncore.metrics).

        >>> model = Sequential([Dense(2, "softmax", input_dim=2)])
        >>> model.compile("sgd", "categorical_crossentropy").optimizer
        SGD(learning_rate=0.01, momentum=0.0, iterations=0)
        >>> model.compile("rmsprop")
        Traceback (most recent call last):
        ...
        ValueError: Unknown optimizer: 'rmsprop'. Valid names: adam, sgd
        """
        self.optimizer = optimizers.get(optimizer)
        self.loss = losses.get(loss)
        self.metrics = check_metrics(metrics)
        if not self.built and self.layers and self.layers[0].input_dim is not None:
            self.build(self.layers[0].input_dim)
        return self

    def _input_dim(self):
        return self.layers[0].input_dim if self.layers else None

    def _metric(self):
        if not self.metrics:
            return None
        return accuracy_for(self.loss.name, self.layers[-1].units)

    def _require_compiled(self, action):
        if self.loss is None:
            raise ValueError(f"Call compile(optimizer, loss) before {action}().")

    def fit(self, x, y, epochs=1, batch_size=32, shuffle=True, validation_split=0.0,
            validation_data=None, callbacks=None, seed=None, verbose=0, blow_up_factor=10.0):
        """Train and return a History (see nncore.callbacks.History).

        x: (rows, inputs); y: class indices, one-hot or probability rows, or one column
        for a 1-unit output. Each epoch visits the rows in batches of `batch_size` (one
        optimizer step per batch), in a new random order when `shuffle`. The LAST
        `validation_split` of the rows, or `validation_data=(x_val, y_val)`, is scored
        after each epoch as "val_loss" / "val_accuracy". `callbacks` see every epoch's
        logs (and every batch's, when one wants them: Callback.on_batch_end); `verbose`
        prints the epochs'. "loss" includes the kernel regularizers' penalties.

        Training stops as diverged (never raising, never warning) when the loss or the
        weights become non-finite, or when the loss exceeds `blow_up_factor` times the
        first epoch's loss (None turns that second check off): with clipped
        crossentropy a too-large learning rate saturates the outputs long before
        anything overflows. The model keeps its weights of the last good epoch.

        >>> x, y = [[0.1, 0.1], [0.3, 0.3], [0.5, 0.6], [0.4, 0.8], [0.9, 0.1]], [0, 0, 1, 1, 0]
        >>> model = Sequential([Dense(3, "relu", input_dim=2), Dense(2, "softmax")], seed=0)
        >>> _ = model.compile("adam")
        >>> history = model.fit(x, y, epochs=4, batch_size=2, validation_split=0.2)
        >>> history.params  # the last of the 5 rows validates
        {'epochs': 4, 'steps': 2, 'batch_size': 2, 'rows': 4}
        >>> sorted(history.history), len(history.history["loss"])
        (['accuracy', 'loss', 'val_accuracy', 'val_loss'], 4)
        """
        self._require_compiled("fit")
        if blow_up_factor is not None:
            blow_up_factor = finite_number(blow_up_factor, "blow_up_factor", minimum=1)
        epochs, batch_size = positive_int(epochs, "epochs"), positive_int(batch_size,
                                                                           "batch_size")
        x = prepare_x(x, self._input_dim())
        y = prepare_y(y, x.shape[0], self.layers[-1].units, self.loss.name)
        x, y, validation = split_validation(x, y, validation_split)
        if validation_data is not None:
            validation = prepare_pair(validation_data, x.shape[1], self.layers[-1].units,
                                      self.loss.name)
        self._ensure_built(x)
        callbacks = list(callbacks or [])
        params = {"epochs": epochs, "steps": -(-x.shape[0] // batch_size),
                  "batch_size": batch_size, "rows": x.shape[0]}
        for callback in callbacks:
            if not isinstance(callback, Callback):
                raise ValueError(f"callbacks must be Callback instances. Received: "
                                 f"{callback!r}")
            callback.set_model(self)
            callback.set_params(params)
        history = History(params)
        history.model = self
        self.history, self.stop_training = history, False
        rng = self._rng if seed is None else np.random.default_rng(seed)

        def on_epoch_end(epoch, logs):
            history.record(epoch, logs)
            for callback in callbacks:
                callback.on_epoch_end(epoch, dict(logs))
            if verbose:
                print(f"Epoch {epoch + 1}: " + ", ".join(f"{k}={v:.4f}"
                                                         for k, v in logs.items()))
            return self.stop_training

        for callback in callbacks:
            callback.on_train_begin({})
        watchers = [callback for callback in callbacks if callback.wants_batches()]

        def on_batch_begin(batch, logs):
            for callback in watchers:
                callback.on_batch_begin(batch, dict(logs))

        def on_batch_end(batch, logs):
            for callback in watchers:
                callback.on_batch_end(batch, dict(logs))

        trainer = Trainer(self.layers, self._params, self.optimizer, self.loss, self._metric())
        logs, reason, diverged = trainer.run(
            x, y, epochs, batch_size, shuffle, rng, validation, on_epoch_end, blow_up_factor,
            *((on_batch_begin, on_batch_end) if watchers else ()))
        if diverged:  # the diverged epoch is recorded too, then training stopped
            history.record(len(logs) - 1, logs[-1])
        history.stopped_early, history.stop_reason = reason is not None, reason
        history.diverged = diverged
        for callback in callbacks:
            callback.on_train_end(dict(logs[-1]) if logs else {})
        return history

    def predict(self, x, batch_size=None):
        """Output of the last layer, shape (rows, units): probabilities for softmax.

        >>> model = Sequential([Dense(2, "softmax", input_dim=2)])
        >>> model.set_weights([np.zeros((2, 2)), np.array([0.0, np.log(3.0)])])
        >>> model.predict([[0.1, 0.6], [0.9, 0.1]]).round(6).tolist()
        [[0.25, 0.75], [0.25, 0.75]]
        """
        return self.layer_outputs(x)[-1]

    def layer_outputs(self, x):
        """The output of every layer, in order, for input x: a list of (rows, units)
        arrays, the activations `a = activation(a_below @ kernel + bias)` (the last one
        is `predict(x)`), e.g. to picture what each hidden neuron does.

        >>> model = Sequential([Dense(2, "relu", input_dim=1), Dense(1, "linear")])
        >>> model.set_weights([[[1.0, -1.0]], [0.0, 0.0], [[2.0], [3.0]], [0.5]])
        >>> [a.tolist() for a in model.layer_outputs([[2.0], [-1.0]])]
        [[[2.0, 0.0], [0.0, 1.0]], [[4.5], [3.5]]]
        """
        if not self.layers:
            raise ValueError("The model has no layers: add a Dense layer first.")
        x = prepare_x(x, self._input_dim())
        self._ensure_built(x)
        with np.errstate(all="ignore"):  # huge weights may overflow; never warn from here
            return forward(self.layers, x)

    def evaluate(self, x, y, batch_size=None):
        """{"loss": ..., "accuracy": ...} on (x, y) with the current weights; the loss
        includes the layers' regularization penalties (`Dense.regularization_loss`).

        >>> model = Sequential([Dense(2, "softmax", input_dim=2)])
        >>> _ = model.compile("adam", "binary_crossentropy")
        >>> model.set_weights([np.zeros((2, 2)), np.zeros(2)])  # always 50/50
        >>> {k: round(v, 4) for k, v in model.evaluate([[0.1, 0.6]], [1]).items()}
        {'loss': 0.6931, 'accuracy': 0.5}
        """
        self._require_compiled("evaluate")
        predictions = self.predict(x)
        y = prepare_y(y, predictions.shape[0], self.layers[-1].units, self.loss.name)
        with np.errstate(all="ignore"):
            result = {"loss": float(np.mean(self.loss.per_sample(y, predictions)))}
            if any(layer.kernel_regularizer is not None for layer in self.layers):
                result["loss"] += sum(layer.regularization_loss() for layer in self.layers)
            if self.metrics:
                result["accuracy"] = float(np.mean(self._metric()(y, predictions)))
        return result

    def count_params(self):
        """The number of weights: `(inputs + 1) * units` summed over the layers."""
        return sum(layer.count_params() for layer in self.layers)

    def get_weights(self):
        """Copies: [kernel1, bias1, kernel2, bias2, ...], kernels shaped (inputs, units).

        >>> model = Sequential([Dense(3, "relu", input_dim=2), Dense(2, "softmax")], seed=0)
        >>> [w.shape for w in model.compile("adam").get_weights()]
        [(2, 3), (3,), (3, 2), (2,)]
        """
        if not self.built:
            raise ValueError("The model has no weights yet: give the first Dense an "
                             "input_dim and compile, or fit/predict once.")
        return [w.copy() for layer in self.layers for w in (layer.kernel, layer.bias)]

    def set_weights(self, weights):
        """Copy a list like get_weights() into the model (shapes must match)."""
        _serialization.check_weights(self, weights)
        if not self.built:
            self.build(np.shape(weights[0])[0])
        for layer, kernel, bias in zip(self.layers, weights[0::2], weights[1::2],
                                       strict=True):
            layer.kernel, layer.bias = kernel, bias

    summary = _serialization.summary
    to_dict = _serialization.to_dict
    from_dict = classmethod(_serialization.from_dict)
    save = _serialization.save
    load = classmethod(_serialization.load)

    def __repr__(self):
        layers = ", ".join(f"{layer.units} {layer.activation.name}" for layer in self.layers)
        return f"Sequential([{layers}], built={self.built}, loss={self.loss!r})"
