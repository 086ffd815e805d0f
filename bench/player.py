"""The training player: server work per training, what it keeps and sends, and playback in
headless Chromium (frames per second, scrub time).

Server side (no browser): the recipe's training with and without the Recorder, the replay
of every frame and the payload, for the default run (2-3-2, 20 epochs), the page's longest
(500 epochs) and widest runs (16 hidden; 3 hidden layers of 8, 500 epochs), and two short
runs recorded after every batch (the recipe in batches of 2: 80 batches; the widest network
the form allows, 16-8-8, 100 epochs of 2 batches: 200 batches, the most recorded batch by
batch): recording bytes, payload bytes (JSON, what the browser receives for the player).

Browser side, on bench/player_page.py (the player alone) for each run: playback at the
player's fastest speed (60 frames/s asked): frames shown per second, counted by the
browser; the draw of one frame (JS, then style and layout forced); a scrub: from the
scrubber's input event to the next painted frame (requestAnimationFrame after the draw),
median and worst over 30 jumps to random frames. Figures are printed; nothing asserted.

    .venv/bin/python bench/player.py
"""

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import best_time  # noqa: E402
from laptop.data import check_table, tutorial_table  # noqa: E402
from laptop.playback import new_recorder, replay_frames  # noqa: E402
from laptop.recipe import RECIPE, train  # noqa: E402
from nncore import Dense, Sequential, optimizers  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from ui.player.payload import payload_bytes, player_payload  # noqa: E402

LAPTOP = (0.1, 0.6)
RUNS = {  # name: (hidden layers, epochs, batch size)
    "recipe 2-3-2, 20 epochs": ((3,), 20, 32),
    "2-3-2, 500 epochs": ((3,), 500, 32),
    "2-16-2, 500 epochs": ((16,), 500, 32),
    "2-8-8-8-2, 500 epochs": ((8, 8, 8), 500, 32),
    "2-3-2, 20 ep x 4 batches": ((3,), 20, 2),
    "2-16-8-8-2, 100 x 2 batch": ((16, 8, 8), 100, 4),
}


def rows():
    check = check_table(tutorial_table())
    return check.x, check.y


def server_figures(hidden, epochs, batch) -> dict:
    x, y = rows()
    out = {}
    if len(hidden) == 1:  # the page's own path: laptop.recipe.train
        settings = replace(RECIPE, hidden_units=hidden[0], epochs=epochs, batch_size=batch)
        out["train_ms"] = 1000 * best_time(lambda: train(x, y, settings), 5)
        recorder = new_recorder(epochs)
        out["train_recorded_ms"] = 1000 * best_time(
            lambda: train(x, y, settings, callbacks=[recorder]), 5)
        run = train(x, y, settings, callbacks=[recorder])
        model, train_rows, val_rows = run.model, run.train_rows, run.validation_rows
    else:  # more hidden layers: nncore directly (the page's settings offer one layer today)
        def fit(callbacks=()):
            layers = [Dense(hidden[0], "relu", input_dim=2)]
            layers += [Dense(u, "relu") for u in hidden[1:]]
            m = Sequential([*layers, Dense(2, "softmax")], seed=1)
            m.compile(optimizers.Adam(0.1), "binary_crossentropy")
            m.fit(x[:8], np.eye(2)[y[:8]], epochs=epochs, batch_size=batch,
                  callbacks=list(callbacks), seed=1, validation_data=(x[8:], np.eye(2)[y[8:]]))
            return m
        out["train_ms"] = 1000 * best_time(fit, 5)
        recorder = new_recorder(epochs)
        out["train_recorded_ms"] = 1000 * best_time(lambda: fit([recorder]), 5)
        model, train_rows, val_rows = fit([recorder]), np.arange(8), np.arange(8, 9)
    recording = recorder.recording
    holder = {}

    def replay():
        holder["frames"] = replay_frames(model, recording, x, y, train_rows, val_rows, LAPTOP)
        holder["payload"] = player_payload(holder["frames"], x, y, LAPTOP, epochs, 0)

    out["replay_payload_ms"] = 1000 * best_time(replay, 3)
    out["frames"] = len(recording)
    out["grid"] = int(len(holder["frames"].axis))
    out["recording_bytes"] = recording.nbytes
    out["payload_bytes"] = payload_bytes(holder["payload"])
    # what the session keeps for the player: the recording and the cached payload
    out["session_bytes"] = recording.nbytes + len(json.dumps(holder["payload"]))
    return out


MEASURE = """async (root) => {
  const frames = Number(root.querySelector("input[type=range]").max) + 1;
  const raf = () => new Promise((r) => requestAnimationFrame(r));
  // playback at the fastest speed offered, from the start to the end
  root.__seek(0); await raf();
  const times = [];
  const seen = new MutationObserver(() => times.push(performance.now()));
  seen.observe(root, {attributes: true, attributeFilter: ["data-frame"]});
  root.querySelector("select").value = "60";
  root.querySelector("select").dispatchEvent(new Event("change"));
  root.querySelector("button.play").click();
  while (root.dataset.playing !== "0" || times.length < frames - 1) {
    await raf();
    if (times.length && performance.now() - times[times.length - 1] > 5000) break;
  }
  seen.disconnect();
  const fps = (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
  // one frame's draw: JS, then style and layout forced
  const draw = [];
  for (let f = 0; f < frames; f++) {
    const t = performance.now(); root.__seek(f); root.getBoundingClientRect();
    document.body.offsetHeight; draw.push(performance.now() - t);
  }
  // scrub: input event on the scrubber to the next painted frame
  const scrub = [], slider = root.querySelector("input[type=range]");
  for (let i = 0; i < 30; i++) {
    await raf();
    const f = Math.floor(Math.random() * frames);
    const t = performance.now();
    slider.value = f; slider.dispatchEvent(new Event("input"));
    await raf();
    scrub.push(performance.now() - t);
  }
  const sorted = (a) => [...a].sort((p, q) => p - q);
  const median = (a) => sorted(a)[Math.floor(a.length / 2)];
  return {frames, fps, played: times.length, draw_median: median(draw),
          draw_max: Math.max(...draw), scrub_median: median(scrub), scrub_max: Math.max(...scrub)};
}"""


