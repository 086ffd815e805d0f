"""How fast the app answers in a real browser (headless Chromium), page by page.

Prints, per page: time from navigation to the first chart drawn, and time from a slider step
(ArrowRight on the page's first slider) to the last chart redrawn, over 30 steps (median and
p95), with its ratio to a bare reference page (one slider, one Plotly line) measured in the
same run. The steps are taken in rounds (5 steps on every page, then the next 5 on every
page, ...), so a change in the shared machine's load during the run falls on the reference
and the pages alike instead of skewing one page's ratio. The reference runs twice: as
Streamlit ships (the issue's floor, the one the targets are set against) and with this app's
.streamlit/config.toml, whose `runner.postScriptGC = false` takes a full garbage collection
out of every rerun. Also: Buy the Laptop's first verdict, its Train button to the page
settled with the final chart, the Initialization population experiment cold and warm, and
the server's memory.

Run: .venv/bin/python bench/app_latency.py [--steps 30] [--rounds 6] [--pages training ...]

Only Buy the Laptop's first verdict: .venv/bin/python bench/app_latency.py --verdict-only
[--runs 3] [--before CHECKOUT]. Each run starts four fresh servers. On two, Home is opened
first (the server is up and a visitor has come, as on a hosted app; its time is printed as
"home": navigation to its whole page shown with the script finished), then three visitors,
each in a browser context of their own, open Buy the Laptop: on one the full page, the full
page again, the friend's view (`?view=friend`); on the other the friend's view, again, the
full page. The first visit to Buy the Laptop on such a server is "cold" (nothing trained
for the tutorial's page by a visitor yet, the page's modules imported only if the app did
it in the background after Home), the later ones "warm". On the other two servers the very
first request is a link to Buy the Laptop, the full page on one and the friend's view on
the other ("deep": nothing imported or trained beforehand). With --before, every server is
started from that checkout too (e.g. /work/main), alternately with this one, the order
swapped every run; each line gives the load average at its start. --deep-only: only the
two servers whose first request is the link.

A page whose slider drives no Plotly chart (Training: its playground's "Hidden layers"
drives the training player, a custom component) is timed to the page settled instead: the
rerun asked for, the script idle, and nothing on the page (charts and the components'
shadow roots included) changed for QUIET_MS; its ratio is to the reference pages timed the
same way in the same run (they then print both times).
"""

import argparse
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.helpers import open_page, wait_for_app_run  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from ui.site_map import PAGES  # noqa: E402

LOGS = Path(__file__).resolve().parent / "results"

# Counts every Plotly redraw on the page (plotly_afterplot), including charts mounted later.
PLOT_PROBE = """
() => {
  window.__plots = {count: 0, last: 0, idleAt: 0, changedAt: performance.now()};
  const hook = (gd) => {
    if (gd.__probed || !gd.on) return;
    gd.__probed = true;
    gd.on('plotly_afterplot', () => {
      window.__plots.count++;
      window.__plots.last = performance.now();
    });
  };
  document.querySelectorAll('.js-plotly-plot').forEach(hook);
  new MutationObserver(() => document.querySelectorAll('.js-plotly-plot').forEach(hook))
    .observe(document.body, {childList: true, subtree: true});
  // When the script last started or stopped, and when it last stopped.
  const app = document.querySelector("[data-testid='stApp']");
  new MutationObserver(() => {
    const now = performance.now();
    window.__plots.changedAt = now;
    if (app.getAttribute('data-test-script-state') === 'notRunning') window.__plots.idleAt = now;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  // When anything in the page's main area last changed: its elements, and what custom
  // components draw inside their own shadow roots (the training player), which a
  // document-wide observer does not see.
  window.__plots.domAt = 0;
  const HOSTS = "[data-testid='stBidiComponentIsolated']";
  const main = document.querySelector("[data-testid='stMain']");
  const seen = new WeakSet();
  const watch = (root) => {
    if (seen.has(root)) return;
    seen.add(root);
    observer.observe(root, {childList: true, subtree: true, attributes: true,
                            characterData: true});
  };
  const hosts = () => main.querySelectorAll(HOSTS).forEach(
    (e) => { if (e.shadowRoot) watch(e.shadowRoot); });
  const observer = new MutationObserver(() => {
    window.__plots.domAt = performance.now();
    hosts();
  });
  watch(main);
  hosts();
}
"""
# In the page from its first moment: when the app last sent a message to the server (a
# widget's change asks for a rerun) and last received one. A short rerun can start and
# finish between two renders, so `data-test-script-state` may never leave "notRunning";
# the message sent is the sure sign that the key reached the server.
SOCKET_PROBE = """
(() => {
  const Native = window.WebSocket;
  window.__socket = {sent: 0, sentAt: 0, receivedAt: 0};
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__socket.receivedAt = performance.now(); });
    }
    send(data) {
      window.__socket.sent++;
      window.__socket.sentAt = performance.now();
      return super.send(data);
    }
  };
})();
"""

