"""Many visitors at once on Buy the Laptop: N browser sessions against one local server.

Each session opens the page with a laptop of its own in the link, uploads a table of its own
(a different rule per session, so verdicts differ), sets a seed of its own, trains, and reads
the verdict. Every verdict is compared with what laptop/ computes for that session's data and
seed; any exception box counts as a failure.

Prints time to verdict (from opening the page to the verdict after training; median and p95)
and the server's memory per open session (VmRSS of the server process before the sessions
open and while all are open, divided by N). Loopback only (127.0.0.1), bounded in time.

`--hostile H` runs the hostile scenario instead: rounds of the N ordinary visitors alone and
with H hostile visitors among them (the order alternates per round, on one server), and
prints the ordinary visitors' time to verdict both ways and their ratio, the server's CPU
time per phase, what each hostile visitor got, and the server's peak memory (VmHWM). The
hostile visitors keep coming until
the ordinary ones are done, taking turns at:
  - the expensive link: 300 rows, 16 hidden units, 500 epochs, batches of 1 (135,000
    training steps asked for), the same link again and again (a reload storm), each visit
    a new session opened by a bare Streamlit client (a websocket, no browser: a visitor's
    browser runs on their machine, and here it would only eat the ordinary visitors' CPU);
  - the same link with a new seed at every visit (no cache can help; the budget bounds it);
  - a model file with a 2 -> 100,000 -> 2 network (no weights: under 1 kB of JSON asks for
    400,000 weights, and for 168 million numbers per decision map), uploaded twice per round
    by a bare client too (file URLs over the websocket, a PUT with the XSRF cookie, a rerun
    with the uploader's state, as the page's uploader does). It is uploaded only when the
    page's loader refuses it (checked in this process first); a loader that accepts it
    would make the server allocate gigabytes on a shared machine, so the bench says so and
    leaves that visitor out.

`--browser-model-file` uploads it from a real browser on this machine instead (as the bench
did before 2026-12-01): that browser's drawing of the whole page then competes with the
ordinary visitors' browsers for this machine's cores, a cost a real visitor's own computer
pays; `--app-dir` runs another checkout's app (main, for a comparison in turn).

Run: .venv/bin/python bench/load.py [--sessions 20] [--timeout 600] [--port 8501]
     .venv/bin/python bench/load.py --sessions 4 --hostile 3 --rounds 2 [--browser-model-file]
tests/e2e/test_load.py runs the same driver with 10 sessions.
"""

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from laptop.data import check_table, read_csv_bytes, tutorial_table  # noqa: E402
from laptop.recipe import (  # noqa: E402
    RECIPE,
    ModelFileError,
    Settings,
    model_from_json_bytes,
    model_to_json_bytes,
    predict_buy,
    train,
)
from laptop.share_link import page_params  # noqa: E402
from laptop.verdict import verdict  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402

LOGS = Path(__file__).resolve().parent / "results"
URL = "buy-the-laptop"
SENTENCE = re.compile(r"(Buy it|Don't buy it): \d+% sure\. (Don't buy|Buy): \d+%\.")
APP = "[data-testid='stApp']"
STEP_MS = 90_000  # the longest any one step may take before the session counts as failed


@dataclass(frozen=True)
class Plan:
    """What one visitor does: their laptop, their table (CSV bytes) and their seed."""

    index: int
    pink: float
    small: float
    csv: bytes
    seed: int

    @property
    def rows(self) -> int:
        return self.csv.count(b"\n") - 1


@dataclass
class Outcome:
    plan: Plan
    shown: str | None = None  # the verdict sentence the page showed after training
    expected: str | None = None
    seconds_to_verdict: float | None = None  # page opened -> verdict after training
    seconds_train: float | None = None  # Train clicked -> verdict after training
    exceptions: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return (self.error is None and not self.exceptions and self.shown is not None
                and self.shown == self.expected)


