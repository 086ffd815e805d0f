"""Accessibility in the browser (issue #18): axe-core on every page at desktop and phone
width, each page's own tab title, charts without Plotly's mode bar and with a text
alternative, a keyboard focus ring that can be seen, headings that go down one level at a
time, and a verdict reached and announced with the keyboard alone.

axe (axe-playwright-python's copy of axe-core) runs the WCAG 2.1 A and AA rules. A page
fails on any serious or critical violation, except the few in `STREAMLIT_CHROME`: markup
Streamlit itself draws that the app cannot change, each with its reason. What the pages
still have to fix is in `APP_TO_FIX` and marks those pages xfail(strict): a fix flips them.

axe checks the colour contrast of text only where it is in the viewport (elsewhere it
cannot tell the background), and Streamlit scrolls inside its own container, so the
viewport is made as tall as the page before axe runs. axe does not read text Plotly draws
in SVG: tests/unit/ui/test_contrast.py computes those colours' ratios.
"""

import re

import pytest

from decide.words import ANNOUNCE_KEY
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import exception_texts, open_page, wait_for_app_run, wait_for_drawn_charts
from ui.site_map import PAGES, tab_title

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
SIZES = {"1280": DESKTOP, "400": PHONE}

# (rule id, CSS selector the flagged element matches, why the app cannot fix it)
STREAMLIT_CHROME = (
    ("list", "[data-testid='stSidebarNavItems']",
     "Streamlit 1.67's sidebar navigation puts each st.navigation section (Learn, Decide) in "
     "a <div> (header + links) directly inside its <ul>; the links stay reachable and named"),
    ("listitem", "[data-testid='stSidebarNavItems'] > div li",
     "the same markup seen from the links: their <li> sits in the section's <div>, not in a "
     "<ul>"),
)

# Pages whose own content still fails: {url_path: {rule id: what phase 2 must change}}.
# Empty since ui/theme.css gave KaTeX's aligned formulas room for their strut (Initialization).
APP_TO_FIX: dict[str, dict[str, str]] = {}

# Pages that show at least this many charts as soon as they open.
CHARTS_AT_OPEN = {"perceptron": 2, "sigmoid-neuron": 1, "activations": 1, "initialization": 1,
                  "buy-the-laptop": 1}


def _axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


RUN_AXE = """async ([tags, allowed]) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                            resultTypes: ['violations'], elementRef: true});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({
            target: n.target.join(' '), html: n.html.slice(0, 160),
            summary: n.failureSummary,
            allowed: allowed.some(([rule, selector]) => rule === v.id && n.element
                                  && n.element.matches(selector)),
        })),
    }));
}"""


def _show_whole_page(page, size: dict) -> None:
    """Make the viewport as tall as the page, so axe sees every element on screen."""
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 800), 12_000)})
    page.wait_for_timeout(500)


def _open(page, base_url: str, url_path: str) -> None:
    open_page(page, base_url, url_path)
    assert exception_texts(page) == []
    if url_path in CHARTS_AT_OPEN:
        wait_for_drawn_charts(page, CHARTS_AT_OPEN[url_path])


def axe_violations(page) -> list[dict]:
    """Serious and critical WCAG 2.1 AA violations on the page, each node marked `allowed`
    when `STREAMLIT_CHROME` lists it."""
    page.evaluate(_axe_script())
    allowed = [[rule, selector] for rule, selector, _ in STREAMLIT_CHROME]
    return [v for v in page.evaluate(RUN_AXE, [WCAG_21_AA, allowed]) if v["impact"] in BLOCKING]


def _report(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']} {v['id']} ({v['help']}): {n['target']}\n    {n['html']}"
                     f"\n    {n['summary']}" for v in violations for n in v["nodes"])


def _cases():
    for info in PAGES:
        for size in SIZES:
            to_fix = APP_TO_FIX.get(info.url_path)
            marks = [pytest.mark.xfail(strict=True, reason="; ".join(
                f"{rule}: {why}" for rule, why in to_fix.items()))] if to_fix else []
            yield pytest.param(info, size, marks=marks, id=f"{info.title}-{size}")


@pytest.mark.parametrize("info, size", list(_cases()))
def test_no_serious_or_critical_axe_violation_from_the_app(browser, app_server, request,
                                                           info, size):
    context = browser.new_context(viewport=SIZES[size])
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        _open(page, app_server.url, info.url_path)
        _show_whole_page(page, SIZES[size])
        assert_no_own_violations(page)
    finally:
        context.close()


