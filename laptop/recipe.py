"""The tutorial's recipe for the laptop network, the settings a learner may change, training
with a per-epoch hook, and reading/writing a model file. No streamlit.

Recipe: Dense(2 -> 3, ReLU), Dense(3 -> 2, softmax), Adam(0.1), binary crossentropy,
accuracy, 20 epochs, batch size 32, shuffled; the companion code holds out the last 10% of
rows for validation.
"""

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from laptop.lane import LANE
from nncore.callbacks import Callback, LambdaCallback
from nncore.layers import Dense
from nncore.model import Sequential
from nncore.optimizers import Adam

# Found by computation: seed_survey(tutorial rows, range(1000)) with the default settings.
# Seed 0 is the first seed whose run is right on all 8 training rows and the validation row
# (P(buy) 0.94 for the tutorial's laptop, pink 0.1 / small 0.6). Over seeds 0..999, 82.8% of
# runs reach 100% on both and 15.8% end stuck (no better than the majority answer); the first
# stuck seeds are 8, 10, 22. tests/unit/laptop/test_recipe.py re-measures this.
DEFAULT_SEED = 0
# The hidden activations a learner may pick (nncore names; ui.words.ACTIVATION_NAMES words them).
ACTIVATIONS = ("relu", "leaky_relu", "sigmoid", "tanh", "elu")
INITIALIZERS = {"glorot_normal": "Glorot normal (the recipe)", "glorot_uniform": "Glorot uniform",
                "he_normal": "He normal", "lecun_normal": "LeCun normal",
                "random_normal": "random normal (std 0.05)", "zeros": "all zeros"}
# hidden_units is the first hidden layer's size; hidden_layers counts it with more_layers,
# the sizes of the hidden layers after it (each 1 to MORE_LAYER_UNITS[1], as TensorFlow
# Playground allows 8 a layer). One layer of up to 16 stays as it always was.
LIMITS = {"hidden_units": (1, 16), "hidden_layers": (1, 3), "epochs": (1, 500),
          "batch_size": (1, 1000), "learning_rate": (0.0001, 100.0),
          "validation_split": (0.0, 0.5), "seed": (0, 2**31 - 1)}
# Counts and the seed: 3.0 units or seed 0.5 are refused, not rounded (a 0.0 seed once
# reached NumPy's generator and failed there; found by tests/unit/laptop/test_fuzz.py).
WHOLE_NUMBER_SETTINGS = ("hidden_units", "hidden_layers", "epochs", "batch_size", "seed")
MORE_LAYER_UNITS = (1, 8)
MAX_MODEL_FILE_BYTES = 200_000
# The training budget: at most this many training steps (weight updates, one per batch) per
# training, however it was asked for (a link, a reload, the Train button).
# Steps are what training costs: measured on this 2-core machine, a step takes 35-110 us
# whatever its batch size up to 32 (NumPy's per-call overhead), and a full batch of 900
# rows 16 units about 0.4 ms; so the page's own limits allowed 450,000 steps (1,000 rows in
# batches of 1 for 500 epochs: 15-50 s of CPU), while the rows a training touches are
# bounded by the limits to 450,000 row-passes (1,000 rows x 500 epochs), about 0.2 s.
# 10,000 steps is 0.4-1.1 s. The tutorial's recipe takes 20 (500 times below), 300 rows in
# batches of 32 for 500 epochs 4,500; 9 rows in batches of 1 for 500 epochs 4,000.
# Asked for more, training stops after the last whole epoch within the budget and says so.
MAX_TRAINING_STEPS = 10_000
# The values the page's settings widgets offer (a link may only restore these).
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0)
VALIDATION_STEP = 0.05

# The envelope a model file is held to: the largest network the page's settings build
# (build_model), so a file costs no more than a model trained here. Derived from LIMITS; when
# the page builds more, these follow. A file outside them is refused before any array exists.
MODEL_INPUTS = 2  # pink, small
MODEL_OUTPUTS = 2  # don't buy, buy
INPUT_RANGE = (0.0, 1.0)  # every input the page asks a model about lies in this range
MIN_HIDDEN_LAYERS, MAX_HIDDEN_LAYERS = LIMITS.get("hidden_layers", (1, 1))
MAX_HIDDEN_UNITS = LIMITS["hidden_units"][1]  # the first hidden layer; the others hold fewer
MAX_MORE_LAYER_UNITS = MORE_LAYER_UNITS[1]