def plans(n: int) -> list[Plan]:
    """n different visitors: each a table from its own rule (buy when a*pink + b*small is
    over a threshold), 8-16 rows, both answers present, a laptop and a seed of its own."""
    out = []
    for i in range(n):
        rng = np.random.default_rng(1000 + i)
        a, b = rng.uniform(-1, 1, size=2)
        while True:
            x = np.round(rng.uniform(0, 1, size=(int(rng.integers(8, 17)), 2)), 2)
            score = a * x[:, 0] + b * x[:, 1]
            y = (score > np.median(score)).astype(int)
            if 0 < y.sum() < len(y):
                break
        lines = ["pink,small,buy"] + [f"{p:g},{s:g},{int(v)}" for (p, s), v in zip(x, y,
                                                                                  strict=True)]
        pink, small = (round(float(v), 2) for v in rng.uniform(0.05, 0.95, size=2))
        out.append(Plan(i, pink, small, ("\n".join(lines) + "\n").encode(), 1 + i))
    return out


def expected_sentence(plan: Plan) -> str:
    """What laptop/ says for this visitor's table, seed and laptop (the page's own path)."""
    check = check_table(read_csv_bytes(plan.csv))
    run = train(check.x, check.y, replace(RECIPE, seed=plan.seed))
    assert run.ok, run.problem
    return verdict(float(predict_buy(run.model, np.array([[plan.pink, plan.small]]))[0])
                   ).sentence


def mark_unanswered(outcomes, timeout: float) -> None:
    """Give every session that saw no verdict (and no error) the time-out as its error."""
    for outcome in outcomes:
        if outcome.shown is None and outcome.error is None:
            outcome.error = f"no verdict within the {timeout:g} s limit"


async def _idle(page, timeout: int = STEP_MS) -> None:
    await page.wait_for_selector(f"{APP}[data-test-connection-state='CONNECTED']",
                                 state="attached", timeout=timeout)
    await page.wait_for_selector(f"{APP}[data-test-script-state='notRunning']",
                                 state="attached", timeout=timeout)
    await page.wait_for_timeout(200)


async def _verdict(page) -> str:
    text = await page.get_by_text(SENTENCE).first.inner_text()
    return SENTENCE.search(text).group(0)


async def one_session(browser, base_url: str, plan: Plan, outcome: Outcome,
                      ready: asyncio.Event | None = None) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = await context.new_page()
        page.set_default_timeout(STEP_MS)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), asyncio.ensure_future(
            d.dismiss())))
        start = time.perf_counter()
        await page.goto(f"{base_url}/{URL}?pink={plan.pink:g}&small={plan.small:g}",
                        wait_until="domcontentloaded")
        await page.get_by_text(SENTENCE).first.wait_for()
        await _idle(page)

        uploader = page.locator("[data-testid='stFileUploader']").filter(
            has_text="Upload a table")
        await uploader.locator("input[type='file']").set_input_files(files=[{
            "name": f"visitor-{plan.index}.csv", "mimeType": "text/csv", "buffer": plan.csv}])
        await page.get_by_text(f"Loaded {plan.rows} laptops from the file").wait_for()
        await _idle(page)

        seed = page.locator("[data-testid='stNumberInput']").filter(
            has_text="Seed").locator("input")
        await seed.fill(str(plan.seed))
        await seed.press("Tab")
        train_clicked = time.perf_counter()
        await page.get_by_role("button", name="Train", exact=True).click()
        await page.get_by_text(f"Trained for {RECIPE.epochs} epochs").wait_for()
        await _idle(page)
        outcome.shown = await _verdict(page)
        done = time.perf_counter()
        outcome.seconds_to_verdict = done - start
        outcome.seconds_train = done - train_clicked
        outcome.exceptions = await page.locator("[data-testid='stException']").all_inner_texts()
        if dialogs:
            outcome.error = f"a dialog fired: {dialogs!r}"
        if ready is not None:  # keep the session open until every session has its verdict
            await ready.wait()
    except Exception as error:  # noqa: BLE001 - reported per session, never hidden
        outcome.error = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
        try:
            LOGS.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(LOGS / f"load-failed-{plan.index}.png"),
                                  full_page=True)
        except Exception:  # noqa: BLE001, S110 - the screenshot is only a help
            pass
    finally:
        await context.close()


