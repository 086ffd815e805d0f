"""Every chart fits in the margins it asks for, so Plotly draws it once.

When a tick label, an axis title, a colour bar or a legend does not fit in a chart's
margins, Plotly widens them (every axis has `automargin`, ui.theme.AXIS_LOOK) and draws the
whole chart a second time. Those extra draws were most of what made the Sigmoid
Neuron and Activations pages slower than a bare page (issue 8, bench/chart_draw.py). The
margins are set in the figure builders (ui.theme.MARGIN and per chart); this test fails
when a change to a chart (a longer title, a legend below) needs more room than its margins
give at desktop width. On a phone a legend may wrap and Plotly makes room, which is fine.
"""

import pytest

from tests.e2e.helpers import open_page, wait_for_app_run, wait_for_drawn_charts
from ui.site_map import page as page_info

# For each visible chart: its title, the margins it asks for and the ones Plotly used.
MARGINS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(gd => gd._fullLayout && gd.getClientRects().length > 0)
  .map(gd => {
    const layout = gd._fullLayout, asked = layout.margin, used = layout._size;
    const title = (gd.layout.title && gd.layout.title.text)  // the panel title if none
      || ((gd.layout.annotations || [])[0] || {}).text || '';
    return {title: title.replace(/<[^>]+>/g, ' ').trim().slice(0, 60),
            asked: [asked.l, asked.r, asked.t, asked.b],
            used: [used.l, used.r, used.t, used.b]};
  })"""

# page title -> (charts drawn on opening, the Initialization sections to open after it)
PAGES = {
    "Perceptron": (3, ()),
    "Sigmoid Neuron": (1, ()),
    "Activations": (3, ()),
    "Initialization": (3, ("10 layers deep", "How often it fails")),
    "Buy the Laptop": (4, ()),
}


def _grown(page) -> list[str]:
    """The charts whose margins Plotly had to widen, with what they asked for and used."""
    page.wait_for_timeout(500)  # let the last redraw of every chart finish
    return [f"{c['title']!r}: asked l,r,t,b = {c['asked']}, used {c['used']}"
            for c in page.evaluate(MARGINS)
            if any(used > asked + 0.5
                   for asked, used in zip(c["asked"], c["used"], strict=True))]


@pytest.mark.parametrize("title", list(PAGES))
def test_every_chart_fits_its_margins_at_desktop_width(page, app_server, title):
    charts, sections = PAGES[title]
    open_page(page, app_server.url, page_info(title).url_path)
    assert wait_for_drawn_charts(page, charts, timeout=60_000) >= charts
    grown = _grown(page)
    for section in sections:
        page.locator("[data-testid='stButtonGroup']").get_by_role(
            "radio", name=section, exact=True).click()
        wait_for_app_run(page)
        assert wait_for_drawn_charts(page, 3, timeout=60_000) >= 3, section
        grown += _grown(page)
    assert grown == [], "\n".join(grown)


# Each verdict map's parts under the square, top to bottom (px on screen): the x-axis title,
# the colour bar's title, its tick labels ("0%"... "100%") and the legend.
STACK = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(gd => gd.getClientRects().length > 0 && gd.querySelector('.colorbar'))
  .map(gd => {
    const box = s => { const r = [...gd.querySelectorAll(s)].map(e => e.getBoundingClientRect());
                       return {top: Math.min(...r.map(b => b.top)),
                               bottom: Math.max(...r.map(b => b.bottom))}; };
    return {title: gd.querySelector('.gtitle').textContent, xtitle: box('.g-xtitle'),
            cbtitle: box('.colorbar .cbtitle'), ticks: box('.colorbar .cbaxis text'),
            legend: box('.legend'), chart: box('.main-svg')};
  })"""
# Every chart with an x-axis title and a legend under it: both boxes (px on screen).
UNDER = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(gd => gd.getClientRects().length > 0 && gd.querySelector('.legend')
                && (gd.querySelector('.g-xtitle') || {}).textContent)
  .map(gd => {
    const box = e => { const r = e.getBoundingClientRect();
                       return {top: r.top, bottom: r.bottom}; };
    return {title: gd.querySelector('.gtitle').textContent,
            xtitle: box(gd.querySelector('.g-xtitle')), legend: box(gd.querySelector('.legend'))};
  })
  .filter(c => c.legend.top > c.xtitle.top)"""


@pytest.mark.parametrize("width", [1280, 400])
def test_the_verdict_maps_keep_their_titles_colour_bar_and_legend_apart(browser, app_server,
                                                                        width):
    """Under each verdict map (both tabs), the x-axis title, the colour bar with its "0%" and
    the legend are at least 16 px (the legend 8 px: its box has its own padding) apart, and
    the legend ends inside the chart, at desktop and phone width. Every other chart of the
    page with a legend under it keeps it 8 px clear of its x-axis title (on a phone the
    training chart's legend wraps to four rows: it once climbed onto "epoch")."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        open_page(page, app_server.url, page_info("Buy the Laptop").url_path)
        page.set_viewport_size({"width": width, "height": 6000})  # every chart on screen
        wait_for_drawn_charts(page, 6, timeout=60_000)
        page.wait_for_timeout(500)
        maps = page.evaluate(STACK)
        under = page.evaluate(UNDER)
        assert any(c["title"].startswith("Training") for c in under), under
        for c in under:
            assert c["legend"]["top"] - c["xtitle"]["bottom"] >= 8, c
        page.get_by_role("tab", name="Your model").click()
        wait_for_drawn_charts(page, 6, timeout=60_000)
        page.wait_for_timeout(500)
        maps += page.evaluate(STACK)
        titles = {m["title"] for m in maps}  # the agreement map and the model's own
        assert len(titles) == 2 and all(t.startswith(("Where the", "Why:")) for t in titles), maps
        for m in maps:
            assert m["cbtitle"]["top"] - m["xtitle"]["bottom"] >= 16, m
            assert m["legend"]["top"] - m["ticks"]["bottom"] >= 8, m
            assert m["legend"]["bottom"] <= m["chart"]["bottom"], m
    finally:
        context.close()
