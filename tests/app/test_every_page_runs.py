"""Every page runs under AppTest, through the real navigation, without an exception."""

import pytest
from streamlit.testing.v1 import AppTest

from ui.site_map import PAGES

ENTRY = "../../app_entry.py"


@pytest.mark.parametrize("info", PAGES, ids=[p.title for p in PAGES])
def test_page_runs_without_exception(info):
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    at.switch_page(info.file).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(info.title in t.value for t in at.title), [t.value for t in at.title]