async def run_sessions(base_url: str, plan_list: list[Plan], timeout: float,
                       while_open=None) -> list[Outcome]:
    """All sessions at once in one headless Chromium (one context each). `while_open()` is
    called once every session has its verdict, before any closes (to measure memory)."""
    from playwright.async_api import async_playwright

    assert base_url.startswith("http://127.0.0.1:"), "loopback only"
    outcomes = [Outcome(p, expected=expected_sentence(p)) for p in plan_list]
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                           args=CHROMIUM_ARGS)
        ready = asyncio.Event()
        tasks = [asyncio.ensure_future(one_session(browser, base_url, p, o, ready))
                 for p, o in zip(plan_list, outcomes, strict=True)]

        async def release_when_all_done():
            while not all(o.shown is not None or o.error for o in outcomes):
                if all(t.done() for t in tasks):
                    break
                await asyncio.sleep(0.2)
            if while_open is not None:
                while_open()
            ready.set()

        try:
            await asyncio.wait_for(asyncio.gather(release_when_all_done(), *tasks),
                                   timeout=timeout)
        except TimeoutError:
            mark_unanswered(outcomes, timeout)
        finally:
            ready.set()
            await browser.close()
    return outcomes


async def _warm_up(base_url: str) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                           args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            await page.goto(f"{base_url}/{URL}", wait_until="domcontentloaded")
            await page.get_by_text(SENTENCE).first.wait_for(timeout=STEP_MS)
            await _idle(page)
        finally:
            await browser.close()


def warm_up(base_url: str) -> None:
    """One plain visit first, so the server has imported and run the page once before the
    sessions (its first-run cost is not counted per session)."""
    _in_thread(lambda: _warm_up(base_url), STEP_MS / 1000)


def _in_thread(make_coroutine, timeout: float):
    result: dict = {}

    def target():
        try:
            result["value"] = asyncio.run(make_coroutine())
        except BaseException as error:  # noqa: BLE001 - re-raised on the caller's thread
            result["error"] = error

    thread = threading.Thread(target=target, name="load-sessions")
    thread.start()
    thread.join(timeout + 60)
    if thread.is_alive():
        raise TimeoutError("the browser sessions did not finish")
    if "error" in result:
        raise result["error"]
    return result["value"]


def run_sessions_in_thread(base_url: str, plan_list: list[Plan], timeout: float,
                           while_open=None) -> list[Outcome]:
    """run_sessions on a thread of its own (its own event loop), so it can run next to the
    sync Playwright the other browser tests use."""
    return _in_thread(lambda: run_sessions(base_url, plan_list, timeout, while_open), timeout)


def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB (VmRSS in /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def percentile(values, q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(np.ceil(q * len(ordered))) - 1))]


# ---- the hostile scenario -------------------------------------------------------------------
EXPENSIVE = Settings(hidden_units=16, epochs=500, batch_size=1)  # issue #13 item 2
HOSTILE_KINDS = ("same expensive link", "expensive link, new seed", "wide model file")
WIDE_UNITS = 100_000


def expensive_query(seed: int) -> str:
    """The expensive link's query: 300 rows (the most a link holds), 500 epochs, batch 1."""
    rng = np.random.default_rng(300)
    x = np.round(rng.uniform(0, 1, size=(300, 2)), 2)
    y = (0.3 * x[:, 0] + x[:, 1] > 0.65).astype(int)
    params = page_params(x, y, replace(EXPENSIVE, seed=seed), 0.4, 0.6)
    assert params["data"] is not None, "the table must fit in the link"
    return urlencode(params)


def wide_model_file() -> bytes:
    """A model file whose layers ask for 2 -> 100,000 -> 2 units and hold no weights (the
    loader draws them): the tutorial's model file with its widths and weights changed."""
    check = check_table(tutorial_table())
    data = json.loads(model_to_json_bytes(train(check.x, check.y, RECIPE).model))
    data["layers"][0]["units"] = WIDE_UNITS
    data["layers"][1]["input_dim"] = WIDE_UNITS
    data["weights"] = None
    return json.dumps(data).encode()


