"""The Training page in a real browser: Next walks through the four stages, the address
follows, the diagram is drawn with its text alternative, and a step can be taken."""

import re

from tests.e2e.helpers import exception_texts, open_page, wait_for_app_run, wait_for_drawn_charts
from tests.e2e.test_chart_margins import _grown
from ui.site_map import page as page_info

URL = page_info("Training").url_path


def _heading(page, text: str) -> None:
    page.get_by_role("heading", level=2, name=text).wait_for(timeout=60_000)


def test_next_walks_through_the_stages_and_the_address_follows(page, app_server):
    open_page(page, app_server.url, URL, "row=3")
    _heading(page, "1. Forward pass")
    assert page.get_by_role("heading", level=1, name="Training").count() == 1
    for stage, heading in (("Loss", "2. Loss"), ("Backward", "3. Backward pass"),
                           ("Update", "4. Update")):
        page.get_by_role("button", name="Next stage").click()
        wait_for_app_run(page)
        _heading(page, heading)
        page.wait_for_url(re.compile(rf"stage={stage}"), timeout=30_000)
        if stage == "Backward":
            wait_for_drawn_charts(page, 1, timeout=60_000)
            diagram = page.get_by_role("figure", name=re.compile("^Network diagram"))
            assert diagram.count() == 1
            assert _grown(page) == []  # the chart fits the margins it asks for
    assert page.get_by_role("button", name="Next stage").is_disabled()
    wait_for_drawn_charts(page, 1, timeout=60_000)
    assert page.get_by_role("figure", name=re.compile("^Line chart of the loss")).count() == 1
    assert _grown(page) == []
    assert "row=3" in page.url
    # keyboard: Enter on the focused Previous button goes back one stage
    page.get_by_role("button", name="Previous stage").focus()
    page.keyboard.press("Enter")
    wait_for_app_run(page)
    _heading(page, "3. Backward pass")
    page.get_by_role("button", name="Next stage").focus()
    page.keyboard.press("Enter")
    wait_for_app_run(page)
    _heading(page, "4. Update")
    page.get_by_role("button", name="Take this step (Adam)").click()
    wait_for_app_run(page)
    page.get_by_text("1 step taken", exact=False).first.wait_for(timeout=30_000)
    page.wait_for_url(re.compile(r"steps=1"), timeout=30_000)
    assert exception_texts(page) == []
