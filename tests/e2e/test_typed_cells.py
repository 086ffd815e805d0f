"""Typing numbers into the laptop table in a real browser, in an en-US and a de-DE browser.

A typed cell is either read as meant ("0,5" and "50%" are 0.5, ",25" is 0.25, "1e-3" is
0.001) or refused with a message naming its row, column and text; it is never silently
stored as another number. What the page uses is read from the page address, which always
holds the table the model learns from; the expected address is built from Python's own
float() of the meant numbers with laptop.share_link.encode_table.
"""

import numpy as np
import pytest
from playwright.sync_api import expect

from laptop.share_link import encode_table
from tests.e2e.conftest import ARTIFACTS, DESKTOP
from tests.e2e.helpers import exception_texts
from tests.e2e.test_buy_the_laptop import (
    HEADER,
    PINK_X,
    ROW,
    SMALL_X,
    alerts,
    editor,
    grid_box,
    open_laptop,
    tutorial_rows,
    type_into_cell,
)

COLUMN = {"pink": 1, "small": 2}  # glide-data-grid column numbers (0 is the row marker)


@pytest.fixture(params=["en-US", "de-DE"])
def local_page(browser, app_server, request):
    """A fresh tab whose browser speaks en-US or de-DE (decimal point or decimal comma)."""
    context = browser.new_context(viewport=DESKTOP, locale=request.param)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"FAILED_typed_cells_{request.param}.png"),
                        full_page=True)
    context.close()


def type_cell(page, row: int, column: str, text: str) -> None:
    box = grid_box(page)
    x = box["x"] + (PINK_X if column == "pink" else SMALL_X)
    type_into_cell(page, x, box["y"] + HEADER + row * ROW + ROW // 2, text)


def shown_as(page, row: int, column: str, typed: str) -> None:
    """The grid shows the cell as typed (its accessibility table may lag a redraw)."""
    cell = editor(page).locator(f"#glide-cell-{COLUMN[column]}-{row}")
    expect(cell).to_have_text(typed, timeout=10_000)
    assert cell.inner_text() == typed


def table_in_address(page, want: str | None = None, timeout_ms: int = 15_000) -> str | None:
    """The table the page uses, as its address holds it; waits a while for `want`."""
    read = "() => new URLSearchParams(location.search).get('data')"
    for _ in range(timeout_ms // 250):
        if want is None or page.evaluate(read) == want:
            break
        page.wait_for_timeout(250)
    return page.evaluate(read)


def test_typed_numbers_are_read_as_meant_or_refused_by_name(local_page, app_server):
    page = local_page
    open_laptop(page, app_server.url)
    x, y = tutorial_rows()
    meant = [(0, "pink", "0,5", "0.5"), (1, "small", "50%", "0.5"), (2, "pink", ",25", "0.25"),
             (3, "pink", "1e-3", "0.001"), (5, "small", " 0.45 ", "0.45")]
    for row, column, typed, number in meant:
        type_cell(page, row, column, typed)
        x[row, 0 if column == "pink" else 1] = float(number)
        assert table_in_address(page, want=encode_table(x, y)) == encode_table(x, y), typed
    for row, column, typed, _ in meant:
        shown_as(page, row, column, typed)
    assert not [a for a in alerts(page) if "Row" in a]

    for typed, words in (("5", 'Row 5, pink: "5" is outside 0 to 1.'),
                         ("abc", 'Row 5, pink: "abc" is not a number.'),
                         ("1,000.5", 'Row 5, pink: "1,000.5" has both a comma and a dot')):
        type_cell(page, 4, "pink", typed)
        shown_as(page, 4, "pink", typed)  # kept as typed, not changed to 1
        page.get_by_text(words).wait_for()
        assert any(words in a and "last good table" in a for a in alerts(page))
        assert table_in_address(page) == encode_table(x, y)  # still the last good table
    np.testing.assert_array_equal(x[4], [0.9, 0.1])
    assert exception_texts(page) == []