def assert_no_own_violations(page) -> None:
    """axe-core on the page as it is: no violation but what STREAMLIT_CHROME excuses."""
    violations = axe_violations(page)
    own = [{**v, "nodes": [n for n in v["nodes"] if not n["allowed"]]} for v in violations]
    own = [v for v in own if v["nodes"]]
    assert own == [], _report(own)


def test_what_the_allow_list_excuses_is_still_there(page, app_server):
    """Each STREAMLIT_CHROME entry still matches a violation: a Streamlit that fixes its
    markup makes this fail, and the entry goes. Nothing else is excused on the way."""
    _open(page, app_server.url, "")
    violations = axe_violations(page)
    matched = {v["id"] for v in violations for n in v["nodes"] if n["allowed"]}
    assert matched == {rule for rule, _, _ in STREAMLIT_CHROME}, _report(violations)


@pytest.mark.parametrize("info", PAGES, ids=[p.title for p in PAGES])
def test_every_page_has_its_own_tab_title(page, app_server, info):
    open_page(page, app_server.url, info.url_path)
    assert page.title() == tab_title(info.title)


def test_the_tab_title_follows_a_switch_in_the_sidebar(page, app_server):
    open_page(page, app_server.url)
    assert page.title() == "From one neuron to a laptop"
    page.locator("[data-testid='stSidebarNav'] a", has_text="Activations").click()
    page.wait_for_url("**/activations")
    wait_for_app_run(page)
    page.wait_for_function("t => document.title === t", arg=tab_title("Activations"))


@pytest.mark.parametrize("url_path", list(CHARTS_AT_OPEN))
def test_charts_have_no_plotly_mode_bar_to_tab_through(page, app_server, url_path):
    _open(page, app_server.url, url_path)
    charts = page.locator("[data-testid='stPlotlyChart']")
    assert charts.count() >= CHARTS_AT_OPEN[url_path]
    assert page.locator("[data-testid='stPlotlyChart'] .modebar-btn").count() == 0
    focusable = page.evaluate("""() => [...document.querySelectorAll(
        "[data-testid='stPlotlyChart'] a[href], [data-testid='stPlotlyChart'] button, "
        + "[data-testid='stPlotlyChart'] [tabindex]:not([tabindex='-1'])")].length""")
    assert focusable == 0


@pytest.mark.parametrize("url_path", list(CHARTS_AT_OPEN))
def test_every_chart_has_a_text_alternative(page, app_server, url_path):
    _open(page, app_server.url, url_path)
    charts = page.locator("[data-testid='stPlotlyChart']")
    assert charts.count() >= CHARTS_AT_OPEN[url_path]
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.get_attribute("role") == "figure"
        label = chart.get_attribute("aria-label") or ""
        assert re.search(r"\d", label), (i, label)  # a sentence carrying its key numbers


def test_a_focused_button_shows_a_solid_ring_in_the_primary_colour(page, app_server):
    """Streamlit's ring is the primary colour at 50% (2.2:1 on white); ui/theme.css draws a
    solid 2 px outline of it (5.7:1), reached with the keyboard."""
    _open(page, app_server.url, "buy-the-laptop")
    button = page.locator("[data-testid='stMain'] button:visible").first
    button.scroll_into_view_if_needed()
    button.focus()
    page.keyboard.press("Shift+Tab")  # move away and back by keyboard: :focus-visible
    page.keyboard.press("Tab")
    ring = page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {focusVisible: el.matches(':focus-visible'), tag: el.tagName,
                style: style.outlineStyle, width: style.outlineWidth,
                color: style.outlineColor};
    }""")
    assert ring["focusVisible"] and ring["tag"] == "BUTTON", ring
    assert (ring["style"], ring["width"], ring["color"]) == ("solid", "2px", "rgb(194, 37, 92)")


HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"""


@pytest.mark.parametrize("info", PAGES, ids=[p.title for p in PAGES])
def test_headings_go_down_one_level_at_a_time(page, app_server, info):
    """h1, then h2, then h3: a screen reader's list of headings has no level missing."""
    _open(page, app_server.url, info.url_path)
    headings = page.evaluate(HEADINGS)
    assert headings and headings[0][0] == 1, headings
    assert [level for level, _ in headings].count(1) == 1, headings
    for (before, _), (level, text) in zip(headings, headings[1:], strict=False):
        assert level <= before + 1, (text, headings)


