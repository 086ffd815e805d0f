"""Where the browser's time goes during a page's slider steps: a CPU profile, summed per step.

bench/app_latency.py says how long a step takes; this says what the browser was doing,
per script (Streamlit's Plotly chunk, React, KaTeX for formulas...) and per native bucket
("(program)" is mostly style, layout and paint). Useful to decide what to make cheaper:
on this app a page's step costs about as much as its chart's Plotly drawing plus the
elements its fragment redraws.

Run: .venv/bin/python bench/step_profile.py sigmoid-neuron [--steps 12]
     .venv/bin/python bench/step_profile.py --reference   (the bare one-slider page)
"""

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.helpers import wait_for_app_run  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402

LOGS = Path(__file__).resolve().parent / "results"


def profile_steps(url: str, steps: int) -> dict:
    """Sample the page's main thread while its first slider moves `steps` times (right,
    left, ...), 700 ms apart. Returns the CDP profile."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        wait_for_app_run(page, settle_ms=1500)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})  # microseconds
        slider = page.locator("[data-testid='stSlider']:visible input[type='range']").first
        slider.focus()
        cdp.send("Profiler.start")
        for i in range(steps):
            slider.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            page.wait_for_timeout(700)
        profile = cdp.send("Profiler.stop")["profile"]
        browser.close()
    return profile


def per_step(profile: dict, steps: int) -> tuple[collections.Counter, collections.Counter]:
    """(ms per step by script file, ms per step by function), from the profile's samples."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    by_script, by_function = collections.Counter(), collections.Counter()
    for node_id, delta_us in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = nodes[node_id]["callFrame"]
        script = frame["url"].split("/")[-1] or frame["functionName"] or "(native)"
        ms = delta_us / 1000 / steps
        by_script[script] += ms
        by_function[f"{script}: {frame['functionName'] or '(anonymous)'}"] += ms
    return by_script, by_function


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", default="sigmoid-neuron",
                        help="the page's URL path, e.g. activations")
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--reference", action="store_true",
                        help="profile the bare reference page (as Streamlit ships) instead")
    args = parser.parse_args()
    LOGS.mkdir(exist_ok=True)
    if args.reference:
        server = StreamlitServer(LOGS / "reference-server.log", script="bench/reference_app.py",
                                 extra_args=("--runner.postScriptGC", "true")).start()
        path, label = "", "the bare reference page"
    else:
        server = StreamlitServer(LOGS / "app-server.log").start()
        path, label = args.page, args.page
    try:
        profile = profile_steps(f"{server.url}/{path}", args.steps)
    finally:
        server.stop()
    by_script, by_function = per_step(profile, args.steps)
    busy = sum(ms for name, ms in by_script.items() if name != "(idle)")
    print(f"{label}: {args.steps} slider steps, main thread busy {busy:.0f} ms per step")
    print("ms per step, by script ((program): the browser's own style, layout and paint):")
    for name, ms in by_script.most_common():
        if name != "(idle)" and ms >= 1.0:
            print(f"  {ms:7.1f}  {name}")
    print("the 15 busiest functions (self time):")
    for name, ms in [(n, m) for n, m in by_function.most_common() if "(idle)" not in n][:15]:
        print(f"  {ms:7.1f}  {name}")


if __name__ == "__main__":
    main()
