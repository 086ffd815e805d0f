"""Train many independently initialised copies of one model at once, vectorised.

Every weight gets a leading member axis, (members, inputs, units), and the same
training code as Sequential.fit runs once for all of them (batched matmul), so 1,000
members cost little more than a few single fits. Members share the batch order.
"""

from dataclasses import dataclass, field

import numpy as np

from . import optimizers
from ._checks import positive_int
from ._data import prepare_x, prepare_y, split_validation
from ._flat import pack
from ._training import Trainer
from .layers import Dense
from .metrics import accuracy_for


@dataclass
class PopulationResult:
    """Per-member curves and final scores of train_population (see `evaluate` for the
    scores of the finished networks). Losses include any kernel regularizer's penalty.

    loss, accuracy: (size, epochs); final_loss, final_accuracy: (size,);
    weights, initial_weights: [kernel1, bias1, ...], each with a leading size axis;
    val_loss, val_accuracy: (size, epochs) when validating, else None;
    diverged: (size,) bool, members whose loss or weights became non-finite (their
    curves hold nan from then on; their weights are the last finite ones).
    """

    loss: np.ndarray
    accuracy: np.ndarray
    final_loss: np.ndarray
    final_accuracy: np.ndarray
    weights: list
    initial_weights: list
    val_loss: np.ndarray = None
    val_accuracy: np.ndarray = None
    diverged: np.ndarray = None
    template: dict = field(default=None, repr=False)

    @property
    def size(self):
        return self.final_accuracy.shape[0]

    def share_at(self, accuracy=1.0):
        """Fraction of members whose final accuracy is at least `accuracy`."""
        return float(np.mean(self.final_accuracy >= accuracy - 1e-9))

    def share_at_most(self, accuracy):
        """Fraction of members whose final accuracy is at most `accuracy` (e.g. 5/9: stuck)."""
        return float(np.mean(self.final_accuracy <= accuracy + 1e-9))

    def evaluate(self, x, y):
        """{"loss": (size,), "accuracy": (size,)}: every member's final weights scored on
        (x, y), all at once (final_loss/final_accuracy are the last epoch's running
        scores, taken before each step, as Keras reports them)."""
        from .model import Sequential

        model = Sequential.from_dict(self.template)
        outputs = self.predict(x)
        y = prepare_y(y, outputs.shape[1], model.layers[-1].units, model.loss.name)
        penalty = 0.0  # the kernel regularizers' penalties, one per member
        for layer, kernel in zip(model.layers, self.weights[0::2], strict=True):
            if layer.kernel_regularizer is not None:
                penalty = penalty + layer.kernel_regularizer(kernel)
        with np.errstate(all="ignore"):
            metric = accuracy_for(model.loss.name, model.layers[-1].units)
            return {"loss": np.mean(model.loss.per_sample(y, outputs), axis=-1) + penalty,
                    "accuracy": np.mean(metric(y, outputs), axis=-1)}

    def predict(self, x):
        """Every member's output for x, all at once: shape (size, rows, units), and
        predict(x)[i] == member(i).predict(x)."""
        return predict_members(self.template, self.weights, x)

    def member(self, index):
        """A compiled Sequential holding member `index`'s final weights."""
        from .model import Sequential

        if not -self.size <= index < self.size:
            raise ValueError(f"index must be in [0, {self.size}). Received: index={index}")
        model = Sequential.from_dict(self.template)
        model.set_weights([w[index] for w in self.weights])
        return model


def predict_members(template, weights, x):
    """The output for x of every member whose final weights are `weights` ([kernel1, bias1,
    ...], each with a leading member axis) in the layers `template` describes
    (PopulationResult.template): shape (members, rows, units). What PopulationResult.predict
    does, for whoever keeps only the weights and not the curves."""
    from .model import Sequential

    model = Sequential.from_dict(template)
    outputs = prepare_x(x, weights[0].shape[1])
    with np.errstate(all="ignore"):
        for layer, kernel, bias in zip(model.layers, weights[0::2], weights[1::2],
                                       strict=True):
            outputs = layer.activation(np.matmul(outputs, kernel) + bias[:, None, :])
    return outputs