FOCUSED = """() => { const e = document.activeElement;
    const slider = e.closest("[data-testid='stSlider']");
    return {tag: e.tagName, text: (e.innerText || '').trim(), value: e.value || '',
            slider: slider ? slider.innerText.split('\\n')[0] : null}; }"""
VERDICT_WORDS = re.compile(r"(Buy it|Don't buy it): (\d+)% sure\. (?:Don't buy|Buy): (\d+)%\.")
# The networks' vote first (when they voted), then the model's own answer.
ANNOUNCED = re.compile(r"(?:[^.]*networks[^.]*\. )?The model's answer: (buy it|don't buy it), "
                       r"(\d+)% sure \((?:don't buy|buy): (\d+)%\)\.")


def _tab_to(page, wanted, limit: int = 80) -> dict:
    """Press Tab until `wanted(focused)` holds; returns what has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError(f"not reached with {limit} presses of Tab")


def test_the_verdict_heading_reads_buy_it_without_its_icon(page, app_server):
    """The vote of the networks leads (h2), the model's own answer follows (h3); neither
    heading has an icon for a screen reader to read out ("thumb_up icon Buy it")."""
    _open(page, app_server.url, "buy-the-laptop")
    vote = page.get_by_role("heading", level=2, name=re.compile(
        r"^(All \d+|\d+ of \d+) networks say (buy|don't buy)( \(on average \d+% sure\))?$"))
    assert vote.count() == 1
    own = page.get_by_role("heading", level=3, name=re.compile(
        r"^Your model, one of them: (Buy it|Don't buy it)$"))
    assert own.count() == 1
    # the icon is shown beside "Ask the model", hidden from screen readers there too
    icon = page.locator(f".st-key-{ANNOUNCE_KEY} [data-testid='stAlertDynamicIcon']")
    assert icon.inner_text() in ("thumb_up", "thumb_down")
    assert icon.get_attribute("aria-hidden") == "true"


def test_a_verdict_reached_with_the_keyboard_alone_is_announced_where_the_focus_is(
        page, app_server):
    """From the top of Buy the Laptop with Tab, Home and Enter only: move "How small is it?"
    to 0, press "Ask the model". The live region under the button (st.info: role="status",
    polite; the same element all along) then says the new verdict, the one the page's heading
    shows."""
    _open(page, app_server.url, "buy-the-laptop")
    region = page.locator(f".st-key-{ANNOUNCE_KEY} [role='status']")
    assert region.count() == 1
    words = region.locator("[data-testid='stMarkdownContainer']")  # what is read: no icon
    before = words.inner_text()
    assert ANNOUNCED.fullmatch(before), before
    region.evaluate("e => { e.dataset.seen = 'yes'; }")

    page.keyboard.press("Home")  # nothing focused yet: the page's start
    _tab_to(page, lambda f: f["slider"] == "How small is it?" and f["tag"] == "INPUT")
    page.keyboard.press("Home")  # the slider to 0: not small at all
    assert page.evaluate(FOCUSED)["value"] in ("0", "0.00"), page.evaluate(FOCUSED)
    button = _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Ask the model",
                     limit=3)
    assert button["text"] == "Ask the model"
    page.keyboard.press("Enter")
    page.wait_for_function("([selector, old]) => document.querySelector(selector)"
                           " && document.querySelector(selector).innerText.trim() !== old",
                           arg=[f".st-key-{ANNOUNCE_KEY} [role='status'] "
                                "[data-testid='stMarkdownContainer']", before],
                           timeout=30_000)
    wait_for_app_run(page)

    after = words.inner_text()
    said = ANNOUNCED.fullmatch(after)
    assert said, after
    shown = VERDICT_WORDS.search(page.locator("[data-testid='stMain']").inner_text())
    assert shown, "no verdict sentence on the page"
    assert (said.group(1).capitalize(), said.group(2), said.group(3)) == shown.groups()
    # the very element that was there before: a live region is heard when its text changes
    assert region.get_attribute("data-seen") == "yes"
    # ...where the focus still is: the button, with the line just under it
    assert page.evaluate(FOCUSED)["text"] == "Ask the model"
    button_box = page.get_by_role("button", name="Ask the model").bounding_box()
    region_box = region.bounding_box()
    assert 0 <= region_box["y"] - (button_box["y"] + button_box["height"]) < 80, (
        button_box, region_box)
