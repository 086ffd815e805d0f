"""What each page's charts cost the browser to draw, next to the reference page's line.

bench/app_latency.py times a whole slider step (server, network, Streamlit, Plotly). This
isolates one part of it: Plotly drawing each chart the app sends, in headless Chromium,
with nothing else running in the page. A page's step cannot be faster than the reference
page's by less than the difference between its charts' draw times and the reference line's,
so this explains the part of a step that no server-side work can remove.

The specs are the exact JSON each page sends (collected with AppTest). The app's charts carry
their whole look (`ui.theme.figure`, shown with Streamlit's theme off); the reference page's
line gets what Streamlit's theme adds that changes the drawing: axes that widen the margins
for their labels (`automargin`) and its spacing of axis titles. "fits" says whether the chart
fit in the margins it asks for; when it does not, Plotly widens them and draws the chart a
second time (tests/e2e/test_chart_margins.py checks the app's charts in the real page). The
plotly.js used is the one shipped with the plotly Python package, which may be a different
version from the one bundled in Streamlit; compare the ratios, not the absolute times.

Run: .venv/bin/python bench/chart_draw.py
"""

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import plotly  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from ui.site_map import PAGES  # noqa: E402

REPEATS = 9
WIDTH = 820  # px, the main column of a 1280 px wide window
# What Streamlit's frontend (1.67, theme "streamlit") merges into a themed chart's template
# layout and that changes how much drawing there is (colours and fonts aside).
STREAMLIT_TEMPLATE = {"xaxis": {"automargin": True, "title": {"standoff": 20}},
                      "yaxis": {"automargin": True, "title": {"standoff": 24}},
                      "margin": {"pad": 8, "l": 0, "r": 0}}
DRAW = """async ([spec, repeats, width, streamlitTemplate]) => {
  const times = [];
  let fits = true;
  for (let i = 0; i < repeats; i++) {
    const figure = JSON.parse(spec), layout = figure.layout;
    if (typeof layout.template !== 'string') {  // themed by Streamlit (the reference page)
      layout.template = layout.template || {};
      const own = layout.template.layout || {};
      layout.template.layout = Object.assign({}, own, streamlitTemplate,
        {xaxis: Object.assign({}, own.xaxis, streamlitTemplate.xaxis),
         yaxis: Object.assign({}, own.yaxis, streamlitTemplate.yaxis),
         margin: Object.assign({}, own.margin, streamlitTemplate.margin)});
    }
    layout.width = width;
    const gd = document.getElementById('chart');
    Plotly.purge(gd);
    const start = performance.now();
    await Plotly.newPlot(gd, figure.data, layout);
    times.push(performance.now() - start);
    const asked = gd._fullLayout.margin, used = gd._fullLayout._size;
    fits = ['l', 'r', 't', 'b'].every(side => used[side] <= asked[side] + 0.5);
  }
  return [times, fits];
}"""


def page_specs() -> list[tuple[str, str]]:
    """(label, spec JSON) of every chart of every page, as the page sends it on opening."""
    specs = []
    reference = AppTest.from_file(str(ROOT / "bench" / "reference_app.py")).run()
    specs.append(("reference page: its line", reference.get("plotly_chart")[0].proto.spec))
    for info in PAGES:
        app = AppTest.from_file(str(ROOT / "app_entry.py"), default_timeout=120).run()
        app.switch_page(info.file).run()
        for chart in app.get("plotly_chart"):
            layout = json.loads(chart.proto.spec).get("layout", {})
            panels = [a.get("text", "") for a in layout.get("annotations", [])
                      if a.get("xref") == "paper"]
            title = (layout.get("title") or {}).get("text") or (panels or [""])[0]
            title = title.replace("<b>", "").replace("</b>", "").split("<br>")[0]
            if not (layout.get("title") or {}).get("text") and len(panels) > 1:
                title = f"{len(panels)} panels: {title}, ..."
            specs.append((f"{info.title}: {title[:48]}", chart.proto.spec))
    return specs


def main() -> None:
    specs = page_specs()
    script = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_content("<div id='chart'></div>")
        page.add_script_tag(content=script)
        rows = []
        for label, spec in specs:
            times, fits = page.evaluate(DRAW, [spec, REPEATS, WIDTH, STREAMLIT_TEMPLATE])
            times = times[2:]  # the first draws warm up
            rows.append((label, len(spec), statistics.median(times), min(times), fits))
        browser.close()
    reference = rows[0][2]
    print(f"Plotly draw time per chart in headless Chromium at {WIDTH} px, "
          f"median (min) of {REPEATS - 2}")
    print(f"{'chart':64} {'bytes':>7} {'draw':>8} {'(min)':>7} {'ratio':>6} {'fits':>5}")
    for label, size, median, low, fits in rows:
        print(f"{label:64} {size:7d} {median:6.1f}ms {low:5.1f}ms {median / reference:6.2f} "
              f"{'yes' if fits else 'NO':>5}")


if __name__ == "__main__":
    main()
