"""Tap the map to ask (Buy the Laptop): from ONE tap on the model's map to the star drawn at
the tapped laptop, on a touch screen (400 px wide) and with a mouse (1280 px), in a real
browser; and what the two maps weigh in what the page sends on each run.

Each tap goes to one of two spots in turn; the time is from just before the tap is sent
until the map's star sits there (polled at every frame), then the run is left to end before
the next tap. Prints, never asserts: the machine is shared, so compare within one run.
Run: .venv/bin/python bench/tap_latency.py [--taps 8]
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.helpers import wait_for_app_run  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from tests.e2e.test_buy_the_laptop import open_laptop  # noqa: E402
from tests.e2e.test_tap_map import MODEL_MAP, STAR, steady_spot  # noqa: E402

SPOTS = ((0.3, 0.8), (0.7, 0.25))


def map_bytes() -> dict[str, int]:
    """The JSON size of each map as the page sends it (AppTest, the tutorial's page)."""
    from tests.app import opening

    at = opening.open_page("app_pages/buy_the_laptop.py")
    sizes = {}
    for chart in at.get("plotly_chart"):
        title = json.loads(chart.proto.spec)["layout"]["title"]["text"]
        if title.startswith(("Where the", "Why:")):
            sizes[title] = len(chart.proto.spec)
    return sizes


def tap_times(browser, url: str, touch: bool, taps: int) -> list[float]:
    width = 400 if touch else 1280
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=touch,
                                  is_mobile=touch)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        open_laptop(page, url)
        tab = page.get_by_role("tab", name="Your model")
        tab.tap() if touch else tab.click()
        times = []
        for i in range(taps):
            pink, small = SPOTS[i % 2]
            spot = steady_spot(page, MODEL_MAP, pink, small)
            start = time.perf_counter()
            if touch:
                page.touchscreen.tap(spot["x"], spot["y"])
            else:
                page.mouse.click(spot["x"], spot["y"])
            page.wait_for_function(f"([t, p, s]) => {{ const star = ({STAR})(t); "
                                   "return star[0] === p && star[1] === s; }",
                                   arg=[MODEL_MAP, pink, small], polling="raf")
            times.append(time.perf_counter() - start)
            wait_for_app_run(page, settle_ms=300)
        return times
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--taps", type=int, default=8)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    for title, size in map_bytes().items():
        print(f"{title[:40]:42s} {size / 1000:6.1f} kB a run")
    server = StreamlitServer(Path("/tmp/bench_tap_latency_server.log")).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            for touch in (True, False):
                times = [1000 * t for t in tap_times(browser, server.url, touch, args.taps)]
                print(f"one {'touch (400 px)' if touch else 'click (1280 px)'}: star moved "
                      f"after median {statistics.median(times):5.0f} ms, fastest "
                      f"{min(times):5.0f}, slowest {max(times):5.0f} ({len(times)} taps)")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