def wide_model_refused() -> bool:
    """Whether the page's loader refuses the wide model file (checked here, not on the
    server: a loader that accepts it builds 200,000 weights before it could be stopped)."""
    try:
        model_from_json_bytes(wide_model_file())
    except ModelFileError:
        return True
    return False


@dataclass
class HostileVisit:
    kind: str
    seconds: float | None = None  # page opened -> verdict (link) or the file's message
    note_shown: bool = False  # the link's budget note, or the file's refusal
    error: str | None = None


def _bare_client(base_url: str):
    """A bare Streamlit client's websocket to the server at `base_url` (no browser)."""
    import websockets

    return websockets.connect(base_url.replace("http://", "ws://") + "/_stcore/stream",
                              subprotocols=["streamlit"], max_size=2**24)


async def _read_until(ws, wanted: str):
    """Read the server's messages up to the first of type `wanted` ("script_finished", ...):
    that message, and what came before it: (type, element) for each new element, and
    ("session", id) for the session's id."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    seen = []
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(ws.recv(), STEP_MS / 1000))
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            seen.append((element.WhichOneof("type"), element))
        if kind == "new_session" and forward.new_session.initialize.session_id:
            seen.append(("session", forward.new_session.initialize.session_id))
        if kind == wanted:
            return forward, seen


async def _hostile_link_visit(base_url: str, query: str, kind: str) -> HostileVisit:
    """Open the link as a bare Streamlit client (a websocket, no browser: the visitor's
    own machine pays for their browser, not this one), until the page's script finished."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    visit = HostileVisit(kind)
    start = time.perf_counter()
    try:
        async with _bare_client(base_url) as ws:
            message = BackMsg()
            message.rerun_script.query_string = query
            message.rerun_script.page_name = URL
            await ws.send(message.SerializeToString())
            _, seen = await _read_until(ws, "script_finished")
        texts = [{"markdown": element.markdown.body, "alert": element.alert.body}.get(what, "")
                 for what, element in seen if what != "session"]
        shown = any(SENTENCE.search(text) for text in texts)
        visit.note_shown = any("training steps" in text for text in texts)
        if any(what == "exception" for what, _ in seen):
            visit.error = "an exception element"
        visit.seconds = time.perf_counter() - start
        if not shown and visit.error is None:
            visit.error = "no verdict"
    except Exception as error:  # noqa: BLE001 - reported, never hidden
        visit.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    return visit


async def _hostile_model_visit(browser, base_url: str) -> HostileVisit:
    visit = HostileVisit(HOSTILE_KINDS[2])
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = await context.new_page()
        page.set_default_timeout(STEP_MS)
        await page.goto(f"{base_url}/{URL}", wait_until="domcontentloaded")
        await page.get_by_text(SENTENCE).first.wait_for()
        await _idle(page)
        start = time.perf_counter()
        uploader = page.locator("[data-testid='stFileUploader']").filter(
            has_text="Load a model file")
        await uploader.locator("input[type='file']").set_input_files(files=[{
            "name": "wide.json", "mimeType": "application/json", "buffer": wide_model_file()}])
        await page.get_by_text(re.compile("current model is kept|Loaded the model")
                               ).first.wait_for()
        visit.seconds = time.perf_counter() - start
        visit.note_shown = await page.get_by_text("current model is kept").count() > 0
    except Exception as error:  # noqa: BLE001
        visit.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    finally:
        await context.close()
    return visit


def _xsrf_cookie(base_url: str) -> str:
    """The XSRF cookie the server gives (on its health check, as a page gets it)."""
    import urllib.request

    with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=STEP_MS / 1000) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == "_streamlit_xsrf":
                return rest.split(";", 1)[0]
    raise RuntimeError("no XSRF cookie")


def _put_file(url: str, cookie: str, name: str, raw: bytes) -> None:
    import urllib.request

    boundary = "----bench-load-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: application/json\r\n\r\n").encode() + \
        raw + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, method="PUT", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": f"_streamlit_xsrf={cookie}", "X-Xsrftoken": cookie})
    with urllib.request.urlopen(request, timeout=STEP_MS / 1000) as response:
        response.read()


