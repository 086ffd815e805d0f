"""The Training page's playground: the same engine on data made to need a network.

`make_data(settings)` draws the points (in the unit square, as the player draws them),
`train_playground(settings)` trains and records a network on the training points and scores the test
points, and `comparison(settings)` trains the same data with one layer fewer (or one more,
for one layer) so the page can say what depth changes, from measured test losses. Pure: no
streamlit, no plotly.
"""

import math
from dataclasses import dataclass, replace

import numpy as np

from laptop.data import tutorial_arrays
from laptop.playback import moment_words, replay_frames
from nncore import datasets
from nncore.layers import Dense
from nncore.model import Sequential
from nncore.optimizers import Adam
from nncore.recording import Recorder, Recording
from nncore.regularizers import L2
from ui.player.payload import encode_payload, player_payload

# name -> the label the page shows and writes into its address (t_data=Spiral)
DATASETS = {"xor": "XOR", "circles": "Circles", "blobs": "Blobs", "spiral": "Spiral",
            "laptops": "Laptops"}
ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu")
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
BATCH_SIZES = (10, 20, 50, 100, 200)
L2_VALUES = (0.0, 0.0001, 0.001, 0.01, 0.1)
LAYERS = (1, 3)
NEURONS = (1, 8)
NOISE = (0.0, 0.5)
TEST_SHARE = (0.1, 0.5)
SEEDS = (0, 9999)
POINTS = 200
EPOCHS = 200
CENTRE = (0.5, 0.5)  # the player's star needs a point; the playground hides it


@dataclass(frozen=True)
class Settings:
    dataset: str = "spiral"
    noise: float = 0.05
    test_share: float = 0.3
    layers: int = 2
    neurons: int = 8
    activation: str = "tanh"
    learning_rate: float = 0.03
    batch_size: int = 20
    l2: float = 0.0
    seed: int = 1


DEFAULTS = Settings()


@dataclass
class Run:
    settings: Settings
    model: Sequential
    recording: Recording
    x: np.ndarray  # (n, 2), in [0, 1]^2
    y: np.ndarray  # (n,) 0/1
    train_rows: np.ndarray
    test_rows: np.ndarray

    def test_loss(self) -> float:
        """Binary crossentropy of the trained model on the test points (no penalty)."""
        return crossentropy(self.model, self.x[self.test_rows], self.y[self.test_rows])

    def train_loss(self) -> float:
        return crossentropy(self.model, self.x[self.train_rows], self.y[self.train_rows])


def crossentropy(model: Sequential, x: np.ndarray, y: np.ndarray) -> float:
    """Mean binary crossentropy of P(class 1), clipped to [1e-7, 1 - 1e-7]."""
    p = np.clip(model.predict(x)[:, 1], 1e-7, 1 - 1e-7)
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))


