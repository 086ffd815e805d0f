"""A bare page for bench/player.py: the training player alone, for a run given in the
address (?hidden=8,8,8&epochs=500&batch=32&seed=1), trained with the recipe's optimizer and loss."""

import sys
from pathlib import Path

import numpy as np
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from laptop.data import check_table, tutorial_table  # noqa: E402
from laptop.playback import new_recorder, replay_frames  # noqa: E402
from nncore import Dense, Sequential, optimizers  # noqa: E402
from ui.player.payload import player_payload  # noqa: E402
from ui.player.widgets import training_player  # noqa: E402

hidden = [int(u) for u in st.query_params.get("hidden", "3").split(",")]
epochs = int(st.query_params.get("epochs", "20"))
batch = int(st.query_params.get("batch", "32"))
seed = int(st.query_params.get("seed", "0"))
check = check_table(tutorial_table())
x, y = check.x, check.y
layers = [Dense(hidden[0], "relu", input_dim=2)] + [Dense(u, "relu") for u in hidden[1:]]
model = Sequential([*layers, Dense(2, "softmax")], seed=seed)
model.compile(optimizers.Adam(0.1), "binary_crossentropy")
recorder = new_recorder(epochs)
model.fit(x[:8], np.eye(2)[y[:8]], epochs=epochs, batch_size=batch, callbacks=[recorder],
          seed=seed)
frames = replay_frames(model, recorder.recording, x, y, np.arange(8), np.arange(8, 9),
                       (0.1, 0.6))
training_player(player_payload(frames, x, y, (0.1, 0.6), epochs, start=0), "player")