def train_population(model, x, y, size=None, epochs=1, batch_size=32, shuffle=True,
                     validation_split=0.0, seed=None, seeds=None):
    """Train `size` copies of the compiled `model` (used as a template: layers,
    activations, initializers, optimizer settings, loss), each with its own initial
    weights drawn from `np.random.default_rng(seed)`, with the maths of Sequential.fit.
    Members share one batch order, also drawn from that generator.

    `seeds` (instead of `size` and `seed`): one member per seed, and member i is then
    the single model `Sequential(layers, seed=seeds[i])`, compiled, and trained with
    `fit(..., seed=seeds[i])`: the same starting weights and the same row order every
    epoch, so the same final weights (to rounding).

    >>> from nncore import Dense, Sequential, datasets
    >>> x, y = datasets.xor(n=40, rng=0)
    >>> template = Sequential([Dense(4, "tanh", input_dim=2), Dense(1, "sigmoid")])
    >>> _ = template.compile("adam", "binary_crossentropy")
    >>> result = train_population(template, x, y, size=50, epochs=10, seed=0)
    >>> result.loss.shape, result.final_accuracy.shape, result.weights[0].shape
    ((50, 10), (50,), (50, 2, 4))
    >>> 0.0 <= result.share_at(1.0) <= 1.0, result.member(0)
    (True, Sequential([4 tanh, 1 sigmoid], built=True, loss=BinaryCrossentropy()))
    """
    if not hasattr(model, "layers") or not model.layers or model.loss is None:
        raise ValueError("train_population needs a compiled Sequential with layers as "
                         f"its template. Received: {model!r}")
    if seeds is not None:
        if size is not None or seed is not None:
            raise ValueError("Give either seeds, or size (and seed). Received: "
                             f"size={size!r}, seed={seed!r} and seeds")
        seeds = [_seed(value) for value in seeds]
        if not seeds:
            raise ValueError("seeds must hold at least one seed. Received: seeds=[]")
    size = positive_int(len(seeds) if seeds is not None else size, "size")
    epochs, batch_size = positive_int(epochs, "epochs"), positive_int(batch_size, "batch_size")
    x = prepare_x(x, model.layers[0].input_dim)
    units = model.layers[-1].units
    y = prepare_y(y, x.shape[0], units, model.loss.name)
    x, y, validation = split_validation(x, y, validation_split)
    rng = np.random.default_rng(seed)
    starts = None if seeds is None else [np.random.default_rng(value) for value in seeds]

    layers, inputs = [], x.shape[1]
    for template in model.layers:
        layer = Dense(template.units, template.activation, template.kernel_initializer,
                      template.bias_initializer, inputs, template.kernel_regularizer)
        if starts is None:
            layer.build(inputs, rng, members=size)
        else:  # each member draws as a single model does: layer by layer, from its seed
            layer.bind(np.stack([Dense(layer.units, layer.activation,
                                       layer.kernel_initializer, layer.bias_initializer,
                                       inputs).build(inputs, start) for start in starts]))
        layers.append(layer)
        inputs = layer.units
    params, blocks = pack([layer.block for layer in layers])
    for layer, block in zip(layers, blocks, strict=True):
        layer.bind(block)
    initial = [w.copy() for layer in layers for w in (layer.kernel, layer.bias)]

    optimizer = optimizers.get(model.optimizer.get_config())
    trainer = Trainer(layers, params, optimizer, model.loss, accuracy_for(model.loss.name, units))
    orders = rng if seeds is None else [np.random.default_rng(value) for value in seeds]
    history, _, _ = trainer.run(x, y, epochs, batch_size, shuffle, orders, validation)

    def curve(key):
        return np.stack([logs[key] for logs in history], axis=1) if key in history[0] else None

    loss, accuracy = curve("loss"), curve("accuracy")
    template = model.to_dict() if model.built else _unbuilt_template(model, x.shape[1])
    template["weights"] = None
    return PopulationResult(
        loss=loss, accuracy=accuracy, final_loss=loss[:, -1].copy(),
        final_accuracy=accuracy[:, -1].copy(),
        weights=[w.copy() for layer in layers for w in (layer.kernel, layer.bias)],
        initial_weights=initial, val_loss=curve("val_loss"), val_accuracy=curve("val_accuracy"),
        diverged=~trainer.finite_members() | ~np.isfinite(loss[:, -1]), template=template)


def _seed(value):
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"seeds must be whole numbers >= 0. Received: {value!r}")
    return int(value)


def _unbuilt_template(model, input_dim):
    data = model.to_dict()
    data["layers"][0]["input_dim"] = input_dim
    return data