def _blobs(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two round Gaussian clouds, centres (-0.5, -0.5) and (0.5, 0.5), stddev 0.25 + noise."""
    y = np.arange(n) % 2
    centres = np.where(y[:, None] == 1, 0.5, -0.5)
    return centres + (0.25 + noise) * rng.standard_normal((n, 2)), y


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two arms, one turn each: radius t, angle 2 pi t (+ pi for class 1)."""
    y = np.arange(n) % 2
    t = rng.uniform(0.05, 1.0, n)
    angle = 2 * np.pi * t + np.pi * y
    x = np.column_stack([t * np.cos(angle), t * np.sin(angle)])
    return x + noise * rng.standard_normal((n, 2)), y


def make_data(settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """The points (n, 2) in the unit square and their classes 0/1, in a random order.
    Shapes drawn in [-1, 1]^2 with noise of stddev `noise` there, then mapped by
    0.5 + 0.4 x and clipped to [0, 1]. The laptops are the tutorial's 9, jittered by
    noise / 2.5 (the same amount once mapped)."""
    rng = np.random.default_rng(settings.seed)
    if settings.dataset == "laptops":
        x, y = tutorial_arrays()
        x = np.clip(x + settings.noise * 0.4 * rng.standard_normal(x.shape), 0, 1)
        return x, y.astype(int)
    maker = {"xor": lambda: datasets.xor(POINTS, settings.noise, rng),
             "circles": lambda: datasets.circles(POINTS, settings.noise, rng=rng),
             "blobs": lambda: _blobs(POINTS, settings.noise, rng),
             "spiral": lambda: _spiral(POINTS, settings.noise, rng)}[settings.dataset]
    x, y = maker()
    order = rng.permutation(len(y))
    return np.clip(0.5 + 0.4 * x[order], 0, 1), y[order].astype(int)


def split(n: int, test_share: float) -> tuple[np.ndarray, np.ndarray]:
    """Training rows first, the last `test_share` of the rows for the test (at least 1 each)."""
    n_test = min(max(int(round(n * test_share)), 1), n - 1)
    return np.arange(n - n_test), np.arange(n - n_test, n)


def build_network(settings: Settings) -> Sequential:
    """layers x Dense(neurons, activation, L2) then Dense(2, softmax), Adam, binary
    crossentropy; weights from the seed."""
    reg = L2(settings.l2) if settings.l2 > 0 else None
    hidden = [Dense(settings.neurons, settings.activation, input_dim=2 if i == 0 else None,
                    kernel_regularizer=reg) for i in range(settings.layers)]
    model = Sequential([*hidden, Dense(2, "softmax")], seed=settings.seed)
    model.compile(optimizer=Adam(learning_rate=settings.learning_rate),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


def train_playground(settings: Settings, record: bool = True) -> Run:
    """Train EPOCHS epochs on the training points (recorded for the player when `record`)."""
    x, y = make_data(settings)
    train_rows, test_rows = split(len(y), settings.test_share)
    model = build_network(settings)
    recorder = Recorder(EPOCHS)
    onehot = np.eye(2)[y]
    model.fit(x[train_rows], onehot[train_rows], epochs=EPOCHS,
              batch_size=settings.batch_size, seed=settings.seed,
              callbacks=[recorder] if record else None)
    return Run(settings, model, recorder.recording, x, y, train_rows, test_rows)


def other_depth(layers: int) -> int:
    """The depth the comparison trains: one layer fewer, or 2 when the page has 1."""
    return 2 if layers == 1 else layers - 1


@dataclass(frozen=True)
class Comparison:
    layers: int
    test_loss: float
    other_layers: int
    other_test_loss: float


def comparison(settings: Settings, test_loss: float) -> Comparison:
    """The same data, start seed and training with `other_depth` hidden layers."""
    other = replace(settings, layers=other_depth(settings.layers))
    return Comparison(settings.layers, test_loss, other.layers,
                      train_playground(other, record=False).test_loss())


def _layers(n: int) -> str:
    return f"{n} hidden layer{'s' if n > 1 else ''}"


def comparison_sentence(c: Comparison) -> str:
    """What depth did here, from the two measured test losses."""
    ours, theirs = f"{c.test_loss:.2f}", f"{c.other_test_loss:.2f}"
    head = (f"With {_layers(c.layers)} the test loss ends at {ours}; trained the same way "
            f"with {_layers(c.other_layers)} it ends at {theirs}")
    if math.isclose(float(ours), float(theirs)):
        return head + ": depth makes no difference to these points. Try a harder data set."
    better = c.layers if c.test_loss < c.other_test_loss else c.other_layers
    return (head + f": here {_layers(better)} do better on points the network never saw. "
            "Try the other depth in the Hidden layers slider to see it for yourself.")


def overfit_sentence(train_loss: float, test_loss: float) -> str:
    """Whether the network learned the training points better than it generalises."""
    gap = test_loss - train_loss
    text = f"Training loss {train_loss:.2f}, test loss {test_loss:.2f}"
    if gap > 0.1:
        return (text + f": the test loss is {gap:.2f} higher, so the network learned the "
                "training points' noise too (overfitting). Try more L2 regularisation, fewer "
                "neurons or less noise.")
    return text + ": the network does about as well on points it never saw."


def frame_sentences(run: Run, metrics: dict[str, np.ndarray]) -> list[str]:
    """One plain sentence a frame: its moment (epoch, or epoch and batch) and its training
    and test loss."""
    rec = run.recording
    heads = ["Before training (epoch 0)"] + [moment_words(rec.moment(f), rec.steps_per_epoch)
                                             for f in range(1, len(rec))]
    return [f"{heads[f]}: training loss {metrics['loss'][f]:.3f}, test loss "
            f"{metrics['val_loss'][f]:.3f}, {metrics['val_accuracy'][f]:.0%} of the "
            f"{len(run.test_rows)} test points right."
            for f in range(len(rec))]


WORDS = {"map_title": "Where the network says green, at this moment of training",
         "map_note": "Green: the network says green, orange: orange, dashed: the 50% line. "
                     "Circles: green points, crosses: orange points (training and test); a "
                     "dotted ring marks a point it gets wrong at this moment.",
         "axes": ["x: 0 (left) to 1 (right)", "y: 0 (bottom) to 1 (top)"],
         "accuracy_title": "Accuracy (share of points right)",
         "alt_rows": "points", "alt_held_out": "test"}
LEGEND = ("training points", "test points")  # the player's names for the two sets


@dataclass(frozen=True)
class View:
    """What the playground shows: the player's payload (and the same as the player receives
    it, `encoded`, built once with the view) and the sentences in plain words."""

    payload: dict
    encoded: bytes
    train_loss: float
    test_loss: float
    comparison: Comparison
    sentences: tuple[str, ...]


def playground_view(settings: Settings) -> View:
    """Train, replay every recorded frame for the player, train the comparison, and say
    what they show."""
    run = train_playground(settings)
    frames = replay_frames(run.model, run.recording, run.x, run.y, run.train_rows,
                           run.test_rows, CENTRE)
    frames.sentences = frame_sentences(run, frames.metrics)
    payload = player_payload(frames, run.x, run.y, None, EPOCHS, len(frames.epochs) - 1,
                             inputs=("x", "y"), outputs=("orange", "green"), words=WORDS,
                             legend=LEGEND)
    train_loss, test_loss = run.train_loss(), run.test_loss()
    compared = comparison(settings, test_loss)
    return View(payload, encode_payload(payload), train_loss, test_loss, compared,
                (overfit_sentence(train_loss, test_loss), comparison_sentence(compared)))