# A step counts as settled once nothing on the page has changed for this long.
QUIET_MS = 300

# Which slider a page's steps move, and what "the step is done" means, where the page's
# first slider or a Plotly redraw would not say it. Training: the playground's "Hidden
# layers" (the page's own sentence asks the learner to try it; the page's first sliders,
# Noise and the test share, come before it in the playground) drives the training player,
# a custom component, not a Plotly chart, so its step ends when the page has settled.
STEP_SLIDERS = {"training": "Hidden layers"}
SETTLED = {"training"}

IDLE = ("document.querySelector(\"[data-testid='stApp']\")"
        ".getAttribute('data-test-script-state') === 'notRunning'")


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def first_chart_ms(page, url: str, no_chart_grace_ms: int = 5_000) -> float | None:
    """ms from navigation to the first Plotly chart drawn; None for a page without one.

    Plotly is loaded lazily, after the script has finished, so a page counts as chartless
    only when no chart has appeared `no_chart_grace_ms` after its title.
    """
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
    try:
        page.wait_for_selector(".js-plotly-plot .main-svg", state="visible",
                               timeout=no_chart_grace_ms)
    except PlaywrightTimeoutError:
        return None
    elapsed = (time.perf_counter() - start) * 1000
    wait_for_app_run(page)
    return elapsed


def slider_step_ms(page, steps: int, done: int = 0, label: str | None = None,
                   chart: bool = True, settle: bool = False) -> dict[str, list[float]]:
    """Press the arrow keys on a slider (the one labelled `label`, else the page's first
    live one) `steps` times, right then left (left then right if it started at its
    maximum), continuing after `done` earlier steps. Per step, ms from the key to: the last Plotly
    redraw (`chart`; the script must have finished too), and to the page settled
    (`settle`: the page asked the server for the rerun, the script is idle, and neither a
    message from the server nor anything in the main area, charts and components' shadow
    roots included, changed for QUIET_MS; the time is that of the last change on the page,
    the script going idle included). The page must have PLOT_PROBE installed, and
    SOCKET_PROBE from its start. Returns {"chart": [...], "settled": [...]} with the lists
    asked for."""
    slider = live_slider(page, label)
    slider.focus()
    out = {"chart": [], "settled": []}
    if done == 0:
        at_max = slider.evaluate("e => Number(e.value) >= Number(e.max)")
        page.evaluate(f"window.__firstKey = '{'ArrowLeft' if at_max else 'ArrowRight'}'")
    first = page.evaluate("window.__firstKey")  # the first step's direction, kept in the page
    second = "ArrowRight" if first == "ArrowLeft" else "ArrowLeft"
    for i in range(done, done + steps):
        key = first if i % 2 == 0 else second  # back and forth, inside the range
        before = page.evaluate("window.__plots.count")
        t0 = page.evaluate("performance.now()")
        slider.press(key)
        if chart:
            page.wait_for_function(f"window.__plots.count > {before} && {IDLE}",
                                   timeout=30_000)
            page.wait_for_timeout(60)  # let a second chart of the same rerun finish
            out["chart"].append(page.evaluate("window.__plots.last") - t0)
        if settle:
            page.wait_for_function(
                f"""() => {{ const p = window.__plots, w = window.__socket,
                                 now = performance.now();
                    return {IDLE} && w.sentAt > {t0} && now - Math.max(
                        p.idleAt, p.last, p.domAt, w.receivedAt) > {QUIET_MS}; }}""",
                timeout=30_000, polling=20)
            out["settled"].append(
                page.evaluate("Math.max(window.__plots.idleAt, window.__plots.last, "
                              "window.__plots.domAt)") - t0)
    return {k: v for k, v in out.items() if (chart if k == "chart" else settle)}


