"""Bytes the server sends the browser per interaction (what a phone on mobile data pays).

Starts the app, opens it in headless Chromium and counts the websocket frames the server
sends (`page.on("websocket")`; Streamlit's websocket compression is off by default, so these
are the bytes on the wire but a few bytes of framing each) from each action to the page at
rest (script finished, then no frame for SETTLE_MS). Buy the Laptop: the first load, a
keyboard step of "How pink is it?" (a form: nothing should travel), "Ask the model" with
the new value, a step of the training player (the page reruns for the share link), another
page and back through the app's navigation, a reload. The Training page: the first load,
"Next stage", a playground slider step (a new training: its payload must travel) and the
step back to the set-up trained before. Also prints the player's payload for the recipe,
500 epochs and the playground with base64 maps in the JSON and as sent (raw bytes).

    .venv/bin/python bench/bytes_sent.py [--port 8651] [--rounds 2]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.helpers import open_page, slider_input, wait_for_app_run  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402

SETTLE_MS = 700


class Meter:
    """Counts the bytes of every websocket frame the server sends to one page."""

    def __init__(self, page):
        self.received = 0
        self.frames = 0
        self.last = time.monotonic()
        page.on("websocket", self._watch)

    def _watch(self, ws):
        ws.on("framereceived", self._frame)

    def _frame(self, payload):
        self.received += len(payload)
        self.frames += 1
        self.last = time.monotonic()

    def measure(self, page, action) -> int:
        """Bytes received from `action()` until the page is at rest."""
        before = self.received
        action()
        wait_for_app_run(page, settle_ms=0)
        while time.monotonic() - self.last < SETTLE_MS / 1000:
            page.wait_for_timeout(100)
        wait_for_app_run(page, settle_ms=0)
        return self.received - before


def _player_frame(page) -> str:
    """The frame the player shows, once it shows one (it lives in a shadow root: a
    locator reaches it, document.querySelector does not)."""
    import re

    from playwright.sync_api import expect

    root = page.locator(".player")
    expect(root).to_have_attribute("data-frame", re.compile(r"\d+"), timeout=60_000)
    return root.get_attribute("data-frame")


def buy_the_laptop(page, meter, base) -> dict[str, int]:
    out = {}
    out["first load"] = meter.measure(page, lambda: (open_page(page, base, "buy-the-laptop"),
                                                     _player_frame(page)))

    def pink():
        slider_input(page, "How pink is it?").focus()
        page.keyboard.press("ArrowRight")
    out['"How pink is it?" one step (a form)'] = meter.measure(page, pink)
    out['"Ask the model"'] = meter.measure(
        page, lambda: page.get_by_role("button", name="Ask the model").click())

    def step_back():
        before = int(_player_frame(page))
        page.locator(".player button.back").click()
        from playwright.sync_api import expect
        expect(page.locator(".player")).to_have_attribute("data-frame", str(before - 1))
        page.wait_for_timeout(600)  # the player reports the frame after 400 ms at rest
    out["player: one step back (page reruns)"] = meter.measure(page, step_back)

    def away_and_back():
        for name in ("Perceptron", "Buy the Laptop"):
            page.locator("[data-testid='stSidebarNav'] a", has_text=name).first.click()
            page.get_by_role("heading", level=1, name=name).wait_for(timeout=30_000)
            wait_for_app_run(page)
        _player_frame(page)
    out["Perceptron and back (the app's navigation)"] = meter.measure(page, away_and_back)

    def reload():
        page.reload()
        wait_for_app_run(page)
        _player_frame(page)
    out["reload"] = meter.measure(page, reload)
    return out


def training_page(page, meter, base) -> dict[str, int]:
    out = {}
    out["first load"] = meter.measure(page, lambda: (open_page(page, base, "training"),
                                                     _player_frame(page)))
    out['"Next stage"'] = meter.measure(
        page, lambda: page.get_by_role("button", name="Next stage").click())

    def layers(key):
        def act():
            slider_input(page, "Hidden layers").focus()
            page.keyboard.press(key)
            page.wait_for_timeout(300)
            wait_for_app_run(page, settle_ms=0)
            _player_frame(page)
        return act
    out["playground: one slider step (a new training)"] = meter.measure(page, layers("ArrowRight"))
    out["playground: the step back (trained before)"] = meter.measure(page, layers("ArrowLeft"))
    return out


def payload_sizes() -> None:
    """The player's payload for three runs: JSON with base64 maps vs as sent."""
    import base64
    import json

    import numpy as np

    from laptop.data import check_table, tutorial_table
    from laptop.playback import new_recorder, replay_frames
    from learn.training.playground import DEFAULTS, playground_view
    from nncore import Dense, Sequential, optimizers
    from ui.player import payload as pl

    def b64_json(payload):  # the encoding before raw bytes: maps as base64 in the JSON
        def out(value):
            if isinstance(value, bytes):
                return base64.b64encode(value).decode()
            if isinstance(value, dict):
                return {k: out(v) for k, v in value.items()}
            if isinstance(value, list):
                return [out(v) for v in value]
            return value
        return len(json.dumps(out(payload), separators=(",", ":")).encode())

    check = check_table(tutorial_table())
    x, y = check.x, check.y
    for name, hidden, epochs in (("recipe 2-3-2, 20 epochs", [3], 20),
                                 ("2-8-8-8-2, 500 epochs", [8, 8, 8], 500)):
        layers = [Dense(hidden[0], "relu", input_dim=2)] + [Dense(u, "relu")
                                                             for u in hidden[1:]]
        model = Sequential([*layers, Dense(2, "softmax")], seed=0)
        model.compile(optimizers.Adam(0.1), "binary_crossentropy")
        recorder = new_recorder(epochs)
        model.fit(x[:8], np.eye(2)[y[:8]], epochs=epochs, batch_size=32,
                  callbacks=[recorder], seed=0)
        frames = replay_frames(model, recorder.recording, x, y, np.arange(8),
                               np.arange(8, 9), (0.1, 0.6))
        payload = pl.player_payload(frames, x, y, (0.1, 0.6), epochs, start=0)
        print(f"  {name:28s} base64 JSON {b64_json(payload) / 1e3:8.1f} kB   "
              f"sent now {pl.payload_bytes(payload) / 1e3:8.1f} kB")
    view = playground_view(DEFAULTS)
    print(f"  {'playground (defaults)':28s} base64 JSON {b64_json(view.payload) / 1e3:8.1f} kB"
          f"   sent now {len(view.encoded) / 1e3:8.1f} kB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print("The player's payload:")
    payload_sizes()
    log = Path(tempfile.mkdtemp()) / "streamlit.log"
    server = StreamlitServer(log, port=args.port).start()
    results: dict[str, dict[str, list[int]]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(args.rounds):
                for name, walk in (("Buy the Laptop", buy_the_laptop),
                                   ("Training", training_page)):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    figures = walk(page, Meter(page), server.url)
                    for action, sent in figures.items():
                        results.setdefault(name, {}).setdefault(action, []).append(sent)
                    context.close()
            browser.close()
    finally:
        server.stop()
    print(f"\nBytes the server sent per interaction (websocket frames, {args.rounds} "
          "rounds; median, then each round):")
    for name, actions in results.items():
        print(f"{name}:")
        for action, values in actions.items():
            rounds = " / ".join(f"{v / 1e3:.1f}" for v in values)
            print(f"  {action:48s} {statistics.median(values) / 1e3:9.1f} kB  ({rounds})")


if __name__ == "__main__":
    main()