async def _hostile_model_visit_bare(base_url: str) -> HostileVisit:
    """The wide model file uploaded by a bare Streamlit client, as the page's own uploader
    would send it (file URLs asked over the websocket, the file PUT with the XSRF cookie, a
    rerun with the uploader's state), so that no browser on this machine is counted."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    visit = HostileVisit(HOSTILE_KINDS[2])
    raw = wide_model_file()
    try:
        cookie = await asyncio.to_thread(_xsrf_cookie, base_url)
        async with _bare_client(base_url) as ws:
            message = BackMsg()
            message.rerun_script.page_name = URL
            await ws.send(message.SerializeToString())
            _, seen = await _read_until(ws, "script_finished")
            session_id = next(v for k, v in seen if k == "session")
            uploader = next(e.file_uploader for k, e in seen if k == "file_uploader"
                            and "model file" in e.file_uploader.label)
            start = time.perf_counter()
            message = BackMsg()
            message.file_urls_request.request_id = "wide"
            message.file_urls_request.session_id = session_id
            message.file_urls_request.file_names.append("wide.json")
            await ws.send(message.SerializeToString())
            answer, _ = await _read_until(ws, "file_urls_response")
            urls = answer.file_urls_response.file_urls[0]
            upload_url = urls.upload_url if urls.upload_url.startswith("http") \
                else base_url + urls.upload_url
            await asyncio.to_thread(_put_file, upload_url, cookie, "wide.json", raw)
            message = BackMsg()
            message.rerun_script.page_name = URL
            state = message.rerun_script.widget_states.widgets.add()
            state.id = uploader.id
            info = state.file_uploader_state_value.uploaded_file_info.add()
            info.name, info.size, info.file_id = "wide.json", len(raw), urls.file_id
            info.file_urls.CopyFrom(urls)
            await ws.send(message.SerializeToString())
            _, seen = await _read_until(ws, "script_finished")
        visit.seconds = time.perf_counter() - start
        texts = [e.alert.body for k, e in seen if k == "alert"]
        visit.note_shown = any("current model is kept" in t for t in texts)
        if not visit.note_shown and any("Loaded the model" in t for t in texts):
            visit.error = "the wide model file was loaded"
        elif not visit.note_shown:
            visit.error = "no message about the file"
    except Exception as error:  # noqa: BLE001 - reported, never hidden
        visit.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    return visit


async def _hostile_visitor(browser, base_url: str, kind: str, round_seed: int,
                           stop: asyncio.Event, visits: list[HostileVisit],
                           max_visits: int = 50) -> None:
    """One hostile visitor coming back again and again until `stop` (or max_visits)."""
    for n in range(max_visits):
        if stop.is_set():
            return
        if kind == HOSTILE_KINDS[0]:
            visit = await _hostile_link_visit(base_url, expensive_query(round_seed), kind)
        elif kind == HOSTILE_KINDS[1]:
            visit = await _hostile_link_visit(
                base_url, expensive_query(round_seed * 1000 + n + 1), kind)
        elif n < 2 and browser is None:  # twice per round, as a bare client
            visit = await _hostile_model_visit_bare(base_url)
        elif n < 2:  # in a browser: twice per round (its page costs this machine too)
            visit = await _hostile_model_visit(browser, base_url)
        else:
            return
        visits.append(visit)


async def run_mixed(base_url: str, plan_list: list[Plan], hostile: list[str],
                    round_seed: int, timeout: float, bare_model_file: bool = False
                    ) -> tuple[list[Outcome], list[HostileVisit]]:
    """The ordinary visitors (each closes when done) with `hostile` visitors among them,
    who keep coming until the last ordinary visitor has its verdict."""
    from playwright.async_api import async_playwright

    assert base_url.startswith("http://127.0.0.1:"), "loopback only"
    outcomes = [Outcome(p, expected=expected_sentence(p)) for p in plan_list]
    visits: list[HostileVisit] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                           args=CHROMIUM_ARGS)
        stop = asyncio.Event()
        attackers = [asyncio.ensure_future(_hostile_visitor(
            None if bare_model_file else browser, base_url, kind, round_seed, stop, visits))
            for kind in hostile]
        try:
            await asyncio.wait_for(asyncio.gather(*(
                one_session(browser, base_url, p, o) for p, o in zip(plan_list, outcomes,
                                                                    strict=True))),
                timeout=timeout)
        except TimeoutError:
            mark_unanswered(outcomes, timeout)
        finally:
            stop.set()
            await asyncio.wait_for(asyncio.gather(*attackers, return_exceptions=True),
                                   timeout=STEP_MS / 1000 * 2)
            await browser.close()
    return outcomes, visits


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for pid {pid}")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _summary(values: list[float]) -> str:
    if not values:
        return "no figures"
    return (f"median {statistics.median(values):.2f} s, p95 {percentile(values, 0.95):.2f} s"
            f" (n={len(values)})")


def hostile_main(args) -> int:
    """Rounds of ordinary visitors alone and with hostile ones, interleaved, on one server."""
    kinds = [HOSTILE_KINDS[i % len(HOSTILE_KINDS)] for i in range(args.hostile)]
    refused = wide_model_refused()
    if not refused:
        kinds = [k for k in kinds if k != HOSTILE_KINDS[2]]
    server = StreamlitServer(LOGS / "load-hostile-server.log", port=args.port,
                             root=Path(args.app_dir).resolve()).start()
    alone: list[Outcome] = []
    mixed: list[Outcome] = []
    visits: list[HostileVisit] = []
    per_round = []
    try:
        warm_up(server.url)
        base = rss_kib(server.process.pid)
        for r in range(args.rounds):
            order = ("alone", "hostile") if r % 2 == 0 else ("hostile", "alone")
            for phase in order:
                attackers = kinds if phase == "hostile" else []
                cpu = _cpu_seconds(server.process.pid)
                outcomes, got = _in_thread(lambda a=attackers, r=r: run_mixed(
                    server.url, plans(args.sessions), a, 100 + r, args.timeout,
                    not args.browser_model_file),
                    args.timeout + 2 * STEP_MS / 1000)
                cpu = _cpu_seconds(server.process.pid) - cpu
                (mixed if attackers else alone).extend(outcomes)
                visits.extend(got)
                times = [o.seconds_to_verdict for o in outcomes if o.seconds_to_verdict]
                per_round.append((r + 1, phase, statistics.median(times) if times else None,
                                  len(got), cpu))
        peak = _peak_kib(server.process.pid)
        after = rss_kib(server.process.pid)
    finally:
        server.stop()

    print(f"Buy the Laptop, hostile scenario: {args.sessions} ordinary visitors at once, "
          f"alone and with {len(kinds)} hostile visitors among them; {args.rounds} rounds, "
          "interleaved, one server")
    print(f"  app: {Path(args.app_dir).resolve()}; model file from "
          f"{'a browser' if args.browser_model_file else 'a bare client'}; hostile visitors: "
          f"{', '.join(kinds) or 'none'}")
    if not refused:
        print("  (the wide model file is NOT refused by this branch's loader: left out, since "
              "the server would allocate gigabytes for its decision map)")
    for number, phase, median, n_visits, cpu in per_round:
        extra = f", {n_visits} hostile visits" if phase == "hostile" else ""
        print(f"  round {number} {phase:>7}: ordinary median time to verdict "
              f"{median:.2f} s, server CPU {cpu:.1f} s{extra}" if median
              else f"  round {number} {phase}: no figures")
    t_alone = [o.seconds_to_verdict for o in alone if o.seconds_to_verdict]
    t_mixed = [o.seconds_to_verdict for o in mixed if o.seconds_to_verdict]
    print(f"  ordinary time to verdict (open, upload, train, verdict), alone:        "
          f"{_summary(t_alone)}")
    print(f"  ordinary time to verdict, with the hostile visitors:                   "
          f"{_summary(t_mixed)}")
    if t_alone and t_mixed:
        print(f"  slow-down of ordinary visitors (ratio of medians): "
              f"{statistics.median(t_mixed) / statistics.median(t_alone):.2f}x "
              "(goal: under 1.5x)")
    for kind in kinds:
        mine = [v for v in visits if v.kind == kind]
        ok = [v.seconds for v in mine if v.seconds is not None and v.error is None]
        what = "refusal shown" if kind == HOSTILE_KINDS[2] else "budget note shown"
        print(f"  hostile '{kind}': {len(mine)} visits, time to "
              f"{'message' if kind == HOSTILE_KINDS[2] else 'verdict'} {_summary(ok)}, "
              f"{what} in {sum(v.note_shown for v in mine)}, errors "
              f"{sum(v.error is not None for v in mine)}")
        for v in [v for v in mine if v.error][:3]:
            print(f"    error: {v.error}")
    print(f"  server memory: {base / 1024:.0f} MiB after warm-up, peak (VmHWM) "
          f"{peak / 1024:.0f} MiB, {after / 1024:.0f} MiB at the end (goal: within 300 MB)")
    failed = [o for o in alone + mixed if not o.ok]
    for o in failed:
        print(f"  FAILED ordinary session {o.plan.index}: shown={o.shown!r} "
              f"expected={o.expected!r} exceptions={o.exceptions!r} error={o.error!r}")
    return 1 if failed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds for all sessions together (default 600)")
    parser.add_argument("--hostile", type=int, default=0,
                        help="hostile visitors among the ordinary ones (0: the plain scenario)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="hostile scenario: rounds of (alone, with hostile visitors)")
    parser.add_argument("--port", type=int, default=None,
                        help="the server's port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--app-dir", default=str(Path(__file__).resolve().parents[1]),
                        help="hostile scenario: the checkout whose app the server runs "
                             "(default: this one), to compare two versions in turn")
    parser.add_argument("--browser-model-file", action="store_true",
                        help="hostile scenario: upload the wide model file from a browser "
                             "on this machine (default: a bare client, as the links)")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 200:
        parser.error("--sessions must be between 1 and 200")
    if not 0 <= args.hostile <= 30 or not 1 <= args.rounds <= 20:
        parser.error("--hostile must be between 0 and 30, --rounds between 1 and 20")
    if args.hostile:
        return hostile_main(args)

    server = StreamlitServer(LOGS / "load-server.log", port=args.port).start()
    try:
        # warm up: one visit first, so imports and caches are not counted per session
        warm_up(server.url)
        base = rss_kib(server.process.pid)
        memory = {}

        def measure():
            memory["open"] = rss_kib(server.process.pid)

        started = time.perf_counter()
        outcomes = run_sessions_in_thread(server.url, plans(args.sessions), args.timeout,
                                          measure)
        wall = time.perf_counter() - started
        after = rss_kib(server.process.pid)
    finally:
        server.stop()

    failed = [o for o in outcomes if not o.ok]
    times = [o.seconds_to_verdict for o in outcomes if o.seconds_to_verdict is not None]
    trains = [o.seconds_train for o in outcomes if o.seconds_train is not None]
    print(f"Buy the Laptop, {args.sessions} sessions at once against one server")
    print(f"  all done in {wall:.1f} s; {len(outcomes) - len(failed)} of {len(outcomes)} "
          "sessions got the verdict their own data gives")
    if times:
        print(f"  time to verdict (open page, upload, train, verdict): median "
              f"{statistics.median(times):.2f} s, p95 {percentile(times, 0.95):.2f} s, "
              f"max {max(times):.2f} s")
        print(f"  Train click to verdict: median {statistics.median(trains):.2f} s, "
              f"p95 {percentile(trains, 0.95):.2f} s")
    if "open" in memory:
        per = (memory["open"] - base) / args.sessions
        print(f"  server RSS: {base / 1024:.0f} MiB before, {memory['open'] / 1024:.0f} MiB "
              f"with all {args.sessions} sessions open ({per / 1024:.2f} MiB per session), "
              f"{after / 1024:.0f} MiB after they closed")
    for o in failed:
        print(f"  FAILED session {o.plan.index}: shown={o.shown!r} expected={o.expected!r} "
              f"exceptions={o.exceptions!r} error={o.error!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