def browser_figures(browser, base, hidden, epochs, batch) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    query = f"hidden={','.join(map(str, hidden))}&epochs={epochs}&batch={batch}"
    page.goto(f"{base}/?{query}", wait_until="domcontentloaded")
    root = page.locator(".player")
    root.wait_for(state="attached", timeout=60_000)
    page.wait_for_function("() => document.querySelector('.player') === null || true")
    for _ in range(600):
        if root.get_attribute("data-frame") is not None:
            break
        time.sleep(0.1)
    out = root.evaluate(MEASURE)
    page.close()
    return out


def page_wire_figures(browser, base) -> dict:
    """On Buy the Laptop: bytes the browser receives over the websocket for the page's
    first load, for Train, and for one step of the player (which reruns the training
    fragment: the payload travels again only as a reference when it is unchanged), for the
    recipe and after training 500 epochs."""
    from playwright.sync_api import expect

    from tests.e2e.helpers import wait_for_app_run

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    received = {"bytes": 0}
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda data: received.__setitem__(
            "bytes", received["bytes"] + len(data))))
    out = {}
    page.goto(f"{base}/buy-the-laptop", wait_until="domcontentloaded")
    root = page.locator(".player")
    root.wait_for(state="attached", timeout=120_000)
    wait_for_app_run(page, settle_ms=1000, timeout=120_000)
    out["load"] = received["bytes"]

    def step(name):
        before = received["bytes"]
        frame = int(root.get_attribute("data-frame"))
        root.get_by_role("button", name="One step back").click()
        expect(root).to_have_attribute("data-frame", str(frame - 1))
        page.wait_for_timeout(300)
        wait_for_app_run(page, settle_ms=1000, timeout=120_000)
        out[name] = received["bytes"] - before

    step("step 20 epochs (first: page rerun for the verdict's note)")
    step("step 20 epochs (next)")
    page.get_by_role("spinbutton", name="Epochs").fill("500")
    before = received["bytes"]
    page.get_by_role("button", name="Train", exact=True).click()
    expect(root).to_have_attribute("data-epoch", "500", timeout=120_000)
    wait_for_app_run(page, settle_ms=1000, timeout=120_000)
    out["Train 500 epochs"] = received["bytes"] - before
    step("step 500 epochs (first: page rerun for the verdict's note)")
    step("step 500 epochs (next)")
    page.close()
    return out


def main() -> None:
    from playwright.sync_api import sync_playwright

    print("Server side (best of 3-5 runs):")
    for name, (hidden, epochs, batch) in RUNS.items():
        s = server_figures(hidden, epochs, batch)
        print(f"  {name:<24} train {s['train_ms']:6.1f} ms, with recording "
              f"{s['train_recorded_ms']:6.1f} ms, replay + payload {s['replay_payload_ms']:6.1f}"
              f" ms | {s['frames']} frames, grid {s['grid']}x{s['grid']}, recording "
              f"{s['recording_bytes'] / 1e3:.0f} kB, payload {s['payload_bytes'] / 1e6:.2f} MB,"
              f" session {s['session_bytes'] / 1e6:.2f} MB")
    log = Path(__file__).resolve().parent / "results" / "player-server.log"
    server = StreamlitServer(log, script="bench/player_page.py").start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            print("Browser (headless Chromium, 1280x800, the player alone):")
            for name, (hidden, epochs, batch) in RUNS.items():
                b = browser_figures(browser, server.url, hidden, epochs, batch)
                print(f"  {name:<24} playback {b['fps']:5.1f} frames/s ({b['played']} of "
                      f"{b['frames']} frames, 60 asked) | one frame drawn: median "
                      f"{b['draw_median']:.2f} ms, max {b['draw_max']:.2f} ms | scrub to "
                      f"painted: median {b['scrub_median']:.1f} ms, max "
                      f"{b['scrub_max']:.1f} ms")
            browser.close()
    finally:
        server.stop()
    server = StreamlitServer(log.with_name("player-page-server.log")).start(timeout=180)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            print("Buy the Laptop, bytes received by the browser over the websocket:")
            for name, size in page_wire_figures(browser, server.url).items():
                print(f"  {name:<58} {size / 1e3:8.1f} kB")
            browser.close()
    finally:
        server.stop()
    print("Targets: >= 20 frames/s for a 20-epoch run with all views; scrub < 100 ms; "
          "recording < 5 MB; payload < 2 MB; server work < Train-to-settled (~0.5 s).")


if __name__ == "__main__":
    main()