def parameter_count(hidden_units: list[int]) -> int:
    """Weights and biases of a MODEL_INPUTS -> hidden_units... -> MODEL_OUTPUTS network.

    >>> parameter_count([3])  # the tutorial's 2-3-2: 2*3 + 3 + 3*2 + 2
    17
    """
    sizes = [MODEL_INPUTS, *hidden_units, MODEL_OUTPUTS]
    return sum((fan_in + 1) * units for fan_in, units in zip(sizes, sizes[1:], strict=False))


MAX_MODEL_PARAMETERS = parameter_count(
    [MAX_HIDDEN_UNITS] + [MAX_MORE_LAYER_UNITS] * (MAX_HIDDEN_LAYERS - 1))
# Logits are kept this far below the largest float (1.8e308), so no sum can overflow.
MAX_LOGIT_BOUND = 1e300


@dataclass(frozen=True)
class Settings:
    hidden_units: int = 3  # the first hidden layer
    more_layers: tuple[int, ...] = ()  # the hidden layers after it, first to last
    activation: str = "relu"
    learning_rate: float = 0.1
    epochs: int = 20
    batch_size: int = 32
    initializer: str = "glorot_normal"
    validation_split: float = 0.1
    seed: int = DEFAULT_SEED

    def problems(self) -> list[str]:
        """Plain-words reasons these settings cannot be used (empty when fine)."""
        out = []
        low, high = MORE_LAYER_UNITS
        if not isinstance(self.more_layers, tuple) or not all(
                isinstance(u, int) and not isinstance(u, bool) and low <= u <= high
                for u in self.more_layers):
            out.append(f"Each hidden layer after the first must have {low} to {high} neurons.")
        if self.activation not in ACTIVATIONS:
            out.append("Pick an activation from the list.")
        if self.initializer not in INITIALIZERS:
            out.append("Pick starting weights from the list.")
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            whole = name in WHOLE_NUMBER_SETTINGS
            if (not isinstance(value, int if whole else int | float) or isinstance(value, bool)
                    or not math.isfinite(value) or not low <= value <= high):
                kind = "a whole number" if whole else "a number"
                out.append(f"{name.replace('_', ' ')} must be {kind} between {low:g} and "
                           f"{high:g}.")
        return out

    @property
    def hidden_layers(self) -> int:
        """How many hidden layers: the first and the more_layers (0 when those are unusable)."""
        return 1 + len(self.more_layers) if isinstance(self.more_layers, tuple) else 0

    @property
    def layer_units(self) -> tuple[int, ...]:
        """Every hidden layer's neurons, first to last: (3,) for the recipe."""
        return (self.hidden_units, *self.more_layers)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Settings":
        """Settings from to_dict's output read back from JSON (which turns more_layers into a
        list; older files have none: one hidden layer)."""
        data = dict(data)
        if isinstance(data.get("more_layers"), list):
            data["more_layers"] = tuple(data["more_layers"])
        return cls(**data)


RECIPE = Settings()


def one_hot(y: np.ndarray) -> np.ndarray:
    """Labels 0/1 -> rows [1, 0] (don't buy) / [0, 1] (buy), as the tutorial feeds them."""
    return np.eye(2)[np.asarray(y, dtype=int)]