def live_slider(page, label: str | None = None):
    """The slider labelled `label`, else the first visible slider that reruns the page when
    moved (not inside a form)."""
    sliders = page.locator("[data-testid='stSlider']:visible")
    if label is not None:
        sliders = sliders.filter(has=page.get_by_text(label, exact=True))
    candidates = [s for s in sliders.all()
                  if not s.evaluate("e => !!e.closest(\"[data-testid='stForm']\")")]
    return candidates[0].locator("input[type='range']").first if candidates else None


class PageUnderTest:
    """One page open in its own browser context, its first chart timed, ready for steps.
    `label`: the slider to move (None: the page's first live slider); `chart`, `settle`:
    which step times to take (see slider_step_ms)."""

    def __init__(self, browser, base: str, url_path: str, label: str | None = None,
                 chart: bool = True, settle: bool = False):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.add_init_script(SOCKET_PROBE)
        self.page = self.context.new_page()
        self.result = {"first_chart_ms": first_chart_ms(self.page, f"{base}/{url_path}")}
        self.label, self.chart, self.settle = label, chart, settle
        slider = live_slider(self.page, label)
        self.has_slider = slider is not None
        if self.has_slider:
            if label is not None:
                slider.scroll_into_view_if_needed()
            self.page.evaluate(PLOT_PROBE)
            # The first chart's second draw (at its measured width) and late elements come
            # after the script has finished: a key pressed before then may be lost and a
            # late draw taken for the step's.
            settled(self.page)
            if chart:
                self.result["steps_ms"] = []
            if settle:
                self.result["settled_ms"] = []
        self.done = 0

    def steps(self, count: int) -> None:
        if self.has_slider:
            times = slider_step_ms(self.page, count, self.done, self.label, self.chart,
                                   self.settle)
            self.done += count
            for name, key in (("chart", "steps_ms"), ("settled", "settled_ms")):
                if name in times:
                    self.result[key] += times[name]

    def close(self) -> None:
        self.context.close()


