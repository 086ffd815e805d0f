"""The playground's "Try this" set-ups: each is two trainings that differ in one setting
(a spiral with 1 hidden layer or 2, XOR with 1 neuron or 4, noisy XOR without and
with L2).
A button sets the playground to the first; its sentence says what both did, from test
losses measured by training both (`outcome`), so no claim is written in. Pure: no
streamlit.
"""

from dataclasses import dataclass, replace

from learn.training.playground import Settings, train_playground

# A difference in test loss below this is "about the same" (the losses are printed to 2
# decimals; 0.05 is what a visitor can see on the player's curves).
CLEAR_GAP = 0.05


@dataclass(frozen=True)
class Preset:
    name: str  # a key for tests and the button
    label: str  # the button's words
    setting: str  # the Settings field the two set-ups differ in
    first: Settings  # the set-up the button applies
    second_value: object  # the same set-up with `setting` at this value
    control: str  # the playground control that changes `setting`
    words: tuple[str, str]  # the two set-ups in a few words: "1 hidden layer", ...

    @property
    def second(self) -> Settings:
        return replace(self.first, **{self.setting: self.second_value})


PRESETS = (
    Preset("spiral_depth", "Spiral: 1 hidden layer or 2", "layers",
           Settings(dataset="spiral", layers=1), 2, "Hidden layers",
           ("1 hidden layer", "2 hidden layers")),
    Preset("xor_width", "XOR: 1 neuron or 4", "neurons",
           Settings(dataset="xor", layers=1, neurons=1, noise=0.1, learning_rate=0.1,
                    batch_size=200), 4,
           "Neurons in each hidden layer", ("1 neuron", "4 neurons")),
    Preset("noise_l2", "Noisy XOR: without L2 or with", "l2",
           Settings(dataset="xor", noise=0.25, test_share=0.5, layers=2, neurons=8,
                    activation="tanh"), 0.001, "L2 regularisation",
           ("no L2", "L2 of 0.001")),
)
BY_NAME = {p.name: p for p in PRESETS}


@dataclass(frozen=True)
class Outcome:
    """Both set-ups of a preset trained as the playground trains them, and their test
    losses (what the page shows after the button, and after the control is moved)."""

    preset: str
    first_test_loss: float
    second_test_loss: float


def outcome(name: str) -> Outcome:
    """Train both set-ups of the preset `name` (KeyError for an unknown one)."""
    preset = BY_NAME[name]
    return Outcome(name, train_playground(preset.first, record=False).test_loss(),
                   train_playground(preset.second, record=False).test_loss())


def preset_sentence(preset: Preset, result: Outcome) -> str:
    """What the preset shows, in plain words, from the measured test losses."""
    first, second = result.first_test_loss, result.second_test_loss
    head = (f"With {preset.words[0]} the test loss ends at {first:.2f}; with "
            f"{preset.words[1]} at {second:.2f}")
    if abs(first - second) < CLEAR_GAP:
        return head + ": about the same here, so this change does not matter for this data."
    better = preset.words[1] if second < first else preset.words[0]
    return (head + f": the one with {better} does better on points it never saw. Then "
            f"move “{preset.control}” to see the other.")