def build_model(settings: Settings, kernel_initializer=None) -> Sequential:
    """A compiled network for these settings; its weights come from the seed. Every kernel
    starts from `kernel_initializer` (an nncore initializer) when given, else from
    `settings.initializer` (the Initialization page passes its own starts)."""
    start = settings.initializer if kernel_initializer is None else kernel_initializer
    hidden = [Dense(units, activation=settings.activation, kernel_initializer=start,
                    **({"input_dim": MODEL_INPUTS} if number == 0 else {}))
              for number, units in enumerate(settings.layer_units)]
    model = Sequential([*hidden, Dense(MODEL_OUTPUTS, activation="softmax",
                                       kernel_initializer=start)], seed=settings.seed)
    model.compile(optimizer=Adam(learning_rate=settings.learning_rate),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


def split_rows(n: int, validation_split: float) -> tuple[np.ndarray, np.ndarray]:
    """Training and validation row indices: the last share of rows validates (as in Keras)."""
    n_train = int(math.floor(n * (1.0 - validation_split) + 1e-9))
    n_train = min(max(n_train, 1), n)
    return np.arange(n_train), np.arange(n_train, n)


def training_steps(n_train_rows: int, settings: Settings) -> int:
    """Weight updates a training takes: one per batch, ceil(rows / batch size) per epoch.

    >>> training_steps(8, RECIPE)  # the tutorial: 8 training rows, batches of 32, 20 epochs
    20
    >>> training_steps(270, Settings(epochs=500, batch_size=1))
    135000
    """
    return settings.epochs * -(-max(n_train_rows, 1) // settings.batch_size)


def planned_settings(n_rows: int, settings: Settings) -> tuple[Settings, str | None]:
    """The settings training on `n_rows` rows uses: `settings` itself when it fits in
    MAX_TRAINING_STEPS, else the same with as many whole epochs as fit (at least 1), and a
    plain-words note saying so. Needs valid settings (see Settings.problems).

    >>> planned_settings(9, RECIPE) == (RECIPE, None)
    True
    >>> planned_settings(300, Settings(epochs=500, batch_size=1))[0].epochs
    37
    """
    n_train = len(split_rows(n_rows, settings.validation_split)[0])
    steps = training_steps(n_train, settings)
    if steps <= MAX_TRAINING_STEPS:
        return settings, None
    per_epoch = steps // settings.epochs
    epochs = max(1, MAX_TRAINING_STEPS // per_epoch)
    batch = next(b for b in range(settings.batch_size, n_train + 1)
                 if training_steps(n_train, replace(settings, batch_size=b))
                 <= MAX_TRAINING_STEPS)
    note = (f"These settings ask for {steps:,} training steps ({settings.epochs} epochs of "
            f"{_plural(n_train, 'row')} in batches of {settings.batch_size}), and the page "
            f"takes at most {MAX_TRAINING_STEPS:,} per training, so the model was trained for "
            f"{epochs} epoch{'' if epochs == 1 else 's'} instead of {settings.epochs}. "
            f"To train for all {settings.epochs} epochs, use batches of {batch} or more "
            "(or fewer rows).")
    return replace(settings, epochs=epochs), note


def planned_steps(n_rows: int, settings: Settings) -> int:
    """The training steps a training with `settings` on `n_rows` rows takes (within the
    budget, see planned_settings); 0 when the settings cannot train.

    >>> planned_steps(9, RECIPE)
    20
    >>> planned_steps(300, Settings(epochs=500, batch_size=1))  # 37 epochs of 270 rows
    9990
    """
    if settings.problems() or n_rows < 1:
        return 0
    planned = planned_settings(n_rows, settings)[0]
    return training_steps(len(split_rows(n_rows, planned.validation_split)[0]), planned)


def _plural(n: int, what: str) -> str:
    """'1 row', '1,234 rows'."""
    return f"{n:,} {what}{'' if n == 1 else 's'}"


def predict_buy(model: Sequential, x: np.ndarray) -> np.ndarray:
    """P(buy) for each row of x (n, 2)."""
    return np.asarray(model.predict(np.asarray(x, dtype=float).reshape(-1, 2)))[:, 1]


def accuracy(model: Sequential, x: np.ndarray, y: np.ndarray) -> float | None:
    if len(y) == 0:
        return None
    return float(np.mean((predict_buy(model, x) >= 0.5).astype(int) == np.asarray(y)))


def majority_share(y: np.ndarray) -> float:
    """Accuracy of always giving the more common answer."""
    y = np.asarray(y, dtype=int)
    return float(max(np.mean(y), 1 - np.mean(y))) if len(y) else 0.0


def weights_are_finite(model: Sequential) -> bool:
    return all(np.all(np.isfinite(w)) for w in model.get_weights())


@dataclass
class TrainingRun:
    model: Sequential | None  # None when the run must not replace the current model
    settings: Settings
    history: dict = field(default_factory=dict)
    train_rows: np.ndarray = field(default_factory=lambda: np.arange(0))
    validation_rows: np.ndarray = field(default_factory=lambda: np.arange(0))
    train_accuracy: float | None = None
    validation_accuracy: float | None = None
    stuck: bool = False
    problem: str | None = None  # plain words; set when model is None
    note: str | None = None  # plain words: what the page changed (fewer epochs, see budget)

    @property
    def ok(self) -> bool:
        return self.model is not None


def train(x: np.ndarray, y: np.ndarray, settings: Settings = RECIPE,
          on_epoch: Callable[[int, dict], None] | None = None,
          callbacks: Sequence[Callback] = ()) -> TrainingRun:
    """Train a fresh network on (x, y). Never raises for bad settings or a blow-up: the
    TrainingRun carries a plain-words problem and no model instead.

    Takes at most MAX_TRAINING_STEPS steps: the run's settings are planned_settings (fewer
    epochs when more were asked for) and its note says what was changed. The same data,
    settings and seed give the same weights, bit for bit.

    on_epoch(epoch 1-based, logs) is called after each epoch (for progress and live charts);
    `callbacks` are nncore callbacks given to fit as well (a Recorder for the player).
    """
    problems = settings.problems()
    if problems:
        return TrainingRun(None, settings, problem=" ".join(problems))
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=int)
    settings, note = planned_settings(len(y), settings)
    train_rows, val_rows = split_rows(len(y), settings.validation_split)
    if len(set(y[train_rows].tolist())) < 2:
        return TrainingRun(None, settings, train_rows=train_rows, validation_rows=val_rows,
                           problem="The rows used for training all have the same answer. "
                                   "Lower the validation share or mix the rows so both "
                                   "answers appear before the last rows.")
    model = build_model(settings)
    callbacks = list(callbacks)
    steps = training_steps(len(train_rows), settings)
    if LANE.costly(steps):  # let the other visitors' threads run between epochs
        callbacks.append(LambdaCallback(on_epoch_end=lambda epoch, logs: LANE.pause()))
    if on_epoch is not None:
        callbacks.append(LambdaCallback(
            on_epoch_end=lambda epoch, logs: on_epoch(epoch + 1, dict(logs or {}))))
    validation = (x[val_rows], one_hot(y[val_rows])) if len(val_rows) else None
    with LANE.turn(steps), np.errstate(all="ignore"):  # long ones take turns (laptop/lane.py)
        history = model.fit(x[train_rows], one_hot(y[train_rows]), epochs=settings.epochs,
                            batch_size=settings.batch_size, shuffle=True,
                            validation_data=validation, callbacks=callbacks,
                            seed=settings.seed)
    logs = {k: [float(v) for v in values] for k, values in history.history.items()}
    losses = logs.get("loss", [])
    blew_up = (getattr(history, "diverged", False) or not weights_are_finite(model)
               or not losses or not all(math.isfinite(v) for v in losses)
               or (len(losses) > 1 and losses[-1] > 2 * losses[0] and losses[-1] > 1.0))
    if blew_up:
        return TrainingRun(None, settings, logs, train_rows, val_rows,
                           problem=f"Training went out of control: the loss grew instead of "
                                   f"shrinking (learning rate {settings.learning_rate:g} takes "
                                   "steps that are far too big). The previous model is kept; "
                                   "try a learning rate like 0.1.", note=note)
    train_acc = accuracy(model, x[train_rows], y[train_rows])
    val_acc = accuracy(model, x[val_rows], y[val_rows])
    stuck = train_acc is not None and train_acc <= majority_share(y[train_rows]) + 1e-9
    return TrainingRun(model, settings, logs, train_rows, val_rows, train_acc, val_acc, stuck,
                       note=note)


def epoch_log_line(epoch: int, logs: dict) -> str:
    """The tutorial's log format: "Epoch 1 / Loss: 0.70 accuracy: 0.5"."""
    loss = logs.get("loss", float("nan"))
    acc = logs.get("accuracy", float("nan"))
    return f"Epoch {epoch} / Loss: {loss:.2f} accuracy: {acc:.2g}"


def remedies(settings: Settings) -> dict[str, Settings]:
    """One-click fixes for a stuck run: another seed, twice the neurons in every hidden layer
    (each up to its limit), leaky ReLU."""
    out = {"Train again with a new seed": replace(settings, seed=(settings.seed + 1) % 2**31)}
    wider = replace(settings, hidden_units=min(settings.hidden_units * 2, MAX_HIDDEN_UNITS),
                    more_layers=tuple(min(u * 2, MAX_MORE_LAYER_UNITS)
                                      for u in settings.more_layers))
    if wider != settings:
        sizes = [str(u) for u in wider.layer_units]
        label = (f"Use {sizes[0]} hidden neurons" if len(sizes) == 1 else
                 f"Use hidden layers of {', '.join(sizes[:-1])} and {sizes[-1]} neurons")
        out[label] = wider
    if settings.activation != "leaky_relu":
        out["Switch to leaky ReLU"] = replace(settings, activation="leaky_relu")
    return out


def seed_survey(x: np.ndarray, y: np.ndarray, seeds, settings: Settings = RECIPE) -> list[dict]:
    """Train once per seed; returns per-seed outcomes (how DEFAULT_SEED was chosen)."""
    out = []
    for seed in seeds:
        run = train(x, y, replace(settings, seed=int(seed)))
        buy = float(predict_buy(run.model, np.array([[0.1, 0.6]]))[0]) if run.ok else None
        out.append({"seed": int(seed), "train_accuracy": run.train_accuracy,
                    "validation_accuracy": run.validation_accuracy, "stuck": run.stuck,
                    "buy_probability": buy})
    return out


class ModelFileError(ValueError):
    """A model file the page cannot use; the message is for the person at the screen."""


def model_to_json_bytes(model: Sequential, settings: Settings | None = None) -> bytes:
    """The model in nncore's JSON format (plus the page's settings, for reference)."""
    data = model.to_dict()
    if settings is not None and isinstance(data, dict):
        data = {**data, "laptop_settings": settings.to_dict()}
    return json.dumps(data, indent=1).encode("utf-8")


def _layer_problem(name: str, layers) -> str | None:
    """Why the layer list of a model file is outside the page's envelope (None when inside).
    Reads only the JSON values, so nothing is allocated for a file that is refused."""
    hidden_words = (f"{MIN_HIDDEN_LAYERS} to {MAX_HIDDEN_LAYERS} hidden layers"
                    if MIN_HIDDEN_LAYERS != MAX_HIDDEN_LAYERS else
                    f"{MAX_HIDDEN_LAYERS} hidden layer" + "s" * (MAX_HIDDEN_LAYERS != 1))
    if not isinstance(layers, list) or not all(isinstance(c, dict) for c in layers):
        return None  # not a list of layers at all: nncore's reader refuses it
    if not MIN_HIDDEN_LAYERS + 1 <= len(layers) <= MAX_HIDDEN_LAYERS + 1:
        return (f"{name} has {_count(len(layers))} layers; a laptop model has {hidden_words} "
                "and an answer layer, as the page's settings build it.")
    units = [c.get("units") for c in layers]
    if not all(isinstance(u, int) and not isinstance(u, bool) for u in units):
        return f"{name} gives a number of neurons that is not a whole number."
    if layers[0].get("input_dim") != MODEL_INPUTS:
        return (f"{name} is a model for a different question: it must take {MODEL_INPUTS} "
                "inputs (pink, small).")
    if units[-1] != MODEL_OUTPUTS:
        return (f"{name} is a model for a different question: it must give {MODEL_OUTPUTS} "
                f"answers (don't buy, buy), and it gives {_count(units[-1])}.")
    for number, u in enumerate(units[:-1]):
        high = MAX_HIDDEN_UNITS if number == 0 else MAX_MORE_LAYER_UNITS
        if not 1 <= u <= high:
            where = "a first hidden layer" if number == 0 else f"hidden layer {number + 1}"
            return (f"{name} has {where} of {_count(u)} neurons; the page builds 1 to "
                    f"{MAX_HIDDEN_UNITS} in the first hidden layer and 1 to "
                    f"{MAX_MORE_LAYER_UNITS} in each after it ({MAX_MODEL_PARAMETERS:,} "
                    "weights at most), and a model file is held to the same.")
    hidden = [_activation_name(c.get("activation")) for c in layers[:-1]]
    if any(a not in ACTIVATIONS for a in hidden):
        return (f"{name} uses an activation the page does not offer; hidden layers use one of "
                f"(as a model file names them): {', '.join(ACTIVATIONS)}.")
    last = layers[-1].get("activation")
    if _activation_name(last) != "softmax" or (isinstance(last, dict)
                                               and last.get("axis", -1) not in (-1, 1)):
        return (f"{name} does not answer with probabilities: its answer layer must be "
                "softmax, as the page builds it.")
    return None


def _count(n: int) -> str:
    """A count for a message: 1,234, or a plain word when it is absurdly long."""
    return f"{n:,}" if abs(n) < 10**12 else ("more than a trillion" if n > 0 else "below zero")


def _activation_name(config) -> str | None:
    """The activation's name as a model file stores it ("relu" or {"name": "relu", ...})."""
    name = config.get("name") if isinstance(config, dict) else config
    return name if isinstance(name, str) else None


def largest_logit(model: Sequential) -> float:
    """A bound on |logit| for every input in INPUT_RANGE x INPUT_RANGE, by propagating the
    largest magnitude layer by layer: `m_out = |W|^T m_in + |b|` bounds every partial sum of
    `x @ W + b` in any order, and a monotone activation f keeps |f(z)| <= max(|f(-m)|, |f(m)|).
    inf when the bound overflows. Every hidden activation the page offers is monotone.

    >>> from nncore.layers import Dense
    >>> m = Sequential([Dense(1, "relu", input_dim=2), Dense(2, "softmax")], seed=0)
    >>> m.set_weights([np.array([[1.0], [-2.0]]), np.array([0.5]),
    ...                np.array([[3.0, -1.0]]), np.array([0.0, 1.0])])
    >>> largest_logit(m)  # hidden |z| <= 1 + 2 + 0.5 = 3.5, answer |z| <= 3 * 3.5
    10.5
    """
    magnitude = np.full(MODEL_INPUTS, max(abs(v) for v in INPUT_RANGE))
    with np.errstate(all="ignore"):
        for layer in model.layers[:-1]:
            bound = np.abs(layer.kernel).T @ magnitude + np.abs(layer.bias)
            ends = np.abs(np.stack([layer.activation(-bound), layer.activation(bound)]))
            magnitude = np.max(ends, axis=0)
        last = model.layers[-1]
        logits = np.abs(last.kernel).T @ magnitude + np.abs(last.bias)
    return float(np.max(logits)) if np.all(np.isfinite(logits)) else math.inf


def model_from_json_bytes(raw: bytes, name: str = "the file") -> Sequential:
    """A model from an uploaded file, checked: held to the page's envelope (MODEL_INPUTS
    inputs, MIN_HIDDEN_LAYERS to MAX_HIDDEN_LAYERS hidden layers, the first of at most
    MAX_HIDDEN_UNITS neurons and the others of MAX_MORE_LAYER_UNITS, each with an
    activation the page offers, a softmax answer layer of MODEL_OUTPUTS) before any array is
    made; then finite weights, and logits bounded (largest_logit) for every input in
    INPUT_RANGE, so its answers are finite probabilities wherever the page asks. UTF-8 with or
    without a byte-order mark. Raises ModelFileError with a friendly message."""
    if len(raw) > MAX_MODEL_FILE_BYTES:
        raise ModelFileError(f"{name} is {len(raw):,} bytes; a laptop model file is at most "
                             f"{MAX_MODEL_FILE_BYTES:,} bytes.")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # ValueError covers bad JSON and an integer longer than Python reads (4,300 digits)
        raise ModelFileError(f"{name} is not a model file (it is not JSON text it can read). "
                             "Use a file saved with 'Download the model'.") from None
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k != "laptop_settings"}
        problem = _layer_problem(name, data.get("layers"))
        if problem:
            raise ModelFileError(problem)
    try:
        model = Sequential.from_dict(data)  # refuses nan and infinite weights
        model.get_weights()  # refuses a model that is not built (no input size)
    except Exception:  # noqa: BLE001 - any failure to rebuild is the same message to the user
        raise ModelFileError(f"{name} is not a model this page can read: its layers or weights "
                             "do not fit together. Use a file saved with 'Download the model'."
                             ) from None
    if not largest_logit(model) <= MAX_LOGIT_BOUND:
        raise ModelFileError(f"{name} holds weights so large that, for some laptops, its "
                             "sums grow beyond what the computer can hold, so it could not "
                             "always answer.")
    return model


def settings_from_model_file(raw: bytes) -> Settings | None:
    """The page settings stored next to a model, if present and valid."""
    try:
        stored = json.loads(raw.decode("utf-8-sig")).get("laptop_settings")
        settings = Settings.from_dict(stored)
    except Exception:  # noqa: BLE001
        return None
    return None if settings.problems() else settings