# In the page from its first moment: the time (ms since the navigation started, the
# browser's clock) of the first animation frame in which the verdict sentence ("Buy it: 55%
# sure. ...") is on the page. Checked once a frame, so the check itself costs next to nothing.
VERDICT_PROBE = """
(() => {
  const tick = () => {
    if (document.body && document.body.textContent.includes('% sure')) {
      window.__verdictAt = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""
# The same for Home: the first frame showing its last line (the map's last card), with the
# script finished (so the run's last message is in).
HOME_PROBE = """
(() => {
  const tick = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (app && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.body.textContent.includes(LAST_LINE)) {
      window.__homeAt = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
""".replace("LAST_LINE", json.dumps(PAGES[-1].blurb))


def settled(page, quiet_ms: int = 800, timeout_ms: int = 60_000) -> None:
    """Wait until the script is idle and neither it, nor any chart, nor anything else in
    the main area changed for `quiet_ms`."""
    page.wait_for_function(
        f"""() => {{ const p = window.__plots, now = performance.now();
            return {IDLE} && now - Math.max(p.changedAt, p.last, p.domAt) > {quiet_ms}; }}""",
        timeout=timeout_ms, polling=50)


def _probed_ms(browser, url: str, probe: str, flag: str, settle) -> float:
    """ms from the start of the navigation to `url` (the browser's own clock) to the moment
    the init script `probe` records in `window[flag]`, in a browser context of its own (a
    new visitor); then `settle(page)` before the context closes."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(probe)
    page = context.new_page()
    try:
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function(f"window.{flag} !== undefined", timeout=60_000)
        ms = page.evaluate(f"window.{flag}")
        settle(page)
        return ms
    finally:
        context.close()


def _let_the_run_end(page) -> None:
    # So the next visitor's figure is not billed for it (on a busy machine it may not in
    # time: the figure is taken already).
    with contextlib.suppress(PlaywrightTimeoutError):
        wait_for_app_run(page, timeout=120_000)


def first_verdict_ms(browser, url: str) -> float:
    """ms from the start of the navigation to `url` to the first frame showing the verdict,
    for a new visitor; then lets the run end."""
    return _probed_ms(browser, url, VERDICT_PROBE, "__verdictAt", _let_the_run_end)


def home_ms(browser, url: str) -> float:
    """ms from the start of the navigation to Home (`url`) to the first frame showing its
    whole page with the script finished, for a new visitor; then waits QUIET_MS more, as a
    visitor reading it would (work the page started goes on meanwhile)."""
    return _probed_ms(browser, url, HOME_PROBE, "__homeAt",
                      lambda page: page.wait_for_timeout(QUIET_MS))


# Per fresh server: whether Home is opened first, then the visitors to Buy the Laptop in
# order (the view, its path). The first visit to Buy the Laptop on a server is "cold".
FULL, FRIEND = "buy-the-laptop", "buy-the-laptop?view=friend"
SERVER_PLANS = (
    (True, (("full", FULL), ("full", FULL), ("friend", FRIEND))),
    (True, (("friend", FRIEND), ("friend", FRIEND), ("full", FULL))),
    (False, (("full", FULL),)),  # the server's very first request: a link to the page
    (False, (("friend", FRIEND),)),  # the same, the friend's link
)


def serve_one_plan(browser, root: Path, home_first: bool, visits) -> list[tuple[str, float]]:
    """One fresh server from `root`, Home opened first or not, then `visits`; returns
    (what, ms) pairs: "home" and "<view> cold|warm|deep" (deep: a cold visit that is the
    server's first request)."""
    out = []
    server = StreamlitServer(LOGS / "verdict-server.log", root=root).start()
    try:
        if home_first:  # the server is up, a visitor has opened Home (a hosted app that is up)
            out.append(("home", home_ms(browser, server.url)))
        for visit, (view, path) in enumerate(visits):
            state = "warm" if visit else ("cold" if home_first else "deep")
            out.append((f"{view} {state}", first_verdict_ms(browser, f"{server.url}/{path}")))
    finally:
        server.stop()
    return out


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def verdict_runs(runs: int, before: Path | None = None, deep_only: bool = False) -> None:
    """Buy the Laptop's first verdict only, `runs` times, cold, warm and by a deep link,
    full page and the friend's view, and Home's own first view (see the module docstring);
    prints one line per server and the medians. With `before` (another checkout of the app),
    each run serves it and this tree alternately, plan by plan, the order swapped every run,
    so the machine's load falls on both alike."""
    trees = [("this", Path(__file__).resolve().parents[1])]
    if before is not None:
        trees.append(("before", before))
    figures: dict[tuple[str, str], list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_ARGS)
        plans = [p for p in SERVER_PLANS if not (deep_only and p[0])]
        for run in range(runs):
            for home_first, visits in plans:
                for tree, root in (trees if run % 2 == 0 else trees[::-1]):
                    load = load_average()
                    pairs = serve_one_plan(browser, root, home_first, visits)
                    for what, ms in pairs:
                        figures.setdefault((tree, what), []).append(ms)
                    print(f"run {run + 1} {tree:6} (load {load}): "
                          + ", ".join(f"{what} {ms:5.0f} ms" for what, ms in pairs), flush=True)
        browser.close()
    print(f"First view after navigation, median of {runs} runs (Buy the Laptop: to the first "
          "frame with the verdict, target < 1500 ms; home: Home's whole page, script done):")
    for (tree, what), values in sorted(figures.items()):
        cells = " ".join(f"{v:.0f}" for v in values)
        print(f"  {tree:6} {what:12} median {statistics.median(values):5.0f} ms  ({cells})")


def laptop_figures(browser, base: str) -> dict:
    """Buy the Laptop: ms from the start of the navigation (the browser's own clock, so the
    benchmark's own overhead is not counted) to the first frame showing the verdict; ms
    from clicking Train (on a page whose first charts have all been drawn) until the page
    has settled: training, its live chart, and the rerun that shows the new model
    everywhere, by whichever came last, the final chart drawn or the script going idle (a
    redraw of an identical chart is skipped by the browser, so the last change can be
    either)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(VERDICT_PROBE)
    page = context.new_page()
    page.goto(f"{base}/buy-the-laptop", wait_until="domcontentloaded")
    page.wait_for_function("window.__verdictAt !== undefined", timeout=60_000)
    verdict_ms = page.evaluate("window.__verdictAt")
    wait_for_app_run(page)
    page.evaluate(PLOT_PROBE)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 5",
                           timeout=60_000)
    settled(page)
    train = page.get_by_role("button", name="Train", exact=False).first
    before = page.evaluate("window.__plots.count")
    t0 = page.evaluate("performance.now()")
    train.click()
    page.wait_for_function(f"window.__plots.count > {before}", timeout=60_000)
    settled(page)
    end = page.evaluate("Math.max(window.__plots.last, window.__plots.idleAt)")
    context.close()
    return {"verdict_ms": verdict_ms, "train_ms": end - t0}


def population_figures(browser, base: str) -> dict:
    """Initialization's "How often it fails" (8 starts x 1,000 networks): ms from the click,
    on a page whose first section has settled, until its charts are drawn and the page has
    settled; first on a fresh server (cold), then in a new tab (st.cache_data warm)."""
    out = {}
    for name in ("cold", "warm"):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        open_page(page, base, "initialization")
        page.evaluate(PLOT_PROBE)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        settled(page)
        before = page.evaluate("window.__plots.count")
        t0 = page.evaluate("performance.now()")
        page.get_by_role("radio", name="How often it fails").first.click()
        page.wait_for_function(f"window.__plots.count >= {before} + 3", timeout=120_000)
        settled(page)
        out[name] = page.evaluate("Math.max(window.__plots.last, window.__plots.idleAt)") - t0
        context.close()
    return out


def failure(exc: Exception) -> dict:
    return {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0]}"}


def attempt(measure, *args) -> dict:
    """Run one measurement; a page that fails to answer is reported, not fatal."""
    try:
        return measure(*args)
    except Exception as exc:  # noqa: BLE001 - a benchmark reports every failure and goes on
        return failure(exc)


def slider_rounds(browser, targets: list[tuple], steps: int,
                  rounds: int) -> list[tuple[str, dict]]:
    """Open every (title, base url, path[, options for PageUnderTest]) in its own tab, then
    take `steps` slider steps on each in `rounds` rounds, every tab a share per round.
    Returns (title, result) rows."""
    tabs = []  # (title, the open tab or None if it failed to open, its result)
    for title, base, path, *options in targets:
        try:
            tab = PageUnderTest(browser, base, path, **(options[0] if options else {}))
            tabs.append((title, tab, tab.result))
        except Exception as exc:  # noqa: BLE001 - reported in the table, the run goes on
            tabs.append((title, None, failure(exc)))
    per_round = [steps // rounds + (1 if i < steps % rounds else 0) for i in range(rounds)]
    for count in per_round:
        for _, tab, result in tabs:
            if tab is not None and "error" not in result:
                try:
                    tab.steps(count)
                except Exception as exc:  # noqa: BLE001
                    result.update(failure(exc))
    for _, tab, _ in tabs:
        if tab is not None:
            tab.close()
    return [(title, result) for title, _, result in tabs]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def page_options(url_path: str) -> dict:
    """How PageUnderTest steps this page: its slider and its step timer."""
    settle = url_path in SETTLED
    return {"label": STEP_SLIDERS.get(url_path), "chart": not settle, "settle": settle}


def chosen_pages(names: list[str] | None) -> list:
    """The pages of ui.site_map named by URL path or title (all of them for None); a
    SystemExit naming the known pages for a name that is none of them."""
    if not names:
        return list(PAGES)
    known = {p.url_path: p for p in PAGES if p.url_path} | {p.title.lower(): p for p in PAGES}
    missing = [n for n in names if n.lower() not in known]
    if missing:
        raise SystemExit(f"No page {missing}; known: {sorted(k for k in known if k)}")
    return [p for p in PAGES if p in {known[n.lower()] for n in names}]


def step_cells(steps: list[float], floor: float, tuned: float) -> str:
    median, p95 = statistics.median(steps), percentile(steps, 0.95)
    return f"{median:10.0f}ms {p95:7.0f}ms {median / floor:6.2f} {median / tuned:6.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--pages", nargs="+", metavar="PAGE",
                        help="only these pages (URL path or title, e.g. training); the two "
                             "reference pages always run. Buy the Laptop's and the "
                             "population figures only when their page is among them")
    parser.add_argument("--verdict-only", action="store_true",
                        help="measure only Buy the Laptop's first verdict, cold and warm, "
                             "full page and friend's view")
    parser.add_argument("--runs", type=int, default=3, help="with --verdict-only")
    parser.add_argument("--deep-only", action="store_true",
                        help="with --verdict-only: only the two servers whose very first "
                             "request is the link (whole page, friend's view)")
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="with --verdict-only: another checkout of the app (e.g. "
                             "main's), served alternately with this one in every run")
    args = parser.parse_args()
    if args.verdict_only:
        LOGS.mkdir(exist_ok=True)
        verdict_runs(args.runs, args.before, args.deep_only)
        return
    pages = chosen_pages(args.pages)
    settle = any(p.url_path in SETTLED for p in pages)
    LOGS.mkdir(exist_ok=True)
    app = StreamlitServer(LOGS / "app-server.log").start()
    # Command-line options override the repository's .streamlit/config.toml.
    shipped = StreamlitServer(LOGS / "reference-server.log", script="bench/reference_app.py",
                              extra_args=("--runner.postScriptGC", "true")).start()
    tuned = StreamlitServer(LOGS / "reference-tuned-server.log",
                            script="bench/reference_app.py").start()
    laptop = population = None
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            # Warm the servers once so imports and caches are not billed to the first page.
            for server in (shipped, tuned):
                slider_rounds(browser, [("warm-up", server.url, "")], 2, 1)
            # The references take both step times when a page is timed to settled.
            reference = {"settle": settle}
            rows = slider_rounds(
                browser, [("reference (bare page)", shipped.url, "", reference),
                          ("reference, app's config", tuned.url, "", reference),
                          *((p.title, app.url, p.url_path, page_options(p.url_path))
                            for p in pages)],
                args.steps, args.rounds)
            paths = {p.url_path for p in pages}
            if "buy-the-laptop" in paths:
                laptop = attempt(laptop_figures, browser, app.url)
            if "initialization" in paths:
                population = attempt(population_figures, browser, app.url)
            browser.close()
        memory = rss_mib(app.process.pid)
    finally:
        app.stop()
        shipped.stop()
        tuned.stop()

    ref, ref_tuned = rows[0][1], rows[1][1]
    for title, r in rows[:2]:
        if "error" in r:
            raise SystemExit(f"{title}: FAILED: {r['error']}; no ratio without it")
    floors = {"steps_ms": (statistics.median(ref["steps_ms"]),
                           statistics.median(ref_tuned["steps_ms"]))}
    if settle:
        floors["settled_ms"] = (statistics.median(ref["settled_ms"]),
                                statistics.median(ref_tuned["settled_ms"]))
    print("ratio: to the bare page as Streamlit ships; tuned: to the bare page with this "
          "app's config. (settled): the step timed to the page settled (script finished, "
          f"nothing changed for {QUIET_MS} ms, components included), against the reference "
          "timed the same way")
    print(f"{'page':36} {'first chart':>12} {'step median':>12} {'step p95':>9} {'ratio':>6} "
          f"{'tuned':>6}")
    for title, r in rows:
        if "error" in r:
            print(f"{title:36} FAILED: {r['error']}")
            continue
        first = r["first_chart_ms"]
        first_cell = f"{first:10.0f}ms" if first is not None else f"{'(no chart)':>12}"
        timed = [(key, r[key]) for key in ("steps_ms", "settled_ms") if r.get(key)]
        if not timed:
            print(f"{title:36} {first_cell} {'(no slider)':>12}")
        for key, steps in timed:
            name = title + (" (settled)" if key == "settled_ms" else "")
            print(f"{name:36} {first_cell} {step_cells(steps, *floors[key])}")
    if laptop is not None and "error" in laptop:
        print(f"Buy the Laptop verdict/train: FAILED: {laptop['error']}")
    elif laptop is not None:
        print(f"Buy the Laptop: first verdict {laptop['verdict_ms']:.0f} ms after navigation "
              f"(target < 1500), Train to the page settled with its final chart "
              f"{laptop['train_ms']:.0f} ms (target < 1000)")
    if population is not None and "error" in population:
        print(f"Initialization page: FAILED: {population['error']}")
    elif population is not None:
        print(f"Initialization, how often it fails (8 starts x 1,000 networks): "
              f"cold {population['cold']:.0f} ms, warm (cached) {population['warm']:.0f} ms")
    print(f"Server memory after visiting {'every page' if not args.pages else 'these pages'}: "
          f"{memory:.0f} MiB (RSS)")


if __name__ == "__main__":
    main()
